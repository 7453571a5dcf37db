"""Daily limits per KYC tier (USD, per calendar day in Africa/Nairobi) and step-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from services.wallet.rules.money import SATS_PER_BTC, ceil_div

NAIROBI = ZoneInfo("Africa/Nairobi")

SAVE = "save"
WITHDRAW = "withdraw"
TRANSFER = "transfer"
OPERATIONS = (SAVE, WITHDRAW, TRANSFER)

# users.v1 StepUpAction names per operation (the ErrorInfo metadata and the grant's `act`).
STEP_UP_ACTIONS = {
    SAVE: "STEP_UP_ACTION_SAVE",
    WITHDRAW: "STEP_UP_ACTION_WITHDRAWAL",
    TRANSFER: "STEP_UP_ACTION_TRANSFER",
}


@dataclass(frozen=True)
class TierLimits:
    """A tier's daily limits, USD minor units (cents)."""

    tier: int
    save: int
    withdraw: int
    transfer: int
    step_up_threshold: int

    def of(self, operation: str) -> int:
        return {SAVE: self.save, WITHDRAW: self.withdraw, TRANSFER: self.transfer}[operation]


# The users contract's published values; used only when the users service cannot be asked.
DEFAULT_TIER_LIMITS = {
    1: TierLimits(1, 10_000, 5_000, 2_500, 10_000),
    2: TierLimits(2, 100_000, 50_000, 25_000, 10_000),
    3: TierLimits(3, 1_000_000, 500_000, 250_000, 10_000),
}


def limit_day(now: datetime) -> str:
    """The calendar day in Nairobi that `now` counts towards, "YYYY-MM-DD"."""
    return now.astimezone(NAIROBI).date().isoformat()


def reset_time(now: datetime) -> datetime:
    """The next midnight in Nairobi, in UTC."""
    local = now.astimezone(NAIROBI)
    midnight = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=NAIROBI)
    return midnight.astimezone(UTC)


def usd_for_kes(kes_minor: int, kes_mid: int, usd_mid: int) -> int:
    """A KES amount's USD value (cents) through the BTC mid prices, rounded up."""
    return ceil_div(kes_minor * usd_mid, kes_mid)


def usd_for_sats(sats: int, usd_mid: int) -> int:
    """Sats' USD value (cents) at mid, rounded up (limits count conservatively)."""
    return ceil_div(sats * usd_mid, SATS_PER_BTC)


def needs_step_up(value_usd_minor: int, threshold_usd_minor: int) -> bool:
    """A single transaction worth more than the threshold needs a step-up grant."""
    return value_usd_minor > threshold_usd_minor


def fits(used: int, amount: int, limit: int) -> bool:
    return used + amount <= limit
