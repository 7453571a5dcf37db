"""Full turns per second for a balance check: a signed Twilio webhook into Envoy → notification
stores it and answers → its inbound worker → ai.CreateTurn (understanding, the member's token from
users, wallet GetWallet) → the reply queued and delivered → the reply in the dev outbox. Members
chat at once, each sending its next message when the previous reply has arrived (WhatsApp order).

Every service on the path runs as its own process (`python -m services.<name>`, as deployed) on
the local PostgreSQL and Redis, behind a real Envoy (voice and chama, not on the path, only answer
health checks); the members are chat simulators in this process, with
one poller reading the outbox for all of them. Target (issue 6): a balance reply p95 under 300 ms.
Figures only; nothing is asserted.

    .venv/bin/python bench/ai_turns.py [seconds to measure, default 10] [members, default 8]
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import asyncpg
import grpc
import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bitsacco.notification.v1 import notification_service_pb2, notification_service_pb2_grpc  # noqa: E402
from grpc_health.v1 import health, health_pb2, health_pb2_grpc  # noqa: E402

from gateway import addresses  # noqa: E402
from gateway.launch import envoy_argv, wait_healthy, write_config  # noqa: E402
from gateway.settings import GatewaySettings  # noqa: E402
from services.chat_simulator import Simulator, SimulatorConfig  # noqa: E402
from services.runtime.auth import ServiceTokens  # noqa: E402
from services.runtime.clients import call_metadata, channel  # noqa: E402
from services.supervisor import START_ORDER, wait_serving  # noqa: E402
from tests.e2e.conversation import ask, onboard  # noqa: E402
from tests.harness import free_port  # noqa: E402

PG_ADMIN_URL = os.environ.get(
    "TEST_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
NAMES = ("Amina", "Baraka", "Chebet", "Daudi", "Esther", "Faith", "Gitau", "Halima", "Imani")


SERVER_SIDE = (
    ("notification", "TwilioInbound"),
    ("ai", "CreateTurn"),
    ("users", "IssueServiceToken"),
    ("wallet", "GetWallet"),
)
_SAMPLE = re.compile(r"^bitsacco_rpc_duration_seconds_(sum|count)\{([^}]*)\} (\S+)$")
_LABEL = re.compile(r'(\w+)="([^"]*)"')


async def server_side(metrics: dict[str, int]) -> dict[tuple[str, str], tuple[float, float]]:
    """(seconds, calls) per (service, method) so far, from each process's Prometheus endpoint."""
    found: dict[tuple[str, str], list[float]] = {}
    async with httpx.AsyncClient(timeout=5) as client:
        for port in metrics.values():
            text = (await client.get(f"http://127.0.0.1:{port}/metrics")).text
            for line in text.splitlines():
                if match := _SAMPLE.match(line):
                    kind, labels, value = match.groups()
                    label = dict(_LABEL.findall(labels))
                    key = (label.get("service", ""), label.get("method", "").rpartition("/")[2])
                    entry = found.setdefault(key, [0.0, 0.0])
                    entry[0 if kind == "sum" else 1] = float(value)
    return {key: (value[0], value[1]) for key, value in found.items()}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


class Replies:
    """One poller of the dev outbox for every member (as a fleet of phones would be), waking the
    member a reply is for."""

    def __init__(self, target: str, secret: str) -> None:
        self._tokens = ServiceTokens(secret, "bench", "bitsacco")
        self._channel = channel(target)
        self._stub = notification_service_pb2_grpc.NotificationServiceStub(self._channel)
        self._waiting: dict[str, asyncio.Future] = {}
        self._after = 0
        self._seen: set[int] = set()

    async def _fetch(self) -> list:
        """New messages; a lower sequence can commit after a higher one was read, so every poll
        looks back a little and skips what it has seen."""
        answer = await self._stub.ListOutboxMessages(
            notification_service_pb2.ListOutboxMessagesRequest(
                after_sequence=max(0, self._after - 500), page_size=1000
            ),
            metadata=call_metadata(self._tokens.token()),
        )
        fresh = [m for m in answer.outbox_messages if m.sequence not in self._seen]
        for message in fresh:
            self._seen.add(message.sequence)
            self._after = max(self._after, message.sequence)
        return fresh

    async def skip_history(self) -> None:
        while await self._fetch():
            pass

    def expect(self, phone: str) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self._waiting[phone] = future
        return future

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            for message in await self._fetch():
                waiting = self._waiting.pop(message.recipient_phone, None)
                if waiting is not None and not waiting.done():
                    waiting.set_result(time.perf_counter())
            await asyncio.sleep(0.005)

    async def close(self) -> None:
        await self._channel.close()


