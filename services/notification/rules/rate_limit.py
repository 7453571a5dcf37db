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
