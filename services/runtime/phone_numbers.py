"""One identity per phone: every form a Kenyan number arrives in becomes the same E.164 string.

`0712 345 678`, `254712345678`, `+254712345678`, WhatsApp's `whatsapp:+254712345678` and its
`wa_id` (`254712345678`) all normalise to `+254712345678`; other countries go by `phonenumbers`.
"""

from __future__ import annotations

import re

import phonenumbers

DEFAULT_REGION = "KE"
_NOISE = re.compile(r"[\s().\-]")


class InvalidPhoneNumber(ValueError):
    pass


def normalize_phone(raw: str, region: str = DEFAULT_REGION) -> str:
    """The E.164 form of `raw`, or InvalidPhoneNumber when it is not a possible mobile number."""
    text = _NOISE.sub("", raw.strip())
    text = text.removeprefix("whatsapp:").removeprefix("tel:")
    if text.startswith("00"):
        text = "+" + text[2:]
    if text and text[0] != "+" and len(text) > 10 and text.isdigit():
        text = "+" + text  # a wa_id or an international number written without the plus
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhoneNumber(f"{raw!r} is not a phone number") from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhoneNumber(f"{raw!r} is not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str) -> str:
    """`+254 712 345 678`: how replies show a number."""
    if e164.startswith("+254") and len(e164) == 13:
        return f"+254 {e164[4:7]} {e164[7:10]} {e164[10:]}"
    number = phonenumbers.parse(e164)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