# Not on a balance check's path: only their health is served, so Envoy reports healthy.
OFF_PATH = ("voice", "chama")


async def health_only(name: str, port: int) -> grpc.aio.Server:
    server = grpc.aio.server()
    servicer = health.aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(servicer, server)
    server.add_insecure_port(f"127.0.0.1:{port}")
    await server.start()
    for service in ("", f"bitsacco.{name}.v1.{name.capitalize()}Service"):
        await servicer.set(service, health_pb2.HealthCheckResponse.SERVING)
    return server


async def migrate_all(database_url: str) -> None:
    """Every service's migrations, what `bitsacco migrate all` does (one at a time: Alembic's
    context is global)."""
    from services.runtime.bootstrap import migrations_of
    from services.runtime.db import Database

    async def one(name: str) -> None:
        versions = migrations_of(name)
        if versions is None:
            return
        db = Database(database_url, name)
        try:
            await db.migrate(versions)
        finally:
            await db.close()

    for name in START_ORDER:
        await one(name)


async def start_system(workdir: Path, database_url: str, secret: str, twilio_token: str):
    """Every service as its own process, migrated, and Envoy in front; the processes."""
    ports = {name: free_port() for name in START_ORDER}
    gateway = GatewaySettings(
        gateway_host="127.0.0.1", gateway_port=free_port(), gateway_admin_port=free_port()
    )
    gateway_url = f"http://127.0.0.1:{gateway.gateway_port}"
    target = {name: f"127.0.0.1:{port}" for name, port in ports.items()}
    base = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
        "PYTHONPATH": str(REPO),
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "NAMESPACE": f"bench{uuid.uuid4().hex[:6]}:",
        "SERVICE_SECRET": secret,
        "STATE_DIR": str(workdir / "state"),
        "METRICS_PORT": "-1",
        "LOG_LEVEL": os.environ.get("BENCH_LOG_LEVEL", "ERROR"),
        "USERS_TARGET": target["users"],
        "WALLET_TARGET": target["wallet"],
        "NOTIFICATION_TARGET": target["notification"],
        "AI_TARGET": target["ai"],
        "VOICE_TARGET": target["voice"],
        "PUBLIC_BASE_URL": gateway_url,
        "TWILIO_AUTH_TOKEN": twilio_token,
        "BUSINESS_PHONE": "+254709000000",
        "MPESA_CALLBACK_BASE_URL": gateway_url,
        # A few members sending back to back would pass the per-sender limit (100/minute) within
        # seconds; it is lifted so that they can load the pipeline.
        "INBOUND_RATE_LIMIT_PER_MINUTE": "1000000",
    }
    await migrate_all(database_url)
    on_path = [name for name in START_ORDER if name not in OFF_PATH]
    stand_ins = [await health_only(name, ports[name]) for name in OFF_PATH]
    metrics = {name: free_port() for name in on_path}
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            f"services.{name}",
            cwd=REPO,
            env={**base, "GRPC_PORT": str(ports[name]), "METRICS_PORT": str(metrics[name])},
        )
        for name in on_path
    ]
    for name in on_path:
        assert await wait_serving(target[name], within_seconds=90), f"{name} did not start"
    config = write_config(workdir / "envoy.yaml", gateway, addresses.embedded(ports=ports))
    log = (workdir / "envoy.log").open("wb")
    processes.append(
        await asyncio.create_subprocess_exec(
            *envoy_argv(config, concurrency=1), cwd=REPO, stdout=log, stderr=log
        )
    )
    assert await wait_healthy(gateway.gateway_port, within_seconds=60), "Envoy did not start"
    return processes, target, gateway_url, metrics, stand_ins


