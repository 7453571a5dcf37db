"""Prices and firm quotes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from bitsacco.wallet.v1 import wallet_service_pb2
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.runtime.auth import current_caller
from services.runtime.errors import FailedPrecondition, FieldViolation, InvalidArgument, NotFound
from services.wallet.adapters.prices import PriceFeed, PriceSnapshot
from services.wallet.flows.once import Refused, once
from services.wallet.flows.wallets import Account, Wallets
from services.wallet.rules import money
from services.wallet.rules.idempotency import fingerprint
from services.wallet.rules.names import ME, child_of
from services.wallet.storage.store import Store, utc
from services.wallet.storage.tables import quotes

BUY, SELL = 1, 2  # QuoteSide


@dataclass(frozen=True)
class PriceView:
    snapshot: PriceSnapshot
    spread_bps: int

    def buy(self, mid: int) -> int:
        return money.buy_price(mid, self.spread_bps)

    def sell(self, mid: int) -> int:
        return money.sell_price(mid, self.spread_bps)


def trade_for(side: int, currency: str, mid: int, spread_bps: int, *, fiat: int = 0, sats: int = 0):
    if side == BUY:
        if fiat:
            return money.buy_with_fiat(fiat, mid, currency, spread_bps)
        return money.buy_sats(sats, mid, currency, spread_bps)
    if fiat:
        return money.sell_for_fiat(fiat, mid, currency, spread_bps)
    return money.sell_sats(sats, mid, currency, spread_bps)


class Quotes:
    def __init__(
        self, store: Store, wallets: Wallets, prices: PriceFeed, spread_bps: int, ttl: int
    ) -> None:
        self._store = store
        self._wallets = wallets
        self._prices = prices
        self._spread = spread_bps
        self._ttl = timedelta(seconds=ttl)

    async def price(self) -> PriceView:
        return PriceView(await self._prices.current(), self._spread)

    async def create(
        self,
        wallet_id: str,
        side: int,
        currency: str,
        fiat_minor: int,
        sats: int,
        request_id: str,
        request: wallet_service_pb2.CreateQuoteRequest,
    ):
        caller = current_caller()
        account = await self._wallets.own(wallet_id)
        snapshot = await self._prices.current()
        mid = snapshot.kes_mid if currency == "KES" else snapshot.usd_mid
        trade = trade_for(side, currency, mid, self._spread, fiat=fiat_minor, sats=sats)
        if trade.sats <= 0 or trade.fiat_minor <= 0:
            raise InvalidArgument(
                "AMOUNT_TOO_SMALL",
                "That amount is too small to trade.",
                violations=[FieldViolation("quote", "rounds to nothing", "range")],
            )
        digest = fingerprint(
            "CreateQuote", request, parent=f"wallets/{account.id}"
        )  # same quote request → same quote

        async def body(conn: AsyncConnection, at: datetime) -> str:
            ident = uuid.uuid4().hex
            await conn.execute(
                quotes.insert().values(
                    id=ident,
                    account_id=account.id,
                    side=side,
                    currency=currency,
                    fiat_minor=trade.fiat_minor,
                    sats=trade.sats,
                    rate=trade.rate,
                    mid=trade.mid,
                    spread_bps=self._spread,
                    spread_minor=trade.spread_minor,
                    fee_minor=0,
                    price_time=snapshot.as_of,
                    created_at=at,
                    expire_at=at + self._ttl,
                )
            )
            return f"wallets/{account.id}/quotes/{ident}"

        resource, _ = await once(
            self._store, caller.subject, request_id, "CreateQuote", digest, body
        )
        return await self.get(account, resource.rsplit("/", 1)[1])

    async def get(self, account: Account, quote_id: str):
        async with self._store.read() as conn:
            row = (
                await conn.execute(
                    select(quotes).where(quotes.c.id == quote_id, quotes.c.account_id == account.id)
                )
            ).one_or_none()
        if row is None:
            raise NotFound("QUOTE_NOT_FOUND", "No such quote.")
        return row


async def use_quote(
    conn: AsyncConnection,
    account: Account,
    quote_name: str,
    *,
    side: int,
    fiat_minor: int | None,
    sats: int | None,
    used_by: str,
    at: datetime,
):
    """Mark the quote used by `used_by` (in the caller's transaction); the quote row.

    QUOTE_NOT_FOUND (NOT_FOUND) and QUOTE_MISMATCH (INVALID_ARGUMENT) are raised as is;
    QUOTE_EXPIRED and QUOTE_ALREADY_USED as Refused (recorded against the request id)."""
    name = child_of(quote_name, "quotes", "quote")
    if name.wallet not in (ME, account.id):
        raise NotFound("QUOTE_NOT_FOUND", "No such quote.")
    row = (
        await conn.execute(
            select(quotes).where(quotes.c.id == name.ident, quotes.c.account_id == account.id)
        )
    ).one_or_none()
    if row is None:
        raise NotFound("QUOTE_NOT_FOUND", "No such quote.")
    matches = (
        row.side == side
        and row.currency == "KES"
        and (fiat_minor is None or row.fiat_minor == fiat_minor)
        and (sats is None or row.sats == sats)
    )
    if not matches:
        raise InvalidArgument(
            "QUOTE_MISMATCH",
            "The quote is for a different side, currency or amount.",
            violations=[FieldViolation("quote", "does not match the request", "QUOTE_MISMATCH")],
        )
    if row.used_by:
        raise Refused(FailedPrecondition("QUOTE_ALREADY_USED", "That quote was already used."))
    if utc(row.expire_at) <= at:
        raise Refused(FailedPrecondition("QUOTE_EXPIRED", "That quote has expired."))
    taken = await conn.execute(
        update(quotes)
        .where(quotes.c.id == row.id, quotes.c.used_by.is_(None))
        .values(used_by=used_by)
    )
    if taken.rowcount != 1:
        raise Refused(FailedPrecondition("QUOTE_ALREADY_USED", "That quote was already used."))
    return row
