"""How many of a thing one wallet may have (goals, savings plans, active price alerts)."""

from __future__ import annotations

from sqlalchemy import Table, func, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import ColumnElement

from services.runtime.errors import FailedPrecondition
from services.wallet.flows.once import Refused


async def refuse_beyond(
    conn: AsyncConnection,
    table: Table,
    conditions: list[ColumnElement[bool]],
    maximum: int,
    reason: str,
    message: str,
) -> None:
    """Refused (FAILED_PRECONDITION `reason`) when `maximum` rows already match `conditions`;
    called in the transaction that adds one."""
    count = (
        await conn.execute(select(func.count()).select_from(table).where(*conditions))
    ).scalar_one()
    if count >= maximum:
        raise Refused(FailedPrecondition(reason, message))
