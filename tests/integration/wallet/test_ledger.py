"""The ledger on PostgreSQL and SQLite: postings balance, balances never go negative, concurrent
writers lose nothing, and the P2P path is idempotent."""

from __future__ import annotations

import asyncio
import random
import uuid

import pytest
from sqlalchemy import func, select

from services.runtime.errors import FailedPrecondition, ResourceExhausted
from services.wallet.storage import ledger
from services.wallet.storage.ledger import InsufficientFunds, Line, Posting
from services.wallet.storage.store import now
from services.wallet.storage.tables import (
    HOUSE_MPESA_CLEARING,
    USER,
    accounts,
    entries,
    idempotency,
    transfers,
)
from services.wallet.storage.transfers import (
    StatementLine,
    TransferRecord,
    TransferRequest,
    post_transfer,
    post_transfer_with_statements,
)


def poster(store, path: str):
    """The P2P posting path under test; on SQLite the default path is the statements one."""
    if store.is_sqlite and path == "statements":
        pytest.skip("on SQLite post_transfer is post_transfer_with_statements")
    return post_transfer if path == "default" else post_transfer_with_statements


async def open_funded(store, sats: int) -> str:
    async with store.write() as conn:
        account = await ledger.open_account(conn, USER, f"users/{uuid.uuid4().hex}", now())
        if sats:
            await ledger.post(
                conn,
                Posting(
                    "adjustment",
                    "test/funding",
                    [Line(HOUSE_MPESA_CLEARING, -sats), Line(account, sats, line_type=9)],
                ),
                now(),
            )
    return account


async def balance_of(store, account: str) -> tuple[int, int]:
    async with store.read() as conn:
        row = await ledger.get_account(conn, account)
    return row.balance, row.pending_out


def transfer_request(
    src: str,
    dst: str,
    sats: int,
    *,
    caller: str | None = None,
    request_id: str | None = None,
    fingerprint: str = "f",
    usd: int = 0,
    usd_limit: int | None = None,
) -> TransferRequest:
    line = StatementLine(None, None, None, None, None, f"wallets/{src}/transfers/x", None)
    return TransferRequest(
        caller=caller or f"users/{src}",
        request_id=request_id or str(uuid.uuid4()),
        method="CreateTransfer",
        fingerprint=fingerprint,
        transfer_id=uuid.uuid4().hex,
        txn_id=uuid.uuid4().hex,
        source_account=src,
        destination_account=dst,
        amount_sats=sats,
        day="2030-01-01",
        usd_minor=usd,
        usd_limit=usd_limit,
        at=now(),
        sender_line=line,
        recipient_line=line,
        record=TransferRecord("+254700000000", "Someone", "KES", 0, "KES", 1, ""),
        funds_error=FailedPrecondition("INSUFFICIENT_FUNDS", "Not enough sats."),
        limit_error=ResourceExhausted("LIMIT_EXCEEDED", "Daily limit.", metadata={"x": "y"}),
        event_id=str(uuid.uuid4()),
        topic="wallet.transfer.completed",
        payload={"test": True},
    )


async def test_posting_moves_money_and_keeps_running_balances(store):
    a = await open_funded(store, 1_000)
    b = await open_funded(store, 0)
    async with store.write() as conn:
        after = await ledger.post(
            conn, Posting("transfer", "test", [Line(a, -300), Line(b, 300)]), now()
        )
    assert after == {a: 700, b: 300}
    assert await balance_of(store, a) == (700, 0)
    async with store.read() as conn:
        lines = (
            await conn.execute(
                select(entries.c.amount, entries.c.balance_after)
                .where(entries.c.account_id == a)
                .order_by(entries.c.id)
            )
        ).all()
    assert [tuple(line) for line in lines] == [(1_000, 1_000), (-300, 700)]


async def test_unbalanced_or_degenerate_postings_are_refused(store):
    a = await open_funded(store, 100)
    b = await open_funded(store, 0)
    async with store.write() as conn:
        with pytest.raises(ValueError, match="sum to zero"):
            await ledger.post(conn, Posting("x", "t", [Line(a, -10), Line(b, 11)]), now())
        with pytest.raises(ValueError, match="distinct"):
            await ledger.post(conn, Posting("x", "t", [Line(a, -10), Line(a, 10)]), now())


async def test_overdraft_writes_nothing(store):
    a = await open_funded(store, 100)
    b = await open_funded(store, 0)
    with pytest.raises(InsufficientFunds) as caught:
        async with store.write() as conn:
            await ledger.post(conn, Posting("x", "t", [Line(a, -101), Line(b, 101)]), now())
    assert caught.value.available == 100
    assert await balance_of(store, a) == (100, 0)
    assert await balance_of(store, b) == (0, 0)


async def test_reservations_limit_what_is_available(store):
    a = await open_funded(store, 1_000)
    b = await open_funded(store, 0)
    async with store.write() as conn:
        await ledger.reserve(conn, a, 600)
    with pytest.raises(InsufficientFunds):
        async with store.write() as conn:
            await ledger.reserve(conn, a, 401)
    with pytest.raises(InsufficientFunds):
        async with store.write() as conn:
            await ledger.post(conn, Posting("x", "t", [Line(a, -401), Line(b, 401)]), now())
    # Settling the reservation debits it and frees it in one posting.
    async with store.write() as conn:
        await ledger.post(
            conn,
            Posting(
                "withdrawal", "t", [Line(a, -600, release=600), Line(HOUSE_MPESA_CLEARING, 600)]
            ),
            now(),
        )
    assert await balance_of(store, a) == (400, 0)
    async with store.write() as conn:
        await ledger.reserve(conn, a, 400)
        await ledger.release(conn, a, 400)
    assert await balance_of(store, a) == (400, 0)


