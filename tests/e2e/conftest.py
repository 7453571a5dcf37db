"""One running system (every service and Envoy) for all conversations of a test session."""

from __future__ import annotations

import pytest

from tests.e2e.system import running_system


@pytest.fixture(scope="session")
async def system(pg_url, redis_url, namespace, tmp_path_factory):
    async with running_system(
        pg_url, redis_url, namespace, tmp_path_factory.mktemp("e2e")
    ) as running:
        yield running
