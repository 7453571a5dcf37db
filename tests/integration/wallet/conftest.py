"""Wallet test fixtures: the wallet schema on the session's PostgreSQL and on a SQLite file, and
the ledger invariants checked after every test."""

from __future__ import annotations

import pytest

from services.runtime.bootstrap import migrations_of
from services.runtime.db import Database
from services.wallet.storage.audit import ledger_problems
from services.wallet.storage.store import Store


@pytest.fixture(scope="session")
async def wallet_pg(pg_url) -> Store:
    db = Database(pg_url, "wallet", pool_size=2)
    await db.migrate(migrations_of("wallet"))
    store = Store(db, single_statement_pool=3)
    yield store
    await store.close()
    await db.close()


@pytest.fixture(scope="session")
async def wallet_sqlite(tmp_path_factory) -> Store:
    path = tmp_path_factory.mktemp("wallet") / "wallet.db"
    db = Database(f"sqlite+aiosqlite:///{path}", "wallet")
    await db.migrate(migrations_of("wallet"))
    yield Store(db)
    await db.close()


@pytest.fixture(params=["postgres", "sqlite"])
def store(request) -> Store:
    """Ledger-level tests run on both shapes."""
    return request.getfixturevalue("wallet_pg" if request.param == "postgres" else "wallet_sqlite")


@pytest.fixture(autouse=True)
async def ledger_invariants(request, wallet_pg):
    """After every test: each transaction sums to zero, the trial balance is zero, no user or
    chama account is negative, balances equal their lines, reservations match withdrawals."""
    yield
    stores = [wallet_pg]
    if "wallet_sqlite" in request.fixturenames:
        stores.append(request.getfixturevalue("wallet_sqlite"))
    for store in stores:
        async with store.read() as conn:
            problems = await ledger_problems(conn)
        assert not problems, "\n".join(problems)


@pytest.fixture(scope="session")
async def stack(pg_url, redis_url, namespace, wallet_pg):
    """The wallet and users services in-process (shared by the wallet's service tests)."""
    from tests.integration.wallet.serving import wallet_stack

    async with wallet_stack(
        pg_url,
        redis_url,
        namespace,
        deposit_expiry_seconds=4,
        quote_ttl_seconds=3,
        # An unknown payout is asked about every second and handed over after three queries.
        withdrawal_check_max_interval_seconds=1,
        withdrawal_review_after_queries=3,
        database_pool_size=3,
    ) as running:
        yield running
