"""Connections are not pinged before use, so a connection PostgreSQL dropped fails one call: that
call gets UNAVAILABLE with a retry hint (never INTERNAL), and the very next call succeeds."""

from __future__ import annotations

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
    """ListVoices names the database backend that answered it."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def ListVoices(self, request, context):
        async with self.db.transaction() as session:
            backend = (await session.execute(text("SELECT pg_backend_pid()"))).scalar()
        return voice_service_pb2.ListVoicesResponse(
            voices=[voice_pb2.Voice(name=f"voices/{backend}")]
        )


@pytest.fixture
async def database(pg_url):
    db = Database(pg_url, "voice", pool_size=2)
    yield db
    await db.close()


async def test_a_dropped_connection_costs_one_retryable_call(database, pg_url):
    settings = RuntimeSettings(service_name="voice", grpc_port=free_port(), metrics_port=-1)
    running = await server.start(
        Service(
            name="voice",
            servicers=[DatabaseVoice(database)],
            public_methods=frozenset({"/bitsacco.voice.v1.VoiceService/ListVoices"}),
        ),
        settings,
        verifier=None,
    )
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{running.port}")
    stub = voice_service_pb2_grpc.VoiceServiceStub(channel)
    try:
        first = await stub.ListVoices(voice_service_pb2.ListVoicesRequest())
        backend = int(first.voices[0].name.removeprefix("voices/"))

        admin = await asyncpg.connect(pg_url.replace("postgresql+asyncpg", "postgresql"))
        assert await admin.fetchval("SELECT pg_terminate_backend($1)", backend)
        await admin.close()

        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await stub.ListVoices(voice_service_pb2.ListVoicesRequest())
        assert caught.value.code() == grpc.StatusCode.UNAVAILABLE
        details = details_of(caught.value)
        assert details["ErrorInfo"].reason == "DATABASE_UNAVAILABLE"
        assert details["RetryInfo"].retry_delay.seconds == 1

        again = await stub.ListVoices(voice_service_pb2.ListVoicesRequest())
        assert int(again.voices[0].name.removeprefix("voices/")) != backend
    finally:
        await channel.close()
        await running.stop()
