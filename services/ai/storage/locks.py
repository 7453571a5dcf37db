"""One turn at a time per conversation, across replicas: a lease in the cache."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from services.runtime.cache import Cache
from services.runtime.errors import Aborted


class ConversationLocks:
    def __init__(self, cache: Cache, lease_seconds: float, wait_seconds: float) -> None:
        self._cache = cache
        self._lease = lease_seconds
        self._wait = wait_seconds

    @asynccontextmanager
    async def hold(self, phone: str) -> AsyncIterator[None]:
        key = f"turn-lock:{phone}"
        token = uuid.uuid4().hex
        deadline = time.monotonic() + self._wait
        while not await self._cache.set(key, token, self._lease, only_if_absent=True):
            if time.monotonic() > deadline:
                raise Aborted(
                    "TURN_IN_PROGRESS",
                    "Another message of this conversation is being answered; retry.",
                    retry_after_seconds=1,
                )
            await asyncio.sleep(0.02)
        try:
            yield
        finally:
            held = await self._cache.get(key)
            if held is not None and held.decode() == token:
                await self._cache.delete(key)
