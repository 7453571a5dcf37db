"""`interpret`: one member message in, its intent, language and details out."""

from dataclasses import dataclass, field

from services.ai.understanding import details
from services.ai.understanding.intents import Evidence, classify
from services.ai.understanding.labels import Intent
from services.ai.understanding.language import detect_language
from services.ai.understanding.money import find_amount
from services.ai.understanding.phones import find_phones
from services.ai.understanding.tokens import tokenize


@dataclass(frozen=True)
class Interpretation:
    intent: str  # an Intent value, e.g. "INTENT_SAVE"
    confidence: float  # 0–1; 0 when nothing was understood
    language_code: str  # "en" or "sw"
    details: dict[str, str] = field(default_factory=dict)  # only those the message carries


def interpret(text: str, language_hint: str | None = None) -> Interpretation:
    """Understands one message. The hint, the member's usual language, only breaks a tie in
    language detection; it never changes the intent or the details."""
    phones = find_phones(text)
    tokens = tokenize(text, phones)
    words = [token.text for token in tokens]
    amount = find_amount(words)
    evidence = Evidence(
        amount=amount is not None,
        phone=bool(phones),
        recipient_name=details.find_recipient_name(tokens, Intent.SEND) is not None,
        goal_name=details.find_goal_name(tokens, amount) is not None,
        frequency=details.find_frequency(words, amount) is not None,
        direction=details.find_direction(words) is not None,
        vote_choice=details.find_choice(words, Intent.CHAMA_VOTE) is not None,
    )
    intent, confidence = classify(words, evidence)
    return Interpretation(
        intent=intent.value,
        confidence=confidence,
        language_code=detect_language(words, language_hint),
        details=details.details_for(intent, tokens, phones, amount),
    )


def read_details(text: str, intent: str) -> dict[str, str]:
    """The details of `text` read as an answer about `intent` — the action the dialogue is
    collecting or confirming — so "weekly" gives a frequency for a savings plan and "no, make it
    1000" an amount, where on its own the message would carry none."""
    phones = find_phones(text)
    tokens = tokenize(text, phones)
    amount = find_amount([token.text for token in tokens])
    return details.details_for(Intent(intent), tokens, phones, amount)
