"""Savings goal progress and milestones."""

from __future__ import annotations

from collections.abc import Mapping

from services.wallet.rules.money import fiat_for_sats_down

# GoalMilestone values by percentage.
MILESTONES = ((25, 1), (50, 2), (75, 3), (100, 4))


def progress_percent(
    balance_sats: int,
    target_sats: int | None = None,
    *,
    target_minor: int | None = None,
    mid: int | None = None,
) -> int:
    """Whole percent of the target reached, rounded down, capped at 100.

    A sats target compares sats; a fiat target values the balance at `mid` (rounded down).
    """
    if target_sats is not None:
        have, want = max(balance_sats, 0), target_sats
    else:
        if target_minor is None or mid is None:
            raise ValueError("a fiat target needs a price")
        have, want = fiat_for_sats_down(max(balance_sats, 0), mid), target_minor
    if want <= 0:
        return 100
    return min(100, have * 100 // want)


def milestones_for(percent: int) -> list[int]:
    """The GoalMilestone values a progress of `percent` has reached."""
    return [value for threshold, value in MILESTONES if percent >= threshold]


def progress_of(
    balance_sats: int,
    target_sats: int | None,
    target_currency: str | None,
    target_minor: int | None,
    mids: Mapping[str, int] | None,
) -> int | None:
    """A goal's progress; None for a fiat target whose currency has no mid price in `mids`."""
    if target_sats is not None:
        return progress_percent(balance_sats, target_sats=target_sats)
    mid = (mids or {}).get(target_currency or "")
    if mid is None:
        return None
    return progress_percent(balance_sats, target_minor=target_minor, mid=mid)
