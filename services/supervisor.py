"""`make run`: every service on its embedded defaults plus the Envoy gateway, as one supervised
group.

Services start in dependency order, each only once the previous one reports SERVING on
grpc.health.v1; the gateway starts last and counts as up once its /healthz answers 200 (every
upstream healthy). A child that crashes is restarted with backoff; every output line is prefixed
with its child's name; Ctrl-C (or SIGTERM) stops them in reverse order: the gateway first (it
fails /healthz and drains), then each service, draining its in-flight calls.

Children run in process groups of their own, so a Ctrl-C at the terminal reaches only the
supervisor, which then stops them in that order.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from services.runtime.settings import SERVICE_PORTS, RuntimeSettings, embedded_service_secret

# users first: everyone verifies tokens against its key set.
START_ORDER = ("users", "voice", "notification", "wallet", "chama", "ai")
COLOURS = ("36", "32", "33", "35", "34", "31", "37")
REPO = Path(__file__).resolve().parents[1]


@dataclass
class Child:
    name: str
    argv: Sequence[str]
    health_target: str | None  # a grpc.health.v1 target, checked when `ready` is not given
    colour: str
    ready: Callable[[], Awaitable[bool]] | None = None
    before_stop: Callable[[], Awaitable[None]] | None = None
    cwd: Path | None = None
    process: asyncio.subprocess.Process | None = None
    output: asyncio.Task | None = None
    restarts: list[float] = field(default_factory=list)

    async def wait_ready(self) -> bool:
        if self.ready is not None:
            return await self.ready()
        if self.health_target is not None:
            return await wait_serving(self.health_target)
        return True


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
        cwd=child.cwd,
        process_group=0,  # Ctrl-C reaches the supervisor only; it stops children in order
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

    async def start_all(self, attempts: int = 3) -> None:
        """Start the children in order, each once the one before is healthy. A child that exits
        while starting is started again (a port it needs can be held for a moment)."""
        for child in self.children:
            for attempt in range(attempts):
                if self.stopping.is_set():
                    return
                await _spawn(child)
                outcome = await self._started(child)
                if outcome == "stopping":  # Ctrl-C while starting
                    return
                if outcome != "exited" or attempt == attempts - 1:
                    break
                print(f"supervisor: {child.name} exited while starting; again", flush=True)
                await asyncio.sleep(0.5 * 2**attempt)
            if outcome != "ready":
                raise RuntimeError(f"{child.name} did not become healthy")
            print(f"supervisor: {child.name} is up", flush=True)

    async def _started(self, child: Child) -> str:
        """ "ready", "exited", "stopping", or "unhealthy" (alive but never healthy)."""
        ready = asyncio.create_task(child.wait_ready())
        exited = asyncio.create_task(child.process.wait())
        stopping = asyncio.create_task(self.stopping.wait())
        await asyncio.wait({ready, exited, stopping}, return_when=asyncio.FIRST_COMPLETED)
        for task in (ready, exited, stopping):
            task.cancel()
        if ready.done() and not ready.cancelled() and ready.result():
            return "ready"
        if stopping.done() and not stopping.cancelled():
            return "stopping"
        return "exited" if exited.done() and not exited.cancelled() else "unhealthy"

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
                if child.before_stop is not None:
                    with contextlib.suppress(Exception):
                        await child.before_stop()
                child.process.send_signal(signal.SIGTERM)
                try:
                    await asyncio.wait_for(child.process.wait(), grace)
                except TimeoutError:
                    child.process.kill()
                    await child.process.wait()
            if child.output is not None:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(child.output, 2)


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


def gateway_child(settings, state_dir: Path) -> Child:
    """Envoy with the embedded configuration rendered for this environment (GATEWAY_PORT, …)."""
    from gateway import addresses
    from gateway.launch import drain, envoy_argv, wait_healthy, write_config

    config = write_config(state_dir / "gateway" / "envoy.yaml", settings, addresses.embedded())
    return Child(
        name="gateway",
        argv=envoy_argv(config, settings.gateway_workers),
        health_target=None,
        colour=COLOURS[len(START_ORDER)],
        ready=lambda: wait_healthy(settings.gateway_port),
        before_stop=lambda: drain(settings.gateway_admin_port),
        cwd=REPO,  # the descriptor set is found relative to the repository
    )


def how_to_talk(settings) -> str:
    port = settings.gateway_port
    base = f"http://localhost:{port}"
    bearer = '-H "authorization: Bearer $TOKEN"'
    body = json.dumps({"request_id": str(uuid.uuid4()), "phone_number": "0712345678"})
    services = ", ".join(f"{name} :{SERVICE_PORTS[name]}" for name in START_ORDER)
    return "\n".join(
        [
            "",
            f"supervisor: everything is up. The gateway listens on {base}",
            "  REST/JSON, native gRPC (h2c) and gRPC-Web on that one port;",
            "  member calls need `authorization: Bearer <access token>` (sign in to get one).",
            "",
            f"  health      curl -s {base}/healthz",
            f"  sign in     curl -s -X POST {base}/v1/phoneVerifications:start \\",
            "                -H 'content-type: application/json' \\",
            f"                -d '{body}'",
            f"              then POST {base}/v1/phoneVerifications:verify with the code",
            f"  REST        curl -s {base}/v1/price {bearer}",
            "  gRPC        grpcurl -plaintext -protoset gen/descriptor/bitsacco.binpb \\",
            f"                {bearer} localhost:{port} bitsacco.wallet.v1.WalletService/GetPrice",
            f"  gRPC-Web    baseUrl {base} (browser origins allowed: GATEWAY_CORS_ORIGINS)",
            f"  webhooks    {base}/v1/webhooks/twilio   {base}/v1/webhooks/whatsapp",
            f"  key set     {base}/.well-known/jwks.json",
            f"  Envoy admin http://127.0.0.1:{settings.gateway_admin_port} (loopback only)",
            f"  services    {services} (127.0.0.1, gRPC)",
            "",
            "Ctrl-C stops everything.",
            "",
        ]
    )


async def main() -> int:
    from gateway.settings import GatewaySettings

    gateway_settings = GatewaySettings()
    state_dir = REPO / RuntimeSettings().state_dir
    # Services prove who they are to each other with SERVICE_SECRET, which has no default.
    if not os.environ.get("SERVICE_SECRET"):
        os.environ["SERVICE_SECRET"] = embedded_service_secret(state_dir, create=True)
    supervisor = Supervisor([*service_children(), gateway_child(gateway_settings, state_dir)])
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, supervisor.stopping.set)
    code = 0
    try:
        await supervisor.start_all()
        if not supervisor.stopping.is_set():
            print(how_to_talk(gateway_settings), flush=True)
            await supervisor.watch()
    except RuntimeError as error:
        print(f"supervisor: {error}; stopping", flush=True)
        code = 1
    finally:
        await supervisor.stop_all()
    print("supervisor: stopped cleanly", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
