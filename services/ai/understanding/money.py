"""The amount a message states and its currency: "ksh 500", "500 bob", "$20", "5000 sats",
"0.001 btc", "elfu mbili". Kenyan shillings unless another unit is written next to the number."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from services.ai.understanding.labels import Currency
from services.ai.understanding.numbers import read_number

# Unit words written right after the number ("500 bob", "5000 sats", "0.001 btc").
_UNIT_AFTER = {
    "bob": Currency.KES, "ksh": Currency.KES, "kshs": Currency.KES, "kes": Currency.KES,
    "sh": Currency.KES, "shs": Currency.KES, "shillings": Currency.KES,
    "shilingi": Currency.KES, "shillingi": Currency.KES,
    "usd": Currency.USD, "dollars": Currency.USD, "dollar": Currency.USD, "dola": Currency.USD,
    "$": Currency.USD,
    "sats": Currency.SATS, "sat": Currency.SATS, "satoshi": Currency.SATS,
    "satoshis": Currency.SATS,
    "btc": Currency.BTC, "bitcoin": Currency.BTC, "bitcoins": Currency.BTC,
}  # fmt: skip
# Unit words written right before the number ("ksh 500", "bob 500", "$20", "sats 5000").
# "bitcoin 500" is left out on purpose: "nunua bitcoin 500" means shillings' worth of bitcoin.
_UNIT_BEFORE = {
    word: currency
    for word, currency in _UNIT_AFTER.items()
    if currency is not Currency.BTC and word not in ("dollars", "dollar")
}


@dataclass(frozen=True)
class Amount:
    value: Decimal
    currency: Currency
    end: int  # index just past the last word used, unit word included


def find_amount(words: Sequence[str]) -> Amount | None:
    """The first amount written in the message, if any."""
    for start in range(len(words)):
        number = read_number(words, start)
        if number is None:
            continue
        value, end = number
        if start > 0 and words[start - 1] in _UNIT_BEFORE:
            return Amount(value, _UNIT_BEFORE[words[start - 1]], end)
        if end < len(words) and words[end] in _UNIT_AFTER:
            return Amount(value, _UNIT_AFTER[words[end]], end + 1)
        return Amount(value, Currency.KES, end)
    return None
