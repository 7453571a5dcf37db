"""The dev outbox's cursor (ListOutboxMessages after_sequence) on PostgreSQL: a capture whose
transaction commits late is neither skipped nor handed out twice."""

from __future__ import annotations

import asyncio
import uuid

from bitsacco.notification.v1 import notification_pb2 as pb
from bitsacco.notification.v1 import notification_service_pb2 as api
from sqlalchemy import func, select, text

from services.notification.storage.messages import utcnow
from services.notification.storage.outbox_messages import capture
from tests.integration.notification.conftest import new_phone
from tests.integration.notification.identities import ServiceBearer

USERS = ServiceBearer("users")


async def test_a_late_committing_capture_is_neither_skipped_nor_repeated(notification, stub):
    db = notification.resources.db
    phone = new_phone()

    async def capture_text(session, body: str) -> None:
        content = pb.MessageContent(text=body).SerializeToString()
        await capture(session, str(uuid.uuid4()), pb.CHANNEL_WHATSAPP, phone, content, utcnow())

    async def read_after(after: int) -> list[pb.OutboxMessage]:
        answer = await stub.ListOutboxMessages(
            api.ListOutboxMessagesRequest(recipient_phone=phone, after_sequence=after),
            metadata=USERS,
        )
        return list(answer.outbox_messages)

    async with db.transaction() as session:
        await capture_text(session, "already read")
    [already] = await read_after(0)
    cursor = already.sequence

    async with db.sessions() as first:  # closing it rolls back whatever is left open
        # The first capture takes its sequence and stays uncommitted…
        await first.begin()
        await capture_text(first, "first")

        # …while a second one tries to take a later sequence and commit.
        second_pid: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        async def second() -> None:
            async with db.transaction() as session:
                pid = (await session.execute(select(func.pg_backend_pid()))).scalar()
                second_pid.set_result(pid)
                await capture_text(session, "second")

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
        seen = await read_after(cursor)
        if seen:
            cursor = seen[-1].sequence
        await first.commit()
    await second_done
    seen += await read_after(cursor)

    assert [m.content.text for m in seen] == ["first", "second"]
    assert [m.sequence for m in seen] == sorted({m.sequence for m in seen})
