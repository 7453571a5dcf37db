"""Shared fixtures: the real PostgreSQL and Redis on localhost (see README), and the embedded
defaults (SQLite + in-process), so runtime behaviour is checked on both shapes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import redis.asyncio as redis

PG_URL = os.environ.get("TEST_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def pg_url() -> str:
    return PG_URL


@pytest.fixture(scope="session")
async def redis_url() -> str:
    client = redis.from_url(REDIS_URL)
    await client.flushdb()  # database 15 belongs to the tests
    await client.aclose()
    return REDIS_URL
