"""SQLAlchemy 2 async storage: PostgreSQL (asyncpg) in production and tests, a SQLite file per
service (aiosqlite) in the embedded shape. Each service owns one PostgreSQL schema named after it;
on SQLite the schema is translated away, since each service has a file of its own."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

MIGRATIONS_ENV = Path(__file__).with_name("migrations")

# What a query function needs: a session in a transaction, or a connection from `statements()`.
Executor = AsyncSession | AsyncConnection


class Database:
    def __init__(self, url: str, schema: str, pool_size: int = 10) -> None:
        self.schema = schema
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            Path(url.split("///", 1)[1]).parent.mkdir(parents=True, exist_ok=True)
            self.engine: AsyncEngine = create_async_engine(
                url, execution_options={"schema_translate_map": {schema: None}}
            )
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        else:
            # No ping before each checkout (a round trip per transaction, a tenth of a busy
            # worker's time). A connection the server dropped fails its statement instead; that
            # invalidates the whole pool, so one call sees UNAVAILABLE (retryable, see
            # interceptors/errors.py) and the next gets a fresh connection.
            self.engine = create_async_engine(url, pool_size=pool_size, pool_recycle=1800)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self._autocommit = self.engine.execution_options(isolation_level="AUTOCOMMIT")

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One unit of work: committed on success, rolled back on any exception."""
        async with self.sessions() as session, session.begin():
            yield session

    @asynccontextmanager
    async def statements(self) -> AsyncIterator[AsyncConnection]:
        """Statements that each stand alone (a read, a single-row update): every one commits by
        itself, one round trip instead of three for BEGIN … COMMIT. Not for work that must be
        all or nothing: that is `transaction()`."""
        async with self._autocommit.connect() as connection:
            yield connection

    async def migrate(self, versions: Path) -> None:
        """Bring this service's schema to the newest migration in `versions`."""
        async with self.engine.begin() as connection:
            if not self.is_sqlite:
                await connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"'))
            await connection.run_sync(self._upgrade, versions)

    def _upgrade(self, connection: Connection, versions: Path) -> None:
        # Imported here: Alembic costs half a second of start-up, and only migrations need it.
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_ENV))
        config.set_main_option("path_separator", "os")
        config.set_main_option("version_locations", str(versions))
        config.attributes["connection"] = connection
        config.attributes["schema"] = None if self.is_sqlite else self.schema
        command.upgrade(config, "heads")

    async def close(self) -> None:
        await self.engine.dispose()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers and the single writer overlap; the timeout makes writers queue, not fail.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def insert_for(executor: Executor):
    """The dialect's `insert`, which has ON CONFLICT DO NOTHING / DO UPDATE."""
    bind = executor.bind if isinstance(executor, AsyncSession) else executor
    if bind.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


async def insert_ignoring_conflict(session: AsyncSession, table, values: dict) -> bool:
    """INSERT … ON CONFLICT DO NOTHING; True when the row was new. The idempotency primitive."""
    insert = insert_for(session)
    result = await session.execute(insert(table).values(**values).on_conflict_do_nothing())
    return result.rowcount == 1


def migration_schema() -> str | None:
    """The schema a migration script creates its tables in (None on SQLite)."""
    from alembic import context

    return context.config.attributes["schema"]
