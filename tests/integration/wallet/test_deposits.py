"""Saving through M-Pesa: every Daraja callback case, with Safaricom's wire format, through the
local fake Daraja, the real DarajaClient and the webhook route (as Envoy transcodes it)."""

from __future__ import annotations

import asyncio
import base64
import json

import grpc
import httpx
from bitsacco.wallet.v1 import wallet_pb2
from bitsacco.wallet.v1 import wallet_service_pb2 as pb
from sqlalchemy import select

from services.wallet.adapters.daraja import DarajaClient, DarajaRefused, DarajaUnreachable
from services.wallet.adapters.fake_daraja import StkScript
from services.wallet.rules.limits import NAIROBI
from services.wallet.storage.store import now
from services.wallet.storage.tables import callbacks, deposits, outbox
from tests.conftest import SHARED
from tests.integration.wallet.actions import (
    deposit,
    get_deposit,
    kes,
    refused,
    settled_deposit,
    wallet,
)
from tests.integration.wallet.serving import CALLBACK_TOKEN, request_id

COMPLETED = wallet_pb2.DEPOSIT_STATE_COMPLETED
FAILED = wallet_pb2.DEPOSIT_STATE_FAILED
PENDING = wallet_pb2.DEPOSIT_STATE_PENDING
VECTORS = json.loads((SHARED / "vectors" / "webhooks.json").read_text())


async def events_for(stack, topic: str, name: str, key: str) -> list[dict]:
    async with stack.app.store.read() as conn:
        rows = (await conn.execute(select(outbox.c.payload).where(outbox.c.topic == topic))).all()
    return [row.payload for row in rows if row.payload.get(key) == name]


async def post_callback(stack, body: bytes, token: str = CALLBACK_TOKEN, kind: str = "stk"):
    async with httpx.AsyncClient() as client:
        return await client.post(
            f"{stack.bridge.url}/v1/webhooks/mpesa/{kind}/{token}",
            content=body,
            headers={"Content-Type": "application/json"},
        )


async def test_paid_deposit_is_credited_once_with_the_wire_format_daraja_expects(stack):
    member = await stack.member()
    started = await deposit(stack, member, 100)
    assert started.state in (PENDING, COMPLETED)  # the simulated customer is quick
    assert started.checkout_request_id.startswith("ws_CO_")
    assert started.phone_number == member.phone
    # KES 100 at the buy price (mid + 0.5%, rounded up) is 765.4 sats: 765 credited.
    assert started.rate.minor_units_per_btc == 1_306_500_000
    assert started.amount_sats == 765
    done = await settled_deposit(stack, member, started.name)
    assert done.state == COMPLETED and done.result_code == 0
    assert len(done.mpesa_receipt_number) == 10
    assert (await wallet(stack, member)).balance_sats == 765

    _, push = next(
        (p, b)
        for p, b in stack.fake.requests
        if p == "stkpush" and b["PhoneNumber"] == member.phone[1:]
    )
    timestamp = push["Timestamp"]
    assert len(timestamp) == 14 and timestamp.isdigit()
    assert (
        push["Password"]
        == base64.b64encode(
            f"{stack.fake.shortcode}{stack.fake.passkey}{timestamp}".encode()
        ).decode()
    )
    assert push["Amount"] == "100" and push["TransactionType"] == "CustomerPayBillOnline"
    assert push["CallBackURL"] == f"{stack.bridge.url}/v1/webhooks/mpesa/stk/{CALLBACK_TOKEN}"
    line = (
        await stack.stub.ListTransactions(
            pb.ListTransactionsRequest(parent="wallets/me"), metadata=member.metadata
        )
    ).transactions[0]
    assert (line.type, line.amount_sats, line.fiat_value.minor_units) == (
        wallet_pb2.TRANSACTION_TYPE_DEPOSIT,
        765,
        10_000,
    )
    assert line.reference == done.mpesa_receipt_number
    assert line.name == done.transaction
    [event] = await events_for(stack, "wallet.deposit.completed", done.name, "deposit")
    assert event["amount_sats"] == 765 and event["user"] == member.name


