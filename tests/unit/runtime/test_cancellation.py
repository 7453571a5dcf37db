"""A retrying background loop stops when its task is cancelled, also when the driver it awaits
turns the cancellation into an error of its own (a query cut off mid-way): otherwise the service
would never finish stopping."""

from __future__ import annotations

import asyncio

import pytest

from services.runtime.cancellation import every
from services.runtime.events import Consumer, OutboxRelay


class CutOff(ConnectionError):
    """What a driver raises when the call it was making is cancelled."""


async def cut_off_when_cancelled(started: asyncio.Event) -> int:
    started.set()
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        raise CutOff("the query was cut off") from None
    return 0


class Relay(OutboxRelay):
    def __init__(self, started: asyncio.Event) -> None:
        self._started = started
        self._batch = 100

    async def relay_once(self) -> int:
        return await cut_off_when_cancelled(self._started)


class Reader(Consumer):
    def __init__(self, started: asyncio.Event) -> None:
        self._started = started
        self._group = "g"

    async def consume_once(self, block_ms: int = 1000, count: int = 50) -> int:
        return await cut_off_when_cancelled(self._started)


@pytest.mark.parametrize("kind", ["periodic task", "outbox relay", "consumer"])
async def test_a_retrying_loop_stops_when_cancelled_mid_call(kind):
    started = asyncio.Event()
    run = {
        "periodic task": every("step", lambda: cut_off_when_cancelled(started), 0.01),
        "outbox relay": Relay(started).run,
        "consumer": Reader(started).run,
    }[kind]
    task = asyncio.create_task(run())
    await started.wait()
    task.cancel()
    done, _ = await asyncio.wait([task], timeout=3)
    assert done, f"the {kind} kept retrying after it was cancelled"
    assert task.cancelled() or isinstance(task.exception(), CutOff)
