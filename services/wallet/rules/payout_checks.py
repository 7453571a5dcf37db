"""When to ask M-Pesa again about a payout whose outcome is unknown, and when to stop waiting
for the answer and ask a person (no I/O).

An unknown payout may have been paid, so it is never refunded on a timeout; it is asked about
with a backoff, then escalated once for manual review, then still asked about (rarely), because
a late answer must still resolve it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

MAX_DOUBLINGS = 20  # far past any sensible cap; keeps the arithmetic small


@dataclass(frozen=True)
class PayoutChecks:
    first_interval: timedelta  # after the first status query
    max_interval: timedelta  # the backoff stops growing here
    review_after_queries: int
    review_after_age: timedelta
    review_interval: timedelta  # once handed over for review

    def next_check(self, queries: int, under_review: bool) -> timedelta:
        """How long after the `queries`-th status query to ask again."""
        if under_review:
            return self.review_interval
        doublings = min(max(queries - 1, 0), MAX_DOUBLINGS)
        return min(self.first_interval * 2**doublings, self.max_interval)

    def needs_review(self, queries: int, age: timedelta) -> bool:
        """True once `queries` status queries (or `age`) have not told us the outcome."""
        return queries >= self.review_after_queries or age >= self.review_after_age
