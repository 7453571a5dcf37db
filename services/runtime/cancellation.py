"""Background loops and cancellation.

A database or HTTP driver may turn the cancellation of the task awaiting it into an exception of
its own (a query cut off mid-way). A loop that catches Exception to retry would then carry on for
ever, and the service would never stop: such a loop asks `stopping()` before retrying.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger("bitsacco.background")


def stopping() -> bool:
    """Whether the current task is being cancelled."""
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0


def every(name: str, step: Callable[[], Awaitable[object]], interval: float):
    """A background task that runs `step` now and then every `interval` seconds until cancelled;
    a failed step is logged and tried again at the next turn."""

    async def run() -> None:
        while True:
            try:
                await step()
            except Exception:
                if stopping():
                    raise
                log.exception("%s failed; retrying", name)
            await asyncio.sleep(interval)

    run.__name__ = name
    return run
