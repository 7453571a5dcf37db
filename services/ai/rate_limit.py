"""100 requests a minute per caller (the contract's RATE_LIMITED), counted in the cache."""

from __future__ import annotations

import time

from services.runtime.cache import Cache
from services.runtime.errors import ResourceExhausted

WINDOW_SECONDS = 60


class RateLimiter:
    def __init__(self, cache: Cache, per_minute: int) -> None:
        self._cache = cache
        self._per_minute = per_minute

    async def check(self, subject: str) -> None:
        window = int(time.time() // WINDOW_SECONDS)
        key = f"rate:{subject}:{window}"
        count = await self._cache.incr(key, WINDOW_SECONDS)
        if count > self._per_minute:
            wait = await self._cache.ttl(key) or WINDOW_SECONDS
            raise ResourceExhausted(
                "RATE_LIMITED",
                f"Too many requests: at most {self._per_minute} a minute.",
                retry_after_seconds=max(1.0, wait),
            )
