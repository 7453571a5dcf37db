"""Daily tier limits (USD) and step-up for large transactions.

The member's tier comes from the access token's `tier` claim (users signs it); the tier's limits
from the users service. A single save, withdrawal or transfer worth more than the tier's
step_up_threshold (USD 100) needs a step-up grant, checked offline against the JWKS with the
users service's `verify_step_up_grant`: for this caller, this request_id, this action, and an
amount at least the value shown to the user (in the currency shown). A sats amount is shown in
KES at the mid price, which moves between the first attempt and the retry, so for those the grant
may be up to `SATS_VALUE_TOLERANCE_BPS` smaller than the value now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.runtime.auth import Caller, TokenVerifier, verify_step_up_grant
from services.runtime.errors import FailedPrecondition, Precondition, ResourceExhausted
from services.wallet.adapters.users import Directory
from services.wallet.rules.limits import (
    OPERATIONS,
    STEP_UP_ACTIONS,
    TierLimits,
    limit_day,
    needs_step_up,
    reset_time,
)
from services.wallet.storage import idempotency as keys
from services.wallet.storage import usage
from services.wallet.storage.store import Store

SATS_VALUE_TOLERANCE_BPS = 200  # 2%


@dataclass(frozen=True)
class Valuation:
    """What one operation is worth: USD cents for limits, and the value shown to the user."""

    usd_minor: int
    currency: str  # the currency the user sees the amount in
    minor_units: int
    from_sats: bool = False  # valued from a sats amount at the moving mid price


def limit_exceeded(operation: str, remaining: int, at: datetime) -> ResourceExhausted:
    return ResourceExhausted(
        "LIMIT_EXCEEDED",
        f"This would pass your daily {operation} limit.",
        metadata={
            "operation": operation,
            "remaining_usd_minor": str(max(remaining, 0)),
            "reset_time": reset_time(at).isoformat().replace("+00:00", "Z"),
        },
    )


def insufficient_funds(available: int, needed: int) -> FailedPrecondition:
    return FailedPrecondition(
        "INSUFFICIENT_FUNDS",
        "Your wallet does not have enough available sats for this.",
        metadata={"available_sats": str(max(available, 0)), "needed_sats": str(needed)},
        preconditions=[
            Precondition("FUNDS", "available_sats", "available_sats is lower than the amount")
        ],
    )


class Limits:
    def __init__(self, store: Store, directory: Directory, verifier: TokenVerifier) -> None:
        self._store = store
        self._directory = directory
        self._verifier = verifier

    async def of(self, tier: int) -> TierLimits:
        return await self._directory.tier_limits(tier if tier in (1, 2, 3) else 1)

    async def require_step_up_unless_retry(
        self,
        caller: Caller,
        request_id: str,
        fingerprint: str,
        operation: str,
        value: Valuation,
        step_up_token: str,
        limits: TierLimits,
    ) -> None:
        """`require_step_up`, except for a retry of the request already made under this id (it
        replays, its grant was checked then); an id last seen on another request cannot vouch
        for this one: IDEMPOTENCY_KEY_REUSED."""
        if not needs_step_up(value.usd_minor, limits.step_up_threshold):
            return
        async with self._store.read() as conn:
            row = await keys.lookup(conn, caller.subject, request_id)
        if row is None:
            await self.require_step_up(caller, request_id, operation, value, step_up_token, limits)
        elif row.fingerprint != fingerprint:
            raise keys.key_reused()

    async def require_step_up(
        self,
        caller: Caller,
        request_id: str,
        operation: str,
        value: Valuation,
        step_up_token: str,
        limits: TierLimits,
    ) -> None:
        """Nothing when the operation is small enough or carries a valid grant; otherwise
        FAILED_PRECONDITION STEP_UP_REQUIRED or PERMISSION_DENIED STEP_UP_INVALID."""
        if not needs_step_up(value.usd_minor, limits.step_up_threshold):
            return
        action = STEP_UP_ACTIONS[operation]
        if not step_up_token:
            raise FailedPrecondition(
                "STEP_UP_REQUIRED",
                "This amount needs a one-time code: verify it, then send the same request again "
                "with the grant.",
                metadata={
                    "action": action,
                    "currency_code": value.currency,
                    "minor_units": str(value.minor_units),
                },
                preconditions=[
                    Precondition("STEP_UP", "step_up_token", "a step-up grant is required")
                ],
            )
        needed = value.minor_units
        if value.from_sats:
            needed = needed * (10_000 - SATS_VALUE_TOLERANCE_BPS) // 10_000
        await verify_step_up_grant(
            self._verifier,
            step_up_token,
            caller=caller,
            transaction_request_id=request_id,
            action=action,
            currency_code=value.currency,
            minor_units=needed,
        )

    async def usage(self, account_id: str, limits: TierLimits, at: datetime) -> dict:
        """Today's limit, use and remaining per operation (USD cents)."""
        day = limit_day(at)
        out = {}
        async with self._store.read() as conn:
            for operation in OPERATIONS:
                used = await usage.used(conn, account_id, day, operation)
                limit = limits.of(operation)
                out[operation] = (limit, used, max(limit - used, 0))
        return out
