"""Fixtures for the notification service's integration tests."""

from __future__ import annotations

import asyncio
import random
import tempfile
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

import pytest
from bitsacco.notification.v1 import notification_service_pb2_grpc

from services.notification.service import build
from services.notification.settings import NotificationSettings
from tests.harness import InProcessService, serve_in_process
from tests.integration.notification.identities import SERVICE_SECRET, verifier

FAST_WORKERS = {
    "worker_poll_seconds": 0.05,
    "retry_base_seconds": 0.05,
    "retry_max_seconds": 0.2,
    "wallet_events_enabled": False,
    "public_base_url": "https://chat.bitsacco.test",
    "database_pool_size": 4,
}


def new_phone() -> str:
    """A Kenyan (Safaricom) number no other test uses."""
    return "+25471" + "".join(random.choices("0123456789", k=7))


STOP_SECONDS = 30.0
DUMP = Path(tempfile.gettempdir()) / "notification-stop-dump.txt"


async def _dump_tasks_after(seconds: float) -> None:
    """If the service has not stopped after `seconds`, write every task's stack to DUMP."""
    await asyncio.sleep(seconds)
    with DUMP.open("a") as out:
        out.write(f"--- service did not stop within {seconds}s ---\n")
        for task in asyncio.all_tasks():
            out.write(f"{task!r}\n")
            try:
                task.print_stack(file=out)
            except Exception as error:  # Cython coroutines have no Python frames
                out.write(f"  (no stack: {error!r})\n")


Serve = Callable[..., AbstractAsyncContextManager[InProcessService]]


async def _forget_earlier_tests(pg_url: str) -> None:
    """Each test starts from empty notification tables: a message an earlier test left queued
    must not be sent by this test's provider."""
    import asyncpg

    connection = await asyncpg.connect(pg_url.replace("postgresql+asyncpg", "postgresql"))
    try:
        tables = await connection.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'notification'"
            " AND tablename <> 'alembic_version'"
        )
        if tables:
            names = ", ".join(f'notification."{t["tablename"]}"' for t in tables)
            await connection.execute(f"TRUNCATE {names}")
    finally:
        await connection.close()


@pytest.fixture
async def serve_notification(pg_url, redis_url, namespace) -> Serve:
    """`async with serve_notification(**settings) as svc:` runs the real service in-process."""
    await _forget_earlier_tests(pg_url)
    # Streams of its own: other suites' wallets publish to the session's events.wallet.
    namespace = f"{namespace}{uuid.uuid4().hex[:8]}:"

    @asynccontextmanager
    async def serve(builder=build, **overrides) -> AsyncIterator[InProcessService]:
        settings = {**FAST_WORKERS, "service_secret": SERVICE_SECRET, **overrides}
        serving = serve_in_process(
            "notification",
            builder,
            pg_url,
            redis_url,
            namespace,
            verifier=verifier(),
            settings_type=NotificationSettings,
            **settings,
        )
        svc = await serving.__aenter__()
        try:
            yield svc
        finally:
            watchdog = asyncio.create_task(_dump_tasks_after(STOP_SECONDS))
            try:
                await serving.__aexit__(None, None, None)
            finally:
                watchdog.cancel()

    return serve


@pytest.fixture
async def notification(serve_notification) -> AsyncIterator[InProcessService]:
    async with serve_notification() as svc:
        yield svc


@pytest.fixture
def stub(notification) -> notification_service_pb2_grpc.NotificationServiceStub:
    return notification_service_pb2_grpc.NotificationServiceStub(notification.channel)


TWILIO_TOKEN = "twilio-test-auth-token"
INBOUND_URL = "https://chat.bitsacco.test/v1/webhooks/twilio"
STATUS_URL = "https://chat.bitsacco.test/v1/webhooks/twilio/status"


@pytest.fixture
async def scripted():
    """The scripted ai and voice services, served by the runtime on free ports."""
    from tests.integration.notification.scripted_assistant import (
        ScriptedAi,
        ScriptedVoice,
        serve_scripted,
    )

    ai, voice = ScriptedAi(), ScriptedVoice()
    ai_server = await serve_scripted(ai, "ai")
    voice_server = await serve_scripted(voice, "voice")
    try:
        yield Scripted(ai, voice, f"127.0.0.1:{ai_server.port}", f"127.0.0.1:{voice_server.port}")
    finally:
        if ai.hold is not None:
            ai.hold.set()
        await ai_server.stop()
        await voice_server.stop()


class Scripted:
    def __init__(self, ai, voice, ai_target: str, voice_target: str) -> None:
        self.ai = ai
        self.voice = voice
        self.settings = {
            "ai_target": ai_target,
            "voice_target": voice_target,
            "twilio_auth_token": TWILIO_TOKEN,
        }
