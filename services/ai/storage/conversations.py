"""Conversations: one row per number, touched by every turn."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncSession

from services.ai.storage.tables import aware, conversations
from services.runtime.db import Database, insert_for


@dataclass(frozen=True)
class ConversationRow:
    phone: str
    user_name: str
    language_code: str
    last_intent: str
    flagged_for_support: bool
    flag_time: datetime | None
    create_time: datetime
    update_time: datetime


def _row(row: Row) -> ConversationRow:
    return ConversationRow(
        phone=row.phone,
        user_name=row.user_name,
        language_code=row.language_code,
        last_intent=row.last_intent,
        flagged_for_support=row.flagged_for_support,
        flag_time=aware(row.flag_time),
        create_time=aware(row.create_time),
        update_time=aware(row.update_time),
    )


def _insert(session):
    return insert_for(session)(conversations)


async def touch(
    session: AsyncSession,
    phone: str,
    *,
    user_name: str,
    language_code: str,
    last_intent: str,
    flag: bool,
    now: datetime,
) -> None:
    """Record a turn: create the conversation on the first message, flag it when asked."""
    statement = _insert(session).values(
        phone=phone,
        user_name=user_name,
        language_code=language_code,
        last_intent=last_intent,
        flagged_for_support=flag,
        flag_time=now if flag else None,
        create_time=now,
        update_time=now,
    )
    changes = {
        "user_name": statement.excluded.user_name,
        "language_code": statement.excluded.language_code,
        "last_intent": statement.excluded.last_intent,
        "update_time": statement.excluded.update_time,
    }
    if flag:
        changes["flagged_for_support"] = True
        changes["flag_time"] = statement.excluded.flag_time
    upsert = statement.on_conflict_do_update(index_elements=["phone"], set_=changes)
    await session.execute(upsert)


async def get(db: Database, phone: str) -> ConversationRow | None:
    async with db.transaction() as session:
        row = (
            await session.execute(select(conversations).where(conversations.c.phone == phone))
        ).one_or_none()
    return _row(row) if row else None


async def page(
    db: Database,
    *,
    flagged: bool | None,
    after: tuple[datetime, str] | None,
    limit: int,
) -> list[ConversationRow]:
    """Most recently active first; `after` is the (update_time, phone) of the last one seen."""
    query = select(conversations)
    if flagged is not None:
        query = query.where(conversations.c.flagged_for_support.is_(flagged))
    if after is not None:
        moment, phone = after
        query = query.where(
            or_(
                conversations.c.update_time < moment,
                and_(conversations.c.update_time == moment, conversations.c.phone < phone),
            )
        )
    query = query.order_by(conversations.c.update_time.desc(), conversations.c.phone.desc())
    async with db.transaction() as session:
        rows = (await session.execute(query.limit(limit))).all()
    return [_row(row) for row in rows]


__all__ = ["ConversationRow", "get", "page", "touch"]