async def test_every_failure_code_fails_with_a_reason_the_member_understands(stack):
    cases = {
        1032: wallet_pb2.DEPOSIT_FAILURE_REASON_CANCELLED_BY_USER,
        1037: wallet_pb2.DEPOSIT_FAILURE_REASON_UNREACHABLE,
        1: wallet_pb2.DEPOSIT_FAILURE_REASON_INSUFFICIENT_FUNDS,
        2001: wallet_pb2.DEPOSIT_FAILURE_REASON_WRONG_PIN,
        1001: wallet_pb2.DEPOSIT_FAILURE_REASON_SUBSCRIBER_BUSY,
        1019: wallet_pb2.DEPOSIT_FAILURE_REASON_EXPIRED,
        4999: wallet_pb2.DEPOSIT_FAILURE_REASON_UNKNOWN,
    }

    async def one(code: int, reason: int) -> None:
        member = await stack.member()
        stack.fake.script_stk(member.phone, StkScript(result_code=code))
        started = await deposit(stack, member, 50)
        done = await settled_deposit(stack, member, started.name)
        assert (done.state, done.failure_reason, done.result_code) == (FAILED, reason, code)
        assert (await wallet(stack, member)).balance_sats == 0
        [event] = await events_for(stack, "wallet.deposit.failed", done.name, "deposit")
        assert event["message"]["en"] and event["message"]["sw"]

    await asyncio.gather(*(one(code, reason) for code, reason in cases.items()))


async def test_duplicate_and_replayed_callbacks_credit_once(stack):
    member = await stack.member()
    stack.fake.script_stk(member.phone, StkScript(callback="duplicate"))
    started = await deposit(stack, member, 200)
    done = await settled_deposit(stack, member, started.name)
    await stack.fake.settled(started.checkout_request_id)
    assert done.state == COMPLETED
    # The very same body again, and the same payment with a re-serialised body.
    txn = stack.fake.stk[started.checkout_request_id]
    body = stack.fake.stk_callback_body(txn)
    assert (await post_callback(stack, json.dumps(body).encode())).status_code == 200
    assert (await post_callback(stack, json.dumps(body, indent=1).encode())).status_code == 200
    await stack.app.deposits.settled()
    assert (await wallet(stack, member)).balance_sats == done.amount_sats
    assert len(await events_for(stack, "wallet.deposit.completed", done.name, "deposit")) == 1


async def test_callback_before_our_record_commits_is_applied_once(stack):
    member = await stack.member()
    stack.fake.script_stk(member.phone, StkScript(callback="before_response"))
    started = await deposit(stack, member, 300)
    done = await settled_deposit(stack, member, started.name)
    assert done.state == COMPLETED
    assert (await wallet(stack, member)).balance_sats == done.amount_sats
    async with stack.app.store.read() as conn:
        stored = (
            await conn.execute(
                select(callbacks).where(callbacks.c.key == started.checkout_request_id)
            )
        ).all()
    assert len(stored) == 1 and stored[0].applied_at is not None


async def test_mismatched_callback_credits_nothing_until_the_query_confirms(stack):
    # Amount differs, the query says paid: completed by the query (no receipt trusted).
    member = await stack.member()
    stack.fake.script_stk(member.phone, StkScript(callback_amount=1.0))
    started = await deposit(stack, member, 400)
    done = await settled_deposit(stack, member, started.name)
    assert done.state == COMPLETED and done.mpesa_receipt_number == ""
    assert (await wallet(stack, member)).balance_sats == done.amount_sats

    # Phone differs and the query does not confirm: nothing credited, MISMATCH.
    other = await stack.member()
    stack.fake.script_stk(other.phone, StkScript(callback_phone=254700000001, paid=False))
    started = await deposit(stack, other, 400)
    done = await settled_deposit(stack, other, started.name)
    assert (done.state, done.failure_reason) == (
        FAILED,
        wallet_pb2.DEPOSIT_FAILURE_REASON_MISMATCH,
    )
    assert (await wallet(stack, other)).balance_sats == 0


async def test_forged_success_for_a_pending_deposit_is_checked_with_the_query(stack):
    member = await stack.member()
    # The customer never answers; a forger posts Safaricom's published success sample.
    stack.fake.script_stk(member.phone, StkScript(callback="none", delay=30))
    started = await deposit(stack, member, 100)
    forged = json.loads(json.dumps(VECTORS["daraja_stk_callback_success"]))
    forged["Body"]["stkCallback"]["CheckoutRequestID"] = started.checkout_request_id
    assert (await post_callback(stack, json.dumps(forged).encode())).status_code == 200
    await stack.app.deposits.settled()
    still = await get_deposit(stack, member, started.name)
    assert still.state == PENDING  # the query says "still processing"
    assert (await wallet(stack, member)).balance_sats == 0
    # The published cancellation sample for it: failed (as a mismatch: a success was claimed).
    cancelled = json.loads(json.dumps(VECTORS["daraja_stk_callback_cancelled"]))
    cancelled["Body"]["stkCallback"]["CheckoutRequestID"] = started.checkout_request_id
    assert (await post_callback(stack, json.dumps(cancelled).encode())).status_code == 200
    done = await get_deposit(stack, member, started.name)
    assert (done.state, done.failure_reason) == (
        FAILED,
        wallet_pb2.DEPOSIT_FAILURE_REASON_CANCELLED_BY_USER,
    )


