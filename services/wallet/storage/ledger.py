"""The double-entry ledger: accounts, postings and reservations, in integer sats.

Rules kept here, for every way money moves:
- a posting is one ledger transaction whose lines sum to zero, at most one line per account;
- posted lines are only ever inserted (corrections are new postings);
- before anything is written, the accounts involved are locked in ascending id order
  (SELECT … ORDER BY id FOR UPDATE), so concurrent postings queue instead of deadlocking, and the
  funds check runs on the locked values, so no update is lost and no balance goes negative;
- available = balance − pending_out; a reservation raises pending_out only while available
  covers it, and settling a reservation posts the debit and lowers pending_out together;
- a credit that carries an account's savings goal past a milestone records and announces the
  milestone in the same transaction (storage/milestones.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.runtime.db import insert_for
from services.wallet.storage import milestones
from services.wallet.storage.tables import (
    CHAMA,
    HOUSE,
    USER,
    accounts,
    entries,
    ledger_transactions,
)


def new_id() -> str:
    return uuid.uuid4().hex


class InsufficientFunds(Exception):
    def __init__(self, account_id: str, available: int, needed: int) -> None:
        super().__init__(f"{account_id}: available {available} < {needed}")
        self.account_id = account_id
        self.available = available
        self.needed = needed


class UnknownAccount(Exception):
    pass


@dataclass(frozen=True)
class Line:
    """One line of a posting; the statement fields matter on USER and CHAMA accounts."""

    account_id: str
    amount: int
    line_type: int = 0
    fiat_minor: int | None = None
    price_minor: int | None = None
    counterparty_name: str | None = None
    counterparty_phone: str | None = None
    counterparty_chama: str | None = None
    reference: str | None = None
    source: str | None = None
    memo: str | None = None
    release: int = 0  # reserved sats this posting settles (lowers pending_out)


@dataclass(frozen=True)
class Posting:
    kind: str
    source: str
    lines: Sequence[Line]
    txn_id: str = field(default_factory=new_id)

    def check(self) -> None:
        ids = [line.account_id for line in self.lines]
        if len(ids) < 2 or len(set(ids)) != len(ids):
            raise ValueError("a posting needs at least two distinct accounts")
        if sum(line.amount for line in self.lines) != 0:
            raise ValueError("a posting's lines must sum to zero")
        if any(line.amount == 0 and not line.release for line in self.lines):
            raise ValueError("a posting line must move something")


async def open_account(conn: AsyncConnection, kind: str, owner: str, at: datetime) -> str:
    """The id of `owner`'s account, opened now when it has none (safe under concurrency)."""
    if kind not in (USER, CHAMA, HOUSE):
        raise ValueError(kind)
    existing = await account_id_of(conn, owner)
    if existing:
        return existing
    await conn.execute(
        insert_for(conn)(accounts)
        .values(id=new_id(), kind=kind, owner=owner, balance=0, pending_out=0, created_at=at)
        .on_conflict_do_nothing(index_elements=[accounts.c.owner])
    )
    found = await account_id_of(conn, owner)
    assert found is not None
    return found


async def account_id_of(conn: AsyncConnection, owner: str) -> str | None:
    return (
        await conn.execute(select(accounts.c.id).where(accounts.c.owner == owner))
    ).scalar_one_or_none()


async def get_account(conn: AsyncConnection, account_id: str):
    return (await conn.execute(select(accounts).where(accounts.c.id == account_id))).one_or_none()


async def lock_accounts(conn: AsyncConnection, ids: Iterable[str]) -> dict:
    """Lock the accounts' rows in ascending id order; their current values by id."""
    wanted = sorted(set(ids))
    rows = (
        await conn.execute(
            select(accounts.c.id, accounts.c.kind, accounts.c.balance, accounts.c.pending_out)
            .where(accounts.c.id.in_(wanted))
            .order_by(accounts.c.id)
            .with_for_update(key_share=True)  # FOR NO KEY UPDATE: FK inserts need not wait
        )
    ).all()
    found = {row.id: row for row in rows}
    missing = [i for i in wanted if i not in found]
    if missing:
        raise UnknownAccount(", ".join(missing))
    return found


