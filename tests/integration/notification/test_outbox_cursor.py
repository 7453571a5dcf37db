"""The dev outbox's cursor (ListOutboxMessages after_sequence) on PostgreSQL: a capture whose
transaction commits late is neither skipped nor handed out twice, to a bare reader or to the
chat simulator."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable

from bitsacco.notification.v1 import notification_pb2 as pb
from bitsacco.notification.v1 import notification_service_pb2 as api
from sqlalchemy import func, select, text

from services.chat_simulator import IDENTITY, Outbox, SimulatorConfig
from services.notification.storage.messages import utcnow
from services.notification.storage.outbox_messages import capture
from services.runtime.auth import ServiceTokens
from services.runtime.db import Database
from tests.integration.notification.conftest import new_phone
from tests.integration.notification.identities import SERVICE_SECRET, ServiceBearer

USERS = ServiceBearer("users")


async def capture_text(session, phone: str, body: str) -> None:
    content = pb.MessageContent(text=body).SerializeToString()
    await capture(session, str(uuid.uuid4()), pb.CHANNEL_WHATSAPP, phone, content, utcnow())


async def read_around_a_late_commit(
    db: Database, phone: str, read: Callable[[], Awaitable[list[str]]]
) -> list[str]:
    """Capture "first" in a transaction held open while "second" is captured after it; `read`
    (what is new since its last call) runs while "first" is open and again once both are in."""
    async with db.sessions() as first:  # closing it rolls back whatever is left open
        await first.begin()
        await capture_text(first, phone, "first")

        second_pid: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        async def second() -> None:
            async with db.transaction() as session:
                pid = (await session.execute(select(func.pg_backend_pid()))).scalar()
                second_pid.set_result(pid)
                await capture_text(session, phone, "second")

        second_done = asyncio.create_task(second())
        pid = await second_pid

        async def second_is_waiting() -> bool:
            async with db.transaction() as session:
                wait = text("SELECT wait_event_type FROM pg_stat_activity WHERE pid = :pid")
                return (await session.execute(wait, {"pid": pid})).scalar() == "Lock"

        # Read once the second has committed or is held up behind the first, whichever happens.
        while True:
            if second_done.done() or await second_is_waiting():
                break
            await asyncio.sleep(0.01)
        seen = await read()
        await first.commit()
    await second_done
    return seen + await read()


async def test_a_late_committing_capture_is_neither_skipped_nor_repeated(notification, stub):
    db = notification.resources.db
    phone = new_phone()
    async with db.transaction() as session:
        await capture_text(session, phone, "already read")
    cursor = 0
    sequences: list[int] = []

    async def read() -> list[str]:
        nonlocal cursor
        answer = await stub.ListOutboxMessages(
            api.ListOutboxMessagesRequest(recipient_phone=phone, after_sequence=cursor),
            metadata=USERS,
        )
        fresh = list(answer.outbox_messages)
        if fresh:
            cursor = fresh[-1].sequence
        sequences.extend(m.sequence for m in fresh)
        return [m.content.text for m in fresh]

    assert await read() == ["already read"]
    assert await read_around_a_late_commit(db, phone, read) == ["first", "second"]
    assert sequences == sorted(set(sequences))


async def test_the_chat_simulator_shows_each_outbox_message_once_in_order(notification):
    db = notification.resources.db
    phone = new_phone()
    async with db.transaction() as session:
        await capture_text(session, phone, "from an earlier session")
    config = SimulatorConfig(
        phone=phone,
        gateway_url="http://127.0.0.1:9",  # not used: nothing is sent
        public_url="https://chat.bitsacco.test/v1/webhooks/twilio",
        auth_token="unused",
        notification_target=notification.target,
        wallet_target="127.0.0.1:9",
        users_target="127.0.0.1:9",
        service_secret=SERVICE_SECRET,
    )
    outbox = Outbox(config, ServiceTokens(SERVICE_SECRET, IDENTITY, "bitsacco"))
    try:
        await outbox.skip_history()

        async def read() -> list[str]:
            return [shown.text for shown in await outbox.new()]

        assert await read() == []
        assert await read_around_a_late_commit(db, phone, read) == ["first", "second"]
        assert await read() == []
    finally:
        await outbox.close()
