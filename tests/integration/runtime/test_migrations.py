"""Migrations create a service's tables in its own schema (PostgreSQL) or file (SQLite), and
running them again changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from services.runtime.db import Database

VERSIONS = Path(__file__).with_name("test_migrations_versions")
SCHEMA = "runtime_migrations_test"


@pytest.fixture(params=["postgres", "sqlite"])
async def db(request, pg_url, tmp_path):
    url = pg_url if request.param == "postgres" else f"sqlite+aiosqlite:///{tmp_path / 'm.db'}"
    database = Database(url, SCHEMA)
    if not database.is_sqlite:
        async with database.engine.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA IF EXISTS "{SCHEMA}" CASCADE'))
    yield database
    await database.close()


async def test_migrate_is_idempotent_and_schema_scoped(db):
    await db.migrate(VERSIONS)
    await db.migrate(VERSIONS)
    prefix = "" if db.is_sqlite else f'"{SCHEMA}".'
    async with db.transaction() as session:
        await session.execute(text(f"INSERT INTO {prefix}things (name) VALUES ('a')"))
        count = await session.execute(text(f"SELECT count(*) FROM {prefix}things"))
        version = await session.execute(text(f"SELECT version_num FROM {prefix}alembic_version"))
        assert (count.scalar_one(), version.scalar_one()) == (1, "0001")
