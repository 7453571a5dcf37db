"""Retries with exponential backoff and jitter, capped, for provider and dependency errors."""

from __future__ import annotations

import random


def backoff_seconds(attempt: int, base: float, cap: float, jitter: float | None = None) -> float:
    """Delay before attempt `attempt + 1` (attempt counts from 1): base·2^(attempt-1), ±20%."""
    delay = min(cap, base * (2 ** max(0, attempt - 1)))
    spread = random.uniform(-0.2, 0.2) if jitter is None else jitter  # noqa: S311 - not crypto
    return max(0.0, delay * (1 + spread))
