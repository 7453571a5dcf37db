"""When an unknown payout is asked about again, and when it is handed over for review."""

from __future__ import annotations

from datetime import timedelta

from services.wallet.rules.payout_checks import PayoutChecks

CHECKS = PayoutChecks(
    first_interval=timedelta(minutes=2),
    max_interval=timedelta(hours=1),
    review_after_queries=12,
    review_after_age=timedelta(hours=24),
    review_interval=timedelta(hours=6),
)


def test_backoff_doubles_up_to_the_cap():
    waits = [CHECKS.next_check(n, under_review=False) for n in range(1, 9)]
    assert waits == [timedelta(minutes=m) for m in (2, 4, 8, 16, 32, 60, 60, 60)]
    assert CHECKS.next_check(10_000, under_review=False) == timedelta(hours=1)


def test_under_review_it_is_asked_rarely_but_still_asked():
    assert CHECKS.next_check(1, under_review=True) == timedelta(hours=6)
    assert CHECKS.next_check(500, under_review=True) == timedelta(hours=6)


def test_review_after_the_query_budget_or_the_age_whichever_first():
    assert not CHECKS.needs_review(11, timedelta(hours=23, minutes=59))
    assert CHECKS.needs_review(12, timedelta(minutes=5))
    assert CHECKS.needs_review(0, timedelta(hours=24))
