"""One page of a wallet's rows in creation order, by (created_at, id), with the token that
continues after its last row (bound to the list's filters, so a token cannot be replayed on
another list)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Table, select
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import ColumnElement

from services.wallet.rules.paging import decode_token, encode_token, page_size
from services.wallet.storage.store import Store, utc


async def page_by_creation(
    conn: AsyncConnection,
    table: Table,
    conditions: list[ColumnElement[bool]],
    size: int,
    token: str,
    filters: list,
    *,
    newest_first: bool,
) -> tuple[list[Row], str]:
    position = decode_token(token, filters)
    limit = page_size(size)
    created_at, ident = table.c.created_at, table.c.id
    query = select(table).where(*conditions)
    if position is not None:
        created, last = datetime.fromisoformat(position[0]), position[1]
        if newest_first:
            query = query.where((created_at < created) | ((created_at == created) & (ident < last)))
        else:
            query = query.where((created_at > created) | ((created_at == created) & (ident > last)))
    order = (created_at.desc(), ident.desc()) if newest_first else (created_at, ident)
    rows = list((await conn.execute(query.order_by(*order).limit(limit + 1))).all())
    if len(rows) <= limit:
        return rows, ""
    rows = rows[:limit]
    return rows, encode_token([utc(rows[-1].created_at).isoformat(), rows[-1].id], filters)


async def account_page(
    store: Store, table: Table, account_id: str, size: int, token: str, kind: str
) -> tuple[list[Row], str]:
    """An account's deposits, withdrawals or transfers (`kind`), newest first."""
    async with store.read() as conn:
        return await page_by_creation(
            conn,
            table,
            [table.c.account_id == account_id],
            size,
            token,
            [kind, account_id],
            newest_first=True,
        )
