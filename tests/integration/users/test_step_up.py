"""Step-up: an SMS code bound to one transaction's request_id, and the grant wallet/chama check
offline against the JWKS."""

from __future__ import annotations

import asyncio

import grpc
import pytest
from bitsacco.common.v1 import common_pb2
from bitsacco.notification.v1 import notification_pb2
from bitsacco.users.v1 import users_pb2
from bitsacco.users.v1 import users_service_pb2 as pb

from services.runtime.auth import Caller, verify_step_up_grant
from services.runtime.bootstrap import token_verifier
from services.runtime.errors import PermissionDenied
from services.runtime.settings import RuntimeSettings
from tests.harness import details_of
from tests.integration.users.serving import code_in, fresh_phone, request_id, users_service

WITHDRAWAL = users_pb2.STEP_UP_ACTION_WITHDRAWAL


@pytest.fixture(scope="module")
async def users(pg_url, redis_url, namespace):
    async with users_service(pg_url, redis_url, namespace, step_up_resend_seconds=0) as running:
        yield running


def bearer(token: str) -> tuple[tuple[str, str], ...]:
    return (("authorization", f"Bearer {token}"),)


async def failure(call):
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await call
    details = details_of(caught.value)
    return caught.value.code(), details["ErrorInfo"].reason, details


def kes(amount: int) -> common_pb2.Money:
    return common_pb2.Money(currency_code="KES", minor_units=amount * 100)


async def start(users, token, txn, *, parent="users/me", amount=20_000, action=WITHDRAWAL):
    return await users.stub.StartStepUp(
        pb.StartStepUpRequest(
            request_id=request_id(),
            parent=parent,
            transaction_request_id=txn,
            action=action,
            amount=kes(amount),
        ),
        metadata=bearer(token),
    )


async def verify(users, token, name, code, rid=None):
    return await users.stub.VerifyStepUp(
        pb.VerifyStepUpRequest(request_id=rid or request_id(), name=name, code=code),
        metadata=bearer(token),
    )


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


async def test_step_up_grants_one_transaction(users):
    signed_in = await users.sign_in()
    token, phone, txn = signed_in.tokens.access_token, signed_in.user.phone_number, request_id()
    challenge = (await start(users, token, txn)).step_up_challenge
    assert challenge.state == users_pb2.STEP_UP_CHALLENGE_STATE_PENDING
    assert challenge.channel == users_pb2.VERIFICATION_CHANNEL_SMS
    assert challenge.transaction_request_id == txn
    assert challenge.name.startswith(f"{signed_in.user.name}/stepUpChallenges/")
    message = await users.outbox.next_for(phone)
    assert message.channel == notification_pb2.CHANNEL_SMS  # a second channel, even for WhatsApp
    assert "KES 20,000.00" in message.content.text and "withdraw" in message.content.text
    sms_code = code_in(message)

    code, reason, details = await failure(verify(users, token, challenge.name, wrong(sms_code)))
    assert (code, reason) == (grpc.StatusCode.INVALID_ARGUMENT, "OTP_INVALID")
    assert details["ErrorInfo"].metadata["attempts_remaining"] == "4"

    rid = request_id()
    verified = await verify(users, token, challenge.name, sms_code, rid=rid)
    assert verified.step_up_challenge.state == users_pb2.STEP_UP_CHALLENGE_STATE_VERIFIED
    assert await verify(users, token, challenge.name, sms_code, rid=rid) == verified

    # Wallet's offline check, with the key set fetched from users over gRPC.
    verifier = token_verifier(RuntimeSettings(service_name="wallet", users_target=users.target))
    caller = Caller(subject=signed_in.user.name)
    grant = await verify_step_up_grant(
        verifier,
        verified.grant.token,
        caller=caller,
        transaction_request_id=txn,
        action="STEP_UP_ACTION_WITHDRAWAL",
        currency_code="KES",
        minor_units=2_000_000,
    )
    assert grant.subject == signed_in.user.name
    for changes in (
        {"transaction_request_id": request_id()},
        {"minor_units": 2_000_001},
        {"caller": Caller(subject="users/someone-else")},
    ):
        values = {
            "caller": caller,
            "transaction_request_id": txn,
            "action": "STEP_UP_ACTION_WITHDRAWAL",
            "currency_code": "KES",
            "minor_units": 2_000_000,
            **changes,
        }
        with pytest.raises(PermissionDenied):
            await verify_step_up_grant(verifier, verified.grant.token, **values)

    code, reason, _ = await failure(verify(users, token, challenge.name, sms_code))
    assert (code, reason) == (grpc.StatusCode.FAILED_PRECONDITION, "OTP_ALREADY_USED")
    code, reason, _ = await failure(start(users, token, txn))
    assert (code, reason) == (grpc.StatusCode.FAILED_PRECONDITION, "STEP_UP_ALREADY_VERIFIED")


