"""A service's refusal as a plain explanation with what to do next — never a code or a trace."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from services.ai.dialogue import amounts
from services.ai.dialogue.clock import hours_until
from services.ai.dialogue.phrases import say
from services.ai.dialogue.requests import Failure
from services.runtime.phone_numbers import display_phone

_OPERATIONS = {"save", "withdraw", "transfer"}
_OPERATION_OF_INTENT = {
    "INTENT_SAVE": "save",
    "INTENT_DCA_SETUP": "save",
    "INTENT_WITHDRAW": "withdraw",
    "INTENT_SEND": "transfer",
}
_TOO_MANY = {
    "TOO_MANY_GOALS": "things.goals",
    "TOO_MANY_SAVINGS_PLANS": "things.plans",
    "TOO_MANY_PRICE_ALERTS": "things.alerts",
}


def _operation(failure: Failure, intent: str) -> str:
    stated = failure.metadata.get("operation", "").lower()
    for operation in _OPERATIONS:
        if operation in stated:
            return operation
    return _OPERATION_OF_INTENT.get(intent, "transfer")


def _limit(failure: Failure, intent: str, language: str, now: datetime) -> str:
    operation = _operation(failure, intent)
    remaining = "USD 0"
    try:
        minor = int(failure.metadata.get("remaining_usd_minor_units", "0"))
        remaining = f"USD {amounts.grouped(Decimal(max(minor, 0)) / 100)}"
    except ValueError:
        pass
    hours = ""
    reset = failure.metadata.get("reset_time", "")
    try:
        reset_at = datetime.fromisoformat(reset.replace("Z", "+00:00"))
        hours = say(language, "failure.limit.hours", hours=hours_until(reset_at, now))
    except ValueError:
        hours = say(language, "failure.limit.hours", hours=24 - now.hour if now.hour else 24)
    return say(
        language,
        "failure.limit",
        operation=say(language, f"operation.{operation}"),
        verb=say(language, f"operation_verb.{operation}"),
        remaining=remaining,
        hours=hours,
    )


def explain(
    failure: Failure, language: str, now: datetime, intent: str = "", recipient: str = ""
) -> str:
    reason = failure.reason
    if reason == "LIMIT_EXCEEDED":
        return _limit(failure, intent, language, now)
    if reason == "INSUFFICIENT_FUNDS":
        available = failure.metadata.get("available_sats", "")
        extra = (
            say(
                language,
                "failure.funds.available",
                sats=amounts.sats_text(int(available), language),
            )
            if available.isdigit()
            else ""
        )
        return say(language, "failure.funds", available=extra)
    if reason == "RECIPIENT_NOT_FOUND":
        return say(
            language,
            "failure.recipient_unknown",
            phone=display_phone(recipient) if recipient else "That number",
        )
    if reason == "SELF_TRANSFER":
        return say(language, "own_number")
    if reason == "INVALID_PHONE_NUMBER":
        return say(language, "failure.bad_phone")
    if reason == "PRICE_UNAVAILABLE":
        return say(language, "failure.price")
    if reason == "MPESA_UNAVAILABLE":
        return say(language, "failure.mpesa")
    if reason in ("USER_SUSPENDED", "USER_ERASED"):
        return say(language, "suspended")
    if reason in _TOO_MANY:
        return say(language, "failure.too_many", things=say(language, _TOO_MANY[reason]))
    if reason == "PRICE_ALREADY_CROSSED":
        return say(language, "failure.price_crossed")
    if reason == "STEP_UP_SEND_THROTTLED":
        return say(language, "failure.busy")
    if failure.code == "INVALID_ARGUMENT":
        return say(language, "failure.invalid")
    return say(language, "failure.generic")
