"""Connections are not pinged before use, so a connection PostgreSQL dropped fails one call: that
call gets UNAVAILABLE with a retry hint (never INTERNAL), and the very next call succeeds. Both
through SQLAlchemy and on a bare asyncpg pool (the wallet's hot path)."""

from __future__ import annotations

import asyncio

import asyncpg
import grpc
import pytest
from bitsacco.voice.v1 import voice_pb2, voice_service_pb2, voice_service_pb2_grpc
from sqlalchemy import text

from services.runtime import server
from services.runtime.db import Database
from services.runtime.server import Service
from services.runtime.settings import RuntimeSettings
from tests.harness import details_of, free_port


class DatabaseVoice(voice_service_pb2_grpc.VoiceServiceServicer):
    """ListVoices names the database backend that answered it: through SQLAlchemy, or (page_size
    1) on a bare asyncpg pool, there after a pause in the query so it can be cut off mid-way."""

    def __init__(self, db: Database, pool: asyncpg.Pool) -> None:
        self.db = db
        self.pool = pool
        self.raw_backend: asyncio.Future[int] | None = None

    async def ListVoices(self, request, context):
        if request.page_size == 1:
            async with self.pool.acquire() as connection:
                backend = await connection.fetchval("SELECT pg_backend_pid()")
                if self.raw_backend is not None and not self.raw_backend.done():
                    self.raw_backend.set_result(backend)
                await connection.execute("SELECT pg_sleep(0.5)")
        else:
            async with self.db.transaction() as session:
                backend = (await session.execute(text("SELECT pg_backend_pid()"))).scalar()
        return voice_service_pb2.ListVoicesResponse(
            voices=[voice_pb2.Voice(name=f"voices/{backend}")]
        )


@pytest.fixture
async def servicer(pg_url):
    db = Database(pg_url, "voice", pool_size=1)
    pool = await asyncpg.create_pool(
        pg_url.replace("postgresql+asyncpg", "postgresql"), min_size=1, max_size=1
    )
    yield DatabaseVoice(db, pool)
    await pool.close()
    await db.close()


@pytest.fixture
async def stub(servicer):
    settings = RuntimeSettings(service_name="voice", grpc_port=free_port(), metrics_port=-1)
    running = await server.start(
        Service(
            name="voice",
            servicers=[servicer],
            public_methods=frozenset({"/bitsacco.voice.v1.VoiceService/ListVoices"}),
        ),
        settings,
        verifier=None,
    )
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{running.port}")
    yield voice_service_pb2_grpc.VoiceServiceStub(channel)
    await channel.close()
    await running.stop()


async def terminate(pg_url: str, backend: int) -> None:
    admin = await asyncpg.connect(pg_url.replace("postgresql+asyncpg", "postgresql"))
    try:
        assert await admin.fetchval("SELECT pg_terminate_backend($1)", backend)
    finally:
        await admin.close()


def backend_of(answer) -> int:
    return int(answer.voices[0].name.removeprefix("voices/"))


async def assert_retryable(call) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await call
    assert caught.value.code() == grpc.StatusCode.UNAVAILABLE
    details = details_of(caught.value)
    assert details["ErrorInfo"].reason == "DATABASE_UNAVAILABLE"
    assert details["RetryInfo"].retry_delay.seconds == 1


async def test_a_pooled_connection_the_server_dropped_costs_one_retryable_call(stub, pg_url):
    request = voice_service_pb2.ListVoicesRequest()
    backend = backend_of(await stub.ListVoices(request))
    await terminate(pg_url, backend)
    await assert_retryable(stub.ListVoices(request))
    assert backend_of(await stub.ListVoices(request)) != backend


async def test_a_connection_cut_mid_query_on_the_bare_pool_is_retryable(stub, servicer, pg_url):
    request = voice_service_pb2.ListVoicesRequest(page_size=1)
    servicer.raw_backend = asyncio.get_running_loop().create_future()
    call = asyncio.ensure_future(stub.ListVoices(request))
    backend = await servicer.raw_backend
    await terminate(pg_url, backend)
    await assert_retryable(call)
    assert backend_of(await stub.ListVoices(request)) != backend
