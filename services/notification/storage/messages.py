"""Queries on messages: inbound intake and dedupe, outbound idempotency, the per-member lanes the
workers drain in order, and forward-only status updates."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import ColumnElement

from services.notification.rules.delivery_status import (
    DELIVERED,
    FAILED,
    READ,
    SENT,
    predecessors,
)
from services.notification.storage.tables import early_statuses, messages
from services.runtime.db import Executor, insert_ignoring_conflict

INBOUND = 1
OUTBOUND = 2


def utcnow() -> datetime:
    return datetime.now(UTC)


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything we store is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def insert_new_statement(sqlite: bool):
    """INSERT … ON CONFLICT DO NOTHING into messages, built once (its compiled form is cached):
    `rowcount` is 1 for a new message, 0 for one already stored."""
    if sqlite:
        from sqlalchemy.dialects.sqlite import insert
    else:
        from sqlalchemy.dialects.postgresql import insert
    return insert(messages).on_conflict_do_nothing()


async def insert_message(session: AsyncSession, values: dict) -> bool:
    """Insert one message; False when its dedupe key or request id is already stored."""
    return await insert_ignoring_conflict(session, messages, values)


async def by_id(session: AsyncSession, message_id: str, *, lock: bool = False) -> Row | None:
    query = select(messages).where(messages.c.id == message_id)
    if lock and session.bind.dialect.name == "postgresql":
        query = query.with_for_update()
    return (await session.execute(query)).first()


async def by_request_id(session: AsyncSession, request_id: str) -> Row | None:
    return (
        await session.execute(select(messages).where(messages.c.request_id == request_id))
    ).first()


async def by_dedupe_key(session: AsyncSession, key: str) -> Row | None:
    return (await session.execute(select(messages).where(messages.c.dedupe_key == key))).first()


async def last_inbound_time(session: Executor, phone: str) -> datetime | None:
    """When the member last wrote to us: what opens the 24-hour window."""
    moment = (
        await session.execute(
            select(func.max(messages.c.create_time)).where(
                messages.c.member_phone == phone, messages.c.direction == INBOUND
            )
        )
    ).scalar()
    return aware(moment)


async def update_message(session: Executor, message_id: str, **values) -> None:
    values.setdefault("update_time", utcnow())
    await session.execute(update(messages).where(messages.c.id == message_id).values(**values))


def _ready(now: datetime) -> ColumnElement[bool]:
    return or_(messages.c.next_attempt_at.is_(None), messages.c.next_attempt_at <= now)


async def ready_lanes(
    session: Executor, direction: int, state: int, now: datetime, limit: int
) -> list[str]:
    """Members whose oldest pending message (in `state`) is ready, oldest first.

    Each lane's head is found by one grouped pass over the pending index, so the cost grows with
    the backlog, not with its square (an anti-join on "no earlier pending message" did, and took
    most of a second per call on a backlog of a few thousand)."""
    heads = (
        select(func.min(messages.c.seq).label("seq"))
        .where(messages.c.direction == direction, messages.c.state == state)
        .group_by(messages.c.member_phone)
        .subquery()
    )
    rows = await session.execute(
        select(messages.c.member_phone)
        .join(heads, messages.c.seq == heads.c.seq)
        .where(_ready(now))
        .order_by(messages.c.seq)
        .limit(limit)
    )
    return [row[0] for row in rows]


async def lane_head(session: Executor, direction: int, state: int, phone: str) -> Row | None:
    """The member's oldest message still in `state`."""
    return (
        await session.execute(
            select(messages)
            .where(
                messages.c.member_phone == phone,
                messages.c.direction == direction,
                messages.c.state == state,
            )
            .order_by(messages.c.seq)
            .limit(1)
        )
    ).first()


_TIME_OF = {SENT: "send_time", DELIVERED: "deliver_time", READ: "read_time", FAILED: "fail_time"}


async def advance_status(
    session: AsyncSession,
    provider_message_id: str,
    new_state: int,
    at: datetime,
    error: bytes | None = None,
) -> bool:
    """Move the outbound message with this provider id to `new_state` if that is forward.
    One conditional UPDATE, so concurrent callbacks cannot move it backwards. True if moved."""
    values: dict = {"state": new_state, "update_time": utcnow()}
    if column := _TIME_OF.get(new_state):
        values[column] = at
    if new_state == FAILED and error is not None:
        values["error"] = error
    result = await session.execute(
        update(messages)
        .where(
            messages.c.provider_message_id == provider_message_id,
            messages.c.direction == OUTBOUND,
            messages.c.state.in_(predecessors(new_state)),
        )
        .values(**values)
    )
    if result.rowcount and new_state in (DELIVERED, READ):
        # A read message was delivered; a delivered one was sent (callbacks may be skipped).
        for state, column in ((SENT, "send_time"), (DELIVERED, "deliver_time")):
            if state < new_state:
                await session.execute(
                    update(messages)
                    .where(
                        messages.c.provider_message_id == provider_message_id,
                        messages.c.direction == OUTBOUND,
                        getattr(messages.c, column).is_(None),
                    )
                    .values({column: at})
                )
    return bool(result.rowcount)


async def is_known_outbound(session: AsyncSession, provider_message_id: str) -> bool:
    found = await session.execute(
        select(messages.c.id).where(
            messages.c.provider_message_id == provider_message_id,
            messages.c.direction == OUTBOUND,
        )
    )
    return found.first() is not None


async def remember_early_status(
    session: AsyncSession, provider_message_id: str, state: int, at: datetime, error: bytes | None
) -> None:
    await insert_ignoring_conflict(
        session,
        early_statuses,
        {
            "provider_message_id": provider_message_id,
            "state": state,
            "error": error,
            "status_time": at,
            "create_time": utcnow(),
        },
    )


async def apply_early_statuses(session: AsyncSession, provider_message_id: str) -> None:
    """Statuses that arrived before the send was recorded, applied in state order."""
    rows = (
        await session.execute(
            select(early_statuses)
            .where(early_statuses.c.provider_message_id == provider_message_id)
            .order_by(early_statuses.c.state)
        )
    ).all()
    for row in rows:
        await advance_status(
            session, provider_message_id, row.state, aware(row.status_time), row.error
        )
    if rows:
        await session.execute(
            early_statuses.delete().where(
                early_statuses.c.provider_message_id == provider_message_id
            )
        )


async def forget_early_statuses(session: AsyncSession, older_than: datetime) -> None:
    await session.execute(early_statuses.delete().where(early_statuses.c.create_time < older_than))


async def list_messages(
    session: AsyncSession,
    *,
    phone_number: str | None,
    equals: dict[str, int],
    create_time: list[tuple[str, datetime]],
    before_seq: int | None,
    limit: int,
) -> list[Row]:
    """Messages newest first (by arrival), after the page position `before_seq`."""
    query = select(messages)
    if phone_number is not None:
        query = query.where(messages.c.member_phone == phone_number)
    for name, value in equals.items():
        query = query.where(messages.c[name] == value)
    for op, moment in create_time:
        column = messages.c.create_time
        query = query.where(
            {
                ">": column > moment,
                ">=": column >= moment,
                "<": column < moment,
                "<=": column <= moment,
            }[op]
        )
    if before_seq is not None:
        query = query.where(messages.c.seq < before_seq)
    return list((await session.execute(query.order_by(messages.c.seq.desc()).limit(limit))).all())
