"""The migrations create exactly the tables and columns the code uses, on PostgreSQL and on the
embedded SQLite."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from services.notification.storage.tables import metadata
from services.runtime.bootstrap import migrations_of
from services.runtime.db import Database


def _described(connection, schema: str | None) -> dict[str, set[str]]:
    inspector = inspect(connection)
    return {
        table: {c["name"] for c in inspector.get_columns(table, schema=schema)}
        for table in inspector.get_table_names(schema=schema)
        if table != "alembic_version"
    }


def _expected() -> dict[str, set[str]]:
    return {t.name: {c.name for c in t.columns} for t in metadata.sorted_tables}


@pytest.mark.parametrize("shape", ["postgresql", "sqlite"])
async def test_migrations_match_the_tables(shape, pg_url, tmp_path):
    url = pg_url if shape == "postgresql" else f"sqlite+aiosqlite:///{tmp_path}/n.db"
    db = Database(url, "notification")
    try:
        await db.migrate(migrations_of("notification"))
        async with db.engine.connect() as connection:
            schema = None if db.is_sqlite else "notification"
            found = await connection.run_sync(_described, schema)
    finally:
        await db.close()
    assert found == _expected()
