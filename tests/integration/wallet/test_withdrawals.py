"""Withdrawing to M-Pesa (B2C): reserve first, release only on a definite failure, never refund
on a timeout — resolve with the Transaction Status query."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import timedelta
from types import SimpleNamespace

import grpc
import httpx
from bitsacco.wallet.v1 import wallet_pb2
from bitsacco.wallet.v1 import wallet_service_pb2 as pb
from sqlalchemy import select, update

from services.wallet.adapters.daraja import DarajaClient
from services.wallet.adapters.fake_daraja import B2cScript
from services.wallet.events import (
    WITHDRAWAL_FAILED,
    WITHDRAWAL_PAID_AFTER_FAILURE,
    WITHDRAWAL_REVIEW_NEEDED,
)
from services.wallet.storage import idempotency
from services.wallet.storage.store import now, utc
from services.wallet.storage.tables import callbacks, outbox, status_queries, withdrawals
from tests.integration.wallet.actions import (
    deposit,
    fund,
    kes,
    refused,
    settled_deposit,
    wallet,
)
from tests.integration.wallet.serving import request_id

W = wallet_pb2
FINAL = (W.WITHDRAWAL_STATE_COMPLETED, W.WITHDRAWAL_STATE_FAILED)


async def withdraw(stack, member, shillings: int = 0, sats: int = 0, key: str | None = None):
    given = (
        W.Withdrawal(fiat_amount=kes(shillings)) if shillings else W.Withdrawal(amount_sats=sats)
    )
    answer = await stack.stub.CreateWithdrawal(
        pb.CreateWithdrawalRequest(
            parent="wallets/me", withdrawal=given, request_id=key or request_id()
        ),
        metadata=member.metadata,
    )
    return answer.withdrawal


async def get(stack, member, name):
    return (
        await stack.stub.GetWithdrawal(pb.GetWithdrawalRequest(name=name), metadata=member.metadata)
    ).withdrawal


async def settled(stack, member, name, states=FINAL):
    async def final():
        found = await get(stack, member, name)
        return found if found.state in states else None

    return await stack.settle(final)


async def test_paid_withdrawal_debits_the_reserved_sats(stack):
    member = await stack.member()
    funded = await fund(stack, member, 1_000)
    started = await withdraw(stack, member, 100)
    # KES 100 at the sell price (mid − 0.5%, rounded down) needs 773.9 sats: 774 taken.
    assert started.rate.minor_units_per_btc == 1_293_500_000
    assert started.amount_sats == 774
    assert started.phone_number == member.phone
    assert started.state in (W.WITHDRAWAL_STATE_SUBMITTED, W.WITHDRAWAL_STATE_COMPLETED)
    done = await settled(stack, member, started.name)
    assert done.state == W.WITHDRAWAL_STATE_COMPLETED
    assert done.mpesa_receipt_number and done.recipient_public_name.endswith("Jane Wanjiku")
    mine = await wallet(stack, member)
    assert (mine.balance_sats, mine.pending_out_sats) == (funded - 774, 0)
    _, request = next(
        (p, b) for p, b in stack.fake.requests if p == "b2c" and b["PartyB"] == member.phone[1:]
    )
    assert request["CommandID"] == "BusinessPayment" and request["Amount"] == "100"
    assert request["InitiatorName"] == stack.fake.initiator_name
    assert request["SecurityCredential"]
    assert request["ResultURL"].endswith(
        "/v1/webhooks/mpesa/b2c/result/" + stack.settings.mpesa_callback_token.get_secret_value()
    )
    assert request["OriginatorConversationID"] == done.originator_conversation_id
    line = (
        await stack.stub.ListTransactions(
            pb.ListTransactionsRequest(parent="wallets/me"), metadata=member.metadata
        )
    ).transactions[0]
    assert (line.type, line.amount_sats, line.fiat_value.minor_units) == (
        W.TRANSACTION_TYPE_WITHDRAWAL,
        -774,
        -10_000,
    )


async def test_withdrawal_in_sats_pays_whole_shillings_and_takes_only_what_they_need(stack):
    member = await stack.member()
    await fund(stack, member, 1_000)
    started = await withdraw(stack, member, sats=1_000)
    # 1,000 sats at KES 12,935,000 per BTC is KES 129.35: KES 129 paid, 998 sats taken.
    assert started.fiat_amount.minor_units == 12_900
    assert started.amount_sats == 998
    await settled(stack, member, started.name)


async def test_definite_failure_releases_the_reservation(stack):
    member = await stack.member()
    funded = await fund(stack, member, 1_000)
    stack.fake.script_b2c(member.phone, B2cScript(result_code=2040))
    done = await settled(stack, member, (await withdraw(stack, member, 100)).name)
    assert (done.state, done.failure_reason, done.result_code) == (
        W.WITHDRAWAL_STATE_FAILED,
        W.WITHDRAWAL_FAILURE_REASON_RECIPIENT_NOT_ELIGIBLE,
        2040,
    )
    mine = await wallet(stack, member)
    assert (mine.balance_sats, mine.available_sats, mine.pending_out_sats) == (funded, funded, 0)


async def test_refused_request_fails_and_releases(stack):
    member = await stack.member()
    funded = await fund(stack, member, 1_000)
    stack.fake.script_b2c(
        member.phone,
        B2cScript(
            refuse={
                "requestId": "9",
                "errorCode": "400.002.02",
                "errorMessage": "Bad Request - Invalid PartyB",
            }
        ),
    )
    done = await withdraw(stack, member, 100)
    assert (done.state, done.failure_reason) == (
        W.WITHDRAWAL_STATE_FAILED,
        W.WITHDRAWAL_FAILURE_REASON_REJECTED,
    )
    assert (await wallet(stack, member)).available_sats == funded


async def test_timeout_keeps_the_sats_reserved_until_the_status_query_says_paid(stack):
    member = await stack.member()
    funded = await fund(stack, member, 1_000)
    stack.fake.script_b2c(member.phone, B2cScript(callback="timeout", status="Completed"))
    started = await withdraw(stack, member, 100)
    unknown = await settled(stack, member, started.name, (W.WITHDRAWAL_STATE_UNKNOWN, *FINAL))
    if unknown.state == W.WITHDRAWAL_STATE_UNKNOWN:
        mine = await wallet(stack, member)
        assert (mine.balance_sats, mine.pending_out_sats) == (funded, unknown.amount_sats)
    done = await settled(stack, member, started.name)
    assert done.state == W.WITHDRAWAL_STATE_COMPLETED
    assert (await wallet(stack, member)).balance_sats == funded - done.amount_sats


async def test_a_status_result_under_the_name_daraja_gave_the_query_still_resolves(
    stack, monkeypatch
):
    monkeypatch.setattr(stack.fake, "status_names_its_own", True)
    member = await stack.member()
    funded = await fund(stack, member, 1_000)
    stack.fake.script_b2c(member.phone, B2cScript(callback="timeout", status="Completed"))
    done = await settled(stack, member, (await withdraw(stack, member, 100)).name)
    assert done.state == W.WITHDRAWAL_STATE_COMPLETED
    assert (await wallet(stack, member)).balance_sats == funded - done.amount_sats


async def test_timeout_then_status_failed_releases(stack):
    member = await stack.member()
    funded = await fund(stack, member, 1_000)
    stack.fake.script_b2c(member.phone, B2cScript(callback="timeout", status="Failed"))
    done = await settled(stack, member, (await withdraw(stack, member, 100)).name)
    assert done.state == W.WITHDRAWAL_STATE_FAILED
    mine = await wallet(stack, member)
    assert (mine.balance_sats, mine.pending_out_sats) == (funded, 0)


async def test_an_outcome_nobody_knows_is_never_refunded(stack):
    member = await stack.member()
    funded = await fund(stack, member, 1_000)
    # Daraja answers the request with a 500 (it may have taken it) and never calls back.
    stack.fake.script_b2c(member.phone, B2cScript(fail_http=500))
    started = await withdraw(stack, member, 100)
    assert started.state == W.WITHDRAWAL_STATE_UNKNOWN
    await stack.settle(lambda: _queried(stack, started.originator_conversation_id, times=2))
    still = await get(stack, member, started.name)
    assert still.state == W.WITHDRAWAL_STATE_UNKNOWN
    mine = await wallet(stack, member)
    assert (mine.balance_sats, mine.pending_out_sats) == (funded, started.amount_sats)
    assert mine.available_sats == funded - started.amount_sats


async def _queried(stack, ocid: str, times: int) -> bool:
    count = sum(
        1
        for p, b in stack.fake.requests
        if p == "transactionstatus" and b.get("OriginalConversationID") == ocid
    )
    return count >= times


async def _row(stack, name: str):
    async with stack.app.store.read() as conn:
        query = select(withdrawals).where(withdrawals.c.id == name.rsplit("/", 1)[1])
        return (await conn.execute(query)).one()


async def _events(stack, topic: str, name: str) -> list[dict]:
    async with stack.app.store.read() as conn:
        rows = (await conn.execute(select(outbox.c.payload).where(outbox.c.topic == topic))).all()
    return [row.payload for row in rows if row.payload["withdrawal"] == name]


async def _reviews_asked(stack, name: str) -> int:
    return len(await _events(stack, WITHDRAWAL_REVIEW_NEEDED, name))


async def _ask_again_now(stack, name: str) -> None:
    """As if the slow interval of a payout under review had passed."""
    async with stack.app.store.write() as conn:
        await conn.execute(
            update(withdrawals)
            .where(withdrawals.c.id == name.rsplit("/", 1)[1])
            .values(next_check_at=now())
        )


async def _answered(stack, name: str, queries: int) -> bool:
    """`queries` status queries were sent and the answer to the last one was applied."""
    row = await _row(stack, name)
    if row.status_queries < queries:
        return False
    async with stack.app.store.read() as conn:
        last = (
            select(status_queries.c.originator_conversation_id)
            .where(status_queries.c.withdrawal_id == row.id)
            .order_by(status_queries.c.created_at.desc())
            .limit(1)
            .scalar_subquery()
        )
        applied = await conn.execute(
            select(callbacks.c.id).where(
                callbacks.c.kind == "status_result",
                callbacks.c.key == last,
                callbacks.c.applied_at.is_not(None),
            )
        )
        return applied.first() is not None


async def _handed_over(stack, member, name: str):
    async def reviewed():
        found = await get(stack, member, name)
        return found if found.HasField("review_time") else None

    return await stack.settle(reviewed)


async def test_an_outcome_that_stays_unknown_goes_to_review_once_and_a_late_answer_pays(stack):
    member = await stack.member()
    funded = await fund(stack, member, 1_000)
    # Daraja accepts the payout, never calls back, and its status query never finds it.
    script = B2cScript(callback="none", status=None)
    stack.fake.script_b2c(member.phone, script)
    started = await withdraw(stack, member, 100)
    held = await _handed_over(stack, member, started.name)
    assert held.state == W.WITHDRAWAL_STATE_UNKNOWN
    mine = await wallet(stack, member)
    assert (mine.balance_sats, mine.pending_out_sats) == (funded, held.amount_sats)
    assert await _reviews_asked(stack, started.name) == 1
    row = await _row(stack, started.name)
    assert row.status_queries == 4  # three unanswered, then one more as it was handed over
    # Still asked about, but every six hours (the default) instead of every second.
    assert utc(row.next_check_at) - utc(row.review_at) >= timedelta(hours=6)

    await stack.settle(lambda: _answered(stack, started.name, queries=4))
    await _ask_again_now(stack, started.name)
    await stack.settle(lambda: _answered(stack, started.name, queries=5))
    still = await get(stack, member, started.name)
    assert still.state == W.WITHDRAWAL_STATE_UNKNOWN
    assert still.review_time == held.review_time
    assert await _reviews_asked(stack, started.name) == 1
    assert (await wallet(stack, member)).pending_out_sats == held.amount_sats
    assert utc((await _row(stack, started.name)).next_check_at) - now() > timedelta(hours=5)

    # It was paid after all: the next status query finds it.
    script.status = "Completed"
    await _ask_again_now(stack, started.name)
    done = await settled(stack, member, started.name)
    assert done.state == W.WITHDRAWAL_STATE_COMPLETED and done.mpesa_receipt_number
    mine = await wallet(stack, member)
    assert (mine.balance_sats, mine.pending_out_sats) == (funded - done.amount_sats, 0)
    assert await _reviews_asked(stack, started.name) == 1


async def test_a_late_failure_result_releases_a_payout_under_review(stack):
    member = await stack.member()
    funded = await fund(stack, member, 1_000)
    stack.fake.script_b2c(member.phone, B2cScript(callback="none", status=None))
    started = await withdraw(stack, member, 100)
    await _handed_over(stack, member, started.name)
    # Daraja's B2C result finally arrives, days late: the number could not be paid.
    txn = stack.fake.b2c[started.originator_conversation_id]
    txn.script.result_code = 2040
    async with httpx.AsyncClient() as http:
        answer = await http.post(txn.result_url, json=stack.fake.b2c_result_body(txn))
    assert answer.status_code == 200
    done = await get(stack, member, started.name)
    assert (done.state, done.failure_reason) == (
        W.WITHDRAWAL_STATE_FAILED,
        W.WITHDRAWAL_FAILURE_REASON_RECIPIENT_NOT_ELIGIBLE,
    )
    mine = await wallet(stack, member)
    assert (mine.balance_sats, mine.available_sats, mine.pending_out_sats) == (funded, funded, 0)
    assert await _reviews_asked(stack, started.name) == 1


async def test_duplicate_result_callbacks_debit_once(stack):
    member = await stack.member()
    funded = await fund(stack, member, 1_000)
    stack.fake.script_b2c(member.phone, B2cScript(callback="duplicate"))
    done = await settled(stack, member, (await withdraw(stack, member, 100)).name)
    await stack.fake.settled(done.originator_conversation_id)
    assert (await wallet(stack, member)).balance_sats == funded - done.amount_sats


async def test_insufficient_funds_and_concurrent_overdraw(stack):
    member = await stack.member()
    funded = await fund(stack, member, 100)  # 765 sats; KES 100 out needs 774
    key = request_id()
    await refused(
        withdraw(stack, member, 100, key=key),
        grpc.StatusCode.FAILED_PRECONDITION,
        "INSUFFICIENT_FUNDS",
    )
    await fund(stack, member, 100)
    await refused(
        withdraw(stack, member, 100, key=key),
        grpc.StatusCode.FAILED_PRECONDITION,
        "INSUFFICIENT_FUNDS",
    )
    # 1,530 sats: two withdrawals of KES 100 (774 each) cannot both be reserved.
    outcomes = await asyncio.gather(
        withdraw(stack, member, 100), withdraw(stack, member, 100), return_exceptions=True
    )
    made = [o for o in outcomes if isinstance(o, W.Withdrawal)]
    assert len(made) == 1, outcomes
    done = await settled(stack, member, made[0].name)
    assert (await wallet(stack, member)).balance_sats == 2 * funded - done.amount_sats


async def test_daily_withdraw_limit(stack):
    member = await stack.member()  # tier 1: USD 50 a day, about KES 6,500
    await fund(stack, member, 10_000)
    first = await withdraw(stack, member, 6_000)
    details = await refused(
        withdraw(stack, member, 1_000), grpc.StatusCode.RESOURCE_EXHAUSTED, "LIMIT_EXCEEDED"
    )
    assert details["ErrorInfo"].metadata["operation"] == "withdraw"
    await settled(stack, member, first.name)


async def test_step_up_for_a_large_withdrawal(stack):
    member = await stack.member(tier=2)
    await fund(stack, member, 10_000)
    await fund(stack, member, 10_000)
    key = request_id()
    details = await refused(
        withdraw(stack, member, 15_000, key=key),
        grpc.StatusCode.FAILED_PRECONDITION,
        "STEP_UP_REQUIRED",
    )
    assert dict(details["ErrorInfo"].metadata) == {
        "action": "STEP_UP_ACTION_WITHDRAWAL",
        "currency_code": "KES",
        "minor_units": "1500000",
    }
    assert (await wallet(stack, member)).pending_out_sats == 0  # nothing reserved
    grant = stack.grant(member, key, "STEP_UP_ACTION_WITHDRAWAL", "KES", 1_500_000)
    answer = await stack.stub.CreateWithdrawal(
        pb.CreateWithdrawalRequest(
            parent="wallets/me",
            withdrawal=W.Withdrawal(fiat_amount=kes(15_000)),
            request_id=key,
            step_up_token=grant,
        ),
        metadata=member.metadata,
    )
    done = await settled(stack, member, answer.withdrawal.name)
    assert done.state == W.WITHDRAWAL_STATE_COMPLETED


async def test_another_members_deposit_or_withdrawal_looks_missing(stack):
    owner, other = await stack.member(), await stack.member()
    saved = await deposit(stack, owner, 1_000)
    await settled_deposit(stack, owner, saved.name)
    paid = await withdraw(stack, owner, 100)
    missing = grpc.StatusCode.NOT_FOUND
    # Another member naming it from their own wallet, and the owner naming one that is not there.
    for member, ident in ((other, saved.name.rsplit("/", 1)[1]), (owner, "nothing")):
        ask = pb.GetDepositRequest(name=f"wallets/me/deposits/{ident}")
        await refused(
            stack.stub.GetDeposit(ask, metadata=member.metadata), missing, "DEPOSIT_NOT_FOUND"
        )
    for member, ident in ((other, paid.name.rsplit("/", 1)[1]), (owner, "nothing")):
        ask = pb.GetWithdrawalRequest(name=f"wallets/me/withdrawals/{ident}")
        await refused(
            stack.stub.GetWithdrawal(ask, metadata=member.metadata), missing, "WITHDRAWAL_NOT_FOUND"
        )
    await settled(stack, owner, paid.name)


@asynccontextmanager
async def daraja_unreachable(stack, **limits) -> AsyncIterator:
    """Daraja cannot be reached (nothing listens on port 9) until the block ends. An unsent
    payout is sent again only when the test says so (`_ask_again_now`), and given up after
    `limits` (UnsentPayouts fields)."""
    flows = stack.app.withdrawals
    working, unsent = flows._daraja, flows._unsent
    flows._daraja = DarajaClient("http://127.0.0.1:9", working._creds)
    hour = timedelta(hours=1)
    flows._unsent = replace(unsent, first_interval=hour, max_interval=hour, **limits)
    try:
        yield flows
    finally:
        await flows._daraja.close()
        flows._daraja, flows._unsent = working, unsent


async def _tried(stack, name: str, attempts: int, state: str = "RESERVED") -> bool:
    row = await _row(stack, name)
    return row.submit_attempts == attempts and row.state == state


def _b2c_requests(stack, ocid: str) -> int:
    return sum(
        1 for p, b in stack.fake.requests if p == "b2c" and b["OriginatorConversationID"] == ocid
    )


async def test_a_payout_mpesa_never_receives_fails_once_and_the_sats_come_back(stack):
    member = await stack.member()
    funded = await fund(stack, member, 1_000)
    async with daraja_unreachable(stack, max_attempts=3):
        started = await withdraw(stack, member, 100)
        assert started.state == W.WITHDRAWAL_STATE_RESERVED
        assert (await wallet(stack, member)).pending_out_sats == started.amount_sats
        row = await _row(stack, started.name)
        assert row.submit_attempts == 1
        # Backing off, but never past the time allowed (30 minutes by default).
        assert utc(row.next_check_at) == utc(row.created_at) + timedelta(minutes=30)
        await _ask_again_now(stack, started.name)
        await stack.settle(lambda: _tried(stack, started.name, 2))
        await _ask_again_now(stack, started.name)
        done = await settled(stack, member, started.name)
    assert (done.state, done.failure_reason) == (
        W.WITHDRAWAL_STATE_FAILED,
        W.WITHDRAWAL_FAILURE_REASON_PROVIDER_UNAVAILABLE,
    )
    assert not done.HasField("result_code")
    assert (await _row(stack, started.name)).submit_attempts == 3
    mine = await wallet(stack, member)
    assert (mine.balance_sats, mine.available_sats, mine.pending_out_sats) == (funded, funded, 0)
    [failed] = await _events(stack, WITHDRAWAL_FAILED, started.name)
    assert failed["failure_reason"] == "PROVIDER_UNAVAILABLE"
    assert failed["amount_sats"] == started.amount_sats
    assert "back in your wallet" in failed["message"]["en"]
    assert _b2c_requests(stack, started.originator_conversation_id) == 0


async def test_a_payout_sent_once_mpesa_is_back_completes_normally(stack):
    member = await stack.member()
    funded = await fund(stack, member, 1_000)
    async with daraja_unreachable(stack, max_attempts=3):
        started = await withdraw(stack, member, 100)
        await _ask_again_now(stack, started.name)
        await stack.settle(lambda: _tried(stack, started.name, 2))
    await _ask_again_now(stack, started.name)
    done = await settled(stack, member, started.name)
    assert done.state == W.WITHDRAWAL_STATE_COMPLETED and done.mpesa_receipt_number
    assert (await _row(stack, started.name)).submit_attempts == 3
    mine = await wallet(stack, member)
    assert (mine.balance_sats, mine.pending_out_sats) == (funded - done.amount_sats, 0)
    assert _b2c_requests(stack, started.originator_conversation_id) == 1
    assert await _events(stack, WITHDRAWAL_FAILED, started.name) == []


async def test_sweepers_racing_for_an_unsent_payout_send_it_and_give_it_up_once(stack):
    member = await stack.member()
    funded = await fund(stack, member, 1_000)
    async with daraja_unreachable(stack) as flows:
        started = await withdraw(stack, member, 100)
        ident = started.name.rsplit("/", 1)[1]
        flows._unsent = replace(flows._unsent, max_attempts=2)  # the next attempt is the last
        await _ask_again_now(stack, started.name)
        # Two sweepers, and two more sends that skip the claim (as if their hold had run out),
        # beside the service's own worker.
        await asyncio.gather(
            flows.reconcile_once(), flows.reconcile_once(), flows.submit(ident), flows.submit(ident)
        )
        done = await settled(stack, member, started.name)
    assert done.state == W.WITHDRAWAL_STATE_FAILED
    assert (await _row(stack, started.name)).submit_attempts == 2
    assert len(await _events(stack, WITHDRAWAL_FAILED, started.name)) == 1
    mine = await wallet(stack, member)
    assert (mine.balance_sats, mine.available_sats, mine.pending_out_sats) == (funded, funded, 0)


async def test_an_attempt_that_never_reports_back_is_asked_about_never_released(stack):
    member = await stack.member()
    funded = await fund(stack, member, 1_000)
    async with daraja_unreachable(stack) as flows:
        started = await withdraw(stack, member, 100)
        ident = started.name.rsplit("/", 1)[1]
        # A second attempt goes out, and the process sending it dies before Daraja answers.
        async with stack.app.store.write() as conn:
            await conn.execute(
                update(withdrawals)
                .where(withdrawals.c.id == ident)
                .values(state="SENDING", submit_attempts=2, next_check_at=now())
            )
        await stack.settle(lambda: _tried(stack, started.name, 2, "UNKNOWN"))
        # Its answer, had it come late, said "not sent": too late, it may have been paid.
        flows._unsent = replace(flows._unsent, max_attempts=1)
        await flows._not_sent(ident, "connection refused")
    still = await get(stack, member, started.name)
    assert still.state == W.WITHDRAWAL_STATE_UNKNOWN
    assert await _events(stack, WITHDRAWAL_FAILED, started.name) == []
    mine = await wallet(stack, member)
    assert (mine.balance_sats, mine.pending_out_sats) == (funded, started.amount_sats)


async def test_a_request_id_seen_for_another_request_never_stands_in_for_a_step_up(
    stack, monkeypatch
):
    """Only a retry of the same request skips the step-up. Here the id was last seen on another
    request (one since forgotten, as a deposit whose STK push never went out is): refused as a
    reused key, nothing reserved — not let through without its code."""
    member = await stack.member(tier=2)
    await fund(stack, member, 10_000)
    await fund(stack, member, 10_000)

    async def seen_on_another_request(conn, caller, request_id):
        return SimpleNamespace(fingerprint="another request")

    monkeypatch.setattr(idempotency, "lookup", seen_on_another_request)
    await refused(
        withdraw(stack, member, 15_000, key=request_id()),
        grpc.StatusCode.FAILED_PRECONDITION,
        "IDEMPOTENCY_KEY_REUSED",
    )
    monkeypatch.undo()
    assert (await wallet(stack, member)).pending_out_sats == 0
    listed = await stack.stub.ListWithdrawals(
        pb.ListWithdrawalsRequest(parent="wallets/me"), metadata=member.metadata
    )
    assert list(listed.withdrawals) == []


async def test_mpesa_paying_a_failed_withdrawal_takes_nothing_and_tells_operations_once(stack):
    member = await stack.member()
    funded = await fund(stack, member, 1_000)
    stack.fake.script_b2c(member.phone, B2cScript(result_code=2040))
    failed = await settled(stack, member, (await withdraw(stack, member, 100)).name)
    assert failed.state == W.WITHDRAWAL_STATE_FAILED
    txn = next(
        t
        for t in stack.fake.b2c.values()
        if t.originator_conversation_id == failed.originator_conversation_id
    )
    await stack.fake.settled(txn.originator_conversation_id)

    txn.script = replace(txn.script, result_code=0)  # M-Pesa contradicts itself: paid after all
    async with httpx.AsyncClient() as http:
        for _ in range(2):  # and says so twice
            answer = await http.post(txn.result_url, json=stack.fake.b2c_result_body(txn))
            assert answer.status_code == 200

    assert (await get(stack, member, failed.name)).state == W.WITHDRAWAL_STATE_FAILED
    assert (await wallet(stack, member)).balance_sats == funded  # nothing taken on our own
    [alert] = await _events(stack, WITHDRAWAL_PAID_AFTER_FAILURE, failed.name)
    assert alert["mpesa_receipt_number"] == txn.receipt