async def test_a_receipt_is_credited_only_once_across_deposits(stack):
    member = await stack.member()
    first = await settled_deposit(stack, member, (await deposit(stack, member, 100)).name)
    stack.fake.script_stk(member.phone, StkScript(callback="none", delay=30))
    second = await deposit(stack, member, 100)
    body = stack.fake.stk_callback_body(stack.fake.stk[second.checkout_request_id])
    items = body["Body"]["stkCallback"]["CallbackMetadata"]["Item"]
    next(i for i in items if i["Name"] == "MpesaReceiptNumber")["Value"] = (
        first.mpesa_receipt_number
    )
    await post_callback(stack, json.dumps(body).encode())
    await stack.app.deposits.settled()
    assert (await get_deposit(stack, member, second.name)).state == PENDING
    assert (await wallet(stack, member)).balance_sats == first.amount_sats


async def test_still_processing_keeps_it_pending_until_the_customer_answers(stack):
    member = await stack.member()
    stack.fake.script_stk(member.phone, StkScript(callback="none", delay=2.5))
    started = await deposit(stack, member, 100)
    answer = await stack.app.daraja.stk_query(started.checkout_request_id, _now())
    assert answer == {
        "requestId": answer["requestId"],
        "errorCode": "500.001.1001",
        "errorMessage": "The transaction is being processed",
    }
    await stack.app.deposits.check(_deposit_id(started))
    assert (await get_deposit(stack, member, started.name)).state == PENDING
    done = await settled_deposit(stack, member, started.name)  # the reconciler's query
    assert done.state == COMPLETED
    assert (await wallet(stack, member)).balance_sats == done.amount_sats


async def test_wrong_token_and_malformed_bodies(stack):
    body = json.dumps(VECTORS["daraja_stk_callback_success"]).encode()
    answer = await post_callback(stack, body, token="not-the-token-at-all")
    assert answer.status_code == 404
    assert (await post_callback(stack, b"<xml/>")).status_code == 400
    assert (await post_callback(stack, b'{"Body":{}}')).status_code == 400
    ok = await post_callback(stack, body)
    assert ok.status_code == 200 and ok.json() == {"ResultCode": 0, "ResultDesc": "Accepted"}


async def test_daraja_refusal_and_unreachable_daraja(stack):
    member = await stack.member()
    stack.fake.script_stk(
        member.phone,
        StkScript(
            refuse={
                "requestId": "1",
                "errorCode": "400.002.02",
                "errorMessage": "Bad Request - Invalid PhoneNumber",
            }
        ),
    )
    refused_push = await deposit(stack, member, 100)
    assert (refused_push.state, refused_push.failure_reason) == (
        FAILED,
        wallet_pb2.DEPOSIT_FAILURE_REASON_REJECTED,
    )
    # Daraja down: nothing sent, nothing recorded; the same request_id works afterwards.
    flows = stack.app.deposits
    working = flows._daraja
    flows._daraja = DarajaClient("http://127.0.0.1:9", working._creds)
    key = request_id()
    request = pb.CreateDepositRequest(
        parent="wallets/me", deposit=wallet_pb2.Deposit(amount=kes(100)), request_id=key
    )
    other = await stack.member()
    try:
        details = await refused(
            stack.stub.CreateDeposit(request, metadata=other.metadata),
            grpc.StatusCode.UNAVAILABLE,
            "MPESA_UNAVAILABLE",
        )
        assert "RetryInfo" in details
    finally:
        flows._daraja = working
    listed = await stack.stub.ListDeposits(
        pb.ListDepositsRequest(parent="wallets/me"), metadata=other.metadata
    )
    assert list(listed.deposits) == []
    again = await stack.stub.CreateDeposit(request, metadata=other.metadata)
    assert again.deposit.state in (PENDING, COMPLETED)


