"""P2P transfers per second and p95 latency, on PostgreSQL, at concurrency 1, 16 and 64, across many
account pairs and from one hot account — beside the raw SQL figures for the same locking
transaction, measured in the same run:

  grpc       CreateTransfer through the wallet service (auth, validation, limits, idempotency,
             price, one call of wallet.p2p_transfer): the service in its own process on uvloop,
             as deployed; the clients in this one
  ledger     the wallet's own post_transfer (SQLAlchemy Core → wallet.p2p_transfer), no gRPC
  raw-fn     the same server-side function called directly with asyncpg
  raw-sql    the same locking transaction written as plain SQL statements with asyncpg: BEGIN;
             claim the request id; lock both accounts in id order; move the balances; insert the
             ledger transaction, its two lines, the transfer and the outbox event; COMMIT

Run: .venv/bin/python bench/wallet_transfers.py  (TEST_DATABASE_URL overrides the server; a
scratch database is created and dropped). Figures are printed, not asserted.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import grpc
import uvloop

sys.path[:0] = [
    str(Path(__file__).resolve().parents[1]),
    str(Path(__file__).resolve().parents[1] / "gen" / "python"),
]

from bitsacco.wallet.v1 import wallet_pb2, wallet_service_pb2, wallet_service_pb2_grpc  # noqa: E402

from services.runtime.auth import JwksCache, TokenVerifier  # noqa: E402
from services.runtime.bootstrap import migrations_of, open_resources  # noqa: E402
from services.runtime.db import Database  # noqa: E402
from services.runtime.server import start  # noqa: E402
from services.users.keys import KeyRing, SigningKey  # noqa: E402
from services.users.model import User  # noqa: E402
from services.users.tokens import TokenIssuer  # noqa: E402
from services.wallet.adapters.prices import PriceFeed, SimulatedSource  # noqa: E402
from services.wallet.adapters.users import Member  # noqa: E402
from services.wallet.rules.limits import DEFAULT_TIER_LIMITS  # noqa: E402
from services.wallet.service import build  # noqa: E402
from services.wallet.settings import WalletSettings  # noqa: E402
from services.wallet.storage import ledger  # noqa: E402
from services.wallet.storage.ledger import Line, Posting  # noqa: E402
from services.wallet.storage.store import Store, now  # noqa: E402
from services.wallet.storage.tables import HOUSE_MPESA_CLEARING, USER  # noqa: E402
from services.wallet.storage.transfers import post_transfer_with_function  # noqa: E402

ADMIN_URL = os.environ.get("TEST_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
ACCOUNTS = 200
CELL_SECONDS = 3.0
CONCURRENCY = (1, 16, 64)
POOL = 20
ISSUER, AUDIENCE = "https://users.bitsacco.local", "bitsacco"


class StaticDirectory:
    """Members by phone from a table, so the figures are the wallet's own (not the users
    service's; its lookups are cached in production anyway)."""

    def __init__(self, members: dict[str, Member]) -> None:
        self._members = members

    async def member_by_phone(self, phone):
        return self._members.get(phone)

    async def tier_limits(self, tier):
        limits = DEFAULT_TIER_LIMITS[3]
        return limits.__class__(3, 10**12, 10**12, 10**12, 10**12)  # no limit gets in the way

    async def act_for(self, user_name):
        raise NotImplementedError

    async def close(self):
        return None


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) >= 20 else max(samples)


async def measure(call, concurrency: int, pairs) -> tuple[float, float, int]:
    """Run `call(src, dst)` from `concurrency` workers for CELL_SECONDS: (per second, p95 ms)."""
    latencies: list[float] = []
    stop = time.perf_counter() + CELL_SECONDS
    failures = 0

    async def worker(seed: int) -> None:
        nonlocal failures
        rng = random.Random(seed)
        while time.perf_counter() < stop:
            src, dst = pairs(rng)
            began = time.perf_counter()
            if not await call(src, dst):
                failures += 1
            latencies.append(time.perf_counter() - began)

    began = time.perf_counter()
    await asyncio.gather(*(worker(i) for i in range(concurrency)))
    elapsed = time.perf_counter() - began
    return len(latencies) / elapsed, p95(latencies) * 1000, failures


