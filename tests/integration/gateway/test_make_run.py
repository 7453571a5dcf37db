"""`make run` from a clean checkout: it installs, generates, starts the six services and Envoy,
reports healthy on /healthz, answers through the gateway, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from pathlib import Path

import httpx
import pytest

from services.runtime.settings import SERVICE_PORTS
from tests.conftest import REPO
from tests.harness import free_port

pytestmark = pytest.mark.slow

UP = "supervisor: everything is up"
STOPPED = "supervisor: stopped cleanly"


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _fixed_ports() -> list[int]:
    return [p for port in SERVICE_PORTS.values() for p in (port, port + 1000)]


def _processes_under(directory: Path) -> list[int]:
    """Processes whose working directory is inside `directory` (what this test started)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if Path(os.readlink(entry / "cwd")).is_relative_to(directory):
                    found.append(int(entry.name))
    return found


@pytest.fixture
def checkout(tmp_path):
    clone = tmp_path / "bitsacco"
    subprocess.run(["git", "clone", "--quiet", "--local", str(REPO), str(clone)], check=True)
    yield clone
    for pid in _processes_under(clone):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    shutil.rmtree(clone, ignore_errors=True)


async def test_make_run_from_a_clean_checkout(checkout):
    busy = [port for port in _fixed_ports() if _listening(port)]
    if busy:
        pytest.skip(f"the embedded service ports are in use (another `make run`?): {busy}")
    gateway_port, admin_port = free_port(), free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "VIRTUAL_ENV", "STATE_DIR", "PYTHONPATH"}
    }
    env |= {"GATEWAY_PORT": str(gateway_port), "GATEWAY_ADMIN_PORT": str(admin_port)}
    make = await asyncio.create_subprocess_exec(
        "make",
        "run",
        cwd=checkout,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        start_new_session=True,  # its own process group, like a terminal's foreground job
    )
    output: list[str] = []

    async def read_until(marker: str, within_seconds: float) -> bool:
        deadline = time.monotonic() + within_seconds
        while time.monotonic() < deadline:
            try:
                line = await asyncio.wait_for(make.stdout.readline(), 5)
            except TimeoutError:
                continue
            if not line:
                return False
            output.append(line.decode(errors="replace"))
            if marker in output[-1]:
                return True
        return False

    try:
        assert await read_until(UP, 240), "".join(output[-60:])
        base = f"http://127.0.0.1:{gateway_port}"
        async with httpx.AsyncClient(base_url=base, timeout=5) as client:
            assert (await client.get("/healthz")).status_code == 200
            refused = await client.get("/v1/price")
            assert refused.status_code == 401
            assert refused.json()["code"] == 16
            assert (await client.get("/v1/no/such/path")).status_code == 404
            # the real users service answers through the gateway: its key set, and sign-in
            keys = await client.get("/.well-known/jwks.json")
            assert keys.status_code == 200
            assert keys.json()["keys"]
            started = await client.post(
                "/v1/phoneVerifications:start",
                json={"request_id": str(uuid.uuid4()), "phone_number": "0712 345 678"},
            )
            assert started.status_code == 200, started.text
            assert started.json()["phone_number"] == "+254712345678"
        assert (checkout / ".state" / "gateway" / "envoy.yaml").exists()

        os.killpg(make.pid, signal.SIGINT)  # Ctrl-C
        assert await read_until(STOPPED, 60), "".join(output[-60:])
        await asyncio.wait_for(make.wait(), 30)
        assert not [port for port in [*_fixed_ports(), gateway_port] if _listening(port)]
        assert not _processes_under(checkout)
        text = "".join(output)
        assert "Traceback" not in text
        for name in ("users", "voice", "notification", "wallet", "chama", "ai", "gateway"):
            assert f"supervisor: {name} is up" in text
    finally:
        if make.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(make.pid, signal.SIGKILL)
            await make.wait()
