"""Savings goals: progress against the wallet's posted balance, milestones announced once.

Milestones are recorded where they are reached (storage/milestones.py): by the credit that
crosses them (in the posting's transaction), by creating or changing a goal, and — for a target
in KES or USD — by a price move, which the price watcher reports through `on_price`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.runtime.auth import current_caller
from services.runtime.errors import NotFound
from services.wallet.adapters.prices import PriceFeed, PriceSnapshot
from services.wallet.flows.once import once
from services.wallet.flows.quotas import refuse_beyond
from services.wallet.flows.wallets import Account
from services.wallet.rules import goals as rules
from services.wallet.rules.idempotency import fingerprint
from services.wallet.rules.names import child_name
from services.wallet.storage import milestones
from services.wallet.storage.milestones import PERCENT
from services.wallet.storage.pages import page_by_creation
from services.wallet.storage.store import Store, now, utc
from services.wallet.storage.tables import accounts, goal_milestones, goals

MAX_GOALS = 20


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
            await refuse_beyond(
                conn,
                goals,
                [goals.c.account_id == account.id],
                MAX_GOALS,
                "TOO_MANY_GOALS",
                f"A wallet has at most {MAX_GOALS} goals.",
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
            await milestones.record(conn, account.id, at, self._prices.last_mids)
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
        async with self._store.read() as conn:
            row = await self._row(conn, account, goal_id)
            views = await self._view(conn, [row], await self._prices.optional())
        return views[0]

    async def list(self, account: Account, size: int, token: str):
        async with self._store.read() as conn:
            rows, next_token = await page_by_creation(
                conn,
                goals,
                [goals.c.account_id == account.id],
                size,
                token,
                ["goals", account.id],
                newest_first=False,
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
            progress = rules.progress_of(
                balance,
                row.target_sats,
                row.target_currency,
                row.target_minor,
                price.mids if price else None,
            )
            if progress is None:  # no price for a fiat target: the milestones reached so far
                progress = max((PERCENT[value] for value, _ in marks), default=0)
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
            await milestones.record(conn, account.id, at, self._prices.last_mids)
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

    async def on_price(self, price: PriceSnapshot) -> int:
        """Record (once) the milestones that goals with a fiat target reached as the price moved;
        how many were new."""
        async with self._store.write() as conn:
            return await milestones.record_fiat_targets(conn, now(), price.mids)
