"""`make run`: every service on its embedded defaults (plus the gateway), as one supervised group.

Services start in dependency order, each only once the previous one reports SERVING on
grpc.health.v1; a service that crashes is restarted with backoff; every output line is prefixed
with its service's name; Ctrl-C (or SIGTERM) stops them in reverse order, each draining first.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from services.runtime.settings import SERVICE_PORTS

# users first: everyone verifies tokens against its key set.
START_ORDER = ("users", "voice", "notification", "wallet", "chama", "ai")
COLOURS = ("36", "32", "33", "35", "34", "31", "37")


@dataclass
class Child:
    name: str
    argv: Sequence[str]
    health_target: str | None
    colour: str
    process: asyncio.subprocess.Process | None = None
    output: asyncio.Task | None = None
    restarts: list[float] = field(default_factory=list)


async def _pump(child: Child, stream: asyncio.StreamReader) -> None:
    prefix = f"\033[{child.colour}m{child.name:>12} |\033[0m "
    while line := await stream.readline():
        sys.stdout.write(prefix + line.decode(errors="replace"))
        sys.stdout.flush()


async def _spawn(child: Child) -> None:
    child.process = await asyncio.create_subprocess_exec(
        *child.argv,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        env=os.environ.copy(),
    )
    child.output = asyncio.create_task(_pump(child, child.process.stdout))


async def wait_serving(target: str, within_seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + within_seconds
    async with grpc.aio.insecure_channel(target) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        while time.monotonic() < deadline:
            with contextlib.suppress(grpc.aio.AioRpcError):
                answer = await stub.Check(health_pb2.HealthCheckRequest(), timeout=1)
                if answer.status == health_pb2.HealthCheckResponse.SERVING:
                    return True
            await asyncio.sleep(0.2)
    return False


class Supervisor:
    def __init__(self, children: Sequence[Child]) -> None:
        self.children = list(children)
        self.stopping = asyncio.Event()

    async def start_all(self) -> None:
        for child in self.children:
            await _spawn(child)
            if child.health_target and not await wait_serving(child.health_target):
                raise RuntimeError(f"{child.name} did not become healthy")
            print(f"supervisor: {child.name} is up", flush=True)

    async def watch(self) -> None:
        """Restart crashed children: at most 5 restarts a minute each, with growing backoff."""
        while not self.stopping.is_set():
            for child in self.children:
                if child.process and child.process.returncode is not None:
                    now = time.monotonic()
                    child.restarts = [t for t in child.restarts if now - t < 60] + [now]
                    if len(child.restarts) > 5:
                        print(f"supervisor: {child.name} keeps crashing; giving up", flush=True)
                        self.stopping.set()
                        return
                    delay = 0.5 * 2 ** (len(child.restarts) - 1)
                    print(f"supervisor: {child.name} exited; restart in {delay:.1f}s", flush=True)
                    await asyncio.sleep(delay)
                    await _spawn(child)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.stopping.wait(), timeout=0.5)

    async def stop_all(self, grace: float = 15.0) -> None:
        for child in reversed(self.children):
            if child.process and child.process.returncode is None:
                child.process.send_signal(signal.SIGTERM)
                try:
                    await asyncio.wait_for(child.process.wait(), grace)
                except TimeoutError:
                    child.process.kill()
                    await child.process.wait()


def service_children() -> list[Child]:
    return [
        Child(
            name=name,
            argv=[sys.executable, "-m", f"services.{name}"],
            health_target=f"127.0.0.1:{SERVICE_PORTS[name]}",
            colour=COLOURS[i],
        )
        for i, name in enumerate(START_ORDER)
    ]


async def main() -> int:
    supervisor = Supervisor(service_children())
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, supervisor.stopping.set)
    try:
        await supervisor.start_all()
        print("supervisor: all services are up. Ctrl-C stops them.", flush=True)
        await supervisor.watch()
    finally:
        await supervisor.stop_all()
    print("supervisor: stopped cleanly", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
