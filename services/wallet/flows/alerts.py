"""Price alerts: one-shot, fired by a state change that can happen only once per alert."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.runtime.auth import current_caller
from services.runtime.errors import FailedPrecondition, NotFound
from services.runtime.events import publish
from services.wallet.adapters.prices import PriceFeed, PriceSnapshot
from services.wallet.events import PRICE_ALERT_TRIGGERED
from services.wallet.flows.once import Refused, once
from services.wallet.flows.quotas import refuse_beyond
from services.wallet.flows.wallets import Account
from services.wallet.rules.alerts import ABOVE, BELOW, crossed
from services.wallet.rules.idempotency import fingerprint
from services.wallet.rules.names import child_name
from services.wallet.storage.pages import page_by_creation
from services.wallet.storage.store import Store, now
from services.wallet.storage.tables import accounts, outbox, price_alerts

ACTIVE, TRIGGERED, CANCELLED = 1, 2, 3  # PriceAlertState
MAX_ACTIVE = 10
DIRECTIONS = {ABOVE: "ABOVE", BELOW: "BELOW"}


def alert_name(row) -> str:
    return child_name(row.account_id, "priceAlerts", row.id)


class Alerts:
    def __init__(self, store: Store, prices: PriceFeed) -> None:
        self._store = store
        self._prices = prices

    async def create(self, account: Account, direction: int, currency: str, level: int, request):
        caller = current_caller()
        price = await self._prices.current()
        mid = price.kes_mid if currency == "KES" else price.usd_mid
        digest = fingerprint("CreatePriceAlert", request, parent=f"wallets/{account.id}")

        async def body(conn: AsyncConnection, at: datetime) -> str:
            if crossed(direction, level, mid):
                raise Refused(
                    FailedPrecondition(
                        "PRICE_ALREADY_CROSSED",
                        "The price is already past that level.",
                        metadata={"mid_minor_units_per_btc": str(mid), "currency_code": currency},
                    )
                )
            await refuse_beyond(
                conn,
                price_alerts,
                [price_alerts.c.account_id == account.id, price_alerts.c.state == ACTIVE],
                MAX_ACTIVE,
                "TOO_MANY_PRICE_ALERTS",
                f"At most {MAX_ACTIVE} active price alerts.",
            )
            ident = uuid.uuid4().hex
            await conn.execute(
                price_alerts.insert().values(
                    id=ident,
                    account_id=account.id,
                    direction=direction,
                    currency=currency,
                    level=level,
                    state=ACTIVE,
                    created_at=at,
                )
            )
            return child_name(account.id, "priceAlerts", ident)

        name, _ = await once(
            self._store, caller.subject, request.request_id, "CreatePriceAlert", digest, body
        )
        return await self.get(account, name.rsplit("/", 1)[1])

    async def get(self, account: Account, alert_id: str):
        async with self._store.read() as conn:
            row = (
                await conn.execute(
                    select(price_alerts).where(
                        price_alerts.c.id == alert_id, price_alerts.c.account_id == account.id
                    )
                )
            ).one_or_none()
        if row is None:
            raise NotFound("PRICE_ALERT_NOT_FOUND", "No such price alert.")
        return row

    async def list(self, account: Account, size: int, token: str, states: list[int]):
        states = sorted(states) or [ACTIVE, TRIGGERED]
        conditions = [price_alerts.c.account_id == account.id, price_alerts.c.state.in_(states)]
        async with self._store.read() as conn:
            return await page_by_creation(
                conn,
                price_alerts,
                conditions,
                size,
                token,
                ["alerts", account.id, states],
                newest_first=True,
            )

    async def cancel(self, account: Account, alert_id: str, request):
        caller = current_caller()
        digest = fingerprint("DeletePriceAlert", request)

        async def body(conn: AsyncConnection, at: datetime) -> str:
            row = (
                await conn.execute(
                    select(price_alerts)
                    .where(price_alerts.c.id == alert_id, price_alerts.c.account_id == account.id)
                    .with_for_update()
                )
            ).one_or_none()
            if row is None:
                raise NotFound("PRICE_ALERT_NOT_FOUND", "No such price alert.")
            if row.state == TRIGGERED:
                raise Refused(
                    FailedPrecondition(
                        "PRICE_ALERT_ALREADY_TRIGGERED", "That alert has already fired."
                    )
                )
            if row.state == ACTIVE:
                await conn.execute(
                    update(price_alerts)
                    .where(price_alerts.c.id == alert_id, price_alerts.c.state == ACTIVE)
                    .values(state=CANCELLED, cancelled_at=at)
                )
            return alert_name(row)

        await once(
            self._store, caller.subject, request.request_id, "DeletePriceAlert", digest, body
        )
        return await self.get(account, alert_id)

    async def check(self, price: PriceSnapshot) -> int:
        """Fire every ACTIVE alert the price has crossed; each fires once (its state moves from
        ACTIVE in the same statement that selects it) with its event in the same transaction."""
        fired = 0
        async with self._store.write() as conn:
            at = now()
            for currency, mid in (("KES", price.kes_mid), ("USD", price.usd_mid)):
                rows = (
                    await conn.execute(
                        update(price_alerts)
                        .where(
                            price_alerts.c.state == ACTIVE,
                            price_alerts.c.currency == currency,
                            or_(
                                and_(
                                    price_alerts.c.direction == ABOVE, price_alerts.c.level <= mid
                                ),
                                and_(
                                    price_alerts.c.direction == BELOW, price_alerts.c.level >= mid
                                ),
                            ),
                        )
                        .values(state=TRIGGERED, trigger_at=at, trigger_price=mid)
                        .returning(*price_alerts.c)
                    )
                ).all()
                for row in rows:
                    owner = (
                        await conn.execute(
                            select(accounts.c.owner).where(accounts.c.id == row.account_id)
                        )
                    ).scalar_one()
                    await publish(
                        conn,
                        outbox,
                        PRICE_ALERT_TRIGGERED,
                        {
                            "price_alert": alert_name(row),
                            "wallet": f"wallets/{row.account_id}",
                            "user": owner,
                            "direction": DIRECTIONS[row.direction],
                            "price": {"currency_code": currency, "minor_units_per_btc": row.level},
                            "trigger_price": {
                                "currency_code": currency,
                                "minor_units_per_btc": mid,
                            },
                            "trigger_time": at.isoformat(),
                        },
                    )
                fired += len(rows)
        return fired


def _price(currency: str, minor_per_btc: int) -> dict:
    return {"currency_code": currency, "minor_units_per_btc": minor_per_btc}
