"""P2P transfers: the hot money path.

On PostgreSQL one call of the server-side function `wallet.p2p_transfer` (created by the first
migration) does everything in a single round trip and a single implicit transaction: claim the
request id, lock both accounts in id order, check funds, count the daily limit, move the
balances, write the ledger lines, the transfer and its outbox event — or record the business
failure against the request id; the same statement then records the recipient's goal milestones
(`record_goal_milestones`). On SQLite (embedded) `post_transfer_with_statements` does the
same steps with Core statements in one transaction; the tests run both paths alike.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from services.runtime.errors import DomainError
from services.wallet.storage import idempotency as keys
from services.wallet.storage import usage
from services.wallet.storage.ledger import Line, Posting, lock_accounts, post
from services.wallet.storage.store import Store
from services.wallet.storage.tables import HOUSE, outbox, transfers

TRANSFER_IN, TRANSFER_OUT = 3, 4  # wallet.v1 TransactionType


@dataclass(frozen=True)
class StatementLine:
    """The statement fields of one side of a transfer."""

    fiat_minor: int | None
    price_minor: int | None
    counterparty_name: str | None
    counterparty_phone: str | None
    reference: str | None
    source: str
    memo: str | None


@dataclass(frozen=True)
class TransferRecord:
    recipient_phone: str
    recipient_name: str
    fiat_currency: str
    fiat_minor: int
    rate_currency: str
    rate: int
    note: str


@dataclass(frozen=True)
class TransferRequest:
    caller: str
    request_id: str
    method: str
    fingerprint: str
    transfer_id: str
    txn_id: str
    source_account: str
    destination_account: str
    amount_sats: int
    day: str
    usd_minor: int
    usd_limit: int | None  # None: no daily limit applies
    at: datetime
    sender_line: StatementLine
    recipient_line: StatementLine
    record: TransferRecord
    funds_error: DomainError
    limit_error: DomainError
    event_id: str
    topic: str
    payload: dict
    mids: Mapping[str, int] | None = None  # values the recipient's fiat-target goals

    @property
    def resource(self) -> str:
        return f"wallets/{self.source_account}/transfers/{self.transfer_id}"


@dataclass(frozen=True)
class TransferOutcome:
    status: str  # OK, DUPLICATE, INSUFFICIENT_FUNDS, LIMIT_EXCEEDED
    source_balance: int | None = None
    destination_balance: int | None = None
    available: int | None = None
    used: int | None = None


async def post_transfer(store: Store, request: TransferRequest) -> TransferOutcome:
    """Post with the server-side function on PostgreSQL, with statements on SQLite."""
    if store.is_sqlite:
        return await post_transfer_with_statements(store, request)
    return await post_transfer_with_function(store, request)


def _error_json(error: DomainError) -> str:
    return json.dumps(
        {
            "code": error.code.name,
            "reason": error.reason,
            "message": error.message,
            "extra": {
                "metadata": error.metadata,
                "preconditions": [[p.type, p.subject, p.description] for p in error.preconditions],
            },
        }
    )


# A function in FROM runs to its end before its row is projected, so the recipient's milestones
# are recorded after the transfer, in the same statement (one round trip, one transaction).
P2P_CALL = (
    "SELECT t.status, t.src_balance, t.dst_balance, t.available, t.used,"
    " CASE WHEN t.status = 'OK' THEN"
    " wallet.record_goal_milestones($8, t.dst_balance, $22, $23, $13, $24) END AS milestones"
    " FROM wallet.p2p_transfer("
    "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15::jsonb, $16::jsonb,"
    " $17::jsonb, $18::jsonb, $19, $20, $21::json) AS t"
)


async def post_transfer_with_function(store: Store, request: TransferRequest) -> TransferOutcome:
    mids = request.mids or {}
    async with store.single_statement() as conn:
        row = await conn.fetchrow(
            P2P_CALL,
            request.caller,
            request.request_id,
            request.method,
            request.fingerprint,
            request.transfer_id,
            request.txn_id,
            request.source_account,
            request.destination_account,
            request.amount_sats,
            request.day,
            request.usd_minor,
            request.usd_limit,
            request.at,
            json.dumps(asdict(request.sender_line)),
            json.dumps(asdict(request.recipient_line)),
            json.dumps(asdict(request.record)),
            _error_json(request.funds_error),
            _error_json(request.limit_error),
            request.event_id,
            request.topic,
            json.dumps(request.payload),
            mids.get("KES"),
            mids.get("USD"),
            request.at.isoformat(),
        )
    return TransferOutcome(
        row["status"], row["src_balance"], row["dst_balance"], row["available"], row["used"]
    )


async def post_transfer_with_statements(store: Store, request: TransferRequest) -> TransferOutcome:
    async with store.write() as conn:
        existing = await keys.claim(
            conn,
            request.caller,
            request.request_id,
            request.method,
            request.fingerprint,
            request.at,
        )
        if existing is not None:
            return TransferOutcome("DUPLICATE")
        locked = await lock_accounts(conn, (request.source_account, request.destination_account))
        source = locked[request.source_account]
        available = source.balance - source.pending_out
        if source.kind != HOUSE and available < request.amount_sats:
            await keys.finish_with_error(
                conn, request.caller, request.request_id, request.funds_error, request.at
            )
            return TransferOutcome("INSUFFICIENT_FUNDS", available=max(available, 0))
        used = None
        if request.usd_limit is not None:
            used = await usage.consume(
                conn,
                request.source_account,
                request.day,
                "transfer",
                request.usd_minor,
                request.usd_limit,
            )
            if used is None:
                current = await usage.used(conn, request.source_account, request.day, "transfer")
                error = request.limit_error
                error.metadata["remaining_usd_minor"] = str(max(request.usd_limit - current, 0))
                await keys.finish_with_error(
                    conn, request.caller, request.request_id, error, request.at
                )
                return TransferOutcome("LIMIT_EXCEEDED", used=current)
        posting = Posting(
            kind="transfer",
            source=request.resource,
            txn_id=request.txn_id,
            lines=[
                _line(
                    request.source_account, -request.amount_sats, TRANSFER_OUT, request.sender_line
                ),
                _line(
                    request.destination_account,
                    request.amount_sats,
                    TRANSFER_IN,
                    request.recipient_line,
                ),
            ],
        )
        after = await post(conn, posting, request.at, locked, mids=request.mids)
        await conn.execute(
            transfers.insert().values(
                id=request.transfer_id,
                account_id=request.source_account,
                recipient_account_id=request.destination_account,
                amount_sats=request.amount_sats,
                txn_id=request.txn_id,
                created_at=request.at,
                **asdict(request.record),
            )
        )
        await conn.execute(
            outbox.insert().values(
                event_id=request.event_id,
                topic=request.topic,
                payload=request.payload,
                created_at=request.at,
            )
        )
        await keys.finish(conn, request.caller, request.request_id, request.resource, request.at)
    return TransferOutcome(
        "OK",
        after[request.source_account],
        after[request.destination_account],
        after[request.source_account] - source.pending_out,
        used,
    )


def _line(account_id: str, amount: int, line_type: int, line: StatementLine) -> Line:
    return Line(account_id=account_id, amount=amount, line_type=line_type, **asdict(line))


async def get_transfer(conn: AsyncConnection, account_id: str, transfer_id: str):
    return (
        await conn.execute(
            select(transfers).where(
                transfers.c.account_id == account_id, transfers.c.id == transfer_id
            )
        )
    ).one_or_none()