async def test_a_grant_is_not_an_access_token(users):
    signed_in = await users.sign_in()
    token = signed_in.tokens.access_token
    challenge = (await start(users, token, request_id())).step_up_challenge
    code = await users.outbox.next_code(signed_in.user.phone_number)
    grant = (await verify(users, token, challenge.name, code)).grant
    code, reason, _ = await failure(
        users.stub.GetUser(pb.GetUserRequest(name="users/me"), metadata=bearer(grant.token))
    )
    assert (code, reason) == (grpc.StatusCode.UNAUTHENTICATED, "TOKEN_AUDIENCE_REJECTED")


async def test_another_users_challenge_is_out_of_reach(users):
    owner = await users.sign_in()
    challenge = (await start(users, owner.tokens.access_token, request_id())).step_up_challenge
    intruder = (await users.sign_in()).tokens.access_token
    code, reason, _ = await failure(
        verify(
            users, intruder, challenge.name, await users.outbox.next_code(owner.user.phone_number)
        )
    )
    assert (code, reason) == (grpc.StatusCode.PERMISSION_DENIED, "USER_ACCESS_DENIED")
    code, reason, _ = await failure(start(users, intruder, request_id(), parent=owner.user.name))
    assert (code, reason) == (grpc.StatusCode.PERMISSION_DENIED, "USER_ACCESS_DENIED")
    # Through `users/me`, someone else's challenge id is simply not there.
    challenge_id = challenge.name.rpartition("/")[2]
    code, reason, _ = await failure(
        verify(users, intruder, f"users/me/stepUpChallenges/{challenge_id}", "000000")
    )
    assert (code, reason) == (grpc.StatusCode.NOT_FOUND, "STEP_UP_CHALLENGE_NOT_FOUND")


async def test_five_wrong_codes_burn_it_and_a_resend_keeps_failures(users):
    signed_in = await users.sign_in()
    token, phone = signed_in.tokens.access_token, signed_in.user.phone_number
    txn = request_id()
    challenge = (await start(users, token, txn)).step_up_challenge
    first = await users.outbox.next_code(phone)
    for _ in range(3):
        await failure(verify(users, token, challenge.name, wrong(first)))
    again = (await start(users, token, txn)).step_up_challenge
    assert again.name == challenge.name  # the same challenge, a new code
    second = await users.outbox.next_code(phone)
    code, reason, details = await failure(
        verify(users, token, challenge.name, first if first != second else wrong(second))
    )
    assert (code, reason) == (grpc.StatusCode.INVALID_ARGUMENT, "OTP_INVALID")
    assert details["ErrorInfo"].metadata["attempts_remaining"] == "1"
    await failure(verify(users, token, challenge.name, wrong(second)))
    code, reason, _ = await failure(verify(users, token, challenge.name, second))
    assert (code, reason) == (grpc.StatusCode.FAILED_PRECONDITION, "OTP_ATTEMPTS_EXCEEDED")
    # After the burn, a new code starts over.
    await start(users, token, txn)
    verified = await verify(users, token, challenge.name, await users.outbox.next_code(phone))
    assert verified.grant.token


async def test_a_service_acting_for_the_member_may_ask(users):
    name = (await users.sign_in()).user.name
    acting = (await users.client("ai").token_for_user(name)).token
    challenge = (await start(users, acting, request_id())).step_up_challenge
    assert challenge.name.startswith(f"{name}/")


async def test_resends_are_throttled_and_codes_expire(pg_url, redis_url, namespace):
    async with users_service(
        pg_url, redis_url, namespace, otp_ttl_seconds=1, step_up_resend_seconds=60
    ) as short:
        # A token without signing in (sign-in codes here live only a second too).
        issued = await short.client().token_for_phone(fresh_phone(), create_user_if_missing=True)
        token, phone = issued.token, issued.user.phone_number
        txn = request_id()
        challenge = (await start(short, token, txn)).step_up_challenge
        assert (
            challenge.resend_time.ToDatetime() - challenge.create_time.ToDatetime()
        ).total_seconds() == pytest.approx(60, abs=1)
        code, reason, details = await failure(start(short, token, txn))
        assert (code, reason) == (grpc.StatusCode.RESOURCE_EXHAUSTED, "STEP_UP_SEND_THROTTLED")
        assert 0 < details["RetryInfo"].retry_delay.seconds <= 60
        await asyncio.sleep(1.2)
        code, reason, _ = await failure(
            verify(short, token, challenge.name, await short.outbox.next_code(phone))
        )
        assert (code, reason) == (grpc.StatusCode.FAILED_PRECONDITION, "OTP_EXPIRED")
