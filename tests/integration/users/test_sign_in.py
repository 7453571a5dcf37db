"""Phone + code sign-in and sessions, against PostgreSQL + Redis: every outcome with its status
code and ErrorInfo reason."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import grpc
import pytest
from bitsacco.notification.v1 import notification_pb2
from bitsacco.users.v1 import users_pb2
from bitsacco.users.v1 import users_service_pb2 as pb
from google.protobuf import field_mask_pb2

from tests.harness import details_of
from tests.integration.users.serving import (
    code_in,
    fresh_ip,
    fresh_phone,
    request_id,
    users_service,
)


@pytest.fixture(scope="module")
async def users(pg_url, redis_url, namespace):
    async with users_service(pg_url, redis_url, namespace) as running:
        yield running


def at(ip: str) -> tuple[tuple[str, str], ...]:
    return (("x-envoy-external-address", ip),)


async def start(users, phone: str, ip: str | None = None, rid: str | None = None, **fields):
    return await users.stub.StartPhoneVerification(
        pb.StartPhoneVerificationRequest(
            request_id=rid or request_id(), phone_number=phone, **fields
        ),
        metadata=at(ip or fresh_ip()),
    )


async def verify(users, phone: str, code: str, ip: str | None = None, rid: str | None = None):
    return await users.stub.VerifyPhone(
        pb.VerifyPhoneRequest(request_id=rid or request_id(), phone_number=phone, code=code),
        metadata=at(ip or fresh_ip()),
    )


async def refresh(users, token: str, rid: str | None = None):
    return await users.stub.RefreshSession(
        pb.RefreshSessionRequest(request_id=rid or request_id(), refresh_token=token)
    )


async def failure(call):
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await call
    details = details_of(caught.value)
    return caught.value.code(), details["ErrorInfo"].reason, details


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


async def test_sign_in_happy_path(users):
    phone = fresh_phone()
    started = await start(users, "0" + phone.removeprefix("+254"))
    assert started.phone_number == phone
    assert started.channel == users_pb2.VERIFICATION_CHANNEL_WHATSAPP
    lifetime = started.expire_time.ToDatetime() - started.resend_time.ToDatetime()
    assert timedelta(minutes=4) < lifetime <= timedelta(minutes=5)
    message = await users.outbox.next_for(phone)
    # Never written to us: outside WhatsApp's 24-hour window only the template may go.
    assert message.channel == notification_pb2.CHANNEL_WHATSAPP
    assert message.content.template.name == "verification_code"
    code = code_in(message)

    signed_in = await verify(users, phone, code)
    assert signed_in.new_user
    assert signed_in.user.phone_number == phone
    assert signed_in.tokens.token_type == "Bearer"
    lifetime = (
        signed_in.tokens.access_token_expire_time.ToDatetime()
        - signed_in.tokens.refresh_token_expire_time.ToDatetime()
    )
    assert abs(lifetime - (timedelta(minutes=15) - timedelta(days=7))) < timedelta(seconds=2)
    me = await users.stub.GetUser(
        pb.GetUserRequest(name="users/me"),
        metadata=(("authorization", f"Bearer {signed_in.tokens.access_token}"),),
    )
    assert me.user.name == signed_in.user.name

    again = await users.sign_in(f"whatsapp:{phone}")
    assert not again.new_user and again.user.name == signed_in.user.name


async def test_code_is_stored_only_as_a_hash(users):
    phone = fresh_phone()
    await start(users, phone)
    stored = await users.service.resources.cache.get(f"otp:{phone}")
    assert stored is not None
    assert (await users.outbox.next_code(phone)).encode() not in stored


async def test_sms_channel_is_honoured(users):
    phone = fresh_phone()
    started = await start(users, phone, channel=users_pb2.VERIFICATION_CHANNEL_SMS)
    assert started.channel == users_pb2.VERIFICATION_CHANNEL_SMS
    message = await users.outbox.next_for(phone)
    assert message.channel == notification_pb2.CHANNEL_SMS
    assert code_in(message) in message.content.text


async def test_verify_retry_with_the_same_request_id_returns_the_same_session(users):
    phone = fresh_phone()
    await start(users, phone)
    rid, code = request_id(), await users.outbox.next_code(phone)
    first = await verify(users, phone, code, rid=rid)
    second = await verify(users, phone, code, rid=rid)
    assert first == second
    code_, reason, _ = await failure(verify(users, phone, wrong(code), rid=rid))
    assert (code_, reason) == (grpc.StatusCode.INVALID_ARGUMENT, "REQUEST_ID_REUSED")


async def test_a_code_is_single_use(users):
    phone = fresh_phone()
    await start(users, phone)
    code = await users.outbox.next_code(phone)
    await verify(users, phone, code)
    status, reason, _ = await failure(verify(users, phone, code))
    assert (status, reason) == (grpc.StatusCode.FAILED_PRECONDITION, "OTP_ALREADY_USED")


async def test_no_code_sent(users):
    status, reason, _ = await failure(verify(users, fresh_phone(), "123456"))
    assert (status, reason) == (grpc.StatusCode.FAILED_PRECONDITION, "OTP_NOT_FOUND")


async def test_invalid_phone_number(users):
    for call in (start(users, "0800 000"), verify(users, "+1 555 0100 000", "123456")):
        status, reason, details = await failure(call)
        assert (status, reason) == (grpc.StatusCode.INVALID_ARGUMENT, "INVALID_PHONE_NUMBER")
        assert [v.field for v in details["BadRequest"].field_violations] == ["phone_number"]


async def test_five_wrong_codes_burn_it(users):
    phone = fresh_phone()
    await start(users, phone)
    code = await users.outbox.next_code(phone)
    for remaining in (4, 3, 2, 1, 0):
        status, reason, details = await failure(verify(users, phone, wrong(code)))
        assert (status, reason) == (grpc.StatusCode.INVALID_ARGUMENT, "OTP_INVALID")
        assert details["ErrorInfo"].metadata["attempts_remaining"] == str(remaining)
    status, reason, _ = await failure(verify(users, phone, code))
    assert (status, reason) == (grpc.StatusCode.FAILED_PRECONDITION, "OTP_ATTEMPTS_EXCEEDED")
    # Starting again gives a fresh code with fresh attempts.
    await start(users, phone)
    assert (
        await verify(users, phone, await users.outbox.next_code(phone))
    ).user.phone_number == phone


async def test_concurrent_guesses_cannot_exceed_five(users):
    phone = fresh_phone()
    await start(users, phone)
    code = await users.outbox.next_code(phone)
    guesses = [f"{(int(code) + i) % 1_000_000:06d}" for i in range(1, 21)]
    outcomes = await asyncio.gather(
        *(verify(users, phone, g) for g in guesses), return_exceptions=True
    )
    reasons = [details_of(o)["ErrorInfo"].reason for o in outcomes]
    assert reasons.count("OTP_INVALID") == 5
    assert reasons.count("OTP_ATTEMPTS_EXCEEDED") == 15


async def test_resend_invalidates_the_old_code_and_keeps_the_failures(users):
    phone = fresh_phone()
    await start(users, phone)
    old = await users.outbox.next_code(phone)
    for _ in range(3):
        await failure(verify(users, phone, wrong(old)))
    await start(users, phone)
    new = await users.outbox.next_code(phone)
    stale = old if new != old else wrong(new)  # one chance in a million that they are equal
    status, reason, details = await failure(verify(users, phone, stale))
    assert (status, reason) == (grpc.StatusCode.INVALID_ARGUMENT, "OTP_INVALID")
    assert details["ErrorInfo"].metadata["attempts_remaining"] == "1"  # not 4: the count stays
    assert (await verify(users, phone, new)).user.phone_number == phone


async def test_sends_are_throttled_per_number(users):
    phone = fresh_phone()
    for _ in range(3):
        started = await start(users, phone)
    assert started.resend_time.ToDatetime() > started.expire_time.ToDatetime()
    status, reason, details = await failure(start(users, phone))
    assert (status, reason) == (grpc.StatusCode.RESOURCE_EXHAUSTED, "OTP_SEND_THROTTLED")
    assert 0 < details["RetryInfo"].retry_delay.seconds <= 600
    for _ in range(3):
        await users.outbox.next_for(phone)
    assert len(await users.outbox.all_for(phone)) == 3


async def test_a_retried_start_sends_nothing_twice(users):
    phone, rid = fresh_phone(), request_id()
    first = await start(users, phone, rid=rid)
    again = await start(users, phone, rid=rid)
    assert first == again
    # A later resend arrives after anything the retry could have sent (one lane per member).
    await start(users, phone)
    await users.outbox.next_for(phone)
    await users.outbox.next_for(phone)
    assert len(await users.outbox.all_for(phone)) == 2


async def test_registered_and_unregistered_numbers_get_the_same_answer(users):
    registered = (await users.sign_in()).user.phone_number
    unregistered = fresh_phone()
    answers = [await start(users, phone) for phone in (registered, unregistered)]
    for answer in answers:
        answer.ClearField("phone_number")
        lifetime = answer.expire_time.ToDatetime() - answer.resend_time.ToDatetime()
        answer.ClearField("expire_time")
        answer.ClearField("resend_time")
        assert timedelta(minutes=4) < lifetime <= timedelta(minutes=5)
    assert answers[0] == answers[1]


async def test_refresh_rotates_and_reuse_revokes_the_session(users):
    session = (await users.sign_in()).tokens
    rid = request_id()
    rotated = (await refresh(users, session.refresh_token, rid=rid)).tokens
    assert rotated.refresh_token != session.refresh_token
    assert rotated.access_token != session.access_token
    # A retry of the same refresh (lost response) is not reuse.
    assert (await refresh(users, session.refresh_token, rid=rid)).tokens == rotated
    newer = (await refresh(users, rotated.refresh_token)).tokens
    # The attacker replays the first token: the whole family ends.
    status, reason, _ = await failure(refresh(users, session.refresh_token))
    assert (status, reason) == (grpc.StatusCode.UNAUTHENTICATED, "REFRESH_TOKEN_REUSED")
    status, reason, _ = await failure(refresh(users, newer.refresh_token))
    assert (status, reason) == (grpc.StatusCode.UNAUTHENTICATED, "SESSION_REVOKED")


async def test_unknown_refresh_token(users):
    status, reason, _ = await failure(refresh(users, "rt1_made-up"))
    assert (status, reason) == (grpc.StatusCode.UNAUTHENTICATED, "REFRESH_TOKEN_INVALID")


async def test_sign_out_and_sign_out_everywhere(users):
    phone = fresh_phone()
    laptop = (await users.sign_in(phone)).tokens
    phone_app = (await users.sign_in(phone)).tokens
    tablet = (await users.sign_in(phone)).tokens
    revoke = pb.RevokeSessionRequest(request_id=request_id(), refresh_token=laptop.refresh_token)
    await users.stub.RevokeSession(revoke)
    await users.stub.RevokeSession(revoke)  # already revoked: still fine
    status, reason, _ = await failure(refresh(users, laptop.refresh_token))
    assert (status, reason) == (grpc.StatusCode.UNAUTHENTICATED, "SESSION_REVOKED")
    assert (await refresh(users, phone_app.refresh_token)).tokens.refresh_token
    await users.stub.RevokeSession(
        pb.RevokeSessionRequest(
            request_id=request_id(), refresh_token=tablet.refresh_token, all_sessions=True
        )
    )
    for tokens in (phone_app, tablet):
        status, reason, _ = await failure(refresh(users, tokens.refresh_token))
        assert status == grpc.StatusCode.UNAUTHENTICATED
        assert reason in ("SESSION_REVOKED", "REFRESH_TOKEN_REUSED")
    status, reason, _ = await failure(
        users.stub.RevokeSession(
            pb.RevokeSessionRequest(request_id=request_id(), refresh_token="rt1_nope")
        )
    )
    assert (status, reason) == (grpc.StatusCode.UNAUTHENTICATED, "REFRESH_TOKEN_INVALID")


async def test_refresh_tokens_are_stored_hashed(users):
    from sqlalchemy import select

    from services.users.storage.tables import refresh_tokens

    tokens = (await users.sign_in()).tokens
    async with users.service.resources.db.transaction() as session:
        stored = (await session.execute(select(refresh_tokens.c.token_hash))).scalars().all()
    assert tokens.refresh_token not in stored
    assert all(len(h) == 64 for h in stored)


async def test_expired_code(pg_url, redis_url, namespace):
    async with users_service(pg_url, redis_url, namespace, otp_ttl_seconds=1) as short:
        phone = fresh_phone()
        await start(short, phone)
        code = await short.outbox.next_code(phone)
        await asyncio.sleep(1.2)
        status, reason, _ = await failure(verify(short, phone, code))
        assert (status, reason) == (grpc.StatusCode.FAILED_PRECONDITION, "OTP_EXPIRED")


async def test_expired_refresh_token(pg_url, redis_url, namespace):
    async with users_service(pg_url, redis_url, namespace, refresh_token_ttl_seconds=1) as short:
        session = (await short.sign_in()).tokens
        await asyncio.sleep(1.2)
        status, reason, _ = await failure(refresh(short, session.refresh_token))
        assert (status, reason) == (grpc.StatusCode.UNAUTHENTICATED, "REFRESH_TOKEN_EXPIRED")


async def test_client_ip_throttles(pg_url, redis_url, namespace):
    async with users_service(
        pg_url, redis_url, namespace, otp_sends_per_ip_per_hour=2, otp_verifies_per_ip_per_hour=3
    ) as strict:
        ip = fresh_ip()
        await start(strict, fresh_phone(), ip=ip)
        await start(strict, fresh_phone(), ip=ip)
        status, reason, details = await failure(start(strict, fresh_phone(), ip=ip))
        assert (status, reason) == (grpc.StatusCode.RESOURCE_EXHAUSTED, "OTP_SEND_THROTTLED")
        assert details["RetryInfo"].retry_delay.seconds > 0
        await start(strict, fresh_phone(), ip=fresh_ip())  # another address is not affected
        for _ in range(3):
            await failure(verify(strict, fresh_phone(), "123456", ip=ip))
        status, reason, details = await failure(verify(strict, fresh_phone(), "123456", ip=ip))
        assert (status, reason) == (grpc.StatusCode.RESOURCE_EXHAUSTED, "RATE_LIMITED")
        assert details["RetryInfo"].retry_delay.seconds > 0


async def test_a_swahili_speaker_gets_the_code_in_swahili(users):
    signed_in = await users.sign_in()
    phone = signed_in.user.phone_number
    await users.stub.UpdateUser(
        pb.UpdateUserRequest(
            request_id=request_id(),
            user=users_pb2.User(name="users/me", language_code="sw"),
            update_mask=field_mask_pb2.FieldMask(paths=["language_code"]),
        ),
        metadata=(("authorization", f"Bearer {signed_in.tokens.access_token}"),),
    )
    await start(users, phone, channel=users_pb2.VERIFICATION_CHANNEL_SMS)
    message = await users.outbox.next_for(phone)
    assert message.content.text.startswith("Nambari yako ya Bitsacco ni ")
