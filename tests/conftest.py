"""Shared fixtures: the real PostgreSQL and Redis on localhost (see README), and the embedded
defaults (SQLite + in-process), so runtime behaviour is checked on both shapes.

Each test session gets a database of its own (created from scratch, dropped at the end) and a
Redis namespace of its own, so parallel runs on one machine never see each other's data.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import pytest

PG_ADMIN_URL = os.environ.get(
    "TEST_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SESSION = uuid.uuid4().hex[:8]


@asynccontextmanager
async def fresh_database(name: str) -> AsyncIterator[str]:
    """Create database `name` from scratch for the block, then drop it."""
    base, _, _ = PG_ADMIN_URL.rpartition("/")
    admin = await asyncpg.connect(PG_ADMIN_URL.replace("postgresql+asyncpg", "postgresql"))
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@pytest.fixture(scope="session")
async def pg_url() -> AsyncIterator[str]:
    """A fresh database for this session: `postgresql+asyncpg://…/bitsacco_<session>`."""
    async with fresh_database(f"bitsacco_{SESSION}") as url:
        yield url


@pytest.fixture(scope="session")
def redis_url() -> str:
    return REDIS_URL


@pytest.fixture(scope="session")
def namespace() -> str:
    """Prefix for this session's Redis keys and streams."""
    return f"t{SESSION}:"
