"""First contact: consent to the terms, a language, a name. The WhatsApp number is the identity:
the account is created for it (users IssueServiceToken) once the member agrees."""

from __future__ import annotations

import re

from services.ai.dialogue.context import CONSENT, LANGUAGE, NAME, NEW, READY, Context
from services.ai.dialogue.explanations import explain
from services.ai.dialogue.phrases import say
from services.ai.dialogue.requests import AccountReady, CreateAccount, Done, Failure, UpdateProfile
from services.ai.dialogue.situation import Situation, reply
from services.ai.dialogue.turns import Button, Step
from services.ai.knowledge import answer as knowledge_answer

CONFIRM, CANCEL = "INTENT_CONFIRM", "INTENT_CANCEL"

_NAME_INTRO = re.compile(
    r"^(?:(?:hi|hello|hey|habari|sasa|mambo)[,!.]?\s+)?"
    r"(?:my name is|my name's|i am|i'm|im|call me|it's|it is|this is|name is|"
    r"naitwa|jina langu ni|jina ni|niite|mimi ni)\s+(.+)$",
    re.IGNORECASE,
)
_NAME_CHARACTERS = re.compile(r"^[^\W\d_]+(?:[ '\-.][^\W\d_]+)*'?$")
# Intents that show the message is a request, not a name.
_NOT_A_NAME = frozenset(
    {
        "INTENT_CHECK_BALANCE",
        "INTENT_BTC_PRICE",
        "INTENT_SAVE",
        "INTENT_WITHDRAW",
        "INTENT_SEND",
        "INTENT_STATEMENT",
        "INTENT_HELP",
        "INTENT_LEARN",
        "INTENT_TALK_TO_AGENT",
        "INTENT_CANCEL",
    }
)
# A greeting on its own is not a name (but "Jabari", close to "habari", is one).
_GREETINGS = frozenset(
    {
        "hi",
        "hello",
        "hey",
        "habari",
        "habari yako",
        "habari gani",
        "mambo",
        "mambo vipi",
        "sasa",
        "niaje",
        "vipi",
        "hujambo",
        "jambo",
        "salaam",
        "good morning",
        "good afternoon",
        "good evening",
    }
)
# Requests are understood with at least this confidence; a name that merely resembles a word
# of one ("Jabari") scores below it.
_REQUEST_CONFIDENCE = 0.65


def greeting(sit: Situation, language: str) -> str:
    from services.ai.dialogue.clock import part_of_day

    return say(language, f"greeting.{part_of_day(sit.now)}")


def _consent_buttons(language: str) -> tuple[Button, ...]:
    return (
        Button("consent:yes", say(language, "consent.yes_button")),
        Button("consent:no", say(language, "consent.no_button")),
    )


def _consent_question(context: Context, sit: Situation) -> str:
    return say(
        context.language,
        "consent.ask",
        terms_url=sit.policy.terms_url,
        privacy_url=sit.policy.privacy_url,
    )


def consent_stage(context: Context, sit: Situation) -> Step:
    """Before the account exists: welcome, answer what can be answered, ask for consent."""
    interpretation = sit.interpretation
    intent = interpretation.intent
    first = context.stage == NEW
    if first:
        context = context.but(stage=CONSENT, language=interpretation.language_code or "en")
    if intent == "INTENT_SET_LANGUAGE" and interpretation.details.get("requested_language"):
        context = context.but(language=interpretation.details["requested_language"])
    language = context.language
    if not first and (intent == CONFIRM or sit.message.reply_id == "consent:yes"):
        return Step(context, request=CreateAccount(language, sit.policy.policy_version))
    if not first and (intent == CANCEL or sit.message.reply_id == "consent:no"):
        return Step(context, (reply(context, say(language, "consent.declined")),))
    replies = []
    flag = False
    if first:
        replies.append(reply(context, say(language, "welcome", greeting=greeting(sit, language))))
    if intent == "INTENT_LEARN" and (found := knowledge_answer(sit.text, language)):
        replies.append(reply(context, found.text))
    if intent == "INTENT_TALK_TO_AGENT":
        replies.append(reply(context, say(language, "support.flagged")))
        flag = True
    replies.append(reply(context, _consent_question(context, sit), _consent_buttons(language)))
    return Step(context, tuple(replies), flag_for_support=flag)


