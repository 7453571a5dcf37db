"""Actions a member starts: saving, withdrawing, sending, a savings plan, a goal, a price alert.

Details are asked for one at a time; every money movement is read back with its value ("Send KES
200 (≈ 1,650 sats) to +254 712 345 678? Reply YES or NO") and runs only on YES before the read-back
expires, with the step-up code when the wallet asks for one. Goals and price alerts move no money
and run as soon as their details are complete."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from services.ai.dialogue import amounts
from services.ai.dialogue.context import COLLECTING, CONFIRMING, STEP_UP, Context, Pending
from services.ai.dialogue.explanations import explain
from services.ai.dialogue.phrases import say
from services.ai.dialogue.requests import (
    AlertCreated,
    DepositStarted,
    Execute,
    Failure,
    FetchPrice,
    GoalCreated,
    PlanCreated,
    Price,
    StartStepUp,
    StepUpGranted,
    StepUpStarted,
    Transferred,
    VerifyStepUp,
    WithdrawalStarted,
)
from services.ai.dialogue.situation import Situation, reply
from services.ai.dialogue.turns import Button, Step
from services.ai.understanding import read_details
from services.runtime.phone_numbers import display_phone

SAVE, WITHDRAW, SEND = "INTENT_SAVE", "INTENT_WITHDRAW", "INTENT_SEND"
DCA, GOAL, ALERT = "INTENT_DCA_SETUP", "INTENT_SET_GOAL", "INTENT_PRICE_ALERT"
UNSPECIFIED, UNKNOWN = "INTENT_UNSPECIFIED", "INTENT_UNKNOWN"
CONFIRM, CANCEL = "INTENT_CONFIRM", "INTENT_CANCEL"

# The details each action needs, in the order they are asked for.
REQUIRED: dict[str, tuple[str, ...]] = {
    SAVE: ("amount",),
    WITHDRAW: ("amount",),
    SEND: ("amount", "recipient_phone"),
    DCA: ("amount", "frequency"),
    GOAL: ("goal_name", "amount"),
    ALERT: ("amount", "direction"),
}
ACTIONS = frozenset(REQUIRED)
# Actions that move money: read back, and run only on YES.
READ_BACK = frozenset({SAVE, WITHDRAW, SEND, DCA})
# Details a member may correct while a read-back waits ("change it to 500").
CORRECTABLE = ("amount", "currency", "recipient_phone", "recipient_name", "frequency", "direction")

# M-Pesa's per-payment ranges (wallet contract): deposits KES 1–250,000, payouts KES 10–250,000.
DEPOSIT_RANGE = (1, 250_000)
PAYOUT_RANGE = (10, 250_000)

_CODE = re.compile(r"(?<!\d)(\d{3})[ -]?(\d{3})(?!\d)")
_RESEND_WORDS = ("resend", "send again", "new code", "another code", "tuma tena", "code mpya")
# A person's name on its own ("Wanjiku", "Mama Njeri"): one to three words of letters.
_NAME = re.compile(r"\s*[^\W\d_]{2,}(?:[ '-][^\W\d_]+){0,2}\s*")
_ABOVE_WORDS = {"above", "up", "over", "higher", "juu", "ikipanda", "panda", "zaidi"}
_BELOW_WORDS = {"below", "down", "under", "lower", "chini", "ikishuka", "shuka"}


# --- starting and collecting ----------------------------------------------------------------


def start(context: Context, sit: Situation, intent: str, details: dict[str, str]) -> Step:
    """A new action, replacing any pending one."""
    pending = Pending(intent=intent, state=COLLECTING, details=_usable(intent, details))
    return proceed(context, sit, pending)


def _usable(intent: str, details: dict[str, str]) -> dict[str, str]:
    wanted = set(REQUIRED.get(intent, ())) | {"currency", "recipient_name"}
    return {key: value for key, value in details.items() if key in wanted}


def proceed(context: Context, sit: Situation, pending: Pending) -> Step:
    """Ask for what is missing, or read back, or (no money moves) run."""
    language = context.language
    details = dict(pending.details)
    problem = ""
    if "amount" in details:
        problem, keep = _amount_problem(pending.intent, details, language)
        if not keep:
            details.pop("amount", None)
            details.pop("currency", None)
    if details.get("recipient_phone") and details["recipient_phone"] == context.phone:
        problem = say(language, "own_number")
        details.pop("recipient_phone")
    missing = [name for name in REQUIRED[pending.intent] if name not in details]
    pending = replace(pending, details=details)
    if missing:
        return _ask(context, sit, pending, missing[0], problem)
    if pending.intent in READ_BACK:
        collected = replace(
            pending, state=COLLECTING, awaiting="", expires_at=sit.now + sit.policy.collecting_ttl
        )
        return Step(context.but(pending=collected), request=FetchPrice(for_readback=True))
    return Step(context.but(pending=None), request=Execute(pending))


def _amount_problem(intent: str, details: dict[str, str], language: str) -> tuple[str, bool]:
    """What is wrong with the amount for this action ("" when nothing), and whether to keep it."""
    value = amounts.parse(details.get("amount"))
    currency = details.get("currency", amounts.KES)
    if value is None:
        return say(language, "amount_unusable"), False
    if intent in (SAVE, DCA) or (intent == WITHDRAW and currency in (amounts.KES, amounts.USD)):
        if currency != amounts.KES:
            return say(language, "shillings_only", verb=say(language, f"verb.{intent}")), False
        if not amounts.is_whole(value):
            return say(language, "whole_shillings"), False
        low, high = PAYOUT_RANGE if intent == WITHDRAW else DEPOSIT_RANGE
        if not low <= value <= high:
            return (
                say(
                    language,
                    "amount_range",
                    minimum=amounts.stated(Decimal(low), amounts.KES, language),
                    maximum=amounts.stated(Decimal(high), amounts.KES, language),
                ),
                False,
            )
        return "", True
    if currency in (amounts.SATS, amounts.BTC):
        if intent == ALERT:
            return say(language, "alert_currency"), False
        count = amounts.sats_of(value, currency)
        if count is None or count <= 0:
            return say(language, "amount_unusable"), False
        return "", True
    if not amounts.has_at_most_decimals(value, 2):
        return say(language, "amount_unusable"), False
    return "", True


def _ask(context: Context, sit: Situation, pending: Pending, detail: str, problem: str) -> Step:
    language = context.language
    buttons: tuple[Button, ...] = ()
    if detail == "amount":
        question = say(language, f"ask.amount.{pending.intent}")
    elif detail == "recipient_phone":
        name = pending.details.get("recipient_name")
        question = (
            say(language, "ask.recipient_phone_of", name=name)
            if name
            else say(language, "ask.recipient_phone")
        )
    elif detail == "frequency":
        question = say(language, "ask.frequency")
        buttons = tuple(
            Button(f"detail:frequency:FREQUENCY_{name.upper()}", say(language, f"button.{name}"))
            for name in ("daily", "weekly", "monthly")
        )
    elif detail == "direction":
        question = say(language, "ask.direction")
        buttons = tuple(
            Button(f"detail:direction:DIRECTION_{name.upper()}", say(language, f"button.{name}"))
            for name in ("above", "below")
        )
    else:
        question = say(language, "ask.goal_name")
    pending = replace(
        pending,
        state=COLLECTING,
        awaiting=detail,
        summary="",
        expires_at=sit.now + sit.policy.collecting_ttl,
    )
    # A problem with the amount already says what to send instead.
    text = problem if problem and detail == "amount" else f"{problem} {question}".strip()
    return Step(context.but(pending=pending), (reply(context, text, buttons),))


def ask_again(context: Context, sit: Situation) -> Step:
    pending = context.pending
    assert pending is not None
    return _ask(context, sit, pending, pending.awaiting or "amount", "")


def _answer(sit: Situation, pending: Pending) -> dict[str, str]:
    """The details this message gives for the pending action."""
    text = sit.text.strip()
    found: dict[str, str] = {}
    if pending.intent in ACTIONS and text:
        found.update(read_details(text, pending.intent))
    found.update(sit.interpretation.details)
    if pending.awaiting == "direction" and "direction" not in found:
        words = set(re.findall(r"\w+", text.lower()))
        if words & _ABOVE_WORDS:
            found["direction"] = "DIRECTION_ABOVE"
        elif words & _BELOW_WORDS:
            found["direction"] = "DIRECTION_BELOW"
    if (
        pending.awaiting == "goal_name"
        and "goal_name" not in found
        and text
        and not text.endswith("?")
        and not amounts.parse(found.get("amount"))
    ):
        name = re.sub(r"^(for|ya|kwa|ni)\s+", "", text, flags=re.IGNORECASE).strip(" .!").lower()
        if name:
            found["goal_name"] = name[:60]
    if (
        pending.awaiting == "recipient_phone"
        and "recipient_phone" not in found
        and _NAME.fullmatch(text)
        and sit.interpretation.intent in (UNKNOWN, pending.intent)
    ):
        found["recipient_name"] = text.strip().title() if text.islower() else text.strip()
    if pending.intent in ACTIONS:
        found = _usable(pending.intent, found)
    return found


def _switches_topic(sit: Situation, pending_intent: str) -> bool:
    """The message clearly asks for something else."""
    intent = sit.interpretation.intent
    return (
        intent not in (UNKNOWN, CONFIRM, pending_intent)
        and sit.interpretation.confidence >= sit.policy.min_confidence
    )


def collecting(context: Context, sit: Situation) -> Step | None:
    """The member answers the question asked; None when the message is about something else."""
    pending = context.pending
    assert pending is not None
    intent = sit.interpretation.intent
    if pending.intent == UNSPECIFIED:  # "what would you like to do with KES 500?"
        if intent in ACTIONS:
            return start(context, sit, intent, {**pending.details, **sit.interpretation.details})
        if intent == CANCEL:
            return cancel(context)
        return None
    answer = _answer(sit, pending)
    if intent == CANCEL and not answer.get("amount"):
        return cancel(context)
    if answer and not _switches_topic(sit, pending.intent):
        merged = {**pending.details, **answer}
        previous = pending.details.get("recipient_phone")
        new_number = previous is not None and previous != answer.get("recipient_phone")
        if "recipient_phone" in answer and "recipient_name" not in answer and new_number:
            merged.pop("recipient_name", None)
        return proceed(context, sit, replace(pending, details=merged))
    if _switches_topic(sit, pending.intent):
        return None
    return ask_again(context, sit)


def cancel(context: Context) -> Step:
    return Step(context.but(pending=None), (reply(context, say(context.language, "cancelled")),))


# --- read-back and confirmation -------------------------------------------------------------


def _recipient(details: dict[str, str]) -> str:
    phone = display_phone(details["recipient_phone"])
    name = details.get("recipient_name")
    return f"{name} ({phone})" if name else phone


def _stated(details: dict[str, str], language: str) -> str:
    value = amounts.parse(details["amount"])
    assert value is not None
    return amounts.stated(value, details.get("currency", amounts.KES), language)


def _value(pending: Pending, price: Price | None, language: str) -> tuple[str, int | None]:
    """The other side of the amount (" (≈ 1,650 sats)") and its USD value in cents, when a price
    gives them."""
    if price is None:
        return "", None
    details = pending.details
    value = amounts.parse(details["amount"])
    assert value is not None
    currency = details.get("currency", amounts.KES)
    sats = amounts.sats_of(value, currency)
    if sats is not None:  # stated in sats or BTC: show the shillings
        fiat_price = price.sell_kes if pending.intent == WITHDRAW else price.mid_kes
        kes_minor = amounts.fiat_for_sats(sats, fiat_price)
        usd_minor = amounts.fiat_for_sats(sats, price.mid_usd)
        return f" (≈ {amounts.fiat_minor_text(kes_minor)})", usd_minor
    minor = amounts.to_minor(value)
    if currency == amounts.USD:
        sats = amounts.sats_for_fiat(minor, price.mid_usd)
        usd_minor = minor
    else:
        rate = {SAVE: price.buy_kes, WITHDRAW: price.sell_kes}.get(pending.intent, price.mid_kes)
        sats = amounts.sats_for_fiat(minor, rate, round_up=pending.intent == WITHDRAW)
        usd_minor = minor * price.mid_usd // price.mid_kes if price.mid_kes else None
    return f" (≈ {amounts.sats_text(sats, language)})", usd_minor


def read_back(context: Context, sit: Situation, outcome: object) -> Step:
    pending = context.pending
    if pending is None:  # nothing to read back (cannot happen in one turn)
        return Step(context)
    language = context.language
    price = outcome if isinstance(outcome, Price) else None
    details = pending.details
    if pending.intent == DCA:
        summary = say(
            language,
            "readback.INTENT_DCA_SETUP",
            amount=_stated(details, language),
            frequency=say(language, f"frequency.{details['frequency']}"),
        )
        step_up = False
    else:
        approx, usd_minor = _value(pending, price, language)
        step_up = usd_minor is not None and usd_minor > sit.policy.step_up_threshold_usd_minor
        values = {"amount": _stated(details, language), "approx": approx}
        if pending.intent == SEND:
            values["recipient"] = _recipient(details)
        summary = say(language, f"readback.{pending.intent}", **values)
        if step_up:
            question = summary.rfind("?")
            note = say(language, "readback.step_up_note")
            summary = summary[:question] + note + summary[question:]
    confirming = replace(
        pending,
        state=CONFIRMING,
        awaiting="",
        summary=summary,
        step_up_required=step_up,
        request_id=sit.derived_id("transaction"),
        expires_at=sit.now + sit.policy.confirmation_ttl,
    )
    buttons = (
        Button("confirm:yes", say(language, "yes_button")),
        Button("confirm:no", say(language, "no_button")),
    )
    return Step(context.but(pending=confirming), (reply(context, summary, buttons),))


def confirming(context: Context, sit: Situation) -> Step | None:
    """YES runs it, NO drops it, a new amount or number is read back again; None when the
    message is about something else."""
    pending = context.pending
    assert pending is not None
    intent = sit.interpretation.intent
    correction = {
        key: value
        for key, value in _answer(sit, replace(pending, awaiting="")).items()
        if key in CORRECTABLE
    }
    if intent == CONFIRM and not correction:
        return Step(context, request=Execute(pending))
    if intent == CANCEL and not correction:
        return cancel(context)
    if correction and intent in (UNKNOWN, CONFIRM, CANCEL, pending.intent):
        merged = {**pending.details, **correction}
        if "recipient_phone" in correction and "recipient_name" not in correction:
            merged.pop("recipient_name", None)
        if "amount" in correction and "currency" not in correction:
            merged["currency"] = amounts.KES
        return proceed(context, sit, replace(pending, state=COLLECTING, details=merged))
    if _switches_topic(sit, pending.intent):
        return None
    return Step(context, (reply(context, say(context.language, "confirm_or_cancel")),))


# --- running it -----------------------------------------------------------------------------


def executed(context: Context, sit: Situation, request: Execute, outcome: object) -> Step:
    language = context.language
    pending = request.pending
    done = context.but(pending=None)
    if isinstance(outcome, DepositStarted):
        if outcome.state in ("failed", "expired"):
            return Step(done, (reply(done, say(language, "failure.mpesa_rejected")),))
        amount = _stated(pending.details, language)
        # M-Pesa's answer comes later: the wallet reports it and the notification service tells
        # the member (a receipt, or why nothing was charged).
        return Step(done, (reply(done, say(language, "deposit.started", amount=amount)),))
    if isinstance(outcome, WithdrawalStarted):
        if outcome.state == "failed":
            return Step(done, (reply(done, say(language, "failure.withdrawal_failed")),))
        text = say(
            language,
            "withdrawal.started",
            amount=amounts.fiat_minor_text(outcome.fiat_minor),
            sats=amounts.sats_text(outcome.amount_sats, language),
        )
        return Step(done, (reply(done, text),))
    if isinstance(outcome, Transferred):
        recipient = display_phone(outcome.recipient_phone)
        name = outcome.recipient_name or pending.details.get("recipient_name")
        text = say(
            language,
            "transfer.done",
            sats=amounts.sats_text(outcome.amount_sats, language),
            amount=amounts.fiat_minor_text(outcome.fiat_minor, outcome.fiat_code or "KES"),
            recipient=f"{name} ({recipient})" if name else recipient,
        )
        return Step(done, (reply(done, text),))
    if isinstance(outcome, PlanCreated):
        from services.ai.dialogue.clock import short_date_time

        next_run = (
            say(language, "plan.next_run", when=short_date_time(outcome.next_run, language))
            if outcome.next_run
            else ""
        )
        text = say(
            language,
            "plan.created",
            amount=_stated(pending.details, language),
            frequency=say(language, f"frequency.{pending.details['frequency']}"),
            next_run=next_run,
        )
        return Step(done, (reply(done, text),))
    if isinstance(outcome, GoalCreated):
        text = say(
            language,
            "goal.created",
            goal=pending.details["goal_name"],
            amount=_stated(pending.details, language),
            percent=outcome.progress_percent,
        )
        return Step(done, (reply(done, text),))
    if isinstance(outcome, AlertCreated):
        text = say(
            language,
            "alert.created",
            direction=say(language, f"direction.{pending.details['direction']}"),
            price=_stated(pending.details, language),
        )
        return Step(done, (reply(done, text),))
    failure = outcome if isinstance(outcome, Failure) else Failure("UNKNOWN")
    if failure.reason == "STEP_UP_REQUIRED":
        return _need_step_up(context, pending, failure)
    return _failed(context, sit, pending, failure)


def _failed(context: Context, sit: Situation, pending: Pending, failure: Failure) -> Step:
    """Explain; where a different amount or number would do, keep the action and ask for it."""
    recipient = pending.details.get("recipient_phone", "")
    text = explain(failure, context.language, sit.now, pending.intent, recipient)
    retry_detail = {
        "LIMIT_EXCEEDED": "amount",
        "INSUFFICIENT_FUNDS": "amount",
        "RECIPIENT_NOT_FOUND": "recipient_phone",
        "SELF_TRANSFER": "recipient_phone",
        "INVALID_PHONE_NUMBER": "recipient_phone",
    }.get(failure.reason)
    if retry_detail and retry_detail in REQUIRED.get(pending.intent, ()):
        details = dict(pending.details)
        for key in (retry_detail, "currency" if retry_detail == "amount" else "recipient_name"):
            details.pop(key, None)
        kept = replace(
            pending,
            state=COLLECTING,
            details=details,
            awaiting=retry_detail,
            summary="",
            request_id="",
            challenge="",
            expires_at=sit.now + sit.policy.collecting_ttl,
        )
        return Step(context.but(pending=kept), (reply(context, text),))
    return Step(context.but(pending=None), (reply(context, text),))


def _need_step_up(context: Context, pending: Pending, failure: Failure) -> Step:
    metadata = failure.metadata
    action = metadata.get("action") or {
        SAVE: "STEP_UP_ACTION_SAVE",
        WITHDRAW: "STEP_UP_ACTION_WITHDRAWAL",
        SEND: "STEP_UP_ACTION_TRANSFER",
    }.get(pending.intent, "STEP_UP_ACTION_TRANSFER")
    currency = metadata.get("currency_code") or amounts.FIAT_CODES.get(
        pending.details.get("currency", amounts.KES), "KES"
    )
    try:
        minor = int(metadata.get("minor_units", ""))
    except ValueError:
        value = amounts.parse(pending.details.get("amount")) or Decimal(0)
        minor = amounts.to_minor(value)
    waiting = replace(
        pending,
        state=STEP_UP,
        step_up_required=True,
        step_up_action=action,
        step_up_currency=currency,
        step_up_minor_units=minor,
    )
    return Step(
        context.but(pending=waiting),
        request=StartStepUp(pending.request_id, action, currency, minor),
    )


def step_up_started(
    context: Context, sit: Situation, request: StartStepUp, outcome: object
) -> Step:
    pending = context.pending
    if pending is None:
        return Step(context)
    language = context.language
    if isinstance(outcome, StepUpStarted):
        expires = sit.now + sit.policy.step_up_ttl
        if outcome.expires_at is not None:
            expires = max(expires, outcome.expires_at)
        waiting = replace(pending, challenge=outcome.challenge, expires_at=expires)
        if request.label == "step-up-resend":
            text = say(language, "step_up.resent")
        else:
            text = say(language, "step_up.sent", what=_what(pending, language))
        return Step(context.but(pending=waiting), (reply(context, text),))
    failure = outcome if isinstance(outcome, Failure) else Failure("UNKNOWN")
    if failure.reason == "STEP_UP_SEND_THROTTLED" and pending.challenge:
        return Step(context, (reply(context, explain(failure, language, sit.now)),))
    return Step(context.but(pending=None), (reply(context, explain(failure, language, sit.now)),))


def _what(pending: Pending, language: str) -> str:
    values = {"amount": _stated(pending.details, language)}
    if pending.intent == SEND:
        values["recipient"] = _recipient(pending.details)
    return say(language, f"what.{pending.intent}", **values)


def step_up_input(context: Context, sit: Situation) -> Step | None:
    """The member answers the step-up question: a code, RESEND or NO; None when the message is
    about something else (the approval keeps waiting)."""
    pending = context.pending
    assert pending is not None
    text = sit.text.lower()
    if code := _CODE.search(sit.text):
        return Step(context, request=VerifyStepUp(pending.challenge, code.group(1) + code.group(2)))
    if any(words in text for words in _RESEND_WORDS):
        return Step(
            context,
            request=StartStepUp(
                pending.request_id,
                pending.step_up_action,
                pending.step_up_currency,
                pending.step_up_minor_units,
                label="step-up-resend",
            ),
        )
    intent = sit.interpretation.intent
    if intent == CANCEL:
        return cancel(context)
    if _switches_topic(sit, pending.intent):
        return None
    return Step(context, (reply(context, say(context.language, "step_up.ask_code")),))


def step_up_verified(context: Context, sit: Situation, outcome: object) -> Step:
    pending = context.pending
    if pending is None:
        return Step(context)
    language = context.language
    if isinstance(outcome, StepUpGranted):
        return Step(context, request=Execute(pending, step_up_token=outcome.token))
    failure = outcome if isinstance(outcome, Failure) else Failure("UNKNOWN")
    if failure.reason == "OTP_INVALID":
        left = failure.metadata.get("attempts_remaining", "")
        if left == "0":
            return Step(
                context.but(pending=None), (reply(context, say(language, "step_up.burned")),)
            )
        text = say(language, "step_up.wrong", left=left or "a few")
        return Step(context, (reply(context, text),))
    if failure.reason == "OTP_EXPIRED":
        return Step(context, (reply(context, say(language, "step_up.expired")),))
    if failure.reason == "OTP_ATTEMPTS_EXCEEDED":
        return Step(context.but(pending=None), (reply(context, say(language, "step_up.burned")),))
    return Step(context.but(pending=None), (reply(context, explain(failure, language, sit.now)),))
