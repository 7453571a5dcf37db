"""Queries on the daily limits of each KYC tier (data seeded by the first migration)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.users.model import TierLimits
from services.users.storage.tables import tier_limits


def _limits(row) -> TierLimits:
    return TierLimits(
        tier=row.tier,
        currency_code=row.currency_code,
        daily_save_minor=row.daily_save_minor,
        daily_withdrawal_minor=row.daily_withdrawal_minor,
        daily_transfer_minor=row.daily_transfer_minor,
        step_up_threshold_minor=row.step_up_threshold_minor,
        updated_at=row.updated_at,
    )


async def get_tier_limits(session: AsyncSession, tier: int) -> TierLimits | None:
    row = (await session.execute(select(tier_limits).where(tier_limits.c.tier == tier))).first()
    return _limits(row) if row else None


async def list_tier_limits(session: AsyncSession) -> list[TierLimits]:
    rows = (await session.execute(select(tier_limits).order_by(tier_limits.c.tier))).all()
    return [_limits(r) for r in rows]
