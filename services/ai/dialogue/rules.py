"""The dialogue's entry points: `respond` to a member's message, `resume` with a request's outcome.

Both are pure: they read the context, the message, the member and the policy, and return a Step
(the new context, replies, at most one request for the shell). The shell loops until no request
is left and sends every reply of every step, in order.
"""

from __future__ import annotations

import re
from dataclasses import replace

from services.ai.dialogue import actions, onboarding
from services.ai.dialogue.context import (
    COLLECTING,
    CONFIRMING,
    CONSENT,
    LANGUAGE,
    NAME,
    NEW,
    READY,
    STEP_UP,
    Context,
    Member,
    Pending,
)
from services.ai.dialogue.explanations import explain
from services.ai.dialogue.onboarding import greeting
from services.ai.dialogue.phrases import say
from services.ai.dialogue.requests import (
    Balance,
    CreateAccount,
    Done,
    Execute,
    Failure,
    FetchBalance,
    FetchPrice,
    FetchStatement,
    Price,
    StartStepUp,
    Statement,
    UpdateProfile,
    VerifyStepUp,
)
from services.ai.dialogue.results import balance_text, price_text, statement_text
from services.ai.dialogue.situation import Policy, Situation, reply
from services.ai.dialogue.turns import Button, Message, Step
from services.ai.knowledge import answer as knowledge_answer
from services.ai.understanding import Interpretation

UNKNOWN, CONFIRM, CANCEL = "INTENT_UNKNOWN", "INTENT_CONFIRM", "INTENT_CANCEL"
CHAMA_INTENTS = frozenset(
    {
        "INTENT_CHAMA_CREATE",
        "INTENT_CHAMA_CONTRIBUTE",
        "INTENT_CHAMA_BALANCE",
        "INTENT_CHAMA_INVITE",
        "INTENT_CHAMA_PROPOSE",
        "INTENT_CHAMA_VOTE",
    }
)
# Intents worth a "did you mean …?" when the understanding is unsure.
_CLARIFIABLE = frozenset(
    {
        "INTENT_CHECK_BALANCE",
        "INTENT_BTC_PRICE",
        "INTENT_STATEMENT",
        "INTENT_SET_LANGUAGE",
        "INTENT_SET_VOICE",
        "INTENT_TALK_TO_AGENT",
        *actions.ACTIONS,
    }
)

_THANKS = re.compile(r"\b(thanks?|thank you|thx|asante|ahsante|shukran|shukrani)\b", re.IGNORECASE)

# --- buttons ------------------------------------------------------------------------------------


def button_interpretation(reply_id: str, language: str) -> Interpretation | None:
    """What a button or list row of ours means; None for an id we did not make."""
    kind, _, value = reply_id.partition(":")

    def meaning(intent: str, **details: str) -> Interpretation:
        return Interpretation(intent, 1.0, language, details)

    if kind in ("confirm", "consent") and value in ("yes", "no"):
        return meaning(CONFIRM if value == "yes" else CANCEL)
    if kind == "lang" and value in ("en", "sw"):
        return meaning("INTENT_SET_LANGUAGE", requested_language=value)
    if kind == "voice" and value in ("on", "off"):
        return meaning("INTENT_SET_VOICE", choice="CHOICE_YES" if value == "on" else "CHOICE_NO")
    if kind == "intent" and value.startswith("INTENT_"):
        return meaning(value)
    if kind == "detail":
        name, _, detail = value.partition(":")
        if name in ("frequency", "direction") and detail:
            return meaning(UNKNOWN, **{name: detail})
    if kind == "name" and value == "profile":
        return meaning(UNKNOWN)
    return None


# --- entry points -------------------------------------------------------------------------------


def respond(
    context: Context,
    message: Message,
    member: Member | None,
    policy: Policy,
) -> Step:
    interpretation = message.interpretation or Interpretation(UNKNOWN, 0.0, context.language, {})
    sit = Situation(message, interpretation, member, policy)
    stage_before = context.stage
    context = _with_member(context, member)
    context = context.but(last_intent=interpretation.intent)
    if member is not None and member.suspended:
        if interpretation.intent == "INTENT_TALK_TO_AGENT":
            return _support(context)
        return Step(context, (reply(context, say(context.language, "suspended")),))
    if message.voice_note and not message.text.strip():
        return Step(context, (reply(context, say(context.language, "voice_not_heard")),))
    if context.stage in (NEW, CONSENT):
        return onboarding.consent_stage(context, sit)
    if context.stage == LANGUAGE:
        return onboarding.language_stage(context, sit)
    if context.stage == NAME:
        if stage_before != NAME:  # an existing account without a name: ask before reading one
            return onboarding.ask_name(context, sit)
        return onboarding.name_stage(context, sit)
    return converse(context, sit)