def account_created(context: Context, sit: Situation, outcome: object) -> Step:
    language = context.language
    if not isinstance(outcome, AccountReady):
        failure = outcome if isinstance(outcome, Failure) else Failure("UNKNOWN")
        return Step(context, (reply(context, explain(failure, language, sit.now)),))
    member = outcome.member
    context = context.but(user=member.user, name=member.display_name)
    if member.display_name:
        ready = context.but(stage=READY)
        return Step(ready, (welcome_ready(ready),))
    buttons = (Button("lang:en", "English"), Button("lang:sw", "Kiswahili"))
    return Step(
        context.but(stage=LANGUAGE), (reply(context, say(language, "language.ask"), buttons),)
    )


def language_stage(context: Context, sit: Situation) -> Step:
    chosen = sit.interpretation.details.get("requested_language")
    if chosen in ("en", "sw"):
        return Step(
            context.but(language=chosen),
            request=UpdateProfile(language=chosen, label="onboard-language"),
        )
    buttons = (Button("lang:en", "English"), Button("lang:sw", "Kiswahili"))
    return Step(context, (reply(context, say(context.language, "language.ask_again"), buttons),))


def language_chosen(context: Context, sit: Situation, outcome: object) -> Step:
    if not isinstance(outcome, Done):
        failure = outcome if isinstance(outcome, Failure) else Failure("UNKNOWN")
        return Step(context, (reply(context, explain(failure, context.language, sit.now)),))
    return ask_name(context.but(stage=NAME), sit)


def ask_name(context: Context, sit: Situation) -> Step:
    profile = _clean_name(sit.message.profile_name)
    if profile:
        text = say(context.language, "name.ask_with_profile", profile=profile)
        return Step(context, (reply(context, text, (Button("name:profile", profile[:20]),)),))
    return Step(context, (reply(context, say(context.language, "name.ask")),))


def _clean_name(raw: str) -> str:
    name = " ".join(raw.strip().strip(".!,").split())
    if not name or len(name) > 64 or not _NAME_CHARACTERS.match(name):
        return ""
    return name.title() if name.islower() or name.isupper() else name


def name_from(sit: Situation) -> str:
    """The name the member gave (or accepted), or "" when the message is not one."""
    message = sit.message
    if message.reply_id == "name:profile" or (
        sit.interpretation.intent == CONFIRM and message.profile_name
    ):
        return _clean_name(message.profile_name)
    text = message.text.strip()
    introduced = _NAME_INTRO.match(text)
    if introduced:
        return _clean_name(introduced.group(1))
    if " ".join(re.findall(r"[^\W\d_]+", text.lower())) in _GREETINGS:
        return ""
    interpretation = sit.interpretation
    if interpretation.intent in _NOT_A_NAME and interpretation.confidence >= _REQUEST_CONFIDENCE:
        return ""
    if len(text.split()) > 4:
        return ""
    return _clean_name(text)


def name_stage(context: Context, sit: Situation) -> Step:
    name = name_from(sit)
    if not name:
        return Step(context, (reply(context, say(context.language, "name.again")),))
    return Step(
        context.but(name=name), request=UpdateProfile(display_name=name, label="onboard-name")
    )


def name_saved(context: Context, sit: Situation, outcome: object) -> Step:
    if not isinstance(outcome, Done):
        failure = outcome if isinstance(outcome, Failure) else Failure("UNKNOWN")
        return Step(context, (reply(context, explain(failure, context.language, sit.now)),))
    ready = context.but(stage=READY)
    return Step(ready, (welcome_ready(ready),))


def welcome_ready(context: Context):
    text = (
        say(context.language, "ready", name=context.name) + "\n\n" + say(context.language, "menu")
    )
    return reply(context, text)
