"""Daily tier-limit counters, one row per (account, Nairobi day, operation).

`consume` adds to the counter only while the total stays within the limit, in one conditional
upsert, so two concurrent operations can never together pass a limit each alone respects.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.runtime.db import insert_for
from services.wallet.storage.tables import limit_usage


async def consume(
    conn: AsyncConnection, account_id: str, day: str, operation: str, usd: int, limit: int
) -> int | None:
    """The new total, or None when `usd` more would pass `limit` (nothing changed)."""
    if usd > limit:
        return None
    statement = insert_for(conn)(limit_usage).values(
        account_id=account_id, day=day, operation=operation, used_usd_minor=usd
    )
    statement = statement.on_conflict_do_update(
        index_elements=[limit_usage.c.account_id, limit_usage.c.day, limit_usage.c.operation],
        set_={"used_usd_minor": limit_usage.c.used_usd_minor + statement.excluded.used_usd_minor},
        where=limit_usage.c.used_usd_minor + statement.excluded.used_usd_minor <= limit,
    ).returning(limit_usage.c.used_usd_minor)
    return (await conn.execute(statement)).scalar_one_or_none()


async def used(conn: AsyncConnection, account_id: str, day: str, operation: str) -> int:
    value = (
        await conn.execute(
            select(limit_usage.c.used_usd_minor).where(
                limit_usage.c.account_id == account_id,
                limit_usage.c.day == day,
                limit_usage.c.operation == operation,
            )
        )
    ).scalar_one_or_none()
    return value or 0


async def give_back(
    conn: AsyncConnection, account_id: str, day: str | None, operation: str, usd: int
) -> None:
    """A failed deposit or withdrawal stops counting towards the day it was made on."""
    if not day or usd <= 0:
        return
    await conn.execute(
        update(limit_usage)
        .where(
            limit_usage.c.account_id == account_id,
            limit_usage.c.day == day,
            limit_usage.c.operation == operation,
        )
        .values(used_usd_minor=limit_usage.c.used_usd_minor - usd)
    )
