"""GetConversation and ListConversations: who may read which conversation, filters and pages."""

from __future__ import annotations

import base64
import json
import re
from datetime import UTC, datetime, timedelta

from bitsacco.ai.v1 import ai_pb2

from services.ai.resources import conversation
from services.ai.storage import conversations as store
from services.ai.storage.context import ContextStore
from services.runtime.auth import Caller
from services.runtime.db import Database
from services.runtime.errors import FieldViolation, InvalidArgument, NotFound, PermissionDenied

SUPPORT_ROLES = frozenset({"support", "admin", "ROLE_SUPPORT", "ROLE_ADMIN"})
DEFAULT_PAGE_SIZE = 50
_FILTER = re.compile(r"^\s*flagged_for_support\s*=\s*(true|false)\s*$", re.IGNORECASE)


def is_support(caller: Caller) -> bool:
    return bool(SUPPORT_ROLES & set(caller.roles))


def parse_filter(text: str) -> bool | None:
    if not text.strip():
        return None
    found = _FILTER.match(text)
    if not found:
        raise InvalidArgument(
            "INVALID_FILTER",
            "Supported filter: flagged_for_support = true (or false).",
            violations=[FieldViolation("filter", "only flagged_for_support = true|false")],
        )
    return found.group(1).lower() == "true"


def _encode(after: tuple[datetime, str], filter_text: str) -> str:
    raw = json.dumps({"t": after[0].isoformat(), "p": after[1], "f": filter_text.strip()})
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(token: str, filter_text: str) -> tuple[datetime, str] | None:
    if not token:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        if data["f"] != filter_text.strip():
            raise ValueError("another filter")
        return datetime.fromisoformat(data["t"]), str(data["p"])
    except (ValueError, KeyError, TypeError) as exc:
        raise InvalidArgument(
            "INVALID_PAGE_TOKEN",
            "The page token is not one this query returned.",
            violations=[FieldViolation("page_token", "not a page token of this query")],
        ) from exc


class ConversationReader:
    def __init__(
        self, db: Database, contexts: ContextStore, ttl: timedelta, services: frozenset[str]
    ) -> None:
        self._db = db
        self._contexts = contexts
        self._ttl = ttl
        self._services = services  # service identities that may read any conversation

    def _reads_any(self, caller: Caller) -> bool:
        return is_support(caller) or (caller.service_name or "") in self._services

    async def get(self, name: str, caller: Caller) -> ai_pb2.Conversation:
        wanted = name.removeprefix("conversations/")
        own = caller.phone.removeprefix("+") if caller.user_id else ""
        if wanted == "me":
            wanted = own
        # Permission before existence: another member's conversation reads as missing.
        if not wanted or (wanted != own and not self._reads_any(caller)):
            raise NotFound("CONVERSATION_NOT_FOUND", "No such conversation.")
        phone = "+" + wanted
        row = await store.get(self._db, phone)
        if row is None:
            raise NotFound("CONVERSATION_NOT_FOUND", "No such conversation.")
        saved = await self._contexts.load(phone)
        return conversation(row, saved.context if saved else None, datetime.now(UTC), self._ttl)

    async def list(
        self, page_size: int, page_token: str, filter_text: str, caller: Caller
    ) -> tuple[list[ai_pb2.Conversation], str]:
        if not is_support(caller):
            raise PermissionDenied(
                "SUPPORT_OR_ADMIN_REQUIRED", "Only support staff and admins list conversations."
            )
        flagged = parse_filter(filter_text)
        after = _decode(page_token, filter_text)
        size = page_size or DEFAULT_PAGE_SIZE
        rows = await store.page(self._db, flagged=flagged, after=after, limit=size + 1)
        more = len(rows) > size
        rows = rows[:size]
        now = datetime.now(UTC)
        found = []
        for row in rows:
            saved = await self._contexts.load(row.phone)
            found.append(conversation(row, saved.context if saved else None, now, self._ttl))
        token = _encode((rows[-1].update_time, rows[-1].phone), filter_text) if more else ""
        return found, token
