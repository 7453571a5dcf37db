"""Fixtures of the users tests."""

from __future__ import annotations

import uuid

import pytest

from tests.conftest import fresh_database


@pytest.fixture
async def private_pg_url():
    """A database of this test's own, for rules that count across all users (the last admin)."""
    async with fresh_database(f"bitsacco_users_{uuid.uuid4().hex[:8]}") as url:
        yield url
