"""Assembles the wallet service for the runtime."""

from __future__ import annotations

import asyncio

from services.runtime.bootstrap import Resources
from services.runtime.events import OutboxRelay
from services.runtime.server import Service
from services.wallet import workers
from services.wallet.app import assemble
from services.wallet.handlers import PUBLIC_METHODS, WalletHandlers
from services.wallet.settings import wallet_settings
from services.wallet.storage.tables import outbox


async def build(resources: Resources | None, **replacements) -> Service:
    """The wallet service. `replacements` (directory=, prices=) swap adapters for benchmarks.
    Without resources only the servicer is built, for introspection of the contract."""
    if resources is None:
        return Service(
            name="wallet", servicers=[WalletHandlers(None)], public_methods=PUBLIC_METHODS
        )
    settings = wallet_settings(resources.settings)
    app = await assemble(resources, settings, **replacements)

    async def close_adapters() -> None:
        try:
            await asyncio.Event().wait()
        finally:
            await app.close()

    relay = OutboxRelay(resources.db, outbox, resources.bus, settings.namespace)
    return Service(
        name="wallet",
        servicers=[WalletHandlers(app)],
        public_methods=PUBLIC_METHODS,
        background=[
            relay.run,
            workers.reconciler(app),
            workers.price_watcher(app),
            workers.scheduler(app),
            close_adapters,
        ],
    )
