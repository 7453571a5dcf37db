"""A small key-value interface for OTPs, rate limits and conversation context: Redis in
production and tests, an in-process dictionary in the embedded shape."""

from __future__ import annotations

import time
from typing import Protocol

import redis.asyncio as redis


class Cache(Protocol):
    async def get(self, key: str) -> bytes | None: ...

    async def set(
        self,
        key: str,
        value: bytes | str,
        ttl_seconds: float | None = None,
        only_if_absent: bool = False,
    ) -> bool:
        """Store `value`; with `only_if_absent` only when the key is free. True if stored."""

    async def delete(self, key: str) -> None: ...

    async def incr(self, key: str, ttl_seconds: float) -> int:
        """Add one to a counter; its expiry is set when the counter is created (a fixed window)."""

    async def ttl(self, key: str) -> float | None:
        """Seconds until `key` expires; None when it does not exist or never expires."""

    async def close(self) -> None: ...


class RedisCache:
    def __init__(self, url: str, prefix: str) -> None:
        self.client = redis.from_url(url)
        self._prefix = prefix + ":"

    async def get(self, key: str) -> bytes | None:
        return await self.client.get(self._prefix + key)

    async def set(self, key, value, ttl_seconds=None, only_if_absent=False) -> bool:
        px = int(ttl_seconds * 1000) if ttl_seconds else None
        return bool(await self.client.set(self._prefix + key, value, px=px, nx=only_if_absent))

    async def delete(self, key: str) -> None:
        await self.client.delete(self._prefix + key)

    async def incr(self, key: str, ttl_seconds: float) -> int:
        async with self.client.pipeline(transaction=True) as pipe:
            pipe.incr(self._prefix + key)
            pipe.pexpire(self._prefix + key, int(ttl_seconds * 1000), nx=True)
            count, _ = await pipe.execute()
        return int(count)

    async def ttl(self, key: str) -> float | None:
        millis = await self.client.pttl(self._prefix + key)
        return millis / 1000 if millis >= 0 else None

    async def close(self) -> None:
        await self.client.aclose()


class MemoryCache:
    """The embedded default: one process's dictionary with expiries."""

    def __init__(self) -> None:
        self._values: dict[str, tuple[bytes, float | None]] = {}

    def _live(self, key: str) -> tuple[bytes, float | None] | None:
        item = self._values.get(key)
        if item and item[1] is not None and item[1] <= time.monotonic():
            del self._values[key]
            return None
        return item

    async def get(self, key: str) -> bytes | None:
        item = self._live(key)
        return item[0] if item else None

    async def set(self, key, value, ttl_seconds=None, only_if_absent=False) -> bool:
        if only_if_absent and self._live(key):
            return False
        data = value.encode() if isinstance(value, str) else value
        self._values[key] = (data, time.monotonic() + ttl_seconds if ttl_seconds else None)
        return True

    async def delete(self, key: str) -> None:
        self._values.pop(key, None)

    async def incr(self, key: str, ttl_seconds: float) -> int:
        item = self._live(key)
        count = int(item[0]) + 1 if item else 1
        expiry = item[1] if item else time.monotonic() + ttl_seconds
        self._values[key] = (str(count).encode(), expiry)
        return count

    async def ttl(self, key: str) -> float | None:
        item = self._live(key)
        return None if not item or item[1] is None else item[1] - time.monotonic()

    async def close(self) -> None:
        self._values.clear()


def open_cache(redis_url: str | None, prefix: str) -> Cache:
    return RedisCache(redis_url, prefix) if redis_url else MemoryCache()
