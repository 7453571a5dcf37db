"""Recurring savings plans (DCA) and the scheduler that runs each occurrence exactly once.

Claiming an occurrence: in one transaction the scheduler locks the due plan row (FOR UPDATE SKIP
LOCKED, so replicas take different plans), inserts the (plan, occurrence) run row — its primary
key makes a second claim of the same occurrence impossible — and moves next_run_at on. Starting
the run (an STK push deposit for the member) happens after that commit, with a request id derived
from (plan, occurrence), so a run restarted after a crash (CLAIMED rows are picked up again)
returns the same deposit and never pushes twice. Missed occurrences are skipped, not caught up:
one that is later than the lateness limit when reached is recorded SKIPPED.

The deposit's outcome comes back through `deposit_outcome`, in the transaction that resolves the
deposit: success resets consecutive_failures, a failure counts one, and the third in a row pauses
the plan (REPEATED_FAILURES) and announces it.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from bitsacco.common.v1 import common_pb2
from bitsacco.wallet.v1 import wallet_pb2, wallet_service_pb2
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.runtime.auth import Caller, current_caller
from services.runtime.db import insert_for
from services.runtime.errors import DomainError, FailedPrecondition, NotFound
from services.runtime.events import publish
from services.wallet.adapters.users import Directory
from services.wallet.events import SAVINGS_PLAN_PAUSED
from services.wallet.flows.deposits import Deposits, _owner
from services.wallet.flows.once import Refused, once
from services.wallet.flows.quotas import refuse_beyond
from services.wallet.flows.wallets import Account, Wallets
from services.wallet.rules import schedule
from services.wallet.rules.idempotency import fingerprint
from services.wallet.rules.names import child_name
from services.wallet.storage.pages import page_by_creation
from services.wallet.storage.store import Store, now, utc
from services.wallet.storage.tables import outbox, plan_runs, savings_plans

log = logging.getLogger("bitsacco.wallet.plans")

MAX_PLANS = 5
ACTIVE, PAUSED = "ACTIVE", "PAUSED"
USER_REQUESTED = wallet_pb2.SAVINGS_PLAN_PAUSE_REASON_USER_REQUESTED
REPEATED_FAILURES = wallet_pb2.SAVINGS_PLAN_PAUSE_REASON_REPEATED_FAILURES
START_SKEW = timedelta(minutes=1)  # a start this little in the past counts as now
RUN_NAMESPACE = uuid.UUID("6f0d3c1e-59a8-4c39-9a4e-6b4f3f0b2a11")


def plan_name(row) -> str:
    return child_name(row.account_id, "savingsPlans", row.id)


def run_request_id(plan_id: str, occurrence: datetime) -> str:
    """The request id of an occurrence's deposit: the same however often the run is retried."""
    return str(uuid.uuid5(RUN_NAMESPACE, f"{plan_id}@{utc(occurrence).isoformat()}"))


@dataclass(frozen=True)
class Claimed:
    plan_id: str
    occurrence: datetime


