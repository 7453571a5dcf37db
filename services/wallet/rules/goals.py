"""Savings goal progress and milestones."""

from __future__ import annotations

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
