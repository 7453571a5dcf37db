"""Work done in order per member, concurrently across members, by any number of replicas.

A lane is one member's queue (their inbound messages, or the messages going to them). The
dispatcher finds lanes whose oldest pending message is ready, takes a lease on each in the cache
(only one worker in the deployment drains a lane at a time), and drains it in arrival order. A
lease is released when the lane is drained or the worker stops; if a worker dies holding one, it
lapses after `lease_seconds`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Awaitable, Callable

from services.runtime.cache import Cache
from services.runtime.cancellation import stopping

log = logging.getLogger("bitsacco.notification.lanes")


SHUTDOWN_SECONDS = 5.0

ListLanes = Callable[[int], Awaitable[list[str]]]
DrainLane = Callable[[str, Callable[[], Awaitable[bool]]], Awaitable[None]]


class Lanes:
    def __init__(
        self,
        name: str,
        cache: Cache,
        list_ready: ListLanes,
        drain: DrainLane,
        concurrency: int,
        lease_seconds: float,
        poll_seconds: float,
    ) -> None:
        self.name = name
        self._cache = cache
        self._list_ready = list_ready
        self._drain = drain
        self._concurrency = concurrency
        self._lease_seconds = lease_seconds
        self._poll_seconds = poll_seconds
        self._owner = uuid.uuid4().hex
        self._active: dict[str, asyncio.Task] = {}
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """New work may be ready (called after a commit that queued some)."""
        self._wake.set()

    def _lease_key(self, lane: str) -> str:
        return f"lane:{self.name}:{lane}"

    async def _take(self, lane: str) -> bool:
        return await self._cache.set(
            self._lease_key(lane), self._owner, self._lease_seconds, only_if_absent=True
        )

    async def _renew(self, lane: str) -> bool:
        """Extend our lease before the next message; False if it is no longer ours."""
        if await self._cache.get(self._lease_key(lane)) != self._owner.encode():
            return False
        await self._cache.set(self._lease_key(lane), self._owner, self._lease_seconds)
        return True

    async def _release(self, lane: str) -> None:
        if await self._cache.get(self._lease_key(lane)) == self._owner.encode():
            await self._cache.delete(self._lease_key(lane))

    async def _run_lane(self, lane: str) -> None:
        try:
            await self._drain(lane, lambda: self._renew(lane))
        except Exception:
            if stopping():
                raise
            log.exception("%s lane failed; it will be retried", self.name)
            await asyncio.sleep(self._poll_seconds)
        finally:
            self._active.pop(lane, None)
            with contextlib.suppress(Exception):
                async with asyncio.timeout(SHUTDOWN_SECONDS):
                    await asyncio.shield(self._release(lane))
            self._wake.set()

    async def dispatch_once(self) -> int:
        """Start draining the ready lanes we can take; how many were started."""
        free = self._concurrency - len(self._active)
        if free <= 0:
            return 0
        started = 0
        for lane in await self._list_ready(free + len(self._active)):
            if lane in self._active or len(self._active) >= self._concurrency:
                continue
            if await self._take(lane):
                self._active[lane] = asyncio.create_task(self._run_lane(lane))
                started += 1
        return started

    async def run(self) -> None:
        try:
            while True:
                # A library awaited below may swallow our cancellation (the task then still
                # reports it as pending): stop anyway.
                if stopping():
                    raise asyncio.CancelledError
                self._wake.clear()
                try:
                    await self.dispatch_once()
                except Exception:
                    if stopping():
                        raise
                    log.exception("%s dispatcher failed; retrying", self.name)
                # asyncio.timeout, not wait_for: on 3.11 wait_for can swallow a cancellation
                # that arrives as the wake-up does, and the service would never stop.
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(self._poll_seconds):
                        await self._wake.wait()
        finally:
            tasks = list(self._active.values())
            for task in tasks:
                task.cancel()
            if tasks:  # bounded: a lane stuck in a driver must not keep the service from stopping
                _, stuck = await asyncio.wait(tasks, timeout=SHUTDOWN_SECONDS)
                if stuck:
                    log.warning("%s: %d lanes did not stop in time", self.name, len(stuck))
