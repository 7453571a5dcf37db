"""Resource names of the wallet contract (`wallets/{wallet}/...`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.runtime.errors import FieldViolation, InvalidArgument

ME = "me"
_SEGMENT = r"[A-Za-z0-9_-]{1,64}"
_CHILD = re.compile(rf"^wallets/({_SEGMENT})/([A-Za-z]+)/({_SEGMENT})$")
_WALLET = re.compile(rf"^wallets/({_SEGMENT})$")
_SINGLETON = re.compile(rf"^wallets/({_SEGMENT})/(savingsSummary|limitUsage)$")


@dataclass(frozen=True)
class ChildName:
    wallet: str  # the wallet id as given ("me" allowed)
    collection: str  # "deposits", "goals", ...
    ident: str


def wallet_of(name: str, field: str = "name") -> str:
    """The wallet id in `wallets/{wallet}` (or a singleton `wallets/{wallet}/savingsSummary`)."""
    match = _WALLET.match(name) or _SINGLETON.match(name)
    if not match:
        raise InvalidArgument(
            "INVALID_ARGUMENT",
            f"{field} must be wallets/{{wallet}}",
            violations=[FieldViolation(field, "must be wallets/{wallet}", "string.pattern")],
        )
    return match.group(1)


def child_of(name: str, collection: str, field: str = "name") -> ChildName:
    match = _CHILD.match(name)
    if not match or match.group(2) != collection:
        raise InvalidArgument(
            "INVALID_ARGUMENT",
            f"{field} must be wallets/{{wallet}}/{collection}/{{id}}",
            violations=[FieldViolation(field, f"must be a {collection} name", "string.pattern")],
        )
    return ChildName(match.group(1), collection, match.group(3))


def wallet_name(wallet_id: str) -> str:
    return f"wallets/{wallet_id}"


def child_name(wallet_id: str, collection: str, ident: str) -> str:
    return f"wallets/{wallet_id}/{collection}/{ident}"


def user_id_of(owner: str) -> str | None:
    kind, _, ident = owner.partition("/")
    return ident if kind == "users" and ident else None
