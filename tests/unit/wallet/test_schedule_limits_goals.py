"""Plan occurrences, Nairobi days, goal milestones, alert crossings, page tokens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.runtime.errors import InvalidArgument
from services.wallet.rules import alerts, goals, limits, paging, schedule

ANCHOR = datetime(2025, 1, 31, 6, 0, tzinfo=UTC)  # 09:00 in Nairobi


def test_daily_and_weekly_occurrences():
    assert schedule.occurrence(ANCHOR, schedule.DAILY, 3) == ANCHOR + timedelta(days=3)
    moment = ANCHOR + timedelta(days=2, hours=1)
    assert schedule.first_at_or_after(ANCHOR, schedule.DAILY, moment) == ANCHOR + timedelta(days=3)
    assert schedule.first_after(ANCHOR, schedule.WEEKLY, ANCHOR) == ANCHOR + timedelta(days=7)
    assert schedule.first_at_or_after(ANCHOR, schedule.WEEKLY, ANCHOR - timedelta(days=9)) == ANCHOR


def test_monthly_keeps_the_day_or_takes_the_last_one():
    runs = [schedule.occurrence(ANCHOR, schedule.MONTHLY, i) for i in range(4)]
    assert [r.astimezone(limits.NAIROBI).date().isoformat() for r in runs] == [
        "2025-01-31",
        "2025-02-28",
        "2025-03-31",
        "2025-04-30",
    ]
    assert all(r.astimezone(limits.NAIROBI).hour == 9 for r in runs)
    after = schedule.first_after(ANCHOR, schedule.MONTHLY, runs[1])
    assert after == runs[2]


def test_pause_after_three_failures():
    assert not schedule.should_pause(2)
    assert schedule.should_pause(3)


def test_limit_days_are_nairobi_days():
    late = datetime(2025, 3, 1, 21, 30, tzinfo=UTC)  # 00:30 on 2 March in Nairobi
    assert limits.limit_day(late) == "2025-03-02"
    assert limits.reset_time(late) == datetime(2025, 3, 2, 21, 0, tzinfo=UTC)
    assert limits.usd_for_kes(13_000_00, 1_300_000_000, 10_000_000) == 10_000
    assert limits.usd_for_sats(1, 10_000_000) == 1
    assert limits.needs_step_up(10_001, 10_000) and not limits.needs_step_up(10_000, 10_000)


def test_goal_progress_and_milestones():
    assert goals.progress_percent(2_600, target_sats=10_000) == 26
    assert goals.milestones_for(26) == [1]
    assert goals.progress_percent(20_000, target_sats=10_000) == 100
    assert goals.milestones_for(100) == [1, 2, 3, 4]
    # KES 1,000 target; 3,847 sats at KES 13,000,000 per BTC are worth KES 500.11.
    assert goals.progress_percent(3_847, target_minor=100_000, mid=1_300_000_000) == 50
    # A goal's own target, with the mid price of its currency (none: not known yet).
    mids = {"KES": 1_300_000_000, "USD": 10_000_000}
    assert goals.progress_of(3_847, None, "KES", 100_000, mids) == 50
    assert goals.progress_of(3_847, None, "USD", 1_000, mids) == 38  # USD 3.84 of USD 10
    assert goals.progress_of(3_847, 10_000, None, None, None) == 38
    assert goals.progress_of(3_847, None, "USD", 1_000, None) is None


def test_alert_crossings():
    assert alerts.crossed(alerts.ABOVE, 100, 100) and not alerts.crossed(alerts.ABOVE, 100, 99)
    assert alerts.crossed(alerts.BELOW, 100, 100) and not alerts.crossed(alerts.BELOW, 100, 101)


def test_page_tokens_are_bound_to_their_filters():
    token = paging.encode_token(42, ["a"])
    assert paging.decode_token(token, ["a"]) == 42
    with pytest.raises(InvalidArgument):
        paging.decode_token(token, ["b"])
    with pytest.raises(InvalidArgument):
        paging.decode_token("garbage!", ["a"])
    assert paging.page_size(0) == 50 and paging.page_size(5000) == 1000
