"""Interpret must get every shared example and every case of our own exactly right: the intent
and all the details, no more and no fewer."""

import csv
import json
import random
import re
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from services.ai.understanding import Intent, Interpretation, interpret
from services.ai.understanding.details import ALLOWED_DETAILS

SHARED_EXAMPLES = Path(__file__).resolve().parents[3].parent / "shared" / "nlu" / "examples.tsv"
OUR_CASES = Path(__file__).with_name("nlu_cases.tsv")


def load_cases(path: Path) -> list[pytest.param]:
    with path.open(encoding="utf-8", newline="") as file:
        rows = csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            pytest.param(row["text"], row["intent"], json.loads(row["slots"]), id=row["text"])
            for row in rows
        ]


def check(text: str, intent: str, details: dict[str, str]) -> None:
    result = interpret(text)
    assert (result.intent, result.details) == (intent, details), text


@pytest.mark.parametrize(("text", "intent", "details"), load_cases(SHARED_EXAMPLES))
def test_shared_examples(text: str, intent: str, details: dict[str, str]) -> None:
    check(text, intent, details)


@pytest.mark.parametrize(("text", "intent", "details"), load_cases(OUR_CASES))
def test_our_cases(text: str, intent: str, details: dict[str, str]) -> None:
    check(text, intent, details)


def test_our_cases_are_many_and_cover_every_intent() -> None:
    cases = load_cases(OUR_CASES)
    assert len(cases) >= 150
    assert {case.values[1] for case in cases} == {intent.value for intent in Intent}


@pytest.mark.parametrize(
    ("text", "hint", "language"),
    [
        ("nataka kuweka 2k", None, "sw"),
        ("I'd like to save KES 1,200 from mpesa", None, "en"),
        ("niaje msee", "en", "sw"),  # the hint does not override a clear detection
        ("what's my balance", "sw", "en"),
        ("nisave bob 300 kila wiki", None, "sw"),  # Sheng is answered in Swahili
        ("DCA ni nini", None, "sw"),
        ("500", "sw", "sw"),  # nothing to detect: the hint decides
        ("500", None, "en"),
        ("0712345678", "sw", "sw"),
        ("bitcoin", "sw", "sw"),
        ("chama", "en", "en"),
    ],
)
def test_language(text: str, hint: str | None, language: str) -> None:
    assert interpret(text, language_hint=hint).language_code == language


def test_confidence_is_higher_for_a_clear_message() -> None:
    clear = interpret("withdraw 300 to my mpesa")
    vague = interpret("vipi")
    assert 0 < vague.confidence < clear.confidence <= 1


def test_unknown_has_no_confidence() -> None:
    assert interpret("asdfgh qwerty").confidence == 0.0


@pytest.mark.parametrize("text", ["", "   ", "?!", "🙂🙂", "\n"])
def test_empty_or_symbol_messages_are_unknown(text: str) -> None:
    assert interpret(text) == Interpretation(Intent.UNKNOWN, 0.0, "en", {})


def test_interpretation_is_frozen() -> None:
    result = interpret("hi")
    with pytest.raises(FrozenInstanceError):
        result.intent = Intent.CANCEL  # type: ignore[misc]


def random_messages(count: int) -> list[str]:
    """Messages stitched from real cases, digits, phone numbers, emoji and junk."""
    rng = random.Random(6)
    words = [word for case in load_cases(OUR_CASES) for word in case.values[0].split()]
    extras = ["0712345678", "+254 722 000 111", "1,200", "2k", "$", "🙂", "!!", "'", "-", "..."]
    return [
        " ".join(rng.choice(words + extras) for _ in range(rng.randint(1, 12)))
        for _ in range(count)
    ]


@pytest.mark.parametrize("text", random_messages(300))
def test_any_message_gives_an_answer_the_contract_accepts(text: str) -> None:
    result = interpret(text)
    assert result.intent in {intent.value for intent in Intent}
    assert 0 <= result.confidence <= 1
    assert result.language_code in ("en", "sw")
    assert set(result.details) <= set(ALLOWED_DETAILS.get(Intent(result.intent), ()))
    details = result.details
    if "amount" in details:
        assert re.fullmatch(r"[0-9]+(\.[0-9]+)?", details["amount"])
        assert len(details["amount"]) <= 32 and "currency" in details
    if "recipient_phone" in details:
        assert re.fullmatch(r"\+[1-9][0-9]{7,14}", details["recipient_phone"])
    for key in ("recipient_name", "goal_name", "chama_name"):
        assert 1 <= len(details.get(key, "x")) <= 100
    if "goal_name" in details:
        assert details["goal_name"] == details["goal_name"].lower()
