"""Numbers as members write them: digits ("1,200", "1.5"), suffixes ("2k", "1.5m", "2 thao"),
English words ("two thousand five hundred") and Swahili words ("elfu mbili mia tano").

Both readers work on normalised token texts and return the value and the index just past the
number, so the caller knows which words were used up.
"""

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip

# Words that multiply the number before them: "2k", "5 thousand", "2 thao", "1.5m".
TRAILING_SCALES = {
    "hundred": 100,
    "k": 1_000, "thousand": 1_000, "thao": 1_000, "thau": 1_000, "ngiri": 1_000, "elfu": 1_000,
    "m": 1_000_000, "mn": 1_000_000, "mil": 1_000_000, "million": 1_000_000,
    "millions": 1_000_000, "milioni": 1_000_000,
    "b": 1_000_000_000, "bn": 1_000_000_000, "billion": 1_000_000_000,
}  # fmt: skip

SW_UNITS = {
    "moja": 1, "mbili": 2, "mbii": 2, "tatu": 3, "nne": 4, "tano": 5, "sita": 6, "saba": 7,
    "nane": 8, "tisa": 9,
}  # fmt: skip
SW_TENS = {
    "kumi": 10, "ishirini": 20, "ishrini": 20, "thelathini": 30, "thelatini": 30,
    "arobaini": 40, "arubaini": 40, "hamsini": 50, "hamsin": 50, "sitini": 60, "sabini": 70,
    "themanini": 80, "thamanini": 80, "tisini": 90,
}  # fmt: skip
# Swahili (and Sheng) scales come before the number they multiply: "elfu mbili" = 2 × 1000.
SW_SCALES = {
    "mia": 100, "soo": 100,
    "elfu": 1_000, "elufu": 1_000, "alfu": 1_000, "thao": 1_000, "thau": 1_000, "ngiri": 1_000,
    "laki": 100_000, "lakhi": 100_000,
    "milioni": 1_000_000, "millioni": 1_000_000, "milion": 1_000_000,
}  # fmt: skip
# Sheng coins and notes that stand for a value on their own.
SHENG_VALUES = {"mbao": 20}
SW_HALF = "nusu"

_SWAHILI_NUMBER_WORDS = frozenset([*SW_SCALES, *SW_UNITS, *SW_TENS, *SHENG_VALUES])
NUMBER_WORDS = frozenset([*EN_UNITS, *TRAILING_SCALES, *_SWAHILI_NUMBER_WORDS, SW_HALF])


def digits_value(word: str) -> Decimal | None:
    """The value of "1,200" (1200) or "1.5"; None for anything not written in digits."""
    if not word[:1].isdigit():
        return None
    try:
        return Decimal(word.replace(",", ""))
    except InvalidOperation:
        return None


def read_number(words: Sequence[str], start: int) -> tuple[Decimal, int] | None:
    """The number that begins at words[start], as (value, index after it), or None."""
    word = words[start]
    if word in _SWAHILI_NUMBER_WORDS:
        return _read_swahili(words, start)
    if digits_value(word) is not None or word in EN_UNITS or _is_a_scale(words, start):
        return _read_english(words, start)
    return None


def _is_a_scale(words: Sequence[str], i: int) -> bool:
    """Whether words[i] is the article in "a thousand", which stands for one."""
    return words[i] == "a" and i + 1 < len(words) and words[i + 1] in TRAILING_SCALES


def _read_english(words: Sequence[str], i: int) -> tuple[Decimal, int] | None:
    """Scales come after what they multiply: "two thousand five hundred", "1.5 million", "2k"."""
    total = current = Decimal(0)
    read_any = last_was_digits = False
    while i < len(words):
        word = words[i]
        digits = digits_value(word)
        if digits is not None and not last_was_digits:
            current += digits
            last_was_digits = True
        elif word in EN_UNITS:
            current += EN_UNITS[word]
            last_was_digits = False
        elif not read_any and _is_a_scale(words, i):
            current = Decimal(1)
        elif word in TRAILING_SCALES and read_any:
            scale = TRAILING_SCALES[word]
            if scale == 100:
                current = (current or 1) * scale
            else:
                total += (current or 1) * scale
                current = Decimal(0)
            last_was_digits = False
        elif word == "and" and read_any and i + 1 < len(words) and words[i + 1] in EN_UNITS:
            pass
        else:
            break
        read_any = True
        i += 1
    return (total + current, i) if read_any else None


def _read_swahili(words: Sequence[str], i: int) -> tuple[Decimal, int] | None:
    """Scales come first: "elfu mbili mia tano" = 2×1000 + 5×100, "milioni moja na nusu" = 1.5M."""
    total = Decimal(0)
    last_scale = 0
    start = i
    while i < len(words):
        word = words[i]
        if word in SW_SCALES:
            last_scale = SW_SCALES[word]
            multiplier, after = _read_below_thousand(words, i + 1)
            total += last_scale * (multiplier if after > i + 1 else 1)
            i = after
        elif word in SHENG_VALUES:
            total += SHENG_VALUES[word]
            i += 1
        elif word == "na" and i > start and i + 1 < len(words):
            following = words[i + 1]
            if following == SW_HALF and last_scale:
                total += Decimal(last_scale) / 2
                i += 2
                break
            if following not in _SWAHILI_NUMBER_WORDS and digits_value(following) is None:
                break
            i += 1
        else:
            value, after = _read_below_thousand(words, i)
            if after == i:
                break
            total += value
            i = after
    return (total, i) if i > start else None


def _read_below_thousand(words: Sequence[str], i: int) -> tuple[Decimal, int]:
    """What follows a scale word: digits, or "[mia N] [tens] [na] [unit]" in falling order.
    Stops after a unit, so "elfu mbili mia tano" reads "mbili" here and leaves "mia tano"."""
    if i < len(words) and (digits := digits_value(words[i])) is not None:
        return digits, i + 1
    value = Decimal(0)
    if i + 1 < len(words) and words[i] == "mia" and words[i + 1] in SW_UNITS:
        value += 100 * SW_UNITS[words[i + 1]]
        i += 2
    if i < len(words) and words[i] in SW_TENS:
        value += SW_TENS[words[i]]
        i += 1
        if i + 1 < len(words) and words[i] == "na" and words[i + 1] in SW_UNITS:
            i += 1  # "kumi na tano": the "na" joins tens and unit
    if i < len(words) and words[i] in SW_UNITS:
        value += SW_UNITS[words[i]]
        i += 1
    return value, i


def decimal_text(value: Decimal) -> str:
    """Decimal as plain text without exponent or trailing zeros: 1.5E+6 → "1500000"."""
    return format(value.normalize(), "f")
