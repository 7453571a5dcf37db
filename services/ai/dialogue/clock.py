"""Time as members live it: Nairobi (EAT, UTC+3)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

NAIROBI = ZoneInfo("Africa/Nairobi")

_MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "sw": ["Jan", "Feb", "Mac", "Apr", "Mei", "Jun", "Jul", "Ago", "Sep", "Okt", "Nov", "Des"],
}


def part_of_day(moment: datetime) -> str:
    """ "morning" (05–12), "afternoon" (12–17), "evening" (17–22) or "night", in Nairobi."""
    hour = moment.astimezone(NAIROBI).hour
    if 5 <= hour < 12:
        return "morning"
    if 12 <= hour < 17:
        return "afternoon"
    if 17 <= hour < 22:
        return "evening"
    return "night"


def short_date_time(moment: datetime, language: str) -> str:
    """ "12 May, 09:14" in Nairobi time."""
    local = moment.astimezone(NAIROBI)
    month = _MONTHS.get(language, _MONTHS["en"])[local.month - 1]
    return f"{local.day} {month}, {local:%H:%M}"


def hours_until(later: datetime, now: datetime) -> int:
    """Whole hours from `now` until `later`, at least 1."""
    return max(1, round((later - now).total_seconds() / 3600))