async def test_retry_returns_the_same_deposit_and_never_pushes_twice(stack):
    member = await stack.member()
    request = pb.CreateDepositRequest(
        parent="wallets/me", deposit=wallet_pb2.Deposit(amount=kes(150)), request_id=request_id()
    )
    answers = await asyncio.gather(
        *(stack.stub.CreateDeposit(request, metadata=member.metadata) for _ in range(5))
    )
    assert len({a.deposit.name for a in answers}) == 1
    pushes = [
        b for p, b in stack.fake.requests if p == "stkpush" and b["PhoneNumber"] == member.phone[1:]
    ]
    assert len(pushes) == 1
    changed = pb.CreateDepositRequest()
    changed.CopyFrom(request)
    changed.deposit.amount.minor_units = 16_000
    await refused(
        stack.stub.CreateDeposit(changed, metadata=member.metadata),
        grpc.StatusCode.FAILED_PRECONDITION,
        "IDEMPOTENCY_KEY_REUSED",
    )


async def test_daily_save_limit_and_step_up(stack):
    small = await stack.member()  # tier 1: USD 100 a day, KES 13,000 at these prices
    await deposit(stack, small, 12_000)
    details = await refused(
        deposit(stack, small, 1_001), grpc.StatusCode.RESOURCE_EXHAUSTED, "LIMIT_EXCEEDED"
    )
    assert details["ErrorInfo"].metadata["operation"] == "save"

    big = await stack.member(tier=2)
    key = request_id()
    request = pb.CreateDepositRequest(
        parent="wallets/me", deposit=wallet_pb2.Deposit(amount=kes(20_000)), request_id=key
    )
    details = await refused(
        stack.stub.CreateDeposit(request, metadata=big.metadata),
        grpc.StatusCode.FAILED_PRECONDITION,
        "STEP_UP_REQUIRED",
    )
    assert dict(details["ErrorInfo"].metadata) == {
        "action": "STEP_UP_ACTION_SAVE",
        "currency_code": "KES",
        "minor_units": "2000000",
    }
    request.step_up_token = stack.grant(big, key, "STEP_UP_ACTION_SAVE", "KES", 2_000_000)
    done = await settled_deposit(
        stack, big, (await stack.stub.CreateDeposit(request, metadata=big.metadata)).deposit.name
    )
    assert done.state == COMPLETED


async def test_quotes_lock_the_rate_once_and_expire(stack):
    member = await stack.member()
    quote = (
        await stack.stub.CreateQuote(
            pb.CreateQuoteRequest(
                parent="wallets/me",
                quote=wallet_pb2.Quote(side=wallet_pb2.QUOTE_SIDE_BUY, fiat_amount=kes(1_000)),
                request_id=request_id(),
            ),
            metadata=member.metadata,
        )
    ).quote
    assert quote.rate.minor_units_per_btc == 1_306_500_000
    assert quote.amount_sats == 7_654  # KES 1,000 / 13,065,000 per BTC, rounded down
    assert quote.spread.minor_units > 0 and quote.fee.minor_units == 0
    used = await deposit(stack, member, 1_000, quote=quote.name)
    assert used.amount_sats == quote.amount_sats and used.quote == quote.name
    await refused(
        deposit(stack, member, 1_000, quote=quote.name),
        grpc.StatusCode.FAILED_PRECONDITION,
        "QUOTE_ALREADY_USED",
    )
    await refused(
        deposit(stack, member, 999, quote=quote.name),
        grpc.StatusCode.INVALID_ARGUMENT,
        "QUOTE_MISMATCH",
    )
    fresh = (
        await stack.stub.CreateQuote(
            pb.CreateQuoteRequest(
                parent="wallets/me",
                quote=wallet_pb2.Quote(side=wallet_pb2.QUOTE_SIDE_BUY, fiat_amount=kes(500)),
                request_id=request_id(),
            ),
            metadata=member.metadata,
        )
    ).quote
    await asyncio.sleep(3.2)  # the stack's quotes live 3 seconds
    await refused(
        deposit(stack, member, 500, quote=fresh.name),
        grpc.StatusCode.FAILED_PRECONDITION,
        "QUOTE_EXPIRED",
    )


def _now():
    from datetime import datetime

    return datetime.now(NAIROBI)


def _deposit_id(message) -> str:
    return message.name.rsplit("/", 1)[1]


async def test_a_lost_push_answer_is_matched_by_phone_amount_and_the_query(stack):
    member = await stack.member()
    # Safaricom takes the push but its answer never reaches us (a 504): we do not know the
    # CheckoutRequestID its callback will carry.
    stack.fake.script_stk(member.phone, StkScript(lose_response=True))
    started = await deposit(stack, member, 250)
    assert (started.state, started.checkout_request_id) == (PENDING, "")
    done = await settled_deposit(stack, member, started.name)
    if done.state != COMPLETED:  # it may expire first, then be matched: wait for the credit
        done = await stack.settle(
            lambda: _state_is(stack, member, started.name, COMPLETED), within=20
        )
    assert done.checkout_request_id.startswith("ws_CO_")
    assert (await wallet(stack, member)).balance_sats == done.amount_sats


