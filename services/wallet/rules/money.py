"""Integer money arithmetic: sats, fiat minor units and prices, never a float.

Units: 1 BTC = 100,000,000 sats; fiat in minor units (1 KES = 100); a price is fiat minor units
per 1 BTC. Every conversion rounds in the house's favour by at most one unit:

- what the user receives rounds down (sats credited on a buy, fiat paid out on a sell);
- what the user pays rounds up (fiat paid on a buy, sats given on a sell);
- the buy price is mid + spread rounded up, the sell price mid − spread rounded down.

Values shown to the user (wallet value, statement fiat values) round down.
"""

from __future__ import annotations

from dataclasses import dataclass

SATS_PER_BTC = 100_000_000
MAX_SATS = 21_000_000 * SATS_PER_BTC
BPS = 10_000
DEFAULT_SPREAD_BPS = 50  # 0.5% each side of mid
KES_MINOR = 100  # minor units per shilling


def ceil_div(a: int, b: int) -> int:
    """⌈a / b⌉ for integers (b > 0)."""
    if b <= 0:
        raise ValueError("divisor must be positive")
    return -(-a // b)


def buy_price(mid: int, spread_bps: int = DEFAULT_SPREAD_BPS) -> int:
    """What the user pays per BTC: mid × (1 + spread), rounded up."""
    return ceil_div(mid * (BPS + spread_bps), BPS)


def sell_price(mid: int, spread_bps: int = DEFAULT_SPREAD_BPS) -> int:
    """What the user gets per BTC: mid × (1 − spread), rounded down."""
    return mid * (BPS - spread_bps) // BPS


def sats_for_fiat_down(fiat_minor: int, price: int) -> int:
    """Sats that `fiat_minor` buys at `price`, rounded down (sats the user receives)."""
    return fiat_minor * SATS_PER_BTC // price


def sats_for_fiat_up(fiat_minor: int, price: int) -> int:
    """Sats worth `fiat_minor` at `price`, rounded up (sats the user gives)."""
    return ceil_div(fiat_minor * SATS_PER_BTC, price)


def fiat_for_sats_down(sats: int, price: int) -> int:
    """Fiat that `sats` are worth at `price`, rounded down (fiat the user receives, values)."""
    return sats * price // SATS_PER_BTC


def fiat_for_sats_up(sats: int, price: int) -> int:
    """Fiat `sats` cost at `price`, rounded up (fiat the user pays)."""
    return ceil_div(sats * price, SATS_PER_BTC)


def whole_shillings_down(kes_minor: int) -> int:
    return kes_minor - kes_minor % KES_MINOR


@dataclass(frozen=True)
class Trade:
    """Both sides of a buy or sell at one rate, plus what it means for the house's books."""

    side: str  # "BUY" or "SELL"
    currency: str
    fiat_minor: int  # fiat paid (BUY) or received (SELL)
    sats: int  # sats received (BUY) or given (SELL)
    mid: int
    rate: int  # buy price (BUY) or sell price (SELL)
    spread_bps: int
    spread_minor: int  # what the spread costs the user versus trading at mid, in fiat

    @property
    def spread_sats(self) -> int:
        """The house's spread revenue in sats, never negative (see ledger_split)."""
        return ledger_split(self)[1]


def ledger_split(trade: Trade) -> tuple[int, int]:
    """How a trade's sats split between the M-Pesa clearing account and spread revenue.

    BUY: the fiat is worth `at_mid` sats at mid; the user gets `trade.sats` (≤ at_mid) and the
    rest is spread. SELL: the user gives `trade.sats`; the fiat paid out is worth `at_mid` sats
    (≤ trade.sats) and the rest is spread. Returns (at_mid, spread_sats), both ≥ 0.
    """
    if trade.side == "BUY":
        at_mid = max(sats_for_fiat_down(trade.fiat_minor, trade.mid), trade.sats)
    else:
        at_mid = min(sats_for_fiat_up(trade.fiat_minor, trade.mid), trade.sats)
    return at_mid, abs(at_mid - trade.sats)


def _trade(side, currency, fiat_minor, sats, mid, rate, spread_bps) -> Trade:
    at_mid_value = sats * mid
    if side == "BUY":  # paid fiat minus what the sats are worth at mid, rounded down
        spread = (fiat_minor * SATS_PER_BTC - at_mid_value) // SATS_PER_BTC
    else:  # what the sats are worth at mid minus fiat received, rounded down
        spread = (at_mid_value - fiat_minor * SATS_PER_BTC) // SATS_PER_BTC
    return Trade(side, currency, fiat_minor, sats, mid, rate, spread_bps, max(spread, 0))


def buy_with_fiat(fiat_minor: int, mid: int, currency: str, spread_bps: int = DEFAULT_SPREAD_BPS):
    """The user pays `fiat_minor` and receives sats at the buy price, rounded down."""
    rate = buy_price(mid, spread_bps)
    return _trade(
        "BUY", currency, fiat_minor, sats_for_fiat_down(fiat_minor, rate), mid, rate, spread_bps
    )


def buy_sats(sats: int, mid: int, currency: str, spread_bps: int = DEFAULT_SPREAD_BPS) -> Trade:
    """The user receives `sats` and pays fiat at the buy price, rounded up."""
    rate = buy_price(mid, spread_bps)
    return _trade("BUY", currency, fiat_for_sats_up(sats, rate), sats, mid, rate, spread_bps)


def sell_for_fiat(fiat_minor: int, mid: int, currency: str, spread_bps: int = DEFAULT_SPREAD_BPS):
    """The user receives `fiat_minor` and gives sats at the sell price, rounded up."""
    rate = sell_price(mid, spread_bps)
    return _trade(
        "SELL", currency, fiat_minor, sats_for_fiat_up(fiat_minor, rate), mid, rate, spread_bps
    )


def sell_sats(sats: int, mid: int, currency: str, spread_bps: int = DEFAULT_SPREAD_BPS) -> Trade:
    """The user gives `sats` and receives fiat at the sell price, rounded down."""
    rate = sell_price(mid, spread_bps)
    return _trade("SELL", currency, fiat_for_sats_down(sats, rate), sats, mid, rate, spread_bps)


def sell_sats_for_whole_shillings(
    sats: int, mid: int, spread_bps: int = DEFAULT_SPREAD_BPS
) -> Trade:
    """A withdrawal given in sats: the payout rounds down to whole shillings and only the sats
    that payout needs are taken (never more than `sats`)."""
    rate = sell_price(mid, spread_bps)
    payout = whole_shillings_down(fiat_for_sats_down(sats, rate))
    needed = sats_for_fiat_up(payout, rate) if payout else 0
    return _trade("SELL", "KES", payout, min(needed, sats), mid, rate, spread_bps)
