"""Statements: a wallet's posted lines with running balances, and its savings summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from services.runtime.errors import NotFound
from services.wallet.adapters.prices import PriceFeed, PriceSnapshot
from services.wallet.flows.wallets import Account
from services.wallet.rules.money import SATS_PER_BTC, fiat_for_sats_down
from services.wallet.rules.paging import decode_token, encode_token, page_size
from services.wallet.storage import ledger
from services.wallet.storage.store import Store
from services.wallet.storage.tables import entries

DEPOSIT, WITHDRAWAL, TRANSFER_IN, TRANSFER_OUT = 1, 2, 3, 4
CHAMA_CONTRIBUTION, CHAMA_PENALTY, CHAMA_DISBURSEMENT = 5, 6, 7
SENT = (TRANSFER_OUT, CHAMA_CONTRIBUTION, CHAMA_PENALTY)
RECEIVED = (TRANSFER_IN, CHAMA_DISBURSEMENT)


@dataclass(frozen=True)
class Summary:
    saved_sats: int
    saved_kes: int
    withdrawn_sats: int
    withdrawn_kes: int
    sent_sats: int
    sent_kes: int
    received_sats: int
    received_kes: int
    balance: int
    price: PriceSnapshot
    computed_at: datetime

    @property
    def average_buy_price(self) -> int | None:
        if self.saved_sats <= 0:
            return None
        return (self.saved_kes * SATS_PER_BTC + self.saved_sats // 2) // self.saved_sats

    @property
    def current_value(self) -> int:
        return fiat_for_sats_down(self.balance, self.price.kes_mid)

    @property
    def gain(self) -> int:
        return (
            self.current_value
            + self.withdrawn_kes
            + self.sent_kes
            - self.saved_kes
            - self.received_kes
        )

    @property
    def gain_bps(self) -> int:
        base = self.saved_kes + self.received_kes - self.withdrawn_kes - self.sent_kes
        if base <= 0:
            return 0
        sign = -1 if self.gain < 0 else 1
        return sign * (abs(self.gain) * 10_000 // base)


class Statements:
    def __init__(self, store: Store, prices: PriceFeed) -> None:
        self._store = store
        self._prices = prices

    async def list(
        self,
        account: Account,
        size: int,
        token: str,
        types: list[int],
        start: datetime | None,
        end: datetime | None,
    ):
        filters = [
            account.id,
            sorted(types),
            start.isoformat() if start else None,
            end.isoformat() if end else None,
        ]
        before = decode_token(token, filters)
        limit = page_size(size)
        query = select(entries).where(entries.c.account_id == account.id)
        if types:
            query = query.where(entries.c.line_type.in_(types))
        if start:
            query = query.where(entries.c.created_at >= start)
        if end:
            query = query.where(entries.c.created_at < end)
        if before is not None:
            query = query.where(entries.c.id < int(before))
        query = query.order_by(entries.c.id.desc()).limit(limit + 1)
        async with self._store.read() as conn:
            rows = (await conn.execute(query)).all()
        next_token = ""
        if len(rows) > limit:
            rows = rows[:limit]
            next_token = encode_token(rows[-1].id, filters)
        return rows, next_token

    async def get(self, account: Account, txn_id: str):
        async with self._store.read() as conn:
            row = (
                await conn.execute(
                    select(entries).where(
                        entries.c.account_id == account.id, entries.c.txn_id == txn_id
                    )
                )
            ).one_or_none()
        if row is None:
            raise NotFound("TRANSACTION_NOT_FOUND", "No such transaction.")
        return row

    async def summary(self, account: Account, at: datetime) -> Summary:
        price = await self._prices.current()
        async with self._store.read() as conn:
            totals = {
                row.line_type: (int(row.sats or 0), int(row.kes or 0))
                for row in (
                    await conn.execute(
                        select(
                            entries.c.line_type,
                            func.sum(entries.c.amount).label("sats"),
                            func.sum(entries.c.fiat_minor).label("kes"),
                        )
                        .where(entries.c.account_id == account.id)
                        .group_by(entries.c.line_type)
                    )
                ).all()
            }
            balance = (await ledger.get_account(conn, account.id)).balance

        def total(kinds: tuple[int, ...], sign: int) -> tuple[int, int]:
            sats = sum(totals.get(kind, (0, 0))[0] for kind in kinds) * sign
            kes = sum(totals.get(kind, (0, 0))[1] for kind in kinds) * sign
            return sats, kes

        saved = total((DEPOSIT,), 1)
        withdrawn = total((WITHDRAWAL,), -1)
        sent = total(SENT, -1)
        received = total(RECEIVED, 1)
        return Summary(*saved, *withdrawn, *sent, *received, balance, price, at)
