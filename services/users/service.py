"""Assembles the users service for the runtime."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from services.runtime.bootstrap import Resources
from services.runtime.cancellation import every
from services.runtime.events import OutboxRelay
from services.runtime.server import Service
from services.users.adapters.delivery import NotificationDelivery
from services.users.adapters.wallet import GrpcWalletCheck, NoWalletCheck, WalletCheck
from services.users.app import UsersApp
from services.users.handlers import PUBLIC_METHODS, UsersHandlers
from services.users.keys import load_key_ring, load_pepper
from services.users.settings import users_settings
from services.users.storage import requests
from services.users.storage.tables import outbox

log = logging.getLogger("bitsacco.users")


async def build(
    resources: Resources | None,
    *,
    wallet: WalletCheck | None = None,
) -> Service:
    """The users service. `wallet` replaces the adapter that asks the wallet service whether a
    member still holds funds. Without resources only the servicer is built, for introspection of
    the contract."""
    if resources is None:
        return Service(name="users", servicers=[UsersHandlers(None)], public_methods=PUBLIC_METHODS)
    settings = users_settings(resources.settings)

    def own_identity() -> str:
        return app.service_token()

    app = UsersApp(
        settings=settings,
        db=resources.db,
        cache=resources.cache,
        keys=load_key_ring(settings),
        pepper=load_pepper(settings),
        delivery=NotificationDelivery(settings.notification_target, own_identity),
        wallet=wallet
        or (GrpcWalletCheck(settings.wallet_target) if settings.wallet_target else NoWalletCheck()),
    )

    async def close_adapters() -> None:
        try:
            await asyncio.Event().wait()
        finally:
            await app.delivery.close()
            await app.wallet.close()

    async def forget_old_requests() -> None:
        """Idempotency records are kept for 48 hours (the contract promises at least 24)."""
        async with app.db.transaction() as session:
            await requests.forget_older_than(session, app.now() - timedelta(hours=48))

    relay = OutboxRelay(resources.db, outbox, resources.bus, settings.namespace)
    return Service(
        name="users",
        servicers=[UsersHandlers(app)],
        public_methods=PUBLIC_METHODS,
        background=[
            relay.run,
            close_adapters,
            every("forget_old_requests", forget_old_requests, 3600),
        ],
    )
