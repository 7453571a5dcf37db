"""Turns: claimed before they run, stored once done (the idempotency of CreateTurn)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.ai.storage.tables import aware, turns
from services.runtime.db import Database, insert_ignoring_conflict

NEW, DONE, BUSY, REUSED = "new", "done", "busy", "reused"


@dataclass(frozen=True)
class Claim:
    status: str  # NEW (run it), DONE (return `turn`), BUSY (running elsewhere), REUSED
    lease_token: str = ""
    turn: bytes | None = None
    taken_over: bool = False  # a previous run did not finish (a crash): this one resumes it


async def claim(
    db: Database, request_id: str, phone: str, fingerprint: str, now: datetime, lease: timedelta
) -> Claim:
    token = str(uuid.uuid4())
    async with db.transaction() as session:
        inserted = await insert_ignoring_conflict(
            session,
            turns,
            {
                "id": request_id,
                "phone": phone,
                "fingerprint": fingerprint,
                "lease_token": token,
                "lease_until": now + lease,
                "done": False,
                "create_time": now,
            },
        )
        if inserted:
            return Claim(NEW, token)
        row = (await session.execute(select(turns).where(turns.c.id == request_id))).one()
        if row.fingerprint != fingerprint:
            return Claim(REUSED)
        if row.done:
            return Claim(DONE, turn=row.turn)
        if row.lease_until is not None and aware(row.lease_until) > now:
            return Claim(BUSY)
        taken = await session.execute(
            update(turns)
            .where(
                turns.c.id == request_id,
                turns.c.done.is_(False),
                turns.c.lease_token == row.lease_token,
            )
            .values(lease_token=token, lease_until=now + lease)
        )
        if taken.rowcount != 1:
            return Claim(BUSY)
        return Claim(NEW, token, taken_over=True)


async def complete(session: AsyncSession, request_id: str, lease_token: str, turn: bytes) -> None:
    await session.execute(
        update(turns)
        .where(turns.c.id == request_id, turns.c.lease_token == lease_token)
        .values(done=True, turn=turn, lease_token=None, lease_until=None)
    )


async def release(db: Database, request_id: str, lease_token: str, now: datetime) -> None:
    """Give up a run that failed, so a retry may take it over at once."""
    async with db.transaction() as session:
        await session.execute(
            update(turns)
            .where(turns.c.id == request_id, turns.c.lease_token == lease_token)
            .values(lease_until=now)
        )


async def find(db: Database, request_id: str, phone: str, since: datetime) -> bytes | None:
    async with db.transaction() as session:
        row = (
            await session.execute(
                select(turns.c.turn, turns.c.create_time).where(
                    turns.c.id == request_id, turns.c.phone == phone, turns.c.done.is_(True)
                )
            )
        ).one_or_none()
    if row is None or aware(row.create_time) < since:
        return None
    return row.turn


async def forget_before(db: Database, moment: datetime) -> int:
    async with db.transaction() as session:
        result = await session.execute(delete(turns).where(turns.c.create_time < moment))
    return result.rowcount or 0