async def test_opening_the_same_owner_twice_gives_one_account(store):
    owner = f"users/{uuid.uuid4().hex}"

    async def open_one():
        async with store.write() as conn:
            return await ledger.open_account(conn, USER, owner, now())

    ids = await asyncio.gather(*(open_one() for _ in range(8)))
    assert len(set(ids)) == 1
    async with store.read() as conn:
        count = (
            await conn.execute(select(func.count()).where(accounts.c.owner == owner))
        ).scalar_one()
    assert count == 1


@pytest.mark.parametrize("path", ["default", "statements"])
async def test_concurrent_bank_keeps_the_total_and_nothing_goes_negative(store, path):
    """8 wallets, 16 workers, hundreds of random transfers (some overdrawing on purpose)."""
    post = poster(store, path)
    wallets = [await open_funded(store, 10_000) for _ in range(8)]
    rng = random.Random(4)
    outcomes: list[str] = []
    # 400 transfers on the production path (PostgreSQL's function), 208 on the others.
    each = 25 if path == "default" and not store.is_sqlite else 13

    async def worker(seed: int) -> None:
        local = random.Random(seed)
        for _ in range(each):
            src, dst = local.sample(wallets, 2)
            outcome = await post(store, transfer_request(src, dst, local.randint(1, 4_000)))
            outcomes.append(outcome.status)

    await asyncio.gather(*(worker(rng.randint(0, 10**9)) for _ in range(16)))
    assert len(outcomes) == 16 * each
    assert set(outcomes) <= {"OK", "INSUFFICIENT_FUNDS"}
    assert outcomes.count("OK") > 100
    balances = [(await balance_of(store, w))[0] for w in wallets]
    assert sum(balances) == 80_000
    assert min(balances) >= 0
    async with store.read() as conn:
        moved = (
            await conn.execute(
                select(func.count())
                .select_from(transfers)
                .where(transfers.c.account_id.in_(wallets))
            )
        ).scalar_one()
    assert moved == outcomes.count("OK")


@pytest.mark.parametrize("path", ["default", "statements"])
async def test_two_spends_that_together_overdraw_exactly_one_succeeds(store, path):
    post = poster(store, path)
    for _ in range(5):
        a = await open_funded(store, 1_000)
        b, c = await open_funded(store, 0), await open_funded(store, 0)
        first, second = await asyncio.gather(
            post(store, transfer_request(a, b, 700)), post(store, transfer_request(a, c, 700))
        )
        assert sorted([first.status, second.status]) == ["INSUFFICIENT_FUNDS", "OK"]
        assert await balance_of(store, a) == (300, 0)


@pytest.mark.parametrize("path", ["default", "statements"])
async def test_opposite_transfers_do_not_deadlock(store, path):
    post = poster(store, path)
    a, b = await open_funded(store, 100_000), await open_funded(store, 100_000)
    results = await asyncio.gather(
        *(
            post(store, transfer_request(a, b, 10) if i % 2 else transfer_request(b, a, 10))
            for i in range(40)
        )
    )
    assert {r.status for r in results} == {"OK"}
    assert (await balance_of(store, a))[0] + (await balance_of(store, b))[0] == 200_000


@pytest.mark.parametrize("path", ["default", "statements"])
async def test_duplicates_resolve_to_one_and_failures_are_recorded(store, path):
    post = poster(store, path)
    a, b = await open_funded(store, 1_000), await open_funded(store, 0)
    key = str(uuid.uuid4())
    results = await asyncio.gather(
        *(
            post(store, transfer_request(a, b, 100, caller="users/x", request_id=key))
            for _ in range(6)
        )
    )
    assert sorted(r.status for r in results) == ["DUPLICATE"] * 5 + ["OK"]
    assert await balance_of(store, a) == (900, 0)

    # Refused for lack of funds: recorded, so the same key never succeeds later.
    poor = str(uuid.uuid4())
    refused = await post(store, transfer_request(a, b, 5_000, caller="users/x", request_id=poor))
    assert refused.status == "INSUFFICIENT_FUNDS"
    assert refused.available == 900
    async with store.write() as conn:
        await ledger.post(
            conn,
            Posting("adjustment", "t", [Line(HOUSE_MPESA_CLEARING, -10_000), Line(a, 10_000)]),
            now(),
        )
    again = await post(store, transfer_request(a, b, 5_000, caller="users/x", request_id=poor))
    assert again.status == "DUPLICATE"
    async with store.read() as conn:
        row = (
            await conn.execute(
                select(idempotency).where(
                    idempotency.c.caller == "users/x", idempotency.c.request_id == poor
                )
            )
        ).one()
    assert (row.error_reason, row.resource) == ("INSUFFICIENT_FUNDS", None)


@pytest.mark.parametrize("path", ["default", "statements"])
async def test_daily_limit_is_never_passed_by_concurrent_transfers(store, path):
    post = poster(store, path)
    a, b = await open_funded(store, 1_000_000), await open_funded(store, 0)
    results = await asyncio.gather(
        *(post(store, transfer_request(a, b, 10, usd=300, usd_limit=1_000)) for _ in range(8))
    )
    assert sorted(r.status for r in results) == ["LIMIT_EXCEEDED"] * 5 + ["OK"] * 3
    assert await balance_of(store, a) == (1_000_000 - 30, 0)
    too_big = await post(store, transfer_request(a, b, 10, usd=1_001, usd_limit=1_000))
    assert too_big.status == "LIMIT_EXCEEDED"
