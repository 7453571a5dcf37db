"""Savings goals: progress against the wallet's posted balance, milestones announced once."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.runtime.auth import current_caller
from services.runtime.errors import FailedPrecondition, NotFound
from services.runtime.events import publish
from services.wallet.adapters.prices import PriceFeed, PriceSnapshot
from services.wallet.events import GOAL_MILESTONE_REACHED
from services.wallet.flows.deposits import _owner
from services.wallet.flows.once import Refused, once
from services.wallet.flows.wallets import Account
from services.wallet.rules import goals as rules
from services.wallet.rules.idempotency import fingerprint
from services.wallet.rules.names import child_name
from services.wallet.rules.paging import decode_token, encode_token, page_size
from services.wallet.storage.store import Store, now, utc
from services.wallet.storage.tables import accounts, goal_milestones, goals, outbox

MAX_GOALS = 20
THRESHOLDS = {value: percent for percent, value in rules.MILESTONES}


@dataclass(frozen=True)
class GoalTarget:
    sats: int | None
    currency: str | None
    minor: int | None


@dataclass(frozen=True)
class GoalView:
    row: object
    progress: int
    reached: list[tuple[int, datetime]]

    @property
    def reach_time(self) -> datetime | None:
        return next((at for value, at in self.reached if value == 4), None)


def _progress(row, balance: int, price: PriceSnapshot | None) -> int | None:
    if row.target_sats is not None:
        return rules.progress_percent(balance, target_sats=row.target_sats)
    if price is None:
        return None
    mid = price.kes_mid if row.target_currency == "KES" else price.usd_mid
    return rules.progress_percent(balance, target_minor=row.target_minor, mid=mid)


class Goals:
    def __init__(self, store: Store, prices: PriceFeed) -> None:
        self._store = store
        self._prices = prices

    async def create(
        self, account: Account, display_name: str, target: GoalTarget, date: str, request
    ) -> GoalView:
        caller = current_caller()
        digest = fingerprint("CreateGoal", request, parent=f"wallets/{account.id}")

        async def body(conn: AsyncConnection, at: datetime) -> str:
            count = (
                await conn.execute(
                    select(func.count()).select_from(goals).where(goals.c.account_id == account.id)
                )
            ).scalar_one()
            if count >= MAX_GOALS:
                raise Refused(
                    FailedPrecondition("TOO_MANY_GOALS", f"A wallet has at most {MAX_GOALS} goals.")
                )
            ident = uuid.uuid4().hex
            await conn.execute(
                goals.insert().values(
                    id=ident,
                    account_id=account.id,
                    display_name=display_name,
                    target_currency=target.currency,
                    target_minor=target.minor,
                    target_sats=target.sats,
                    target_date=date or None,
                    created_at=at,
                    updated_at=at,
                )
            )
            return child_name(account.id, "goals", ident)

        name, _ = await once(
            self._store, caller.subject, request.request_id, "CreateGoal", digest, body
        )
        return await self.get(account, name.rsplit("/", 1)[1])

    async def _row(self, conn: AsyncConnection, account: Account, goal_id: str):
        row = (
            await conn.execute(
                select(goals).where(goals.c.id == goal_id, goals.c.account_id == account.id)
            )
        ).one_or_none()
        if row is None:
            raise NotFound("GOAL_NOT_FOUND", "No such goal.")
        return row

    async def get(self, account: Account, goal_id: str) -> GoalView:
        await self.check(account.id)
        async with self._store.read() as conn:
            row = await self._row(conn, account, goal_id)
            views = await self._view(conn, [row], await self._prices.optional())
        return views[0]

    async def list(self, account: Account, size: int, token: str):
        await self.check(account.id)
        filters = ["goals", account.id]
        position = decode_token(token, filters)
        limit = page_size(size)
        query = select(goals).where(goals.c.account_id == account.id)
        if position is not None:
            created, ident = datetime.fromisoformat(position[0]), position[1]
            query = query.where(
                (goals.c.created_at > created)
                | ((goals.c.created_at == created) & (goals.c.id > ident))
            )
        query = query.order_by(goals.c.created_at, goals.c.id).limit(limit + 1)
        async with self._store.read() as conn:
            rows = (await conn.execute(query)).all()
            next_token = ""
            if len(rows) > limit:
                rows = rows[:limit]
                next_token = encode_token(
                    [utc(rows[-1].created_at).isoformat(), rows[-1].id], filters
                )
            views = await self._view(conn, rows, await self._prices.optional())
        return views, next_token

    async def _view(self, conn: AsyncConnection, rows, price) -> list[GoalView]:
        if not rows:
            return []
        balance = (
            await conn.execute(
                select(accounts.c.balance).where(accounts.c.id == rows[0].account_id)
            )
        ).scalar_one()
        reached: dict[str, list[tuple[int, datetime]]] = {}
        for mark in (
            await conn.execute(
                select(goal_milestones)
                .where(goal_milestones.c.goal_id.in_([r.id for r in rows]))
                .order_by(goal_milestones.c.milestone)
            )
        ).all():
            reached.setdefault(mark.goal_id, []).append((mark.milestone, utc(mark.reached_at)))
        views = []
        for row in rows:
            marks = reached.get(row.id, [])
            progress = _progress(row, balance, price)
            if progress is None:  # no price for a fiat target: the milestones reached so far
                progress = max((THRESHOLDS[value] for value, _ in marks), default=0)
            views.append(GoalView(row, progress, marks))
        return views

    async def update(self, account: Account, goal_id: str, changes: dict, request) -> GoalView:
        caller = current_caller()
        digest = fingerprint("UpdateGoal", request)

        async def body(conn: AsyncConnection, at: datetime) -> str:
            await self._row(conn, account, goal_id)
            await conn.execute(
                update(goals).where(goals.c.id == goal_id).values(updated_at=at, **changes)
            )
            return child_name(account.id, "goals", goal_id)

        await once(self._store, caller.subject, request.request_id, "UpdateGoal", digest, body)
        return await self.get(account, goal_id)

    async def delete(self, account: Account, goal_id: str, request) -> None:
        caller = current_caller()
        digest = fingerprint("DeleteGoal", request)

        async def body(conn: AsyncConnection, at: datetime) -> str:
            await self._row(conn, account, goal_id)
            await conn.execute(delete(goal_milestones).where(goal_milestones.c.goal_id == goal_id))
            await conn.execute(delete(goals).where(goals.c.id == goal_id))
            return child_name(account.id, "goals", goal_id)

        await once(self._store, caller.subject, request.request_id, "DeleteGoal", digest, body)

    async def check(self, account_id: str | None = None) -> int:
        """Record (once) and announce every milestone reached; how many were new."""
        price = await self._prices.optional()
        query = select(goals, accounts.c.balance, accounts.c.owner).join(
            accounts, accounts.c.id == goals.c.account_id
        )
        if account_id is not None:
            query = query.where(goals.c.account_id == account_id)
        async with self._store.read() as conn:
            rows = (await conn.execute(query)).all()
            known: dict[str, set[int]] = {}
            ids = [row.id for row in rows]
            marks = select(goal_milestones).where(goal_milestones.c.goal_id.in_(ids))
            for mark in (await conn.execute(marks)).all() if rows else ():
                known.setdefault(mark.goal_id, set()).add(mark.milestone)
        fresh = []
        for row in rows:
            progress = _progress(row, row.balance, price)
            if progress is None:
                continue
            for value in rules.milestones_for(progress):
                if value not in known.get(row.id, set()):
                    fresh.append((row, value, progress))
        if not fresh:
            return 0
        new = 0
        async with self._store.write() as conn:
            at = now()
            insert = _insert(conn)
            for row, value, progress in fresh:
                inserted = await conn.execute(
                    insert(goal_milestones)
                    .values(goal_id=row.id, milestone=value, reached_at=at)
                    .on_conflict_do_nothing()
                )
                if inserted.rowcount != 1:
                    continue
                new += 1
                await publish(
                    conn,
                    outbox,
                    GOAL_MILESTONE_REACHED,
                    {
                        "goal": child_name(row.account_id, "goals", row.id),
                        "wallet": f"wallets/{row.account_id}",
                        "user": row.owner or await _owner(conn, row.account_id),
                        "display_name": row.display_name,
                        "milestone": THRESHOLDS[value],
                        "progress_percent": progress,
                        "reach_time": at.isoformat(),
                    },
                )
        return new


def _insert(conn: AsyncConnection):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert
