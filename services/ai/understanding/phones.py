"""Finding Kenyan phone numbers in a message as members type them: 07xx…, 01xx…, 2547xx…,
+254 7xx…, with spaces or dashes between the digit groups. Normalising one is the runtime's job."""

import re
from dataclasses import dataclass

from services.runtime.phone_numbers import InvalidPhoneNumber, normalize_phone

# A national (0…) or international (254…/+254…) Kenyan mobile number. Separators may sit between
# any two digits; the look-arounds keep us from cutting a number out of a longer digit run.
_CANDIDATE = re.compile(r"(?<![\d+])(?:\+\s?254|254|0)[\s.-]?[17](?:[\s.-]?\d){8}(?!\d)")


@dataclass(frozen=True)
class PhoneMatch:
    e164: str
    start: int
    end: int


def find_phones(text: str) -> list[PhoneMatch]:
    """Every valid Kenyan mobile number in the text, in order, as E.164 with its span."""
    found = []
    for match in _CANDIDATE.finditer(text):
        e164 = to_e164(match.group())
        if e164:
            found.append(PhoneMatch(e164, match.start(), match.end()))
    return found


def to_e164(candidate: str) -> str | None:
    """E.164 for "0712 345 678" ("+254712345678"); None if it is not a valid Kenyan number."""
    try:
        e164 = normalize_phone(re.sub(r"[^\d+]", "", candidate))
    except InvalidPhoneNumber:
        return None
    return e164 if e164.startswith("+254") else None
