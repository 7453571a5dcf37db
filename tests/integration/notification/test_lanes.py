"""Which members' lanes the workers may drain: those whose oldest pending message is ready, oldest
first. A member whose head waits for a retry holds all their later messages."""

from __future__ import annotations

import uuid
from datetime import timedelta

from bitsacco.notification.v1 import notification_pb2 as pb

from services.notification.rules.delivery_status import RECEIVED
from services.notification.storage import messages as store
from tests.integration.notification.conftest import new_phone


async def receive(session, phone: str, *, retry_at=None, state=RECEIVED) -> None:
    now = store.utcnow()
    await store.insert_message(
        session,
        {
            "id": str(uuid.uuid4()),
            "direction": store.INBOUND,
            "channel": pb.CHANNEL_WHATSAPP,
            "sender_phone": phone,
            "recipient_phone": "+254709000000",
            "member_phone": phone,
            "content": pb.MessageContent(text="hi").SerializeToString(),
            "state": state,
            "next_attempt_at": retry_at,
            "create_time": now,
            "update_time": now,
        },
    )


async def test_a_lane_is_ready_when_its_head_is(serve_notification):
    waiting, ready, busy, done = (new_phone() for _ in range(4))
    later = store.utcnow() + timedelta(minutes=5)
    async with serve_notification(inbound_worker_enabled=False) as notification:
        db = notification.resources.db
        async with db.transaction() as session:
            await receive(session, ready)
            await receive(session, waiting, retry_at=later)  # its head waits for a retry …
            await receive(session, waiting)  # … so this one, ready on its own, waits too
            await receive(session, busy)
            await receive(session, busy)
            await receive(session, ready)
            await receive(session, done, state=pb.MESSAGE_STATE_PROCESSED)

        async with db.transaction() as session:
            lanes = await store.ready_lanes(
                session, store.INBOUND, RECEIVED, store.utcnow(), limit=10
            )
            first = await store.ready_lanes(session, store.INBOUND, RECEIVED, store.utcnow(), 1)
            after_the_wait = await store.ready_lanes(
                session, store.INBOUND, RECEIVED, later + timedelta(seconds=1), 10
            )

    assert lanes == [ready, busy]  # each member once, by their oldest message
    assert first == [ready]
    assert after_the_wait == [ready, waiting, busy]
