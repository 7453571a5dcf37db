"""Price alerts: one-shot crossings of a level by the mid price."""

from __future__ import annotations

ABOVE, BELOW = 1, 2  # PriceAlertDirection values


def crossed(direction: int, level: int, mid: int) -> bool:
    """ABOVE fires at or above the level; BELOW at or below it."""
    return mid >= level if direction == ABOVE else mid <= level
