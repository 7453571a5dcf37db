"""The wallet's background loops: M-Pesa reconciliation, the savings plan scheduler and the
price watcher (price alerts, and goal milestones that a price move reaches; those a credit
reaches are recorded by the credit itself).

Every loop is safe with several replicas: work is claimed in the database (rows pushed forward
with FOR UPDATE SKIP LOCKED, state transitions guarded by their WHERE clause), never assumed.
"""

from __future__ import annotations

from services.runtime.cancellation import every


def reconciler(app):
    async def step() -> None:
        await app.deposits.reconcile_once()
        await app.withdrawals.reconcile_once()

    return every("mpesa_reconciler", step, app.settings.worker_interval_seconds)


def scheduler(app):
    return every("savings_plan_scheduler", app.plans.tick, app.settings.scheduler_interval_seconds)


def price_watcher(app):
    async def step() -> None:
        snapshot = await app.prices.refresh()
        if snapshot is not None:
            await app.alerts.check(snapshot)
            await app.goals.on_price(snapshot)

    return every("price_watcher", step, app.settings.price_refresh_seconds)
