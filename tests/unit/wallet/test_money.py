"""Integer conversions round in the house's favour by at most one unit."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from services.wallet.rules import money

MIDS = st.integers(min_value=1_000_000, max_value=10**13)  # minor units per BTC
FIAT = st.integers(min_value=1, max_value=10**12)
SATS = st.integers(min_value=1, max_value=money.MAX_SATS)
BPS = st.integers(min_value=0, max_value=500)


def test_the_documented_example():
    mid = 1_300_000_000  # KES 13,000,000.00
    assert money.buy_price(mid) == 1_306_500_000
    assert money.sell_price(mid) == 1_293_500_000
    trade = money.buy_with_fiat(10_000, mid, "KES")  # KES 100
    assert (trade.sats, trade.rate) == (765, 1_306_500_000)
    at_mid, spread = money.ledger_split(trade)
    assert (at_mid, spread) == (769, 4)


@given(MIDS, BPS)
def test_buy_and_sell_prices_round_for_the_house(mid, bps):
    exact_buy = Fraction(mid * (10_000 + bps), 10_000)
    exact_sell = Fraction(mid * (10_000 - bps), 10_000)
    assert 0 <= money.buy_price(mid, bps) - exact_buy < 1
    assert 0 <= exact_sell - money.sell_price(mid, bps) < 1


@given(FIAT, MIDS, BPS)
def test_buying_with_fiat_gives_at_most_one_sat_less(fiat, mid, bps):
    trade = money.buy_with_fiat(fiat, mid, "KES", bps)
    exact = Fraction(fiat * money.SATS_PER_BTC, trade.rate)
    assert 0 <= exact - trade.sats < 1
    at_mid, spread = money.ledger_split(trade)
    assert at_mid == trade.sats + spread and spread >= 0


@given(SATS, MIDS, BPS)
def test_buying_sats_costs_at_most_one_minor_unit_more(sats, mid, bps):
    trade = money.buy_sats(sats, mid, "KES", bps)
    exact = Fraction(sats * trade.rate, money.SATS_PER_BTC)
    assert 0 <= trade.fiat_minor - exact < 1


@given(FIAT, MIDS, BPS)
def test_selling_for_fiat_takes_at_most_one_sat_more(fiat, mid, bps):
    trade = money.sell_for_fiat(fiat, mid, "KES", bps)
    exact = Fraction(fiat * money.SATS_PER_BTC, trade.rate)
    assert 0 <= trade.sats - exact < 1
    at_mid, spread = money.ledger_split(trade)
    assert trade.sats == at_mid + spread and spread >= 0


@given(SATS, MIDS, BPS)
def test_selling_sats_pays_at_most_one_minor_unit_less(sats, mid, bps):
    trade = money.sell_sats(sats, mid, "KES", bps)
    exact = Fraction(sats * trade.rate, money.SATS_PER_BTC)
    assert 0 <= exact - trade.fiat_minor < 1


@given(SATS, MIDS, BPS)
def test_withdrawing_sats_pays_whole_shillings_and_takes_no_more_than_given(sats, mid, bps):
    trade = money.sell_sats_for_whole_shillings(sats, mid, bps)
    assert trade.fiat_minor % 100 == 0
    assert trade.sats <= sats
    # The sats taken are exactly enough for that payout (rounded up by at most one sat).
    if trade.fiat_minor:
        exact = Fraction(trade.fiat_minor * money.SATS_PER_BTC, trade.rate)
        assert 0 <= trade.sats - exact < 1


def test_values_shown_round_down():
    assert money.fiat_for_sats_down(1, 1_300_000_000) == 13
    assert money.fiat_for_sats_up(1, 1_300_000_000) == 13
    assert money.fiat_for_sats_up(1, 1_300_000_001) == 14
    assert money.ceil_div(-1, 2) == 0
