"""Fixed-window counters in the cache: how many times something happened per key and window."""

from __future__ import annotations

from dataclasses import dataclass

from services.runtime.cache import Cache


@dataclass(frozen=True)
class Window:
    name: str
    seconds: int
    limit: int


async def over_limit(cache: Cache, key: str, windows: tuple[Window, ...]) -> float | None:
    """Count one more event under `key`; the seconds until it is allowed again when a window is
    already full, else None."""
    wait = None
    for window in windows:
        counter = f"{key}:{window.name}"
        if await cache.incr(counter, window.seconds) > window.limit:
            remaining = await cache.ttl(counter) or window.seconds
            wait = max(wait or 0.0, remaining)
    return wait


async def used(cache: Cache, key: str, window: Window) -> int:
    value = await cache.get(f"{key}:{window.name}")
    return int(value) if value else 0