RAW_STATEMENTS = [
    "INSERT INTO wallet.idempotency (caller, request_id, method, fingerprint, state, resource,"
    " created_at, updated_at) VALUES ($1, $2, 'CreateTransfer', 'f', 'DONE', $3, $4, $4)"
    " ON CONFLICT DO NOTHING",
    "SELECT id, kind, balance, pending_out FROM wallet.accounts WHERE id = ANY($1::text[])"
    " ORDER BY id FOR NO KEY UPDATE",
    "UPDATE wallet.accounts SET balance = balance + $2 WHERE id = $1 RETURNING balance",
    "INSERT INTO wallet.ledger_transactions (id, kind, source, created_at)"
    " VALUES ($1, 'transfer', $2, $3)",
    "INSERT INTO wallet.entries (txn_id, account_id, amount, balance_after, line_type,"
    " source, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    "INSERT INTO wallet.transfers (id, account_id, recipient_account_id, recipient_phone,"
    " recipient_name, amount_sats, fiat_currency, fiat_minor, rate_currency, rate, note, txn_id,"
    " created_at) VALUES ($1, $2, $3, '+254700000000', 'x', $4, 'KES', 0, 'KES', 1, '', $5, $6)",
    "INSERT INTO wallet.outbox (event_id, topic, payload, created_at) VALUES ($1, $2, $3, $4)",
]


async def raw_sql_transfer(pool: asyncpg.Pool, src: str, dst: str) -> bool:
    transfer_id, txn_id, at = uuid.uuid4().hex, uuid.uuid4().hex, datetime.now(UTC)
    resource = f"wallets/{src}/transfers/{transfer_id}"
    async with pool.acquire() as conn, conn.transaction():
        claim, lock, move, header, line, record, event = RAW_STATEMENTS
        await conn.execute(claim, f"users/{src}", str(uuid.uuid4()), resource, at)
        rows = {r["id"]: r for r in await conn.fetch(lock, [src, dst])}
        if rows[src]["balance"] - rows[src]["pending_out"] < 1:
            return False
        src_after = await conn.fetchval(move, src, -1)
        dst_after = await conn.fetchval(move, dst, 1)
        await conn.execute(header, txn_id, resource, at)
        await conn.executemany(
            line,
            [
                (txn_id, src, -1, src_after, 4, resource, at),
                (txn_id, dst, 1, dst_after, 3, resource, at),
            ],
        )
        await conn.execute(record, transfer_id, src, dst, 1, txn_id, at)
        await conn.execute(event, str(uuid.uuid4()), "wallet.transfer.completed", "{}", at)
    return True


RAW_FN = (
    "SELECT status FROM wallet.p2p_transfer($1,$2,'CreateTransfer','f',$3,$4,$5,$6,1,'2030-01-01',"
    "0,NULL,$7,$8::jsonb,$8::jsonb,$9::jsonb,$10::jsonb,$10::jsonb,$11,'wallet.transfer.completed',"
    "'{}'::json)"
)
LINE = json.dumps(
    dict.fromkeys(
        (
            "fiat_minor",
            "price_minor",
            "counterparty_name",
            "counterparty_phone",
            "reference",
            "memo",
        )
    )
    | {"source": "bench"}
)
RECORD = json.dumps(
    {
        "recipient_phone": "+254700000000",
        "recipient_name": "x",
        "fiat_currency": "KES",
        "fiat_minor": 0,
        "rate_currency": "KES",
        "rate": 1,
        "note": "",
    }
)
ERROR = json.dumps(
    {
        "code": "FAILED_PRECONDITION",
        "reason": "INSUFFICIENT_FUNDS",
        "message": "m",
        "extra": {"metadata": {}, "preconditions": []},
    }
)


async def raw_fn_transfer(pool: asyncpg.Pool, src: str, dst: str) -> bool:
    status = await pool.fetchval(
        RAW_FN,
        f"users/{src}",
        str(uuid.uuid4()),
        uuid.uuid4().hex,
        uuid.uuid4().hex,
        src,
        dst,
        datetime.now(UTC),
        LINE,
        RECORD,
        ERROR,
        str(uuid.uuid4()),
    )
    return status == "OK"


async def main() -> None:
    base, _, _ = ADMIN_URL.rpartition("/")
    name = f"bench_wallet_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(ADMIN_URL.replace("postgresql+asyncpg", "postgresql"))
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = f"{base}/{name}"
    try:
        await run(url)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def run(url: str) -> None:
    db = Database(url, "wallet", pool_size=POOL)
    await db.migrate(migrations_of("wallet"))
    store = Store(db, single_statement_pool=POOL)
    ring = KeyRing([SigningKey.generate()])
    issuer = TokenIssuer(ring, ISSUER, AUDIENCE)
    members: dict[str, Member] = {}
    tokens: dict[str, str] = {}
    accounts: dict[str, str] = {}  # account id → phone
    moment = datetime.now(UTC)
    async with store.write() as conn:
        for i in range(ACCOUNTS):
            user_id = uuid.uuid4().hex
            phone = f"+25471{i:07d}"
            account = await ledger.open_account(conn, USER, f"users/{user_id}", now())
            await ledger.post(
                conn,
                Posting(
                    "adjustment",
                    "bench",
                    [Line(HOUSE_MPESA_CLEARING, -(10**12)), Line(account, 10**12, line_type=9)],
                ),
                now(),
            )
            members[phone] = Member(f"users/{user_id}", phone, f"member {i}", 3, True)
            user = User(
                user_id, phone, "", "en", False, "daily", 3, ("member",), "active", moment, moment
            )
            tokens[account] = issuer.access_token(user, moment).token
            accounts[account] = phone
    ids = list(accounts)
    hot = ids[0]

    def many(rng):
        return tuple(rng.sample(ids, 2))

    def one_hot(rng):
        return hot, rng.choice(ids[1:])

    spawn = multiprocessing.get_context("spawn")
    ready = spawn.Queue()
    child = spawn.Process(target=serve_wallet, args=(url, members, ring.jwks(), ready), daemon=True)
    child.start()
    try:
        port = await asyncio.to_thread(ready.get, timeout=60)
        await measure_all(url, store, port, tokens, accounts, {"many": many, "hot": one_hot})
    finally:
        child.terminate()
        child.join(10)
        await store.close()
    await db.close()


def serve_wallet(url: str, members: dict[str, Member], jwks: dict, ready) -> None:
    """The wallet service in its own process, on uvloop, as deployed; tells `ready` its port."""
    settings = WalletSettings(
        service_name="wallet",
        grpc_port=_free_port(),
        metrics_port=-1,
        database_url=url,
        redis_url=REDIS_URL,
        namespace=f"bench{uuid.uuid4().hex[:8]}:",
        database_pool_size=POOL,
        mpesa_callback_token="bench-callback-token-0123456789",
        jwt_issuer=ISSUER,
        jwt_audience=AUDIENCE,
        log_level="WARNING",
    )

    async def serve() -> None:
        feed = PriceFeed([SimulatedSource()], refresh_seconds=3600, max_age_seconds=7200)
        async with open_resources(settings) as resources:
            service = await build(resources, directory=StaticDirectory(members), prices=feed)
            verifier = TokenVerifier(JwksCache(_static(jwks)), ISSUER, AUDIENCE)
            running = await start(service, settings, verifier)
            ready.put(running.port)
            try:
                await asyncio.Event().wait()  # until the parent terminates us
            finally:
                await running.stop()

    uvloop.run(serve())


async def measure_all(url, store, port, tokens, accounts, patterns) -> None:
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{port}")
    stub = wallet_service_pb2_grpc.WalletServiceStub(channel)
    pool = await asyncpg.create_pool(
        url.replace("postgresql+asyncpg", "postgresql"), min_size=POOL, max_size=POOL
    )

    async def via_grpc(src, dst):
        await stub.CreateTransfer(
            wallet_service_pb2.CreateTransferRequest(
                parent="wallets/me",
                transfer=wallet_pb2.Transfer(recipient_phone_number=accounts[dst], amount_sats=1),
                request_id=str(uuid.uuid4()),
            ),
            metadata=(("authorization", f"Bearer {tokens[src]}"),),
        )
        return True

    paths = {
        "grpc": via_grpc,
        "ledger": lambda s, d: _ledger(store, s, d),
        "raw-fn": lambda s, d: raw_fn_transfer(pool, s, d),
        "raw-sql": lambda s, d: raw_sql_transfer(pool, s, d),
    }
    await via_grpc(*patterns["many"](random.Random(0)))  # warm caches, prepared statements
    print(
        f"wallet P2P transfers on PostgreSQL, {ACCOUNTS} accounts, {CELL_SECONDS}s a cell,"
        f" pool {POOL}; transfers/s  p95 ms"
    )
    print(f"{'pattern':<10}{'c':>4}  " + "".join(f"{p:>20}" for p in paths) + "   grpc/raw-sql")
    for label, pairs in patterns.items():
        for concurrency in CONCURRENCY:
            cells = {}
            for path, call in paths.items():
                rate, tail, failed = await measure(call, concurrency, pairs)
                cells[path] = (rate, tail)
                assert not failed, f"{path}: {failed} transfers failed"
            row = "".join(f"{r:>11.0f}/s {t:>5.1f}ms" for r, t in cells.values())
            ratio = cells["raw-sql"][0] / cells["grpc"][0]
            print(f"{label:<10}{concurrency:>4}  {row}   {ratio:>5.2f}x")
    await channel.close()
    await pool.close()


async def _ledger(store: Store, src: str, dst: str) -> bool:
    from services.runtime.errors import FailedPrecondition, ResourceExhausted
    from services.wallet.storage.transfers import StatementLine, TransferRecord, TransferRequest

    line = StatementLine(None, None, None, None, None, "bench", None)
    outcome = await post_transfer_with_function(
        store,
        TransferRequest(
            caller=f"users/{src}",
            request_id=str(uuid.uuid4()),
            method="CreateTransfer",
            fingerprint="f",
            transfer_id=uuid.uuid4().hex,
            txn_id=uuid.uuid4().hex,
            source_account=src,
            destination_account=dst,
            amount_sats=1,
            day="2030-01-01",
            usd_minor=0,
            usd_limit=None,
            at=datetime.now(UTC),
            sender_line=line,
            recipient_line=line,
            record=TransferRecord("+254700000000", "x", "KES", 0, "KES", 1, ""),
            funds_error=FailedPrecondition("INSUFFICIENT_FUNDS", "m"),
            limit_error=ResourceExhausted("LIMIT_EXCEEDED", "m"),
            event_id=str(uuid.uuid4()),
            topic="wallet.transfer.completed",
            payload={},
        ),
    )
    return outcome.status == "OK"


def _static(document: dict):
    async def fetch() -> dict:
        return document

    return fetch


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


if __name__ == "__main__":
    uvloop.run(main())
