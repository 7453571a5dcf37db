"""`make run`'s supervisor: a child that exits while starting is started again, a few times."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

from services.supervisor import Child, Supervisor

# Fails its first start (as a port still held for a moment would make it), then stays up.
FLAKY = """
import pathlib, sys, time
tried = pathlib.Path(sys.argv[1])
if not tried.exists():
    tried.touch()
    sys.exit(1)
pathlib.Path(sys.argv[1] + ".up").touch()
time.sleep(60)
"""


def child(script: str, marker: Path) -> Child:
    async def ready() -> bool:
        for _ in range(100):
            if await asyncio.to_thread(Path(f"{marker}.up").exists):
                return True
            await asyncio.sleep(0.05)
        return False

    return Child("flaky", [sys.executable, "-c", script, str(marker)], None, "31", ready=ready)


async def test_a_child_that_exits_while_starting_is_started_again(tmp_path):
    supervisor = Supervisor([child(FLAKY, tmp_path / "tried")])
    try:
        await supervisor.start_all()
        assert await asyncio.to_thread(Path(f"{tmp_path / 'tried'}.up").exists)
    finally:
        await supervisor.stop_all(grace=2)


async def test_a_child_that_keeps_exiting_stops_the_start(tmp_path):
    supervisor = Supervisor([child("import sys; sys.exit(1)", tmp_path / "never")])
    with pytest.raises(RuntimeError, match="flaky did not become healthy"):
        await supervisor.start_all(attempts=2)
    await supervisor.stop_all(grace=2)
