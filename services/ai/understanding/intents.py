"""Choosing the intent: every intent scores the lexicon cues found in the message, the details
the message carries shift the scores, and a few rules settle what scores alone cannot."""

from collections.abc import Sequence
from dataclasses import dataclass

from services.ai.understanding import lexicon
from services.ai.understanding.labels import Intent
from services.ai.understanding.matching import Cue, content_words, match_cue, parse_cue

# Below this nothing was really recognised: a single typo'd weak word is not an intent.
MIN_SCORE = lexicon.WEAK

# On equal scores the more specific intent wins: "vote yes on the proposal" is a vote, "stop
# sending voice" is about voice, a chama verb beats a wallet verb, anything beats a greeting.
PRIORITY = (
    Intent.SET_VOICE, Intent.SET_LANGUAGE, Intent.CHAMA_VOTE, Intent.CHAMA_PROPOSE,
    Intent.CHAMA_CREATE, Intent.CHAMA_INVITE, Intent.CHAMA_CONTRIBUTE, Intent.CHAMA_BALANCE,
    Intent.PRICE_ALERT, Intent.DCA_SETUP, Intent.SET_GOAL, Intent.TALK_TO_AGENT,
    Intent.STATEMENT, Intent.SEND, Intent.WITHDRAW, Intent.SAVE, Intent.BTC_PRICE,
    Intent.CHECK_BALANCE, Intent.REGISTER, Intent.LEARN, Intent.HELP, Intent.CANCEL,
    Intent.CONFIRM, Intent.GREETING,
)  # fmt: skip

# Intents whose cue words a member repeats when answering a read-back ("yes send it") or when
# stopping something ("cancel my dca", "stop my weekly savings").
_ECHOED_ACTIONS = (
    Intent.SAVE, Intent.SEND, Intent.WITHDRAW, Intent.CHAMA_CONTRIBUTE, Intent.DCA_SETUP,
)  # fmt: skip
# Intents that take an amount; an amount in the message makes them likelier.
_AMOUNT_INTENTS = (
    Intent.SAVE, Intent.WITHDRAW, Intent.SEND, Intent.SET_GOAL, Intent.DCA_SETUP,
    Intent.PRICE_ALERT, Intent.CHAMA_CONTRIBUTE, Intent.CHAMA_PROPOSE,
)  # fmt: skip
# Actions a question can be about: "how do I buy bitcoin?" wants an explanation, not a purchase.
# Look-ups (balance, price, statement) stay look-ups: "what is my balance?".
_TEACHABLE_ACTIONS = (
    Intent.SAVE, Intent.WITHDRAW, Intent.SEND, Intent.SET_GOAL, Intent.DCA_SETUP,
    Intent.PRICE_ALERT, Intent.CHAMA_CREATE, Intent.CHAMA_CONTRIBUTE, Intent.CHAMA_INVITE,
    Intent.CHAMA_PROPOSE, Intent.CHAMA_VOTE, Intent.REGISTER,
)  # fmt: skip


@dataclass(frozen=True)
class Evidence:
    """What the detail readers found; presence is all the scoring needs."""

    amount: bool = False
    phone: bool = False
    recipient_name: bool = False
    goal_name: bool = False
    frequency: bool = False
    direction: bool = False
    vote_choice: bool = False


def classify(words: Sequence[str], evidence: Evidence) -> tuple[Intent, float]:
    """The intent of the message and a confidence in 0–1 from how clearly it won."""
    content = content_words(words)
    scores = {intent: _score(content, cues) for intent, cues in _CUES.items()}
    # Only a question form spelled right makes a question: "mboga" is not a typo of "mbona".
    question = _score(content, _QUESTION_CUES) >= lexicon.MEDIUM
    if question and any(word in lexicon.LEARN_TOPICS for word in content):
        scores[Intent.LEARN] += lexicon.WEAK
    _weigh_details(scores, evidence)
    _weigh_replies(scores, evidence)

    ranked = sorted(scores, key=lambda intent: (-scores[intent], PRIORITY.index(intent)))
    best, runner_up = ranked[0], ranked[1]
    if scores[best] < MIN_SCORE:
        return Intent.UNKNOWN, 0.0
    if question and best in _TEACHABLE_ACTIONS and not (evidence.amount or evidence.phone):
        best, runner_up = Intent.LEARN, best
    top, second = scores[best], scores[runner_up]
    return best, round(top / (top + second + 1), 2)


def _score(words: Sequence[str], cues: Sequence[Cue]) -> float:
    """Sum of the cues found, each message word counting once: "pendekezo" does not score
    again as a typo of "pendekeza", nor "balance" again inside "my balance"."""
    found = []
    for cue in cues:
        strength, positions = match_cue(words, cue)
        if strength:
            found.append((cue.weight * strength, positions))
    total, used = 0.0, set()
    for score, positions in sorted(found, key=lambda match: -match[0]):
        if not positions & used:
            total += score
            used |= positions
    return total


def _weigh_details(scores: dict[Intent, float], evidence: Evidence) -> None:
    """A detail confirms the intents that take it, and lets a specific intent take over the
    score of the general one it refines ("weka 500 kila wiki" is a plan, not a one-off save)."""
    if evidence.amount:
        for intent in _AMOUNT_INTENTS:
            if scores[intent] > 0:
                scores[intent] += lexicon.WEAK
    if evidence.frequency and (evidence.amount or scores[Intent.SAVE] > 0):
        scores[Intent.DCA_SETUP] += scores[Intent.SAVE] + (lexicon.MEDIUM if evidence.amount else 0)
    if evidence.goal_name and scores[Intent.SAVE] + scores[Intent.SET_GOAL]:
        scores[Intent.SET_GOAL] += scores[Intent.SAVE] + lexicon.MEDIUM
    if evidence.amount and (evidence.direction or scores[Intent.PRICE_ALERT] > 0):
        scores[Intent.PRICE_ALERT] += scores[Intent.BTC_PRICE] + (
            lexicon.MEDIUM if evidence.direction else 0
        )
    if evidence.phone and evidence.amount:
        scores[Intent.SEND] += lexicon.MEDIUM  # "500 kwa 0712…" is a transfer
    if evidence.phone and not evidence.amount and scores[Intent.CHAMA_INVITE] > 0:
        scores[Intent.CHAMA_INVITE] += lexicon.MEDIUM
    if evidence.recipient_name and evidence.amount and scores[Intent.SEND] > 0:
        scores[Intent.SEND] += lexicon.WEAK
    if evidence.vote_choice and scores[Intent.CHAMA_VOTE] > 0:
        scores[Intent.CHAMA_VOTE] += lexicon.WEAK  # "vote yes on the proposal"


def _weigh_replies(scores: dict[Intent, float], evidence: Evidence) -> None:
    """Weighs yes/no words against actions: with an amount or number the message is a new
    instruction or a correction ("no, send 300"); without, an action verb only echoes what is
    being confirmed ("ndio tuma", "no don't send")."""
    if evidence.amount or evidence.phone:
        scores[Intent.CONFIRM] /= 2
        scores[Intent.CANCEL] /= 2
    elif scores[Intent.CONFIRM] or scores[Intent.CANCEL]:
        for intent in _ECHOED_ACTIONS:
            scores[intent] /= 2


def _cues(cues: lexicon.IntentCues) -> tuple[Cue, ...]:
    table = {**cues.english, **cues.swahili}
    return tuple(parse_cue(text, weight) for text, weight in table.items())


_CUES = {intent: _cues(cues) for intent, cues in lexicon.CUES.items()}
_QUESTION_CUES = _cues(lexicon.QUESTION_FORMS)
