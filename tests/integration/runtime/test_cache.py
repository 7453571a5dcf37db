"""The cache interface behaves the same on Redis and in-process."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from services.runtime.cache import MemoryCache, RedisCache


@pytest.fixture(params=["redis", "memory"])
async def cache(request, redis_url):
    cache = (
        RedisCache(redis_url, f"test-{uuid.uuid4().hex[:8]}")
        if request.param == "redis"
        else MemoryCache()
    )
    yield cache
    await cache.close()


async def test_set_get_delete(cache):
    assert await cache.get("k") is None
    assert await cache.set("k", "v")
    assert await cache.get("k") == b"v"
    await cache.delete("k")
    assert await cache.get("k") is None


async def test_only_if_absent_stores_once(cache):
    assert await cache.set("lock", "a", ttl_seconds=5, only_if_absent=True)
    assert not await cache.set("lock", "b", ttl_seconds=5, only_if_absent=True)
    assert await cache.get("lock") == b"a"


async def test_values_expire(cache):
    await cache.set("short", "v", ttl_seconds=0.05)
    assert 0 < await cache.ttl("short") <= 0.05
    await asyncio.sleep(0.08)
    assert await cache.get("short") is None
    assert await cache.ttl("short") is None


async def test_counter_is_a_fixed_window(cache):
    assert [await cache.incr("c", 0.1) for _ in range(3)] == [1, 2, 3]
    remaining = await cache.ttl("c")
    await cache.incr("c", 10)  # a later increment does not extend the window
    assert await cache.ttl("c") <= remaining
    await asyncio.sleep(0.12)
    assert await cache.incr("c", 0.1) == 1
