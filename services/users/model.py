"""The users service's domain objects (what storage returns and handlers translate to proto)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

# Platform roles, as stored and as carried in the access token's `roles` claim.
MEMBER, SUPPORT, ADMIN = "member", "support", "admin"
ROLES = (MEMBER, SUPPORT, ADMIN)

ACTIVE, SUSPENDED, ERASED = "active", "suspended", "erased"

FREQUENCIES = ("immediate", "daily", "weekly", "off")

CONSENT_TYPES = ("terms_of_service", "data_processing", "marketing", "voice_processing")

# Audit actions, as stored.
TIER_CHANGED = "tier_changed"
ROLES_CHANGED = "roles_changed"
STATUS_CHANGED = "status_changed"
USER_ERASED = "user_erased"
DATA_EXPORTED = "data_exported"


@dataclass(frozen=True)
class Consent:
    consent_type: str
    granted: bool
    policy_version: str = ""
    grant_time: datetime | None = None
    revoke_time: datetime | None = None


@dataclass(frozen=True)
class User:
    id: str
    phone_number: str | None
    display_name: str
    language_code: str
    voice_replies: bool
    notification_frequency: str
    kyc_tier: int
    roles: tuple[str, ...]
    status: str
    created_at: datetime
    updated_at: datetime
    erased_at: datetime | None = None
    consents: tuple[Consent, ...] = field(default_factory=tuple)

    @property
    def name(self) -> str:
        return f"users/{self.id}"


@dataclass(frozen=True)
class AuditEvent:
    seq: int
    id: str
    user_id: str
    action: str
    actor: str
    reason: str
    change: dict | None
    request_id: str
    created_at: datetime


@dataclass(frozen=True)
class TierLimits:
    tier: int
    currency_code: str
    daily_save_minor: int
    daily_withdrawal_minor: int
    daily_transfer_minor: int
    step_up_threshold_minor: int
    updated_at: datetime


@dataclass(frozen=True)
class StepUpChallenge:
    id: str
    user_id: str
    transaction_request_id: str
    action: str
    currency_code: str
    minor_units: int
    code_hash: str | None
    code_expires_at: datetime
    resend_at: datetime
    failures: int
    sends: int
    state: str
    created_at: datetime
    verified_at: datetime | None
