"""What the rules ask the shell to do as the member, and what comes back.

Every request carries a `label`; the shell derives the call's idempotency key from the turn id
and the label, so a retried turn repeats the same calls and each takes effect once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from services.ai.dialogue.context import Member, Pending

# --- requests -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CreateAccount:
    """IssueServiceToken creating the user, then UpdateUser: consents and language."""

    language: str
    policy_version: str
    label: str = "create-account"


@dataclass(frozen=True)
class UpdateProfile:
    display_name: str | None = None
    language: str | None = None
    voice_replies: bool | None = None
    label: str = "profile"


@dataclass(frozen=True)
class FetchBalance:
    label: str = "balance"


@dataclass(frozen=True)
class FetchPrice:
    """The price, to show it (`for_readback` False) or to read a pending action back."""

    for_readback: bool = False
    label: str = "price"


@dataclass(frozen=True)
class FetchStatement:
    page_size: int = 5
    label: str = "statement"


@dataclass(frozen=True)
class Execute:
    """Run the confirmed pending action (with the step-up grant once there is one)."""

    pending: Pending
    step_up_token: str = ""
    label: str = "execute"


@dataclass(frozen=True)
class StartStepUp:
    transaction_request_id: str
    action: str  # users.v1 StepUpAction name
    currency_code: str
    minor_units: int
    label: str = "step-up-start"


@dataclass(frozen=True)
class VerifyStepUp:
    challenge: str
    code: str
    label: str = "step-up-verify"


# --- outcomes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Failure:
    """A service said no (or could not be reached). `reason` is its ErrorInfo reason."""

    reason: str
    code: str = ""  # the gRPC status name, e.g. FAILED_PRECONDITION
    metadata: dict[str, str] = field(default_factory=dict)
    retry_after_seconds: float | None = None


@dataclass(frozen=True)
class Done:
    pass


@dataclass(frozen=True)
class AccountReady:
    member: Member


@dataclass(frozen=True)
class Balance:
    balance_sats: int
    available_sats: int
    pending_in_sats: int
    value_kes_minor: int | None  # None when no fresh price


@dataclass(frozen=True)
class Price:
    mid_kes: int  # minor units per BTC
    buy_kes: int
    sell_kes: int
    mid_usd: int
    as_of: datetime | None = None


@dataclass(frozen=True)
class StatementLine:
    kind: str  # TransactionType name without its prefix, lower case: "deposit", "transfer_in"…
    amount_sats: int  # signed: + in, − out
    fiat_minor: int | None
    fiat_code: str
    time: datetime
    counterparty: str = ""  # a name or number, when the line has one


@dataclass(frozen=True)
class Statement:
    lines: tuple[StatementLine, ...]
    balance_sats: int | None = None


@dataclass(frozen=True)
class DepositStarted:
    name: str
    state: str  # DepositState name without prefix: "pending", "failed", "completed"…
    failure_reason: str = ""  # DepositFailureReason without prefix, lower case
    amount_sats: int = 0


@dataclass(frozen=True)
class WithdrawalStarted:
    state: str  # WithdrawalState without prefix
    fiat_minor: int
    amount_sats: int
    failure_reason: str = ""


@dataclass(frozen=True)
class Transferred:
    amount_sats: int
    fiat_minor: int
    fiat_code: str
    recipient_phone: str
    recipient_name: str = ""


@dataclass(frozen=True)
class PlanCreated:
    next_run: datetime | None


@dataclass(frozen=True)
class GoalCreated:
    progress_percent: int


@dataclass(frozen=True)
class AlertCreated:
    pass


@dataclass(frozen=True)
class StepUpStarted:
    challenge: str
    expires_at: datetime | None


@dataclass(frozen=True)
class StepUpGranted:
    token: str
