"""The system as deployed, for the benchmarks that go through the gateway: chosen services each as
its own process (`python -m services.<name>`) on the local PostgreSQL and Redis, health-only
stand-ins for the others (so Envoy reports its clusters healthy), and a real Envoy in front."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import grpc
import httpx
from grpc_health.v1 import health, health_pb2, health_pb2_grpc

REPO = Path(__file__).resolve().parents[1]

from gateway import addresses  # noqa: E402
from gateway.launch import envoy_argv, wait_healthy, write_config  # noqa: E402
from gateway.settings import GatewaySettings  # noqa: E402
from services.supervisor import START_ORDER, wait_serving  # noqa: E402
from tests.conftest import fresh_database  # noqa: E402
from tests.harness import free_port  # noqa: E402

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@dataclass
class System:
    gateway_url: str
    target: dict[str, str]  # service → host:port
    metrics: dict[str, int]  # service run as a process → its Prometheus port
    processes: list[asyncio.subprocess.Process] = field(default_factory=list)
    stand_ins: list[grpc.aio.Server] = field(default_factory=list)

    async def stop(self) -> None:
        for process in reversed(self.processes):
            if process.returncode is None:
                process.terminate()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(process.wait(), 15)
        for server in self.stand_ins:
            await server.stop(0)


def scratch_database(prefix: str):
    """A database of its own for the run, dropped afterwards; yields its SQLAlchemy URL."""
    return fresh_database(f"{prefix}_{uuid.uuid4().hex[:8]}")


async def fetchrow(database_url: str, query: str, *args):
    """One row from the benchmark's database, on a connection of its own."""
    connection = await asyncpg.connect(database_url.replace("postgresql+asyncpg", "postgresql"))
    try:
        return await connection.fetchrow(query, *args)
    finally:
        await connection.close()


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

    for name in START_ORDER:
        versions = migrations_of(name)
        if versions is None:
            continue
        db = Database(database_url, name)
        try:
            await db.migrate(versions)
        finally:
            await db.close()


async def start_system(
    workdir: Path,
    database_url: str,
    secret: str,
    twilio_token: str,
    run: tuple[str, ...],
    targets: dict[str, str] | None = None,
    **env: str,
) -> System:
    """`run` as processes (in start order), stand-ins for the rest unless `targets` names where
    they already listen, then Envoy; `env` is added to every process's environment."""
    ports = {name: free_port() for name in START_ORDER}
    gateway = GatewaySettings(
        gateway_host="127.0.0.1", gateway_port=free_port(), gateway_admin_port=free_port()
    )
    gateway_url = f"http://127.0.0.1:{gateway.gateway_port}"
    target = {name: f"127.0.0.1:{port}" for name, port in ports.items()} | (targets or {})
    base = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
        "PYTHONPATH": str(REPO),
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "NAMESPACE": f"bench{uuid.uuid4().hex[:6]}:",
        "SERVICE_SECRET": secret,
        "STATE_DIR": str(workdir / "state"),
        "LOG_LEVEL": os.environ.get("BENCH_LOG_LEVEL", "ERROR"),
        **{f"{name.upper()}_TARGET": address for name, address in target.items()},
        "PUBLIC_BASE_URL": gateway_url,
        "TWILIO_AUTH_TOKEN": twilio_token,
        "BUSINESS_PHONE": "+254709000000",
        "MPESA_CALLBACK_BASE_URL": gateway_url,
        **env,
    }
    await migrate_all(database_url)
    system = System(gateway_url, target, {name: free_port() for name in run})
    for name in START_ORDER:
        if name not in run and name not in (targets or {}):
            system.stand_ins.append(await health_only(name, ports[name]))
    for name in (name for name in START_ORDER if name in run):
        system.processes.append(
            await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                f"services.{name}",
                cwd=REPO,
                env={
                    **base,
                    "GRPC_PORT": str(ports[name]),
                    "METRICS_PORT": str(system.metrics[name]),
                },
            )
        )
    for name in run:
        assert await wait_serving(target[name], within_seconds=90), f"{name} did not start"
    addressed = {name: int(address.rpartition(":")[2]) for name, address in target.items()}
    config = write_config(workdir / "envoy.yaml", gateway, addresses.embedded(ports=addressed))
    log = (workdir / "envoy.log").open("wb")
    system.processes.append(
        await asyncio.create_subprocess_exec(
            *envoy_argv(config, gateway.gateway_workers), cwd=REPO, stdout=log, stderr=log
        )
    )
    assert await wait_healthy(gateway.gateway_port, within_seconds=60), "Envoy did not start"
    return system


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
