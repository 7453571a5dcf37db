"""When to try M-Pesa again about a payout, and when to stop (no I/O).

- An unknown payout may have been paid, so it is never refunded on a timeout; it is asked about
  with a backoff, then escalated once for manual review, then still asked about (rarely), because
  a late answer must still resolve it (`PayoutChecks`).
- A payout Daraja could not be reached for was certainly not sent; it is sent again with the same
  backoff, and after the attempts or the time allowed it fails, so the member gets their sats back
  instead of waiting for hours (`UnsentPayouts`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

MAX_DOUBLINGS = 20  # far past any sensible cap; keeps the arithmetic small


def backoff(first: timedelta, cap: timedelta, tries: int) -> timedelta:
    """How long after the `tries`-th try to try again: `first`, doubling, at most `cap`."""
    doublings = min(max(tries - 1, 0), MAX_DOUBLINGS)
    return min(first * 2**doublings, cap)


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
        return backoff(self.first_interval, self.max_interval, queries)

    def needs_review(self, queries: int, age: timedelta) -> bool:
        """True once `queries` status queries (or `age`) have not told us the outcome."""
        return queries >= self.review_after_queries or age >= self.review_after_age


@dataclass(frozen=True)
class UnsentPayouts:
    first_interval: timedelta  # after the first attempt
    max_interval: timedelta
    max_attempts: int
    max_age: timedelta

    def give_up(self, attempts: int, age: timedelta) -> bool:
        """True once `attempts` unsent attempts (or `age`) are all the member should wait for."""
        return attempts >= self.max_attempts or age >= self.max_age

    def retry_after(self, attempts: int, age: timedelta) -> timedelta:
        """How long after the `attempts`-th unsent attempt to try again: backing off, but the
        last attempt is made when the time allowed is up, not an interval later."""
        return min(backoff(self.first_interval, self.max_interval, attempts), self.max_age - age)