async def test_a_deposit_that_never_resolves_expires_and_a_late_payment_needs_the_query(stack):
    member = await stack.member()
    stack.fake.script_stk(member.phone, StkScript(callback="none", delay=3_600))
    started = await deposit(stack, member, 100)
    expired = await settled_deposit(stack, member, started.name)  # the sweeper
    assert (expired.state, expired.failure_reason) == (
        wallet_pb2.DEPOSIT_STATE_EXPIRED,
        wallet_pb2.DEPOSIT_FAILURE_REASON_EXPIRED,
    )
    assert (await wallet(stack, member)).balance_sats == 0
    [event] = await events_for(stack, "wallet.deposit.failed", expired.name, "deposit")
    assert event["state"] == "EXPIRED"
    txn = stack.fake.stk[started.checkout_request_id]
    body = json.dumps(stack.fake.stk_callback_body(txn)).encode()
    # A success callback the query does not confirm (still processing): nothing.
    await post_callback(stack, body)
    await stack.app.deposits.settled()
    assert (
        await get_deposit(stack, member, started.name)
    ).state == wallet_pb2.DEPOSIT_STATE_EXPIRED
    # The customer really paid, late: the query confirms, the sats are credited once.
    txn.answered = True
    await post_callback(stack, json.dumps(stack.fake.stk_callback_body(txn), indent=2).encode())
    await stack.app.deposits.settled()
    done = await get_deposit(stack, member, started.name)
    assert done.state == COMPLETED and done.mpesa_receipt_number == txn.receipt
    assert (await wallet(stack, member)).balance_sats == done.amount_sats


async def _state_is(stack, member, name, state):
    found = await get_deposit(stack, member, name)
    return found if found.state == state else None


async def test_a_late_payment_whose_query_fails_is_asked_about_again_and_credited_once(
    stack, monkeypatch
):
    """The confirmation of a payment made after expiry survives a failed STK Push Query: the
    callback stays unapplied until the query answers, and the reconciler asks again."""
    member = await stack.member()
    stack.fake.script_stk(member.phone, StkScript(callback="none", delay=3_600))
    started = await deposit(stack, member, 100)
    assert (await settled_deposit(stack, member, started.name)).state == (
        wallet_pb2.DEPOSIT_STATE_EXPIRED
    )
    txn = stack.fake.stk[started.checkout_request_id]
    txn.answered = True  # the member really paid, late

    async def unreachable(*_args):
        raise DarajaUnreachable("M-Pesa is down")

    with monkeypatch.context() as outage:
        outage.setattr(stack.app.deposits._daraja, "stk_query", unreachable)
        await post_callback(stack, json.dumps(stack.fake.stk_callback_body(txn)).encode())
        await stack.app.deposits.settled()
        await stack.app.deposits.reconcile_once()
        await stack.app.deposits.settled()
    assert (await get_deposit(stack, member, started.name)).state == (
        wallet_pb2.DEPOSIT_STATE_EXPIRED
    )
    assert (await wallet(stack, member)).balance_sats == 0

    for _ in range(2):  # M-Pesa answers again: credited, and only once
        await stack.app.deposits.reconcile_once()
        await stack.app.deposits.settled()
    done = await get_deposit(stack, member, started.name)
    assert done.state == COMPLETED and done.mpesa_receipt_number == txn.receipt
    assert (await wallet(stack, member)).balance_sats == done.amount_sats


async def test_a_refused_push_does_not_fail_a_deposit_already_resolved(stack, monkeypatch):
    """If the deposit was resolved while its push was out (a callback matched to it), Daraja
    refusing the push afterwards does not turn it FAILED."""
    member = await stack.member()

    async def resolved_then_refused(**_push):
        async with stack.app.store.write() as conn:
            pending = (deposits.c.phone == member.phone) & (deposits.c.state == "PENDING")
            [row] = (await conn.execute(select(deposits).where(pending).with_for_update())).all()
            await stack.app.deposits._complete(conn, row, "TK41XYZ0AB", 0, "matched", now())
        raise DarajaRefused("Bad Request - Invalid PhoneNumber", code="400.002.02")

    monkeypatch.setattr(stack.app.deposits._daraja, "stk_push", resolved_then_refused)
    started = await deposit(stack, member, 100)
    assert started.state == COMPLETED
    assert (await wallet(stack, member)).balance_sats == started.amount_sats
