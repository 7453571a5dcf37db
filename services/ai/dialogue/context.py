"""What the assistant remembers of a conversation between messages (kept 24 hours), and what it
knows of the member from the users service at the start of a turn."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any

# Where onboarding stands. A member who is "ready" has an account, has consented and has a name.
NEW, CONSENT, LANGUAGE, NAME, READY = "new", "consent", "language", "name", "ready"

# Where a pending action stands (the contract's PendingActionState).
COLLECTING, CONFIRMING, STEP_UP = "collecting", "confirming", "step_up"


@dataclass(frozen=True)
class Member:
    """The member as the users service knows them (IssueServiceToken's user)."""

    user: str  # users/{id}
    display_name: str = ""
    language_code: str = "en"
    voice_replies: bool = False
    consented: bool = False  # terms of service and data processing both granted
    suspended: bool = False


@dataclass(frozen=True)
class Pending:
    """An action the member started and has not finished; nothing runs until it is confirmed."""

    intent: str  # e.g. INTENT_SEND; INTENT_UNSPECIFIED while we ask what to do with an amount
    state: str  # COLLECTING, CONFIRMING or STEP_UP
    details: dict[str, str] = field(default_factory=dict)
    awaiting: str = ""  # the detail asked for, while COLLECTING
    summary: str = ""  # the read-back, while CONFIRMING
    step_up_required: bool = False
    expires_at: datetime | None = None
    request_id: str = ""  # the wallet request's idempotency key, fixed at the read-back
    clarify: bool = False  # a "did you mean …?" question rather than a money read-back
    challenge: str = ""  # the step-up challenge, while STEP_UP
    step_up_action: str = ""
    step_up_currency: str = ""
    step_up_minor_units: int = 0

    def expired(self, now: datetime) -> bool:
        return self.expires_at is not None and now >= self.expires_at

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["expires_at"] = self.expires_at.isoformat() if self.expires_at else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Pending:
        data = dict(data)
        expires = data.get("expires_at")
        data["expires_at"] = datetime.fromisoformat(expires) if expires else None
        return cls(**data)


@dataclass(frozen=True)
class Context:
    phone: str  # E.164
    language: str = "en"
    stage: str = NEW
    user: str = ""
    name: str = ""
    voice_replies: bool = False
    last_intent: str = "INTENT_UNSPECIFIED"
    pending: Pending | None = None

    def but(self, **changes: Any) -> Context:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["pending"] = self.pending.to_dict() if self.pending else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Context:
        data = dict(data)
        known = {name for name in cls.__dataclass_fields__}
        data = {key: value for key, value in data.items() if key in known}
        pending = data.get("pending")
        data["pending"] = Pending.from_dict(pending) if pending else None
        return cls(**data)
