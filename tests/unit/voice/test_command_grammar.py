import pytest

from services.voice.command_grammar import (
    JSGF,
    OTHER_LANGUAGE_MAX_CONFIDENCE,
    confidence_for,
    grammar_words,
    tidy_transcript,
)


@pytest.mark.parametrize(
    ("heard", "typed"),
    [
        ("check my balance", "check my balance"),
        ("save five hundred", "save 500"),
        ("save two thousand five hundred", "save 2500"),
        ("withdraw twenty five thousand", "withdraw 25000"),
        ("save five hundred and fifty", "save 550"),
        ("send one million two hundred thousand", "send 1200000"),
        ("send nine hundred ninety nine thousand nine hundred ninety nine", "send 999999"),
        ("save one hundred every week", "save 100 every week"),
        ("send two thousand to zero seven one two three four five six seven eight",
         "send 2000 to 0712345678"),
        ("send five hundred to oh seven two two", "send 500 to 0722"),
        ("send five hundred shillings to john and mary", "send 500 shillings to john and mary"),
        ("yes", "yes"),
        ("one", "1"),
        ("zero", "0"),
        ("", ""),
    ],
)  # fmt: skip
def test_numbers_are_written_as_digits(heard, typed):
    assert tidy_transcript(heard) == typed


def test_confidence_is_the_posterior_for_english():
    assert confidence_for(0.7512, "en") == 0.751
    assert confidence_for(1.7, "en") == 1.0
    assert confidence_for(-0.1, "en") == 0.0


def test_confidence_is_capped_for_a_language_the_model_cannot_hear():
    assert confidence_for(0.9, "sw") == OTHER_LANGUAGE_MAX_CONFIDENCE
    assert confidence_for(0.05, "sw") == 0.05


def test_the_grammar_covers_the_command_language():
    words = grammar_words()
    assert {"balance", "save", "send", "withdraw", "yes", "no", "price", "help"} <= words
    assert {"hundred", "thousand", "million", "zero", "oh", "nineteen", "ninety"} <= words
    assert JSGF.startswith("#JSGF V1.0;")
    assert "public <utterance>" in JSGF