def resume(
    context: Context,
    message: Message,
    member: Member | None,
    policy: Policy,
    request: object,
    outcome: object,
) -> Step:
    interpretation = message.interpretation or Interpretation(UNKNOWN, 0.0, context.language, {})
    sit = Situation(message, interpretation, member, policy)
    language = context.language
    if isinstance(request, CreateAccount):
        return onboarding.account_created(context, sit, outcome)
    if isinstance(request, UpdateProfile):
        return _profile_updated(context, sit, request, outcome)
    if isinstance(request, FetchPrice) and request.for_readback:
        return actions.read_back(context, sit, outcome)
    if isinstance(request, Execute):
        return actions.executed(context, sit, request, outcome)
    if isinstance(request, StartStepUp):
        return actions.step_up_started(context, sit, request, outcome)
    if isinstance(request, VerifyStepUp):
        return actions.step_up_verified(context, sit, outcome)
    if isinstance(outcome, Failure):
        return Step(context, (reply(context, explain(outcome, language, sit.now)),))
    if isinstance(outcome, Balance):
        return Step(context, (reply(context, balance_text(outcome, language)),))
    if isinstance(outcome, Price):
        return Step(context, (reply(context, price_text(outcome, language)),))
    if isinstance(outcome, Statement):
        return Step(context, (reply(context, statement_text(outcome, language)),))
    return Step(context)


# --- the conversation once the member is set up -------------------------------------------------


def _with_member(context: Context, member: Member | None) -> Context:
    """What the users service says wins: account, name, language, voice replies, stage."""
    if member is None:
        if context.stage not in (NEW, CONSENT):
            return Context(phone=context.phone, language=context.language)  # erased meanwhile
        return context
    context = context.but(
        user=member.user,
        name=member.display_name or context.name,
        language=member.language_code or context.language,
        voice_replies=member.voice_replies,
    )
    if context.stage in (NEW, CONSENT):
        if not member.consented:
            return context.but(stage=CONSENT if context.stage == CONSENT else NEW)
        return context.but(stage=READY if member.display_name else NAME)
    if context.stage == READY and not member.display_name:
        return context.but(stage=NAME)
    return context


def converse(context: Context, sit: Situation) -> Step:
    pending = context.pending
    intent = sit.interpretation.intent
    if pending is not None and pending.expired(sit.now):
        context = context.but(pending=None)
        answering = intent == CONFIRM or (
            pending.state == STEP_UP and actions._CODE.search(sit.text)
        )
        if answering and not pending.clarify:
            minutes = max(1, round(sit.policy.confirmation_ttl.total_seconds() / 60))
            text = say(context.language, "expired", minutes=minutes)
            return Step(context, (reply(context, text),))
        pending = None
    if pending is not None:
        handled = None
        if pending.state == STEP_UP:
            handled = actions.step_up_input(context, sit)
        elif pending.state == CONFIRMING and pending.clarify:
            handled = _clarified(context, sit)
        elif pending.state == CONFIRMING:
            handled = actions.confirming(context, sit)
        elif pending.state == COLLECTING:
            handled = actions.collecting(context, sit)
        if handled is not None:
            return handled
    return new_intent(context, sit)


