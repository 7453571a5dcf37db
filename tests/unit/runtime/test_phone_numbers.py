import pytest

from services.runtime.phone_numbers import InvalidPhoneNumber, display_phone, normalize_phone


@pytest.mark.parametrize(
    "raw",
    [
        "0712 345 678",
        "0712345678",
        "254712345678",
        "+254712345678",
        "+254 712-345-678",
        "whatsapp:+254712345678",
        "00254712345678",
        "(0712) 345 678",
    ],
)
def test_kenyan_forms_are_one_identity(raw):
    assert normalize_phone(raw) == "+254712345678"


def test_new_safaricom_prefix_and_other_countries():
    assert normalize_phone("0110 123 456") == "+254110123456"
    assert normalize_phone("+255 754 123 456") == "+255754123456"  # Tanzania
    assert normalize_phone("256772123456") == "+256772123456"  # Uganda wa_id


@pytest.mark.parametrize("raw", ["", "hello", "0712", "+254 000", "12345678901234567"])
def test_garbage_is_refused(raw):
    with pytest.raises(InvalidPhoneNumber):
        normalize_phone(raw)


def test_display_form():
    assert display_phone("+254712345678") == "+254 712 345 678"
    assert display_phone("+255754123456") == "+255 754 123 456"
