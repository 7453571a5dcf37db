"""The wallet's background loops: M-Pesa reconciliation, the savings plan scheduler and the
price watcher (price alerts, and goal milestones that a price move reaches; those a credit
reaches are recorded by the credit itself).

Every loop is safe with several replicas: work is claimed in the database (rows pushed forward
with FOR UPDATE SKIP LOCKED, state transitions guarded by their WHERE clause), never assumed.
"""

from __future__ import annotations

import asyncio
import logging

from services.runtime.cancellation import stopping

log = logging.getLogger("bitsacco.wallet.workers")


def loop(name: str, step, interval: float):
    """A background task that runs `step` every `interval` seconds until cancelled."""

    async def run() -> None:
        while True:
            try:
                await step()
            except Exception:
                if stopping():
                    raise
                log.exception("%s failed; retrying", name)
            await asyncio.sleep(interval)

    run.__name__ = name
    return run


def reconciler(app):
    async def step() -> None:
        await app.deposits.reconcile_once()
        await app.withdrawals.reconcile_once()

    return loop("mpesa_reconciler", step, app.settings.worker_interval_seconds)


def scheduler(app):
    return loop("savings_plan_scheduler", app.plans.tick, app.settings.scheduler_interval_seconds)


def price_watcher(app):
    async def step() -> None:
        snapshot = await app.prices.refresh()
        if snapshot is not None:
            await app.alerts.check(snapshot)
            await app.goals.on_price(snapshot)

    return loop("price_watcher", step, app.settings.price_refresh_seconds)
