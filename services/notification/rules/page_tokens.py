"""Opaque page tokens: the position after the last item, bound to the query they page through."""

from __future__ import annotations

import base64
import hashlib
import json

from services.runtime.errors import FieldViolation, InvalidArgument


def _fingerprint(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()[:16]


def encode_page_token(position: int, query: str) -> str:
    raw = json.dumps({"p": position, "q": _fingerprint(query)}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_page_token(token: str, query: str) -> int | None:
    """The position a token continues from; None for the first page."""
    if not token:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        data = json.loads(raw)
        position = int(data["p"])
        same_query = data["q"] == _fingerprint(query)
    except (ValueError, KeyError, TypeError):
        same_query = False
        position = 0
    if not same_query:
        raise InvalidArgument(
            "INVALID_PAGE_TOKEN",
            "The page token is not one this query returned.",
            violations=[FieldViolation("page_token", "not a page token of this query")],
        )
    return position
