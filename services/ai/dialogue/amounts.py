"""Amounts as members read them: parsing the understanding's decimal strings, converting with a
price, and formatting ("KES 1,500", "1,650 sats"; Swahili puts the unit first: "sats 1,650")."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, InvalidOperation

SATS_PER_BTC = 100_000_000
MINOR_PER_MAJOR = 100  # KES and USD both have cents

KES, USD, SATS, BTC = "CURRENCY_KES", "CURRENCY_USD", "CURRENCY_SATS", "CURRENCY_BTC"
FIAT_CODES = {KES: "KES", USD: "USD"}


def parse(amount: str | None) -> Decimal | None:
    if not amount:
        return None
    try:
        value = Decimal(amount)
    except InvalidOperation:
        return None
    return value if value.is_finite() and value > 0 else None


def grouped(value: Decimal | int) -> str:
    """1500 → "1,500"; 1500.5 → "1,500.50"; whole values without decimals."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_FLOOR):,}"


def sats_text(count: int, language: str) -> str:
    return f"sats {count:,}" if language == "sw" else f"{count:,} sats"


def stated(amount: Decimal, currency: str, language: str) -> str:
    """The amount in the unit the member stated it in."""
    if currency == SATS:
        return sats_text(int(amount), language)
    if currency == BTC:
        text = format(amount.normalize(), "f")
        return f"BTC {text}" if language == "sw" else f"{text} BTC"
    return f"{FIAT_CODES.get(currency, 'KES')} {grouped(amount)}"


def fiat_minor_text(minor_units: int, code: str = "KES") -> str:
    return f"{code} {grouped(Decimal(minor_units) / MINOR_PER_MAJOR)}"


def to_minor(amount: Decimal) -> int:
    return int((amount * MINOR_PER_MAJOR).to_integral_value(rounding=ROUND_FLOOR))


def is_whole(amount: Decimal) -> bool:
    return amount == amount.to_integral_value()


def has_at_most_decimals(amount: Decimal, places: int) -> bool:
    return amount == amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_FLOOR)


def sats_for_fiat(minor_units: int, price_minor_per_btc: int, round_up: bool = False) -> int:
    """Sats worth `minor_units` of fiat at a price per BTC."""
    if price_minor_per_btc <= 0:
        return 0
    exact = Decimal(minor_units) * SATS_PER_BTC / Decimal(price_minor_per_btc)
    return int(exact.to_integral_value(rounding=ROUND_CEILING if round_up else ROUND_FLOOR))


def fiat_for_sats(count: int, price_minor_per_btc: int) -> int:
    """Minor units of fiat that `count` sats are worth (rounded down)."""
    exact = Decimal(count) * Decimal(price_minor_per_btc) / SATS_PER_BTC
    return int(exact.to_integral_value(rounding=ROUND_FLOOR))


def sats_of(amount: Decimal, currency: str) -> int | None:
    """An amount stated in sats or BTC as whole sats; None for fiat or a fraction of a sat."""
    if currency == SATS:
        return int(amount) if is_whole(amount) else None
    if currency == BTC:
        count = amount * SATS_PER_BTC
        return int(count) if is_whole(count) else None
    return None
