"""Queries on step-up challenges (one per user and transaction request id)."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.users.model import StepUpChallenge
from services.users.storage.tables import step_up_challenges


def _challenge(row) -> StepUpChallenge:
    return StepUpChallenge(
        id=row.id,
        user_id=row.user_id,
        transaction_request_id=row.transaction_request_id,
        action=row.action,
        currency_code=row.currency_code,
        minor_units=row.minor_units,
        code_hash=row.code_hash,
        code_expires_at=row.code_expires_at,
        resend_at=row.resend_at,
        failures=row.failures,
        sends=row.sends,
        state=row.state,
        created_at=row.created_at,
        verified_at=row.verified_at,
    )


async def by_transaction(
    session: AsyncSession, user_id: str, transaction_request_id: str
) -> StepUpChallenge | None:
    row = (
        await session.execute(
            select(step_up_challenges)
            .where(
                step_up_challenges.c.user_id == user_id,
                step_up_challenges.c.transaction_request_id == transaction_request_id,
            )
            .with_for_update()
        )
    ).first()
    return _challenge(row) if row else None


async def by_id(session: AsyncSession, challenge_id: str) -> StepUpChallenge | None:
    row = (
        await session.execute(
            select(step_up_challenges)
            .where(step_up_challenges.c.id == challenge_id)
            .with_for_update()
        )
    ).first()
    return _challenge(row) if row else None


async def insert(session: AsyncSession, challenge: StepUpChallenge) -> None:
    await session.execute(step_up_challenges.insert().values(**challenge.__dict__))


async def save(session: AsyncSession, challenge: StepUpChallenge) -> None:
    values = dict(challenge.__dict__)
    challenge_id = values.pop("id")
    await session.execute(
        update(step_up_challenges).where(step_up_challenges.c.id == challenge_id).values(**values)
    )


async def for_user(session: AsyncSession, user_id: str) -> list[StepUpChallenge]:
    rows = (
        await session.execute(
            select(step_up_challenges)
            .where(step_up_challenges.c.user_id == user_id)
            .order_by(step_up_challenges.c.created_at)
        )
    ).all()
    return [_challenge(r) for r in rows]
