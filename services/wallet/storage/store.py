"""How the wallet opens its units of work (SQLAlchemy Core connections, no ORM session).

On PostgreSQL concurrent writers are safe by row locks taken in a consistent order. On SQLite (the
embedded shape: one wallet process) writers are additionally queued by an in-process lock, so a
transaction never has to upgrade a read snapshot to a write lock (which SQLite refuses at once).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import asyncpg
from sqlalchemy.ext.asyncio import AsyncConnection

from services.runtime.db import Database


class Store:
    def __init__(self, db: Database, single_statement_pool: int = 10) -> None:
        self.db = db
        self.engine = db.engine
        self.is_sqlite = db.is_sqlite
        self._write_lock = asyncio.Lock()
        self._single_pool = single_statement_pool
        self._single: asyncpg.Pool | None = None

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncConnection]:
        """A transaction that may write: committed on success, rolled back on any exception."""
        if self.is_sqlite:
            async with self._write_lock, self.engine.begin() as conn:
                yield conn
        else:
            async with self.engine.begin() as conn:
                yield conn

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncConnection]:
        async with self.engine.connect() as conn:
            yield conn

    @asynccontextmanager
    async def single_statement(self) -> AsyncIterator[asyncpg.Connection]:
        """A bare asyncpg connection in autocommit: one round trip for a server-side function,
        without SQLAlchemy's per-statement work (the hot P2P path spends most of its time there).
        Its own small pool, without a ping or reset around each use: a connection that died is
        discarded by its error, and the caller's retry under the same request id is safe."""
        if self.is_sqlite:
            raise RuntimeError("single_statement is for PostgreSQL server-side functions")
        if self._single is None:
            url = self.engine.url.set(drivername="postgresql")
            self._single = await asyncpg.create_pool(
                url.render_as_string(hide_password=False),
                min_size=1,
                max_size=self._single_pool,
                max_inactive_connection_lifetime=600,
                reset=_nothing_to_reset,
            )
        async with self._single.acquire() as conn:
            yield conn

    async def close(self) -> None:
        if self._single is not None:
            await self._single.close()


async def _nothing_to_reset(conn: asyncpg.Connection) -> None:
    """Only single autocommit statements run on these connections: no session state is left for
    asyncpg's default reset query, which would cost a round trip on every release."""


def utc(moment: datetime | None) -> datetime | None:
    """Stored times come back naive from SQLite; they are always UTC."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def now() -> datetime:
    return datetime.now(UTC)
