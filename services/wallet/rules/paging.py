"""Page tokens: opaque to clients, bound to the list's filters."""

from __future__ import annotations

import base64
import hashlib
import json

from services.runtime.errors import FieldViolation, InvalidArgument

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000


def page_size(requested: int) -> int:
    return min(requested or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)


def _filter_digest(filters: object) -> str:
    return hashlib.sha256(json.dumps(filters, sort_keys=True).encode()).hexdigest()[:16]


def encode_token(position: object, filters: object = None) -> str:
    body = json.dumps({"p": position, "f": _filter_digest(filters)}, separators=(",", ":"))
    return base64.urlsafe_b64encode(body.encode()).decode().rstrip("=")


def decode_token(token: str, filters: object = None) -> object | None:
    """The position a token continues from; None for the first page."""
    if not token:
        return None
    try:
        padded = token + "=" * (-len(token) % 4)
        body = json.loads(base64.urlsafe_b64decode(padded.encode()))
        position, digest = body["p"], body["f"]
    except (ValueError, KeyError, TypeError) as exc:
        raise _invalid() from exc
    if digest != _filter_digest(filters):
        raise _invalid()
    return position


def _invalid() -> InvalidArgument:
    return InvalidArgument(
        "INVALID_PAGE_TOKEN",
        "The page token is not valid for this list (or its filters changed).",
        violations=[FieldViolation("page_token", "not a token from this list", "page_token")],
    )
