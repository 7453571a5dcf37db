"""When a payout is tried or asked about again, when an unknown one is handed over for review,
and when an unsent one is given up."""

from __future__ import annotations

from datetime import timedelta

from services.wallet.rules.payout_checks import PayoutChecks, UnsentPayouts

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


UNSENT = UnsentPayouts(
    first_interval=timedelta(minutes=2),
    max_interval=timedelta(hours=1),
    max_attempts=10,
    max_age=timedelta(minutes=30),
)


def test_an_unsent_payout_is_tried_at_2_6_14_and_30_minutes_then_given_up():
    age, tries = timedelta(0), [timedelta(0)]
    while not UNSENT.give_up(len(tries), age):
        age += UNSENT.retry_after(len(tries), age)
        tries.append(age)
    assert tries == [timedelta(minutes=m) for m in (0, 2, 6, 14, 30)]


def test_the_last_unsent_attempt_is_made_when_the_time_is_up_not_an_interval_later():
    assert UNSENT.retry_after(5, timedelta(minutes=29)) == timedelta(minutes=1)
    assert UNSENT.retry_after(1, timedelta(minutes=1)) == timedelta(minutes=2)


def test_an_unsent_payout_is_given_up_after_its_attempts_or_its_age_whichever_first():
    assert not UNSENT.give_up(9, timedelta(minutes=29, seconds=59))
    assert UNSENT.give_up(10, timedelta(minutes=1))
    assert UNSENT.give_up(1, timedelta(minutes=30))
