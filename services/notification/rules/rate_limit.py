"""Per-sender inbound limit: 100 messages a minute. The first message over the limit gets a polite
reply saying when to try again; the rest of that minute's messages are stored but not processed."""

from __future__ import annotations

WINDOW_SECONDS = 60.0

WITHIN = ""
NOTIFY = "notify"  # over the limit, first time this window: reply politely
SKIP = "skip"  # over the limit, already told


def decide(count_in_window: int, limit: int) -> str:
    if count_in_window <= limit:
        return WITHIN
    return NOTIFY if count_in_window == limit + 1 else SKIP


def polite_reply(retry_after_seconds: float) -> str:
    seconds = max(1, round(retry_after_seconds))
    return (
        f"You're sending messages faster than I can answer. Please wait {seconds} seconds and "
        f"try again.\n\nUnatuma ujumbe kwa kasi kuliko ninavyoweza kujibu. Tafadhali subiri "
        f"sekunde {seconds} kisha ujaribu tena."
    )
