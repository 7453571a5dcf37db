"""The embedded dev outbox: what would have been sent while no provider is configured.

Readers follow it with a cursor (`sequence > after_sequence`), which is only safe if no sequence
becomes visible before a smaller one: capturing transactions therefore take a lock before taking
their sequence and keep it until they commit, so they commit in sequence order.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncSession

from services.notification.storage.tables import outbox_messages
from services.runtime.db import Executor, insert_ignoring_conflict
from services.runtime.locks import lock_until_commit


async def capture(
    session: AsyncSession,
    message_id: str,
    channel: int,
    recipient_phone: str,
    content: bytes,
    now: datetime,
) -> None:
    """Put a message in the outbox once (its id is unique there). Call it last in the
    transaction: later captures wait for this transaction to end."""
    await lock_until_commit(session, outbox_messages.fullname)
    await insert_ignoring_conflict(
        session,
        outbox_messages,
        {
            "message_id": message_id,
            "channel": channel,
            "recipient_phone": recipient_phone,
            "content": content,
            "create_time": now,
        },
    )


async def list_outbox(
    session: Executor, after_sequence: int, recipient_phone: str, limit: int
) -> list[Row]:
    query = select(outbox_messages).where(outbox_messages.c.sequence > after_sequence)
    if recipient_phone:
        query = query.where(outbox_messages.c.recipient_phone == recipient_phone)
    return list(
        (await session.execute(query.order_by(outbox_messages.c.sequence).limit(limit))).all()
    )