class Plans:
    def __init__(
        self,
        store: Store,
        wallets: Wallets,
        deposits: Deposits,
        directory: Directory,
        lateness_limit: timedelta = schedule.DEFAULT_LATENESS_LIMIT,
    ) -> None:
        self._store = store
        self._wallets = wallets
        self._deposits = deposits
        self._directory = directory
        self._lateness = lateness_limit
        deposits.plan_outcome = self.deposit_outcome

    # -- the contract's methods --------------------------------------------------------------

    async def create(
        self,
        account: Account,
        amount_minor: int,
        frequency: int,
        phone: str | None,
        start: datetime | None,
        request,
    ):
        caller = current_caller()
        digest = fingerprint("CreateSavingsPlan", request, parent=f"wallets/{account.id}")

        async def body(conn: AsyncConnection, at: datetime) -> str:
            anchor = start or at
            if anchor < at - START_SKEW:
                raise Refused(
                    FailedPrecondition(
                        "SAVINGS_PLAN_START_IN_PAST", "A plan cannot start in the past."
                    )
                )
            await refuse_beyond(
                conn,
                savings_plans,
                [savings_plans.c.account_id == account.id, savings_plans.c.deleted_at.is_(None)],
                MAX_PLANS,
                "TOO_MANY_SAVINGS_PLANS",
                f"A wallet has at most {MAX_PLANS} plans.",
            )
            ident = uuid.uuid4().hex
            await conn.execute(
                savings_plans.insert().values(
                    id=ident,
                    account_id=account.id,
                    amount_minor=amount_minor,
                    frequency=frequency,
                    phone=phone,
                    anchor_at=anchor,
                    state=ACTIVE,
                    pause_reason=0,
                    next_run_at=max(anchor, at),
                    consecutive_failures=0,
                    created_at=at,
                    updated_at=at,
                )
            )
            return child_name(account.id, "savingsPlans", ident)

        name, _ = await once(
            self._store, caller.subject, request.request_id, "CreateSavingsPlan", digest, body
        )
        return await self.get(account, name.rsplit("/", 1)[1])

    async def _row(self, conn: AsyncConnection, account: Account, plan_id: str, lock=False):
        query = select(savings_plans).where(
            savings_plans.c.id == plan_id,
            savings_plans.c.account_id == account.id,
            savings_plans.c.deleted_at.is_(None),
        )
        row = (await conn.execute(query.with_for_update() if lock else query)).one_or_none()
        if row is None:
            raise NotFound("SAVINGS_PLAN_NOT_FOUND", "No such savings plan.")
        return row

    async def get(self, account: Account, plan_id: str):
        async with self._store.read() as conn:
            return await self._row(conn, account, plan_id)

    async def list(self, account: Account, size: int, token: str):
        plans = savings_plans.c
        conditions = [plans.account_id == account.id, plans.deleted_at.is_(None)]
        async with self._store.read() as conn:
            return await page_by_creation(
                conn,
                savings_plans,
                conditions,
                size,
                token,
                ["plans", account.id],
                newest_first=False,
            )

    async def _change(self, account: Account, plan_id: str, method: str, request, change):
        caller = current_caller()
        digest = fingerprint(method, request)

        async def body(conn: AsyncConnection, at: datetime) -> str:
            row = await self._row(conn, account, plan_id, lock=True)
            values = change(row, at)
            if values:
                await conn.execute(
                    update(savings_plans)
                    .where(savings_plans.c.id == plan_id)
                    .values(updated_at=at, **values)
                )
            return plan_name(row)

        await once(self._store, caller.subject, request.request_id, method, digest, body)

    async def update(self, account: Account, plan_id: str, changes: dict, request):
        def change(row, at: datetime) -> dict:
            values = dict(changes)
            frequency = values.get("frequency", row.frequency)
            if row.state == ACTIVE:
                values["next_run_at"] = schedule.first_at_or_after(
                    utc(row.anchor_at), frequency, at
                )
            return values

        await self._change(account, plan_id, "UpdateSavingsPlan", request, change)
        return await self.get(account, plan_id)

    async def delete(self, account: Account, plan_id: str, request) -> None:
        await self._change(
            account,
            plan_id,
            "DeleteSavingsPlan",
            request,
            lambda row, at: {"deleted_at": at, "next_run_at": None},
        )

    async def pause(self, account: Account, plan_id: str, request):
        def change(row, at):
            if row.state == PAUSED:
                return {}
            return {"state": PAUSED, "pause_reason": USER_REQUESTED, "next_run_at": None}

        await self._change(account, plan_id, "PauseSavingsPlan", request, change)
        return await self.get(account, plan_id)

    async def resume(self, account: Account, plan_id: str, request):
        def change(row, at):
            if row.state == ACTIVE:
                return {}
            return {
                "state": ACTIVE,
                "pause_reason": 0,
                "consecutive_failures": 0,
                "next_run_at": schedule.first_after(utc(row.anchor_at), row.frequency, at),
            }

        await self._change(account, plan_id, "ResumeSavingsPlan", request, change)
        return await self.get(account, plan_id)

    # -- the scheduler -----------------------------------------------------------------------

    async def tick(self, at: datetime | None = None, limit: int = 50) -> int:
        """Claim and start every occurrence due at `at`; how many runs were started."""
        at = at or now()
        claimed = await self._claim(at, limit)
        stale = await self._stale_runs(at)
        started = 0
        for run in [*claimed, *stale]:
            started += await self._start(run)
        return started

    async def _claim(self, at: datetime, limit: int) -> list[Claimed]:
        claimed: list[Claimed] = []
        async with self._store.write() as conn:
            due = (
                await conn.execute(
                    select(savings_plans)
                    .where(
                        savings_plans.c.state == ACTIVE,
                        savings_plans.c.deleted_at.is_(None),
                        savings_plans.c.next_run_at <= at,
                    )
                    .order_by(savings_plans.c.next_run_at)
                    .limit(limit)
                    .with_for_update(skip_locked=True)
                )
            ).all()
            insert = insert_for(conn)
            for plan in due:
                occurrence = utc(plan.next_run_at)
                late = at - occurrence > self._lateness
                made = await conn.execute(
                    insert(plan_runs)
                    .values(
                        plan_id=plan.id,
                        occurrence_at=occurrence,
                        state="SKIPPED" if late else "CLAIMED",
                        detail="later than the lateness limit" if late else None,
                        created_at=at,
                        updated_at=at,
                    )
                    .on_conflict_do_nothing()
                )
                following = schedule.first_after(
                    utc(plan.anchor_at), plan.frequency, max(occurrence, at)
                )
                await conn.execute(
                    update(savings_plans)
                    .where(savings_plans.c.id == plan.id)
                    .values(next_run_at=following, last_run_at=at if not late else plan.last_run_at)
                )
                if made.rowcount == 1 and not late:
                    claimed.append(Claimed(plan.id, occurrence))
        return claimed

    async def _stale_runs(self, at: datetime, after: timedelta = timedelta(seconds=60)):
        """Runs claimed but not started (their replica died): picked up again."""
        async with self._store.write() as conn:
            rows = (
                await conn.execute(
                    select(plan_runs)
                    .where(plan_runs.c.state == "CLAIMED", plan_runs.c.updated_at <= at - after)
                    .limit(20)
                    .with_for_update(skip_locked=True)
                )
            ).all()
            for row in rows:
                await conn.execute(
                    update(plan_runs)
                    .where(
                        plan_runs.c.plan_id == row.plan_id,
                        plan_runs.c.occurrence_at == row.occurrence_at,
                    )
                    .values(updated_at=at)
                )
        return [Claimed(row.plan_id, utc(row.occurrence_at)) for row in rows]

    async def _start(self, run: Claimed) -> int:
        async with self._store.read() as conn:
            plan = (
                await conn.execute(select(savings_plans).where(savings_plans.c.id == run.plan_id))
            ).one()
        if plan.state != ACTIVE or plan.deleted_at is not None:
            # Paused or deleted since the run was claimed (a replica died holding it, or the
            # member was quick): the member asked for no more prompts.
            await self._skip(run, f"plan {'deleted' if plan.deleted_at else plan.state.lower()}")
            return 0
        account = await self._wallets.by_id(plan.account_id)
        request_id = run_request_id(plan.id, run.occurrence)
        request = wallet_service_pb2.CreateDepositRequest(
            parent=f"wallets/{plan.account_id}",
            deposit=wallet_pb2.Deposit(
                amount=common_pb2.Money(currency_code="KES", minor_units=plan.amount_minor),
                phone_number=plan.phone or "",
            ),
            request_id=request_id,
        )
        try:
            acting = await self._directory.act_for(account.owner)
            caller = Caller(
                subject=acting.member.name, tier=acting.member.tier, phone=acting.member.phone
            )
            deposit = await self._deposits.create(
                caller,
                account,
                plan.amount_minor,
                plan.phone or "",
                "",
                request_id,
                "",
                request,
                savings_plan_id=plan.id,
            )
        except DomainError as error:
            if error.code.name == "UNAVAILABLE":
                log.warning("plan %s run not started yet: %s", plan.id, error.message)
                return 0  # stays CLAIMED; retried as a stale run
            await self._refused(run, f"{error.reason}: {error.message}")
            return 0
        async with self._store.write() as conn:
            await _mark(conn, run, state="STARTED", deposit_id=deposit.id)
            await conn.execute(
                update(savings_plans)
                .where(savings_plans.c.id == plan.id)
                .values(last_deposit_id=deposit.id)
            )
        return 1

    async def _skip(self, run: Claimed, detail: str) -> None:
        async with self._store.write() as conn:
            await _mark(conn, run, state="SKIPPED", detail=detail)

    async def _refused(self, run: Claimed, detail: str) -> None:
        """The run could not start (limit, refusal): a failed run for the plan."""
        async with self._store.write() as conn:
            await _mark(conn, run, state="REFUSED", detail=detail[:200])
            await self.deposit_outcome(conn, run.plan_id, False, now())

    async def deposit_outcome(
        self, conn: AsyncConnection, plan_id: str, success: bool, at: datetime
    ) -> None:
        plan = (
            await conn.execute(
                select(savings_plans).where(savings_plans.c.id == plan_id).with_for_update()
            )
        ).one_or_none()
        if plan is None:
            return
        if success:
            await conn.execute(
                update(savings_plans)
                .where(savings_plans.c.id == plan_id)
                .values(consecutive_failures=0)
            )
            return
        failures = plan.consecutive_failures + 1
        values: dict = {"consecutive_failures": failures}
        pausing = plan.state == ACTIVE and schedule.should_pause(failures)
        if pausing:
            values.update(
                state=PAUSED, pause_reason=REPEATED_FAILURES, next_run_at=None, updated_at=at
            )
        await conn.execute(
            update(savings_plans).where(savings_plans.c.id == plan_id).values(**values)
        )
        if pausing:
            await publish(
                conn,
                outbox,
                SAVINGS_PLAN_PAUSED,
                {
                    "savings_plan": plan_name(plan),
                    "wallet": f"wallets/{plan.account_id}",
                    "user": await _owner(conn, plan.account_id),
                    "consecutive_failures": failures,
                },
            )


async def _mark(conn: AsyncConnection, run: Claimed, **values) -> None:
    """Record what became of a claimed run."""
    await conn.execute(
        update(plan_runs)
        .where(plan_runs.c.plan_id == run.plan_id, plan_runs.c.occurrence_at == run.occurrence)
        .values(**values, updated_at=now())
    )
