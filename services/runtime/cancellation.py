"""Background loops and cancellation.

A database or HTTP driver may turn the cancellation of the task awaiting it into an exception of
its own (a query cut off mid-way). A loop that catches Exception to retry would then carry on for
ever, and the service would never stop: such a loop asks `stopping()` before retrying.
"""

from __future__ import annotations

import asyncio


def stopping() -> bool:
    """Whether the current task is being cancelled."""
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0
