"""Every service starts on its embedded defaults, reports SERVING, answers the RPCs it does not
implement yet with UNIMPLEMENTED, and exits cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import importlib
import os
import signal
import sys

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from services.supervisor import START_ORDER, wait_serving
from tests.conftest import REPO
from tests.harness import details_of, free_port


def first_unimplemented_method(name: str) -> str | None:
    module = importlib.import_module(f"services.{name}.service")
    from services.runtime.server import _register

    servicer = asyncio.run(module.build(None)).servicers[0]
    return min(_register(servicer).unimplemented, default=None)


@pytest.mark.parametrize("name", START_ORDER)
async def test_service_starts_answers_and_stops(name, tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "GRPC_PORT": str(port),
        "METRICS_PORT": "-1",
        "STATE_DIR": str(tmp_path),
        "PYTHONPATH": str(REPO),
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", f"services.{name}", cwd=REPO, env=env
    )
    try:
        assert await wait_serving(f"127.0.0.1:{port}", within_seconds=90)
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            health = health_pb2_grpc.HealthStub(channel)
            full_name = f"bitsacco.{name}.v1.{name.capitalize()}Service"
            answer = await health.Check(health_pb2.HealthCheckRequest(service=full_name))
            assert answer.status == health_pb2.HealthCheckResponse.SERVING
            method = await asyncio.to_thread(first_unimplemented_method, name)
            if method:
                with pytest.raises(grpc.aio.AioRpcError) as caught:
                    await channel.unary_unary(method)(b"", timeout=5)
                assert caught.value.code() == grpc.StatusCode.UNIMPLEMENTED
                assert details_of(caught.value)["ErrorInfo"].reason == "NOT_IMPLEMENTED"
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 20) == 0
    finally:
        if process.returncode is None:
            process.kill()
