"""Run a real service in this test process, on PostgreSQL + Redis, and talk to it over gRPC.

async with serve_in_process("wallet", build, pg_url, redis_url, namespace) as svc:
    stub = WalletServiceStub(svc.channel)
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from services.runtime.auth import TokenVerifier
from services.runtime.bootstrap import Builder, Resources, migrations_of, open_resources
from services.runtime.server import RunningServer, start
from services.runtime.settings import RuntimeSettings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class InProcessService:
    running: RunningServer
    channel: grpc.aio.Channel
    resources: Resources

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.running.port}"


@asynccontextmanager
async def serve_in_process(
    name: str,
    build: Builder,
    pg_url: str,
    redis_url: str,
    namespace: str,
    verifier: TokenVerifier | None = None,
    settings_type: type[RuntimeSettings] = RuntimeSettings,
    **overrides,
) -> AsyncIterator[InProcessService]:
    """Migrate the service's schema, build it, serve it on a free port; stop it afterwards."""
    settings = settings_type(
        service_name=name,
        grpc_port=free_port(),
        metrics_port=-1,
        database_url=pg_url,
        redis_url=redis_url,
        namespace=namespace,
        shutdown_grace_seconds=1,
        **{"database_pool_size": 3, **overrides},  # many services share one test server
    )
    async with open_resources(settings) as resources:
        if migrations := migrations_of(name):
            await resources.db.migrate(migrations)
        running = await start(await build(resources), settings, verifier)
        channel = grpc.aio.insecure_channel(f"127.0.0.1:{running.port}")
        try:
            yield InProcessService(running, channel, resources)
        finally:
            await channel.close()
            await running.stop()


def details_of(error: grpc.aio.AioRpcError) -> dict[str, object]:
    """The status details by type name, asserting there is exactly one ErrorInfo."""
    status = rpc_status.from_call(error)
    found: dict[str, object] = {}
    for detail in status.details:
        for kind in (
            error_details_pb2.ErrorInfo,
            error_details_pb2.BadRequest,
            error_details_pb2.PreconditionFailure,
            error_details_pb2.RetryInfo,
        ):
            if detail.Is(kind.DESCRIPTOR):
                message = kind()
                detail.Unpack(message)
                assert kind.__name__ not in found, f"two {kind.__name__} details"
                found[kind.__name__] = message
    assert "ErrorInfo" in found
    return found
