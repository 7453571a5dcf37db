"""One running system (every service and Envoy) for all conversations of a test session."""

from __future__ import annotations

import pytest

from tests.conftest import SESSION, fresh_database
from tests.e2e.system import running_system


@pytest.fixture(scope="package")
async def system(redis_url, namespace, tmp_path_factory):
    # A database and namespace of its own, and stopped after the e2e tests: its workers must not
    # pick up other suites' messages nor hold their connections.
    async with (
        fresh_database(f"bitsacco_{SESSION}_e2e") as pg_url,
        running_system(
            pg_url, redis_url, f"{namespace}e2e:", tmp_path_factory.mktemp("e2e")
        ) as running,
    ):
        yield running
