"""Kenyan phone numbers in the forms members type them, as E.164."""

import pytest

from services.ai.understanding.phones import find_phones, to_e164


@pytest.mark.parametrize(
    ("text", "e164"),
    [
        ("0712345678", "+254712345678"),
        ("0712 345 678", "+254712345678"),
        ("0712-345-678", "+254712345678"),
        ("254712345678", "+254712345678"),
        ("+254712345678", "+254712345678"),
        ("+254 722 000 111", "+254722000111"),
        ("+254-701-234-567", "+254701234567"),
        ("0110123456", "+254110123456"),
        ("0101 234 567", "+254101234567"),
        ("send 200 to 0733111222 now", "+254733111222"),
    ],
)
def test_kenyan_numbers(text: str, e164: str) -> None:
    assert [phone.e164 for phone in find_phones(text)] == [e164]


@pytest.mark.parametrize(
    "text",
    [
        "send 500",
        "07123",  # too short
        "07123456789",  # too long
        "0212345678",  # a landline area code, not a mobile number
        "+255712345678",  # Tanzania
        "1234567890",
        "0.001 btc",
    ],
)
def test_not_kenyan_mobile_numbers(text: str) -> None:
    assert find_phones(text) == []


def test_span_covers_the_whole_number() -> None:
    text = "tuma 500 kwa 0712 345 678 leo"
    (phone,) = find_phones(text)
    assert text[phone.start : phone.end] == "0712 345 678"


def test_two_numbers() -> None:
    phones = find_phones("0712345678 or 0722000111")
    assert [phone.e164 for phone in phones] == ["+254712345678", "+254722000111"]


def test_to_e164_rejects_invalid() -> None:
    assert to_e164("0700") is None