def new_intent(context: Context, sit: Situation) -> Step:
    interpretation = sit.interpretation
    intent = interpretation.intent
    language = context.language
    if intent in _CLARIFIABLE and interpretation.confidence < sit.policy.min_confidence:
        return _clarify(context, sit)
    if intent in actions.ACTIONS:
        return actions.start(context, sit, intent, interpretation.details)
    if intent == "INTENT_GREETING":
        if _THANKS.search(sit.text):
            text = say(language, "welcome_thanks", name=context.name)
        else:
            text = say(
                language, "hello_member", greeting=greeting(sit, language), name=context.name
            )
        return Step(context, (reply(context, text),))
    if intent == "INTENT_HELP":
        return Step(context, (reply(context, say(language, "menu")),))
    if intent == "INTENT_REGISTER":
        return Step(context, (reply(context, say(language, "already_member", name=context.name)),))
    if intent == "INTENT_CHECK_BALANCE":
        return Step(context, request=FetchBalance())
    if intent == "INTENT_BTC_PRICE":
        return Step(context, request=FetchPrice())
    if intent == "INTENT_STATEMENT":
        return Step(context, request=FetchStatement())
    if intent in CHAMA_INTENTS:
        return Step(context, (reply(context, say(language, "chama.soon")),))
    if intent == "INTENT_SET_LANGUAGE":
        chosen = interpretation.details.get("requested_language")
        if chosen in ("en", "sw"):
            return Step(context, request=UpdateProfile(language=chosen, label="language"))
        buttons = (Button("lang:en", "English"), Button("lang:sw", "Kiswahili"))
        return Step(context, (reply(context, say(language, "language.ask_again"), buttons),))
    if intent == "INTENT_SET_VOICE":
        choice = interpretation.details.get("choice")
        if choice in ("CHOICE_YES", "CHOICE_NO"):
            on = choice == "CHOICE_YES"
            return Step(context, request=UpdateProfile(voice_replies=on, label="voice"))
        buttons = (
            Button("voice:on", say(language, "button.voice_on")),
            Button("voice:off", say(language, "button.voice_off")),
        )
        return Step(context, (reply(context, say(language, "voice.ask"), buttons),))
    if intent == "INTENT_TALK_TO_AGENT":
        return _support(context)
    if intent == "INTENT_LEARN":
        found = knowledge_answer(sit.text, language)
        text = found.text if found else say(language, "learn.unknown")
        return Step(context, (reply(context, text),))
    if intent == CONFIRM:
        return Step(context, (reply(context, say(language, "nothing_pending")),))
    if intent == CANCEL:
        if context.pending is not None:
            return actions.cancel(context)
        return Step(context, (reply(context, say(language, "nothing_to_cancel")),))
    return _not_understood(context, sit)


def _support(context: Context) -> Step:
    text = say(context.language, "support.flagged")
    return Step(context, (reply(context, text),), flag_for_support=True)


def _not_understood(context: Context, sit: Situation) -> Step:
    details = sit.interpretation.details
    language = context.language
    if details.get("amount") and context.pending is None:
        pending = Pending(
            intent="INTENT_UNSPECIFIED",
            state=COLLECTING,
            details={key: details[key] for key in ("amount", "currency") if key in details},
            awaiting="intent",
            expires_at=sit.now + sit.policy.collecting_ttl,
        )
        stated = actions._stated(pending.details, language)
        buttons = tuple(
            Button(f"intent:{intent}", say(language, f"button.{name}"))
            for intent, name in (
                ("INTENT_SAVE", "save"),
                ("INTENT_SEND", "send"),
                ("INTENT_WITHDRAW", "withdraw"),
            )
        )
        text = say(language, "what_to_do_with_amount", amount=stated)
        return Step(context.but(pending=pending), (reply(context, text, buttons),))
    return Step(context, (reply(context, say(language, "not_understood")),))


def _clarify(context: Context, sit: Situation) -> Step:
    interpretation = sit.interpretation
    language = context.language
    action = say(language, f"action.{interpretation.intent}")
    text = say(language, "clarify", action=action)
    pending = Pending(
        intent=interpretation.intent,
        state=CONFIRMING,
        details=dict(interpretation.details),
        summary=text,
        clarify=True,
        expires_at=sit.now + sit.policy.confirmation_ttl,
    )
    buttons = (
        Button("confirm:yes", say(language, "yes_button")),
        Button("confirm:no", say(language, "no_button")),
    )
    return Step(context.but(pending=pending), (reply(context, text, buttons),))


def _clarified(context: Context, sit: Situation) -> Step | None:
    pending = context.pending
    assert pending is not None
    intent = sit.interpretation.intent
    if intent == CONFIRM:
        meant = Interpretation(pending.intent, 1.0, context.language, dict(pending.details))
        return new_intent(context.but(pending=None), replace(sit, interpretation=meant))
    if intent == CANCEL:
        text = say(context.language, "clarify.no")
        return Step(context.but(pending=None), (reply(context, text),))
    return None  # something else: handled as a new message, the question dropped


def _profile_updated(
    context: Context, sit: Situation, request: UpdateProfile, outcome: object
) -> Step:
    if request.label == "onboard-language":
        return onboarding.language_chosen(context, sit, outcome)
    if request.label == "onboard-name":
        return onboarding.name_saved(context, sit, outcome)
    if not isinstance(outcome, Done):
        failure = outcome if isinstance(outcome, Failure) else Failure("UNKNOWN")
        return Step(context, (reply(context, explain(failure, context.language, sit.now)),))
    if request.language is not None:
        context = context.but(language=request.language)
        return Step(context, (reply(context, say(context.language, "language.set")),))
    if request.voice_replies is not None:
        context = context.but(voice_replies=request.voice_replies)
        key = "voice.on" if request.voice_replies else "voice.off"
        return Step(context, (reply(context, say(context.language, key)),))
    return Step(context)
