"""When a recurring savings plan runs: occurrences anchored on its start_time.

DAILY and WEEKLY add whole days (Nairobi keeps UTC+3 all year, so the local time of day is
stable); MONTHLY keeps the start's day of month in Nairobi, on the month's last day when the
month is shorter, at the same local time.
"""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta

from services.wallet.rules.limits import NAIROBI

DAILY, WEEKLY, MONTHLY = 1, 2, 3  # SavingsPlanFrequency values
_STEP_DAYS = {DAILY: 1, WEEKLY: 7}
# An occurrence that is this late when the scheduler gets to it is skipped, not run late.
DEFAULT_LATENESS_LIMIT = timedelta(hours=6)
# Consecutive failed runs after which a plan pauses itself.
MAX_CONSECUTIVE_FAILURES = 3


def occurrence(anchor: datetime, frequency: int, index: int) -> datetime:
    """The index-th run (0 is the anchor itself)."""
    if frequency in _STEP_DAYS:
        return anchor + timedelta(days=_STEP_DAYS[frequency] * index)
    if frequency != MONTHLY:
        raise ValueError(f"unknown frequency {frequency}")
    local = anchor.astimezone(NAIROBI)
    months = local.month - 1 + index
    year, month = local.year + months // 12, months % 12 + 1
    day = min(local.day, calendar.monthrange(year, month)[1])
    return local.replace(year=year, month=month, day=day).astimezone(anchor.tzinfo)


def first_at_or_after(anchor: datetime, frequency: int, moment: datetime) -> datetime:
    """The first occurrence at or after `moment` (the anchor when `moment` is before it)."""
    if moment <= anchor:
        return anchor
    if frequency in _STEP_DAYS:
        step = timedelta(days=_STEP_DAYS[frequency])
        index = -(-(moment - anchor) // step)
        return occurrence(anchor, frequency, index)
    local_anchor, local_moment = anchor.astimezone(NAIROBI), moment.astimezone(NAIROBI)
    index = max(
        0,
        (local_moment.year - local_anchor.year) * 12 + local_moment.month - local_anchor.month - 1,
    )
    while (candidate := occurrence(anchor, frequency, index)) < moment:
        index += 1
    return candidate


def first_after(anchor: datetime, frequency: int, moment: datetime) -> datetime:
    """The first occurrence strictly after `moment`."""
    candidate = first_at_or_after(anchor, frequency, moment)
    if candidate == moment:
        candidate = first_at_or_after(anchor, frequency, moment + timedelta(microseconds=1))
    return candidate


def should_pause(consecutive_failures: int) -> bool:
    return consecutive_failures >= MAX_CONSECUTIVE_FAILURES
