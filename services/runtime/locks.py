"""Named locks held until the end of the current transaction, to run transactions one at a time.

Used where the order in which numbers are taken must be the order in which they become visible:
a transaction holding the lock from taking a number until its commit cannot be overtaken by
another that takes the lock too.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession


async def lock_until_commit(session: AsyncSession, name: str, wait: bool = True) -> bool:
    """Take the lock `name` for the rest of this transaction; without `wait`, False if it is taken.

    PostgreSQL: a transaction-scoped advisory lock. SQLite needs none: it has one writer at a
    time, and a transaction that has written keeps the database's write lock until it ends.
    """
    if session.bind.dialect.name != "postgresql":
        return True
    key = func.hashtext(name)
    if wait:
        await session.execute(select(func.pg_advisory_xact_lock(key)))
        return True
    return bool((await session.execute(select(func.pg_try_advisory_xact_lock(key)))).scalar())