def _covers(row, line: Line) -> bool:
    """After the line, the account still has balance ≥ pending_out ≥ 0 (never for HOUSE)."""
    if row.kind == HOUSE:
        return True
    pending = row.pending_out - line.release
    return pending >= 0 and row.balance + line.amount >= pending


async def post(
    conn: AsyncConnection,
    posting: Posting,
    at: datetime,
    locked: dict | None = None,
    mids: Mapping[str, int] | None = None,
) -> dict[str, int]:
    """Post `posting` in the caller's transaction; the balance after it by account id.

    Raises InsufficientFunds (nothing written) when a USER or CHAMA account would not cover its
    line. `locked` is the result of lock_accounts when the caller already holds the locks.
    `mids` (mid prices by currency) values goals with a fiat target; without a price for their
    currency they wait for the next price update.
    """
    posting.check()
    rows = (
        locked
        if locked is not None
        else await lock_accounts(conn, (line.account_id for line in posting.lines))
    )
    for line in posting.lines:
        row = rows[line.account_id]
        if not _covers(row, line):
            available = row.balance - row.pending_out
            raise InsufficientFunds(line.account_id, max(available, 0), -line.amount)
    after: dict[str, int] = {}
    for line in sorted(posting.lines, key=lambda item: item.account_id):
        after[line.account_id] = (
            await conn.execute(
                update(accounts)
                .where(accounts.c.id == line.account_id)
                .values(
                    balance=accounts.c.balance + line.amount,
                    pending_out=accounts.c.pending_out - line.release,
                )
                .returning(accounts.c.balance)
            )
        ).scalar_one()
    await conn.execute(
        ledger_transactions.insert().values(
            id=posting.txn_id, kind=posting.kind, source=posting.source, created_at=at
        )
    )
    await conn.execute(
        entries.insert(),
        [
            {
                "txn_id": posting.txn_id,
                "account_id": line.account_id,
                "amount": line.amount,
                "balance_after": after[line.account_id],
                "line_type": line.line_type,
                "fiat_minor": line.fiat_minor,
                "price_minor": line.price_minor,
                "counterparty_name": line.counterparty_name,
                "counterparty_phone": line.counterparty_phone,
                "counterparty_chama": line.counterparty_chama,
                "reference": line.reference,
                "source": line.source,
                "memo": line.memo,
                "created_at": at,
            }
            for line in posting.lines
        ],
    )
    for line in posting.lines:
        if line.amount > 0 and rows[line.account_id].kind != HOUSE:
            await milestones.record(conn, line.account_id, at, mids)
    return after


async def reserve(conn: AsyncConnection, account_id: str, sats: int) -> None:
    """Raise pending_out by `sats` only while available covers it (one conditional UPDATE)."""
    if sats <= 0:
        raise ValueError("a reservation must be positive")
    reserved = (
        await conn.execute(
            update(accounts)
            .where(
                accounts.c.id == account_id,
                accounts.c.balance - accounts.c.pending_out >= sats,
            )
            .values(pending_out=accounts.c.pending_out + sats)
            .returning(accounts.c.pending_out)
        )
    ).scalar_one_or_none()
    if reserved is None:
        row = await get_account(conn, account_id)
        if row is None:
            raise UnknownAccount(account_id)
        raise InsufficientFunds(account_id, max(row.balance - row.pending_out, 0), sats)


async def release(conn: AsyncConnection, account_id: str, sats: int) -> None:
    """Give back a reservation that will not be spent (a definite failure)."""
    released = (
        await conn.execute(
            update(accounts)
            .where(accounts.c.id == account_id, accounts.c.pending_out >= sats)
            .values(pending_out=accounts.c.pending_out - sats)
            .returning(accounts.c.pending_out)
        )
    ).scalar_one_or_none()
    if released is None:
        raise RuntimeError(f"release of {sats} exceeds what {account_id} has reserved")


async def trial_balance(conn: AsyncConnection) -> int:
    """The sum of every account's balance: zero in a balanced ledger."""
    return (await conn.execute(select(func.coalesce(func.sum(accounts.c.balance), 0)))).scalar_one()
