"""The append-only audit log of privileged changes to users (never updated or deleted)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.users.model import AuditEvent
from services.users.storage.tables import audit_events


def _event(row) -> AuditEvent:
    return AuditEvent(
        seq=row.seq,
        id=row.id,
        user_id=row.user_id,
        action=row.action,
        actor=row.actor,
        reason=row.reason,
        change=row.change,
        request_id=row.request_id,
        created_at=row.created_at,
    )


async def append(
    session: AsyncSession,
    *,
    user_id: str,
    action: str,
    actor: str,
    reason: str,
    change: dict | None,
    request_id: str,
    now: datetime,
) -> AuditEvent:
    event_id = uuid.uuid4().hex
    await session.execute(
        audit_events.insert().values(
            id=event_id,
            user_id=user_id,
            action=action,
            actor=actor,
            reason=reason,
            change=change,
            request_id=request_id,
            created_at=now,
        )
    )
    row = (await session.execute(select(audit_events).where(audit_events.c.id == event_id))).one()
    return _event(row)


async def list_events(
    session: AsyncSession,
    *,
    user_id: str | None,
    action: str | None,
    before_seq: int | None,
    limit: int,
) -> list[AuditEvent]:
    """Newest first."""
    query = select(audit_events).order_by(audit_events.c.seq.desc()).limit(limit)
    if user_id is not None:
        query = query.where(audit_events.c.user_id == user_id)
    if action is not None:
        query = query.where(audit_events.c.action == action)
    if before_seq is not None:
        query = query.where(audit_events.c.seq < before_seq)
    return [_event(r) for r in (await session.execute(query)).all()]
