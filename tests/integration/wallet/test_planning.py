"""Goals, recurring savings plans (the scheduler) and price alerts."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import grpc
from bitsacco.common.v1 import common_pb2
from bitsacco.wallet.v1 import wallet_pb2
from bitsacco.wallet.v1 import wallet_service_pb2 as pb
from google.protobuf import field_mask_pb2
from google.protobuf.timestamp_pb2 import Timestamp
from sqlalchemy import select

from services.runtime.bootstrap import open_resources
from services.runtime.errors import Unavailable
from services.wallet.adapters.fake_daraja import StkScript
from services.wallet.app import assemble
from services.wallet.storage.tables import outbox
from tests.integration.wallet.actions import fund, kes, refused, settled_deposit
from tests.integration.wallet.serving import request_id

W = wallet_pb2
FAILED = grpc.StatusCode.FAILED_PRECONDITION


async def events(stack, topic: str, key: str, value: str) -> list[dict]:
    async with stack.app.store.read() as conn:
        rows = (await conn.execute(select(outbox.c.payload).where(outbox.c.topic == topic))).all()
    return [row.payload for row in rows if row.payload.get(key) == value]


def stamp(moment: datetime) -> Timestamp:
    value = Timestamp()
    value.FromDatetime(moment)
    return value


# -- goals -------------------------------------------------------------------------------------


async def test_goal_progress_and_milestones_announced_once(stack):
    member = await stack.member()
    made = (
        await stack.stub.CreateGoal(
            pb.CreateGoalRequest(
                parent="wallets/me",
                goal=W.Goal(
                    display_name="School fees", target_sats=1_000, target_date="2030-01-31"
                ),
                request_id=request_id(),
            ),
            metadata=member.metadata,
        )
    ).goal
    assert (made.progress_percent, list(made.reached_milestones)) == (0, [])
    await fund(stack, member, 100)  # 765 sats: 76%
    got = (
        await stack.stub.GetGoal(pb.GetGoalRequest(name=made.name), metadata=member.metadata)
    ).goal
    assert got.progress_percent == 76
    assert list(got.reached_milestones) == [
        W.GOAL_MILESTONE_25_PERCENT,
        W.GOAL_MILESTONE_50_PERCENT,
        W.GOAL_MILESTONE_75_PERCENT,
    ]
    await fund(stack, member, 100)
    got = (
        await stack.stub.GetGoal(pb.GetGoalRequest(name=made.name), metadata=member.metadata)
    ).goal
    assert got.progress_percent == 100 and got.HasField("reach_time")
    announced = await events(stack, "wallet.goal.milestone_reached", "goal", made.name)
    assert sorted(e["milestone"] for e in announced) == [25, 50, 75, 100]

    # A larger target keeps the milestones already reached.
    key = request_id()
    update = pb.UpdateGoalRequest(
        goal=W.Goal(name=made.name, target_sats=100_000),
        update_mask=field_mask_pb2.FieldMask(paths=["target_sats"]),
        request_id=key,
    )
    changed = (await stack.stub.UpdateGoal(update, metadata=member.metadata)).goal
    assert changed.progress_percent == 1 and len(changed.reached_milestones) == 4
    fiat = (
        await stack.stub.CreateGoal(
            pb.CreateGoalRequest(
                parent="wallets/me",
                goal=W.Goal(display_name="Phone", target_amount=kes(400)),
                request_id=request_id(),
            ),
            metadata=member.metadata,
        )
    ).goal
    # 1,530 sats are worth KES 198.90 at KES 13,000,000 per BTC: 49%.
    assert fiat.progress_percent == 49
    delete = pb.DeleteGoalRequest(name=made.name, request_id=request_id())
    await stack.stub.DeleteGoal(delete, metadata=member.metadata)
    await stack.stub.DeleteGoal(delete, metadata=member.metadata)  # a retry succeeds
    await refused(
        stack.stub.GetGoal(pb.GetGoalRequest(name=made.name), metadata=member.metadata),
        grpc.StatusCode.NOT_FOUND,
        "GOAL_NOT_FOUND",
    )
    listed = await stack.stub.ListGoals(
        pb.ListGoalsRequest(parent="wallets/me"), metadata=member.metadata
    )
    assert [g.name for g in listed.goals] == [fiat.name]


# -- savings plans -----------------------------------------------------------------------------


async def create_plan(stack, member, start: datetime, frequency=W.SAVINGS_PLAN_FREQUENCY_DAILY):
    return (
        await stack.stub.CreateSavingsPlan(
            pb.CreateSavingsPlanRequest(
                parent="wallets/me",
                savings_plan=W.SavingsPlan(
                    amount=kes(100), frequency=frequency, start_time=stamp(start)
                ),
                request_id=request_id(),
            ),
            metadata=member.metadata,
        )
    ).savings_plan


async def plan_deposits(stack, member, plan_name: str) -> list:
    listed = await stack.stub.ListDeposits(
        pb.ListDepositsRequest(parent="wallets/me"), metadata=member.metadata
    )
    return [d for d in listed.deposits if d.savings_plan == plan_name]


async def replica(stack, pg_url, redis_url, namespace):
    """Another wallet process on the same database (a second replica, or one after a restart)."""
    settings = stack.settings.model_copy(
        update={
            "database_url": pg_url,
            "redis_url": redis_url,
            "namespace": namespace,
            "database_pool_size": 2,
        }
    )
    opened = open_resources(settings)
    resources = await opened.__aenter__()
    app = await assemble(resources, settings)

    async def close():
        await app.close()
        await opened.__aexit__(None, None, None)

    return app, close


async def test_a_plan_runs_each_occurrence_once_across_replicas_and_a_restart(
    stack, pg_url, redis_url, namespace
):
    member = await stack.member()
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=2)
    plan = await create_plan(stack, member, start)
    assert plan.state == W.SAVINGS_PLAN_STATE_ACTIVE
    assert plan.next_run_time.ToDatetime(tzinfo=UTC) == start

    other, close_other = await replica(stack, pg_url, redis_url, namespace)
    first = start + timedelta(minutes=1)
    try:
        await asyncio.gather(stack.app.plans.tick(first), other.plans.tick(first))
    finally:
        await close_other()
    (first_run,) = await plan_deposits(stack, member, plan.name)
    # Its M-Pesa callback settles it (and locks the plan a moment); a tick meeting that lock
    # skips the plan until the next tick, so the next occurrence is ticked after it, a day on.
    await settled_deposit(stack, member, first_run.name)

    # The process restarts and ticks again at the same moment: nothing more.
    restarted, close_restarted = await replica(stack, pg_url, redis_url, namespace)
    try:
        await restarted.plans.tick(first)
        assert len(await plan_deposits(stack, member, plan.name)) == 1
        second = start + timedelta(days=1, minutes=1)
        await asyncio.gather(stack.app.plans.tick(second), restarted.plans.tick(second))
    finally:
        await close_restarted()
    runs = await plan_deposits(stack, member, plan.name)
    assert len(runs) == 2
    pushes = [
        b for p, b in stack.fake.requests if p == "stkpush" and b["PhoneNumber"] == member.phone[1:]
    ]
    others = [
        b
        for p, b in other.fake_daraja.requests + restarted.fake_daraja.requests
        if p == "stkpush" and b["PhoneNumber"] == member.phone[1:]
    ]
    assert len(pushes) + len(others) == 2  # one STK push per occurrence, whoever ran it
    got = (
        await stack.stub.GetSavingsPlan(
            pb.GetSavingsPlanRequest(name=plan.name), metadata=member.metadata
        )
    ).savings_plan
    assert got.next_run_time.ToDatetime(tzinfo=UTC) == start + timedelta(days=2)
    assert got.last_deposit in {d.name for d in runs}


async def test_a_plan_pauses_after_three_failed_runs(stack):
    member = await stack.member()
    stack.fake.script_stk(member.phone, StkScript(result_code=1032))
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=2)
    plan = await create_plan(stack, member, start)
    for day in range(3):
        await stack.app.plans.tick(start + timedelta(days=day, minutes=1))
        assert len(await plan_deposits(stack, member, plan.name)) == day + 1

        async def failed(count=day + 1):
            found = await plan_deposits(stack, member, plan.name)
            done = [d for d in found if d.state == W.DEPOSIT_STATE_FAILED]
            return len(done) == count

        await stack.settle(failed)
    got = (
        await stack.stub.GetSavingsPlan(
            pb.GetSavingsPlanRequest(name=plan.name), metadata=member.metadata
        )
    ).savings_plan
    assert (got.state, got.pause_reason, got.consecutive_failures) == (
        W.SAVINGS_PLAN_STATE_PAUSED,
        W.SAVINGS_PLAN_PAUSE_REASON_REPEATED_FAILURES,
        3,
    )
    assert not got.HasField("next_run_time")
    assert len(await events(stack, "wallet.savings_plan.paused", "savings_plan", plan.name)) == 1
    await stack.app.plans.tick(start + timedelta(days=3, minutes=1))
    assert len(await plan_deposits(stack, member, plan.name)) == 3
    resumed = (
        await stack.stub.ResumeSavingsPlan(
            pb.ResumeSavingsPlanRequest(name=plan.name, request_id=request_id()),
            metadata=member.metadata,
        )
    ).savings_plan
    assert (resumed.state, resumed.consecutive_failures) == (W.SAVINGS_PLAN_STATE_ACTIVE, 0)
    assert resumed.next_run_time.ToDatetime(tzinfo=UTC) > datetime.now(UTC)


async def test_plan_changes_and_refusals(stack):
    member = await stack.member()
    await refused(
        create_plan(stack, member, datetime.now(UTC) - timedelta(hours=1)),
        FAILED,
        "SAVINGS_PLAN_START_IN_PAST",
    )
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    plans = [await create_plan(stack, member, start) for _ in range(5)]
    await refused(create_plan(stack, member, start), FAILED, "TOO_MANY_SAVINGS_PLANS")
    paused = (
        await stack.stub.PauseSavingsPlan(
            pb.PauseSavingsPlanRequest(name=plans[0].name, request_id=request_id()),
            metadata=member.metadata,
        )
    ).savings_plan
    assert paused.pause_reason == W.SAVINGS_PLAN_PAUSE_REASON_USER_REQUESTED
    changed = (
        await stack.stub.UpdateSavingsPlan(
            pb.UpdateSavingsPlanRequest(
                savings_plan=W.SavingsPlan(
                    name=plans[1].name,
                    amount=common_pb2.Money(currency_code="KES", minor_units=25_000),
                    phone_number="0711 222 333",
                ),
                update_mask=field_mask_pb2.FieldMask(paths=["amount", "phone_number"]),
                request_id=request_id(),
            ),
            metadata=member.metadata,
        )
    ).savings_plan
    assert (changed.amount.minor_units, changed.phone_number) == (25_000, "+254711222333")
    await stack.stub.DeleteSavingsPlan(
        pb.DeleteSavingsPlanRequest(name=plans[2].name, request_id=request_id()),
        metadata=member.metadata,
    )
    listed = await stack.stub.ListSavingsPlans(
        pb.ListSavingsPlansRequest(parent="wallets/me", page_size=3), metadata=member.metadata
    )
    rest = await stack.stub.ListSavingsPlans(
        pb.ListSavingsPlansRequest(parent="wallets/me", page_token=listed.next_page_token),
        metadata=member.metadata,
    )
    names = [p.name for p in [*listed.savings_plans, *rest.savings_plans]]
    assert names == [p.name for p in plans if p.name != plans[2].name]


# -- price alerts ------------------------------------------------------------------------------


async def test_a_price_alert_fires_once_when_crossed(stack):
    member = await stack.member()

    def alert(direction, kes_per_btc):
        return pb.CreatePriceAlertRequest(
            parent="wallets/me",
            price_alert=W.PriceAlert(
                direction=direction,
                price=common_pb2.BtcPrice(currency_code="KES", minor_units_per_btc=kes_per_btc),
            ),
            request_id=request_id(),
        )

    await refused(
        stack.stub.CreatePriceAlert(
            alert(W.PRICE_ALERT_DIRECTION_ABOVE, 1_200_000_000), metadata=member.metadata
        ),
        FAILED,
        "PRICE_ALREADY_CROSSED",
    )
    above = (
        await stack.stub.CreatePriceAlert(
            alert(W.PRICE_ALERT_DIRECTION_ABOVE, 1_350_000_000), metadata=member.metadata
        )
    ).price_alert
    below = (
        await stack.stub.CreatePriceAlert(
            alert(W.PRICE_ALERT_DIRECTION_BELOW, 1_000_000_000), metadata=member.metadata
        )
    ).price_alert
    cancelled = (
        await stack.stub.DeletePriceAlert(
            pb.DeletePriceAlertRequest(name=below.name, request_id=request_id()),
            metadata=member.metadata,
        )
    ).price_alert
    assert cancelled.state == W.PRICE_ALERT_STATE_CANCELLED
    stack.prices.set("13600000.00", "104615.38")
    try:

        async def fired():
            got = await stack.stub.GetPriceAlert(
                pb.GetPriceAlertRequest(name=above.name), metadata=member.metadata
            )
            return (
                got.price_alert if got.price_alert.state == W.PRICE_ALERT_STATE_TRIGGERED else None
            )

        done = await stack.settle(fired)
        assert done.trigger_price.minor_units_per_btc == 1_360_000_000
        await asyncio.sleep(1)  # more price refreshes: still one event
        assert (
            len(await events(stack, "wallet.price_alert.triggered", "price_alert", above.name)) == 1
        )
        await refused(
            stack.stub.DeletePriceAlert(
                pb.DeletePriceAlertRequest(name=above.name, request_id=request_id()),
                metadata=member.metadata,
            ),
            FAILED,
            "PRICE_ALERT_ALREADY_TRIGGERED",
        )
        listed = await stack.stub.ListPriceAlerts(
            pb.ListPriceAlertsRequest(parent="wallets/me"), metadata=member.metadata
        )
        assert [a.name for a in listed.price_alerts] == [above.name]
    finally:
        stack.prices.set("13000000.00", "100000.00")

        async def restored():
            return (await stack.app.prices.current()).kes_mid == 1_300_000_000

        await stack.settle(restored)


async def test_a_run_picked_up_after_its_plan_was_paused_sends_no_prompt(stack, monkeypatch):
    """A run claimed by a replica that could not start it is picked up again later; if the member
    paused the plan meanwhile, no STK prompt goes out."""
    member = await stack.member()
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=2)
    plan = await create_plan(stack, member, start)

    async def mpesa_down(*_args, **_kwargs):
        raise Unavailable("MPESA_UNAVAILABLE", "M-Pesa could not be reached.")

    with monkeypatch.context() as outage:
        outage.setattr(stack.app.plans._deposits, "create", mpesa_down)
        await stack.app.plans.tick(start + timedelta(minutes=1))  # claimed, not started
    await stack.stub.PauseSavingsPlan(
        pb.PauseSavingsPlanRequest(name=plan.name, request_id=request_id()),
        metadata=member.metadata,
    )
    await stack.app.plans.tick(start + timedelta(minutes=30))  # the stale run comes back
    assert await plan_deposits(stack, member, plan.name) == []
