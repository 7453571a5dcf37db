"""Refresh tokens: opaque random strings, kept only as a keyed hash."""

from __future__ import annotations

import hashlib
import hmac
import secrets

PREFIX = "rt1_"


def new_refresh_token() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def refresh_token_hash(pepper: bytes, token: str) -> str:
    return hmac.new(pepper, b"refresh\x00" + token.encode(), hashlib.sha256).hexdigest()
