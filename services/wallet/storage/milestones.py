"""Goal milestones (25/50/75/100%), recorded and announced in the transaction that reaches them.

A milestone is reached by a credit (ledger.post calls `record` for each account it credits), by
creating or changing a goal, or — for a target in KES or USD — by the price moving. The row in
goal_milestones (primary key goal + milestone) is what makes the announcement happen once: the
event is published only by the transaction whose insert created the row. The P2P function on
PostgreSQL does the same in SQL (migration 0003, `record_goal_milestones`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from services.runtime.db import insert_for
from services.runtime.events import publish
from services.wallet.events import GOAL_MILESTONE_REACHED
from services.wallet.rules import goals as rules
from services.wallet.rules.names import child_name
from services.wallet.storage.tables import accounts, goal_milestones, goals, outbox

PERCENT = {value: percent for percent, value in rules.MILESTONES}

_GOALS = select(
    goals.c.id,
    goals.c.account_id,
    goals.c.display_name,
    goals.c.target_sats,
    goals.c.target_currency,
    goals.c.target_minor,
    accounts.c.balance,
    accounts.c.owner,
).join(accounts, accounts.c.id == goals.c.account_id)


async def record(
    conn: AsyncConnection, account_id: str, at: datetime, mids: Mapping[str, int] | None
) -> int:
    """Record and announce the milestones the account's goals have reached at its balance now
    (fiat targets only with a price in `mids`); how many were new."""
    return await _record(conn, _GOALS.where(goals.c.account_id == account_id), at, mids)


async def record_fiat_targets(conn: AsyncConnection, at: datetime, mids: Mapping[str, int]) -> int:
    """The same for every goal with a fiat target, at new prices (the balance did not move)."""
    return await _record(conn, _GOALS.where(goals.c.target_sats.is_(None)), at, mids)


async def _record(conn: AsyncConnection, query, at: datetime, mids) -> int:
    rows = (await conn.execute(query)).all()
    if not rows:
        return 0
    known = {
        (mark.goal_id, mark.milestone)
        for mark in await conn.execute(
            select(goal_milestones.c.goal_id, goal_milestones.c.milestone).where(
                goal_milestones.c.goal_id.in_([row.id for row in rows])
            )
        )
    }
    insert = insert_for(conn)
    new = 0
    for row in rows:
        progress = rules.progress_of(
            row.balance, row.target_sats, row.target_currency, row.target_minor, mids
        )
        if progress is None:
            continue
        for value in rules.milestones_for(progress):
            if (row.id, value) in known:
                continue
            inserted = await conn.execute(
                insert(goal_milestones)
                .values(goal_id=row.id, milestone=value, reached_at=at)
                .on_conflict_do_nothing()
            )
            if inserted.rowcount != 1:  # a concurrent transaction recorded it first
                continue
            new += 1
            await publish(
                conn,
                outbox,
                GOAL_MILESTONE_REACHED,
                {
                    "goal": child_name(row.account_id, "goals", row.id),
                    "wallet": f"wallets/{row.account_id}",
                    "user": row.owner,
                    "display_name": row.display_name,
                    "milestone": PERCENT[value],
                    "progress_percent": progress,
                    "reach_time": at.isoformat(),
                },
            )
    return new
