"""The keys (GetJwks), tokens for services acting for members (IssueServiceToken), the internal
lookup by phone, and the tier limits other services read."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import grpc
import jwt
import pytest
from bitsacco.users.v1 import users_pb2
from bitsacco.users.v1 import users_service_pb2 as pb
from google.protobuf import duration_pb2

from tests.harness import details_of
from tests.integration.users.serving import KEYS, SECRET, fresh_phone, request_id, users_service

ADMIN_PHONE = fresh_phone()


@pytest.fixture(scope="module")
async def users(pg_url, redis_url, namespace):
    async with users_service(
        pg_url, redis_url, namespace, bootstrap_admin_phones=[ADMIN_PHONE]
    ) as running:
        yield running


def bearer(token: str) -> tuple[tuple[str, str], ...]:
    return (("authorization", f"Bearer {token}"),)


async def failure(call) -> tuple[grpc.StatusCode, str]:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await call
    return caught.value.code(), details_of(caught.value)["ErrorInfo"].reason


def kenyan_forms(e164: str) -> list[str]:
    local = e164.removeprefix("+254")
    return [
        f"0{local[:3]} {local[3:6]} {local[6:]}",
        f"254{local}",
        e164,
        f"whatsapp:{e164}",
    ]


async def test_jwks_publishes_public_keys_only(users):
    answer = await users.stub.GetJwks(pb.GetJwksRequest())
    assert answer.http_body.content_type == "application/json"
    keys = json.loads(answer.http_body.data)["keys"]
    assert [k["kid"] for k in keys] == [KEYS.current.kid]
    (key,) = keys
    assert {key["kty"], key["crv"], key["alg"], key["use"]} == {"OKP", "Ed25519", "EdDSA", "sig"}
    assert "d" not in key


async def test_service_token_acts_for_a_member_with_act_claim(users):
    phone = fresh_phone()
    issued = await users.client("ai").token_for_phone(
        phone, create_user_if_missing=True, ttl=timedelta(minutes=2)
    )
    assert issued.new_user
    assert issued.user.phone_number == phone
    assert issued.user.kyc_tier == users_pb2.KYC_TIER_1
    assert list(issued.user.roles) == [users_pb2.ROLE_MEMBER]
    claims = jwt.decode(
        issued.token,
        KEYS.current.private_key.public_key(),
        algorithms=["EdDSA"],
        audience="bitsacco",
    )
    assert claims["sub"] == issued.user.name
    assert claims["act"] == {"sub": "services/ai"}
    assert (claims["phone"], claims["tier"], claims["roles"]) == (phone, 1, ["member"])
    assert claims["exp"] - claims["iat"] == 120
    assert abs(issued.expires_at - datetime.now(UTC)) < timedelta(minutes=3)


async def test_every_phone_form_is_one_user(users):
    e164 = fresh_phone()
    client = users.client("ai")
    names = set()
    for form in kenyan_forms(e164):
        issued = await client.token_for_phone(form, create_user_if_missing=True)
        names.add(issued.user.name)
        assert issued.user.phone_number == e164
    assert len(names) == 1
    for form in kenyan_forms(e164):
        assert (await client.lookup_by_phone(form)).name in names


async def test_unknown_member_without_creation_is_not_found(users):
    code, reason = await failure(users.client("wallet").token_for_phone(fresh_phone()))
    assert (code, reason) == (grpc.StatusCode.NOT_FOUND, "USER_NOT_FOUND")
    code, reason = await failure(users.client("ai").token_for_user("users/doesnotexist"))
    assert (code, reason) == (grpc.StatusCode.NOT_FOUND, "USER_NOT_FOUND")


async def test_only_some_services_may_create_users(users):
    code, reason = await failure(
        users.client("wallet").token_for_phone(fresh_phone(), create_user_if_missing=True)
    )
    assert (code, reason) == (grpc.StatusCode.PERMISSION_DENIED, "USER_CREATION_NOT_ALLOWED")


async def test_issue_service_token_refuses_non_services(users):
    request = pb.IssueServiceTokenRequest(request_id=request_id(), phone_number=fresh_phone())
    code, reason = await failure(users.stub.IssueServiceToken(request))
    assert (code, reason) == (grpc.StatusCode.UNAUTHENTICATED, "UNAUTHENTICATED")
    # The shared secret in headers, without a service token, identifies no one.
    headers = (("x-service-secret", SECRET), ("x-service-name", "notification"))
    code, reason = await failure(users.stub.IssueServiceToken(request, metadata=headers))
    assert (code, reason) == (grpc.StatusCode.UNAUTHENTICATED, "UNAUTHENTICATED")
    member = await users.client().token_for_phone(fresh_phone(), create_user_if_missing=True)
    code, reason = await failure(
        users.stub.IssueServiceToken(request, metadata=bearer(member.token))
    )
    assert (code, reason) == (grpc.StatusCode.PERMISSION_DENIED, "CALLER_NOT_A_SERVICE")


async def test_issue_service_token_is_idempotent_by_request_id(users):
    client = users.client("ai")
    rid, phone = request_id(), fresh_phone()
    first = await client.token_for_phone(phone, create_user_if_missing=True, request_id=rid)
    again = await client.token_for_phone(phone, create_user_if_missing=True, request_id=rid)
    assert first.new_user and again.new_user  # the first outcome, not "created again"
    assert first.user.name == again.user.name
    code, reason = await failure(
        client.token_for_phone(fresh_phone(), create_user_if_missing=True, request_id=rid)
    )
    assert (code, reason) == (grpc.StatusCode.INVALID_ARGUMENT, "REQUEST_ID_REUSED")


async def test_service_token_lifetime_is_at_most_15_minutes(users):
    request = pb.IssueServiceTokenRequest(
        request_id=request_id(),
        phone_number=fresh_phone(),
        create_user_if_missing=True,
        ttl=duration_pb2.Duration(seconds=901),
    )
    token = users.client("ai")._tokens.token()
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await users.stub.IssueServiceToken(request, metadata=bearer(token))
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    fields = {v.field for v in details_of(caught.value)["BadRequest"].field_violations}
    assert fields == {"ttl"}


async def test_lookup_by_phone_is_for_services_only(users):
    phone = fresh_phone()
    member = await users.client().token_for_phone(phone, create_user_if_missing=True)
    code, reason = await failure(
        users.stub.LookupUserByPhone(
            pb.LookupUserByPhoneRequest(phone_number=phone), metadata=bearer(member.token)
        )
    )
    assert (code, reason) == (grpc.StatusCode.PERMISSION_DENIED, "CALLER_NOT_A_SERVICE")
    assert await users.client("wallet").lookup_by_phone(fresh_phone()) is None
    code, reason = await failure(users.client("wallet").lookup_by_phone("12345678"))
    assert (code, reason) == (grpc.StatusCode.INVALID_ARGUMENT, "INVALID_PHONE_NUMBER")


async def test_tier_limits_are_the_published_data(users):
    client = users.client("wallet")
    expected = {1: (100, 50, 25), 2: (1_000, 500, 250), 3: (10_000, 5_000, 2_500)}
    for tier, (save, withdraw, transfer) in expected.items():
        limits = await client.tier_limits(tier)
        assert limits.name == f"tierLimits/{tier}"
        assert limits.kyc_tier == tier
        assert limits.daily_save_limit.currency_code == "USD"
        assert limits.daily_save_limit.minor_units == save * 100
        assert limits.daily_withdrawal_limit.minor_units == withdraw * 100
        assert limits.daily_transfer_limit.minor_units == transfer * 100
        assert limits.step_up_threshold.minor_units == 100 * 100
    token = client._tokens.token()
    listed = await users.stub.ListTierLimits(pb.ListTierLimitsRequest(), metadata=bearer(token))
    assert [t.kyc_tier for t in listed.tier_limits] == [1, 2, 3]
    first = await users.stub.ListTierLimits(
        pb.ListTierLimitsRequest(page_size=2), metadata=bearer(token)
    )
    rest = await users.stub.ListTierLimits(
        pb.ListTierLimitsRequest(page_size=2, page_token=first.next_page_token),
        metadata=bearer(token),
    )
    assert [t.kyc_tier for t in first.tier_limits] == [1, 2]
    assert [t.kyc_tier for t in rest.tier_limits] == [3] and not rest.next_page_token
    code, reason = await failure(
        users.stub.GetTierLimits(pb.GetTierLimitsRequest(name="tierLimits/1"))
    )
    assert (code, reason) == (grpc.StatusCode.UNAUTHENTICATED, "UNAUTHENTICATED")


async def test_bootstrap_admin_number_becomes_admin(users):
    issued = await users.client("ai").token_for_phone(ADMIN_PHONE, create_user_if_missing=True)
    assert set(issued.user.roles) == {users_pb2.ROLE_MEMBER, users_pb2.ROLE_ADMIN}