async def main(seconds: float, members: int) -> None:
    began = time.perf_counter()
    pg_base, _, _ = PG_ADMIN_URL.rpartition("/")
    name = f"bench_ai_{uuid.uuid4().hex[:8]}"
    secret, twilio_token = secrets.token_hex(16), secrets.token_hex(16)
    admin = await asyncpg.connect(PG_ADMIN_URL.replace("postgresql+asyncpg", "postgresql"))
    await admin.execute(f'CREATE DATABASE "{name}"')
    processes, stand_ins = [], []
    try:
        with tempfile.TemporaryDirectory() as workdir:
            processes, target, gateway_url, metrics, stand_ins = await start_system(
                Path(workdir), f"{pg_base}/{name}", secret, twilio_token
            )

            ready_at = time.perf_counter()

            def config(phone: str) -> SimulatorConfig:
                return SimulatorConfig(
                    phone=phone,
                    gateway_url=gateway_url,
                    public_url=gateway_url + "/v1/webhooks/twilio",
                    auth_token=twilio_token,
                    notification_target=target["notification"],
                    wallet_target=target["wallet"],
                    users_target=target["users"],
                    service_secret=secret,
                    business_phone="+254709000000",
                )

            phones = [
                await Simulator.open(config("+25472" + f"{secrets.randbelow(10**7):07d}"))
                for _ in range(members)
            ]

            async def ready(number: int, phone: Simulator) -> None:
                await onboard(phone, NAMES[number % len(NAMES)])
                await ask(phone, "balance")  # warm: the member's token, wallet, price

            for number, phone in enumerate(phones):
                await ready(number, phone)
            warm_at = time.perf_counter()
            replies = Replies(target["notification"], secret)
            await replies.skip_history()
            stop = asyncio.Event()
            poller = asyncio.create_task(replies.run(stop))
            acks: list[float] = []
            turns: list[float] = []

            async def member(phone: Simulator, until: float) -> None:
                while time.perf_counter() < until:
                    arrived = replies.expect(phone.config.phone)
                    started = time.perf_counter()
                    status = await phone.send("balance")
                    acks.append(time.perf_counter() - started)
                    assert status == 200, status
                    turns.append(await asyncio.wait_for(arrived, 30) - started)

            before = await server_side(metrics)
            started = time.perf_counter()
            await asyncio.gather(*(member(p, started + seconds) for p in phones))
            elapsed = time.perf_counter() - started
            after = await server_side(metrics)
            stop.set()
            await poller
            await replies.close()
            for phone in phones:
                await phone.close()
    finally:
        for process in reversed(processes):
            if process.returncode is None:
                process.terminate()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(process.wait(), 15)
        for server in stand_ins:
            await server.stop(0)
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()

    print(
        f"balance checks: {members} members chatting at once for {elapsed:.1f} s "
        f"(whole run {time.perf_counter() - began:.0f} s)"
    )
    print("  (each service its own process on PostgreSQL + Redis, Envoy in front, one machine)")
    print(f"  started in {ready_at - began:.0f} s, members onboarded in {warm_at - ready_at:.0f} s")
    print(f"  full turns/s (webhook → reply in the outbox): {len(turns) / elapsed:7.1f}")
    print(
        f"  reply latency  p50 {statistics.median(turns) * 1000:7.1f} ms"
        f"   p95 {percentile(turns, 0.95) * 1000:7.1f} ms   (target p95 < 300 ms)"
    )
    print(
        f"  webhook ack    p50 {statistics.median(acks) * 1000:7.1f} ms"
        f"   p95 {percentile(acks, 0.95) * 1000:7.1f} ms"
    )
    print("  server side in the window (mean per call):")
    for key in SERVER_SIDE:
        spent = after.get(key, (0, 0))[0] - before.get(key, (0, 0))[0]
        calls = after.get(key, (0, 0))[1] - before.get(key, (0, 0))[1]
        if calls:
            print(f"    {key[0]}.{key[1]:18} {calls:6.0f} calls {spent / calls * 1000:7.1f} ms")


if __name__ == "__main__":
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    members = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    asyncio.run(main(seconds, members))
