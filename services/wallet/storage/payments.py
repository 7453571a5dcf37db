"""Queries for M-Pesa payments: deposits, withdrawals and the callbacks that resolve them."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.runtime.db import insert_for
from services.wallet.storage.tables import callbacks, deposits, withdrawals


async def store_callback(
    conn: AsyncConnection, kind: str, key: str, body: bytes, at: datetime
) -> bool:
    """Keep a callback byte for byte; False when the very same body was stored before."""
    insert = insert_for(conn)
    result = await conn.execute(
        insert(callbacks)
        .values(
            kind=kind,
            key=key,
            body_hash=hashlib.sha256(body).hexdigest(),
            body=body.decode("utf-8", errors="replace"),
            received_at=at,
        )
        .on_conflict_do_nothing()
    )
    return result.rowcount == 1


async def unapplied_callbacks(
    conn: AsyncConnection, kind: str, key: str | None = None, since: datetime | None = None
):
    query = select(callbacks).where(callbacks.c.kind == kind, callbacks.c.applied_at.is_(None))
    if key is not None:
        query = query.where(callbacks.c.key == key)
    if since is not None:
        query = query.where(callbacks.c.received_at >= since)
    return (await conn.execute(query.order_by(callbacks.c.id))).all()


async def mark_applied(
    conn: AsyncConnection, kind: str, key: str, at: datetime, note: str = ""
) -> None:
    await conn.execute(
        update(callbacks)
        .where(callbacks.c.kind == kind, callbacks.c.key == key, callbacks.c.applied_at.is_(None))
        .values(applied_at=at, note=note[:200] or None)
    )


async def lock_deposit(conn: AsyncConnection, **where):
    """The deposit row, locked for this transaction (FOR UPDATE on PostgreSQL)."""
    query = select(deposits)
    for column, value in where.items():
        query = query.where(deposits.c[column] == value)
    return (await conn.execute(query.with_for_update())).one_or_none()


async def lock_withdrawal(conn: AsyncConnection, **where):
    query = select(withdrawals)
    for column, value in where.items():
        query = query.where(withdrawals.c[column] == value)
    return (await conn.execute(query.with_for_update())).one_or_none()


async def claim_due(
    conn: AsyncConnection, table, states: tuple[str, ...], at: datetime, hold: timedelta, limit: int
):
    """Rows in `states` whose next_check_at has come, claimed for `hold` (pushed forward) so that
    another replica's worker skips them (FOR UPDATE SKIP LOCKED on PostgreSQL)."""
    due = (
        (
            await conn.execute(
                select(table.c.id)
                .where(table.c.state.in_(states), table.c.next_check_at <= at)
                .order_by(table.c.next_check_at)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
        )
        .scalars()
        .all()
    )
    if not due:
        return []
    await conn.execute(update(table).where(table.c.id.in_(due)).values(next_check_at=at + hold))
    return (await conn.execute(select(table).where(table.c.id.in_(due)))).all()
