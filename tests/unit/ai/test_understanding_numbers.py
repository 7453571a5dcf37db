"""Amounts as members write them, in digits and in English, Swahili and Sheng words."""

from decimal import Decimal

import pytest

from services.ai.understanding.labels import Currency
from services.ai.understanding.money import find_amount
from services.ai.understanding.numbers import decimal_text, read_number
from services.ai.understanding.tokens import tokenize


def amount_of(text: str) -> tuple[str, Currency] | None:
    amount = find_amount([token.text for token in tokenize(text)])
    return (decimal_text(amount.value), amount.currency) if amount else None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("500", "500"),
        ("1,200", "1200"),
        ("10,000.50", "10000.5"),
        ("2k", "2000"),
        ("2 k", "2000"),
        ("1.5k", "1500"),
        ("1.5m", "1500000"),
        ("12 million", "12000000"),
        ("2mil", "2000000"),
        ("two thousand five hundred", "2500"),
        ("one hundred and fifty", "150"),
        ("a thousand", "1000"),
        ("five k", "5000"),
        ("2 thousand 500", "2500"),
        ("mia tano", "500"),
        ("mia", "100"),
        ("elfu moja", "1000"),
        ("elfu mbili mia tano", "2500"),
        ("elfu moja na mia tano", "1500"),
        ("elfu kumi na tano", "15000"),
        ("elfu mia mbili", "200000"),
        ("elfu 2", "2000"),
        ("mia tatu hamsini", "350"),
        ("mia tatu na hamsini", "350"),
        ("laki moja", "100000"),
        ("laki 2", "200000"),
        ("milioni", "1000000"),
        ("milioni mbili laki tano", "2500000"),
        ("milioni moja na nusu", "1500000"),
        ("thao mbili", "2000"),
        ("thao", "1000"),
        ("2 thao", "2000"),
        ("ngiri tano", "5000"),
        ("soo tano", "500"),
        ("mbao", "20"),
        ("ishirini na tano", "25"),
    ],
)
def test_numbers(text: str, value: str) -> None:
    words = [token.text for token in tokenize(text)]
    number = read_number(words, 0)
    assert number is not None
    assert decimal_text(number[0]) == value
    assert number[1] == len(words)  # every word of the number was used


@pytest.mark.parametrize("text", ["hello", "na", "and", "k", "a"])
def test_words_that_are_not_numbers(text: str) -> None:
    assert read_number([text], 0) is None


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("save 500", ("500", Currency.KES)),
        ("bob 500", ("500", Currency.KES)),
        ("500 bob", ("500", Currency.KES)),
        ("500bob", ("500", Currency.KES)),
        ("ksh 500", ("500", Currency.KES)),
        ("Ksh500", ("500", Currency.KES)),
        ("KES 1,200", ("1200", Currency.KES)),
        ("sh. 500", ("500", Currency.KES)),
        ("500/=", ("500", Currency.KES)),
        ("$20", ("20", Currency.USD)),
        ("20 usd", ("20", Currency.USD)),
        ("50 dollars", ("50", Currency.USD)),
        ("5000 sats", ("5000", Currency.SATS)),
        ("1k sats", ("1000", Currency.SATS)),
        ("sats 5000", ("5000", Currency.SATS)),
        ("0.001 btc", ("0.001", Currency.BTC)),
        ("0.5 bitcoin", ("0.5", Currency.BTC)),
        # Shillings' worth of bitcoin, not 500 bitcoin.
        ("nunua bitcoin 500", ("500", Currency.KES)),
        ("buy 500 worth of bitcoin", ("500", Currency.KES)),
        ("send 200 and then 300", ("200", Currency.KES)),  # the first amount
        ("no amount here", None),
    ],
)
def test_amounts(text: str, amount: tuple[str, Currency] | None) -> None:
    assert amount_of(text) == amount


def test_decimal_text_has_no_exponent_or_trailing_zeros() -> None:
    assert decimal_text(Decimal("1.5E+6")) == "1500000"
    assert decimal_text(Decimal("0.0010")) == "0.001"
    assert decimal_text(Decimal("500")) == "500"
