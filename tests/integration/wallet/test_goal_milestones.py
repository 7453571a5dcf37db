"""Goal milestones are recorded by what reaches them — the credit, in its own transaction; a
price move, for a fiat target — and announced once: on both databases, on both P2P paths, and
never again for a retried or duplicated credit."""

from __future__ import annotations

import uuid
from dataclasses import replace

import pytest
from bitsacco.wallet.v1 import wallet_pb2
from bitsacco.wallet.v1 import wallet_service_pb2 as pb
from sqlalchemy import select

from services.wallet.adapters.fake_daraja import StkScript
from services.wallet.events import GOAL_MILESTONE_REACHED
from services.wallet.storage import ledger
from services.wallet.storage.store import now
from services.wallet.storage.tables import goal_milestones, goals, outbox
from tests.integration.wallet.actions import deposit, fund, kes, settled_deposit
from tests.integration.wallet.serving import request_id
from tests.integration.wallet.test_ledger import open_funded, poster, transfer_request

W = wallet_pb2
MIDS = {"KES": 1_300_000_000, "USD": 10_000_000}  # KES 13,000,000 and USD 100,000 per BTC


async def add_goal(store, account: str, **target) -> str:
    ident = uuid.uuid4().hex
    async with store.write() as conn:
        await conn.execute(
            goals.insert().values(
                id=ident,
                account_id=account,
                display_name="Shamba",
                created_at=now(),
                updated_at=now(),
                **target,
            )
        )
    return f"wallets/{account}/goals/{ident}"


async def announced(store, goal: str) -> list[dict]:
    async with store.read() as conn:
        query = (
            select(outbox.c.payload)
            .where(outbox.c.topic == GOAL_MILESTONE_REACHED)
            .order_by(outbox.c.id)
        )
        rows = (await conn.execute(query)).all()
    return [row.payload for row in rows if row.payload["goal"] == goal]


async def recorded(store, goal: str) -> list[int]:
    async with store.read() as conn:
        query = select(goal_milestones.c.milestone).where(
            goal_milestones.c.goal_id == goal.rsplit("/", 1)[1]
        )
        return sorted((await conn.execute(query)).scalars())


def percents(events: list[dict]) -> list[int]:
    return [event["milestone"] for event in events]


@pytest.mark.parametrize("path", ["default", "statements"])
async def test_a_transfer_crossing_two_milestones_announces_each_once(store, path):
    post = poster(store, path)
    sender = await open_funded(store, 10_000)
    recipient = await open_funded(store, 0)
    async with store.read() as conn:
        owner = (await ledger.get_account(conn, recipient)).owner
    in_sats = await add_goal(store, recipient, target_sats=1_000)
    in_kes = await add_goal(store, recipient, target_currency="KES", target_minor=10_000)

    first = replace(transfer_request(sender, recipient, 600), mids=MIDS)
    assert (await post(store, first)).status == "OK"
    # 600 of 1,000 sats: 60%. 600 sats are worth KES 78.00 of the KES 100 target: 78%.
    assert await announced(store, in_sats) == [
        {
            "goal": in_sats,
            "wallet": f"wallets/{recipient}",
            "user": owner,
            "display_name": "Shamba",
            "milestone": percent,
            "progress_percent": 60,
            "reach_time": first.at.isoformat(),
        }
        for percent in (25, 50)
    ]
    assert percents(await announced(store, in_kes)) == [25, 50, 75]
    assert await recorded(store, in_sats) == [1, 2]

    # The same request again is a duplicate, and a credit that reaches nothing new is silent.
    assert (await post(store, first)).status == "DUPLICATE"
    more = replace(transfer_request(sender, recipient, 100), mids=MIDS)
    assert (await post(store, more)).status == "OK"  # 70%; KES 91.00: 91%
    assert percents(await announced(store, in_sats)) == [25, 50]
    assert percents(await announced(store, in_kes)) == [25, 50, 75]

    # Spending does not take a milestone back; the next credit announces only what is new.
    back = replace(transfer_request(recipient, sender, 300), mids=MIDS)
    assert (await post(store, back)).status == "OK"  # 400 sats
    last = replace(transfer_request(sender, recipient, 600), mids=MIDS)
    assert (await post(store, last)).status == "OK"  # 1,000 sats: 100% of both
    assert percents(await announced(store, in_sats)) == [25, 50, 75, 100]
    assert percents(await announced(store, in_kes)) == [25, 50, 75, 100]
    assert await recorded(store, in_kes) == [1, 2, 3, 4]


async def test_a_duplicated_deposit_callback_announces_its_milestones_once(stack):
    member = await stack.member()
    made = (
        await stack.stub.CreateGoal(
            pb.CreateGoalRequest(
                parent="wallets/me",
                goal=W.Goal(display_name="Boda boda", target_sats=1_500),
                request_id=request_id(),
            ),
            metadata=member.metadata,
        )
    ).goal
    stack.fake.script_stk(member.phone, StkScript(callback="duplicate"))
    started = await deposit(stack, member, 100)  # 765 sats: 51%
    done = await settled_deposit(stack, member, started.name)
    assert done.state == W.DEPOSIT_STATE_COMPLETED
    # Announced by the deposit's own transaction: there when the deposit is, nothing polls.
    events = await announced(stack.app.store, made.name)
    assert [(e["milestone"], e["progress_percent"]) for e in events] == [(25, 51), (50, 51)]
    await stack.fake.settled(started.checkout_request_id)  # the second callback too
    await stack.app.deposits.settled()
    assert percents(await announced(stack.app.store, made.name)) == [25, 50]
    got = (
        await stack.stub.GetGoal(pb.GetGoalRequest(name=made.name), metadata=member.metadata)
    ).goal
    assert list(got.reached_milestones) == [
        W.GOAL_MILESTONE_25_PERCENT,
        W.GOAL_MILESTONE_50_PERCENT,
    ]


async def test_a_price_rise_carries_a_shilling_goal_past_a_milestone_once(stack):
    member = await stack.member()
    await fund(stack, member, 100)  # 765 sats, worth KES 99.45 at KES 13,000,000 per BTC
    made = (
        await stack.stub.CreateGoal(
            pb.CreateGoalRequest(
                parent="wallets/me",
                goal=W.Goal(display_name="Phone", target_amount=kes(200)),
                request_id=request_id(),
            ),
            metadata=member.metadata,
        )
    ).goal
    assert (made.progress_percent, list(made.reached_milestones)) == (
        49,
        [W.GOAL_MILESTONE_25_PERCENT],
    )
    stack.prices.set("13600000.00", "104615.38")  # now KES 104.04: 52%
    try:

        async def reached():
            return percents(await announced(stack.app.store, made.name)) == [25, 50]

        await stack.settle(reached)
        await stack.app.goals.on_price(await stack.app.prices.current())  # again: nothing new
        assert percents(await announced(stack.app.store, made.name)) == [25, 50]
    finally:
        stack.prices.set("13000000.00", "100000.00")

        async def restored():
            return (await stack.app.prices.current()).kes_mid == 1_300_000_000

        await stack.settle(restored)
