"""The dialogue context in the cache, 24 hours from the last message, with the Turn that last
changed it (so a turn that crashed after saving the context is finished, not run again)."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

from services.ai.dialogue.context import Context
from services.runtime.cache import Cache


@dataclass(frozen=True)
class Saved:
    context: Context
    turn_id: str
    turn: bytes
    flagged: bool = False  # that turn asked for a human


class ContextStore:
    def __init__(self, cache: Cache, ttl_seconds: int) -> None:
        self._cache = cache
        self._ttl = ttl_seconds

    @staticmethod
    def _key(phone: str) -> str:
        return f"context:{phone}"

    async def load(self, phone: str) -> Saved | None:
        raw = await self._cache.get(self._key(phone))
        if not raw:
            return None
        try:
            data = json.loads(raw)
            return Saved(
                Context.from_dict(data["context"]),
                data.get("turn_id", ""),
                base64.b64decode(data.get("turn", "")),
                bool(data.get("flagged", False)),
            )
        except (ValueError, KeyError, TypeError):
            return None  # unreadable (an older shape): start afresh

    async def save(
        self, context: Context, turn_id: str, turn: bytes, flagged: bool = False
    ) -> None:
        document = {
            "context": context.to_dict(),
            "turn_id": turn_id,
            "turn": base64.b64encode(turn).decode(),
            "flagged": flagged,
        }
        await self._cache.set(self._key(context.phone), json.dumps(document), self._ttl)

    async def ttl(self, phone: str) -> float | None:
        return await self._cache.ttl(self._key(phone))
