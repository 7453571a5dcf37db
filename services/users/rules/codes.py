"""One-time codes (sign-in and step-up): how they are made, kept and checked.

A code is 6 digits from the operating system's CSPRNG, kept only as a keyed hash (HMAC-SHA256
with the service's pepper, bound to what it is for), valid 5 minutes and single use. Five wrong
guesses burn it; a resend replaces the code but keeps the failure count of the one it replaces.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

CODE_DIGITS = 6
CODE_TTL_SECONDS = 300
MAX_FAILURES = 5


def new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def code_hash(pepper: bytes, purpose: str, code: str) -> str:
    """The stored form of `code` issued for `purpose` (e.g. the phone number, the challenge id)."""
    return hmac.new(pepper, f"{purpose}\x00{code}".encode(), hashlib.sha256).hexdigest()


def code_matches(pepper: bytes, purpose: str, code: str, stored_hash: str) -> bool:
    return hmac.compare_digest(code_hash(pepper, purpose, code), stored_hash)


@dataclass(frozen=True)
class Guess:
    """The outcome of one guess, given the failures before it."""

    correct: bool
    burned: bool  # this guess used up the last attempt
    attempts_remaining: int


def judge_guess(correct: bool, failures_before: int, max_failures: int = MAX_FAILURES) -> Guess:
    if correct:
        return Guess(True, False, max_failures - failures_before)
    failures = failures_before + 1
    return Guess(False, failures >= max_failures, max(0, max_failures - failures))
