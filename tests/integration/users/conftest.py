"""Fixtures of the users tests."""

from __future__ import annotations

import uuid

import asyncpg
import pytest

from tests.conftest import PG_ADMIN_URL


@pytest.fixture
async def private_pg_url():
    """A database of this test's own, for rules that count across all users (the last admin)."""
    base, _, _ = PG_ADMIN_URL.rpartition("/")
    name = f"bitsacco_users_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(PG_ADMIN_URL.replace("postgresql+asyncpg", "postgresql"))
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
