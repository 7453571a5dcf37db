"""Queries on sessions and their refresh tokens (one rotation family per session)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.users.storage.tables import refresh_tokens, sessions


@dataclass(frozen=True)
class PresentedToken:
    token_hash: str
    session_id: str
    user_id: str
    expires_at: datetime
    used_at: datetime | None
    session_revoked_at: datetime | None


async def create_session(session: AsyncSession, user_id: str, device: str, now: datetime) -> str:
    session_id = uuid.uuid4().hex
    await session.execute(
        sessions.insert().values(
            id=session_id, user_id=user_id, created_at=now, last_used_at=now, device=device
        )
    )
    return session_id


async def add_refresh_token(
    session: AsyncSession, session_id: str, token_hash: str, now: datetime, expires_at: datetime
) -> None:
    await session.execute(
        refresh_tokens.insert().values(
            token_hash=token_hash, session_id=session_id, issued_at=now, expires_at=expires_at
        )
    )
    await session.execute(
        update(sessions).where(sessions.c.id == session_id).values(last_used_at=now)
    )


async def find_refresh_token(session: AsyncSession, token_hash: str) -> PresentedToken | None:
    """The token and its session, locked so two presentations of it are decided one at a time."""
    row = (
        await session.execute(
            select(
                refresh_tokens.c.token_hash,
                refresh_tokens.c.session_id,
                refresh_tokens.c.expires_at,
                refresh_tokens.c.used_at,
                sessions.c.user_id,
                sessions.c.revoked_at,
            )
            .join(sessions, sessions.c.id == refresh_tokens.c.session_id)
            .where(refresh_tokens.c.token_hash == token_hash)
            .with_for_update()
        )
    ).first()
    if row is None:
        return None
    return PresentedToken(
        row.token_hash, row.session_id, row.user_id, row.expires_at, row.used_at, row.revoked_at
    )


async def mark_used(session: AsyncSession, token_hash: str, now: datetime) -> None:
    await session.execute(
        update(refresh_tokens).where(refresh_tokens.c.token_hash == token_hash).values(used_at=now)
    )


async def revoke_session(
    session: AsyncSession, session_id: str, reason: str, now: datetime
) -> None:
    await session.execute(
        update(sessions)
        .where(sessions.c.id == session_id, sessions.c.revoked_at.is_(None))
        .values(revoked_at=now, revoke_reason=reason)
    )


async def revoke_user_sessions(
    session: AsyncSession, user_id: str, reason: str, now: datetime
) -> None:
    await session.execute(
        update(sessions)
        .where(sessions.c.user_id == user_id, sessions.c.revoked_at.is_(None))
        .values(revoked_at=now, revoke_reason=reason)
    )


async def user_sessions(session: AsyncSession, user_id: str) -> list[dict]:
    rows = (
        await session.execute(
            select(sessions).where(sessions.c.user_id == user_id).order_by(sessions.c.created_at)
        )
    ).all()
    return [
        {
            "id": r.id,
            "created_at": r.created_at,
            "last_used_at": r.last_used_at,
            "device": r.device,
            "revoked_at": r.revoked_at,
            "revoke_reason": r.revoke_reason,
        }
        for r in rows
    ]


async def forget_devices(session: AsyncSession, user_id: str) -> None:
    await session.execute(update(sessions).where(sessions.c.user_id == user_id).values(device=""))
