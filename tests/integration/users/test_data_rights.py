"""Data rights: export everything as one JSON document; erase by irreversible pseudonymisation.

That an erased user's ledger history still balances needs the wallet service; that test lives
with the wallet's tests."""

from __future__ import annotations

import json

import grpc
import pytest
from bitsacco.common.v1 import common_pb2
from bitsacco.users.v1 import users_pb2
from bitsacco.users.v1 import users_service_pb2 as pb
from google.protobuf import field_mask_pb2

from tests.harness import details_of
from tests.integration.users.serving import fresh_phone, request_id, users_service

ADMIN_PHONE = fresh_phone()


@pytest.fixture(scope="module")
async def users(pg_url, redis_url, namespace):
    async with users_service(
        pg_url, redis_url, namespace, bootstrap_admin_phones=[ADMIN_PHONE]
    ) as running:
        yield running


@pytest.fixture(scope="module")
async def admin_token(users) -> str:
    return (await users.sign_in(ADMIN_PHONE)).tokens.access_token


def bearer(token: str) -> tuple[tuple[str, str], ...]:
    return (("authorization", f"Bearer {token}"),)


async def failure(call):
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await call
    return caught.value.code(), details_of(caught.value)["ErrorInfo"].reason


async def export(users, token: str, name: str = "users/me") -> dict:
    answer = await users.stub.ExportUserData(
        pb.ExportUserDataRequest(name=name), metadata=bearer(token)
    )
    assert answer.http_body.content_type == "application/json"
    return json.loads(answer.http_body.data)


def integers_only(value) -> bool:
    if isinstance(value, float):
        return False
    if isinstance(value, dict):
        return all(integers_only(v) for v in value.values())
    if isinstance(value, list):
        return all(integers_only(v) for v in value)
    return True


async def test_export_holds_everything_and_no_secrets(users, admin_token):
    signed_in = await users.sign_in()
    token, name = signed_in.tokens.access_token, signed_in.user.name
    await users.stub.UpdateUser(
        pb.UpdateUserRequest(
            request_id=request_id(),
            user=users_pb2.User(
                name="users/me",
                display_name="Achieng",
                consents=[
                    users_pb2.Consent(type=users_pb2.CONSENT_TYPE_DATA_PROCESSING, granted=True)
                ],
            ),
            update_mask=field_mask_pb2.FieldMask(paths=["display_name", "consents"]),
        ),
        metadata=bearer(token),
    )
    await users.stub.SetUserTier(
        pb.SetUserTierRequest(request_id=request_id(), name=name, kyc_tier=2, reason="ID seen"),
        metadata=bearer(admin_token),
    )
    await users.stub.StartStepUp(
        pb.StartStepUpRequest(
            request_id=request_id(),
            parent="users/me",
            transaction_request_id=request_id(),
            action=users_pb2.STEP_UP_ACTION_TRANSFER,
            amount=common_pb2.Money(currency_code="KES", minor_units=1_500_000),
        ),
        metadata=bearer(token),
    )
    step_up_code = await users.outbox.next_code(signed_in.user.phone_number)
    document = await export(users, token)
    raw = json.dumps(document)
    assert document["user"]["name"] == name
    assert document["user"]["phone_number"] == signed_in.user.phone_number
    assert document["user"]["kyc_tier"] == 2
    assert document["preferences"]["display_name"] == "Achieng"
    assert [c["type"] for c in document["consents"]] == ["data_processing"]
    assert [h["type"] for h in document["consent_history"]] == ["data_processing"]
    assert len(document["sessions"]) == 1 and "device" in document["sessions"][0]
    actions = [e["action"] for e in document["audit_events"]]
    assert "tier_changed" in actions and "data_exported" in actions
    (challenge,) = document["step_up_challenges"]
    assert challenge["amount"] == {"currency_code": "KES", "minor_units": 1_500_000}
    assert integers_only(document)
    assert signed_in.tokens.refresh_token not in raw
    assert signed_in.tokens.access_token not in raw
    assert step_up_code not in json.dumps(document["step_up_challenges"])


async def test_export_is_for_the_user_or_an_admin(users, admin_token):
    token = (await users.sign_in()).tokens.access_token
    other = (await users.sign_in()).user.name
    for name in (other, "users/missing"):
        assert await failure(
            users.stub.ExportUserData(pb.ExportUserDataRequest(name=name), metadata=bearer(token))
        ) == (grpc.StatusCode.PERMISSION_DENIED, "USER_ACCESS_DENIED")
    assert (await export(users, admin_token, other))["user"]["name"] == other
    assert await failure(
        users.stub.ExportUserData(
            pb.ExportUserDataRequest(name="users/missing"), metadata=bearer(admin_token)
        )
    ) == (grpc.StatusCode.NOT_FOUND, "USER_NOT_FOUND")


async def test_erasure_pseudonymises_ends_sessions_and_frees_the_number(users, admin_token):
    phone = fresh_phone()
    signed_in = await users.sign_in(phone)
    name, token = signed_in.user.name, signed_in.tokens.access_token
    await users.stub.UpdateUser(
        pb.UpdateUserRequest(
            request_id=request_id(),
            user=users_pb2.User(name="users/me", display_name="Kamau"),
            update_mask=field_mask_pb2.FieldMask(paths=["display_name"]),
        ),
        metadata=bearer(token),
    )
    rid = request_id()
    erase = pb.EraseUserRequest(request_id=rid, name="users/me", confirm=True)
    erased = (await users.stub.EraseUser(erase, metadata=bearer(token))).user
    assert erased.name == name  # the same pseudonymous id
    assert erased.status == users_pb2.USER_STATUS_ERASED
    assert erased.phone_number == "" and erased.display_name == ""
    assert erased.HasField("erase_time")
    # A retry answers the same; a new erasure request is refused.
    assert (await users.stub.EraseUser(erase, metadata=bearer(token))).user == erased
    assert await failure(
        users.stub.EraseUser(
            pb.EraseUserRequest(request_id=request_id(), name="users/me", confirm=True),
            metadata=bearer(token),
        )
    ) == (grpc.StatusCode.FAILED_PRECONDITION, "USER_ERASED")
    # Sessions end at once.
    assert await failure(
        users.stub.RefreshSession(
            pb.RefreshSessionRequest(
                request_id=request_id(), refresh_token=signed_in.tokens.refresh_token
            )
        )
    ) == (grpc.StatusCode.UNAUTHENTICATED, "SESSION_REVOKED")
    # Nothing finds the person any more; the number is free for a new account.
    assert await users.client("wallet").lookup_by_phone(phone) is None
    assert await failure(users.client().token_for_user(name)) == (
        grpc.StatusCode.NOT_FOUND,
        "USER_NOT_FOUND",
    )
    again = await users.sign_in(phone)
    assert again.new_user and again.user.name != name
    # What the law keeps stays, linked only to the pseudonym.
    document = await export(users, admin_token, name)
    assert document["user"]["phone_number"] is None
    assert document["preferences"]["display_name"] == ""
    assert all(s["device"] == "" for s in document["sessions"])
    assert phone not in json.dumps(document)
    events = await users.stub.ListAuditEvents(
        pb.ListAuditEventsRequest(parent=name, action=users_pb2.AUDIT_ACTION_USER_ERASED),
        metadata=bearer(admin_token),
    )
    (event,) = events.audit_events
    assert event.status_change.new_status == users_pb2.USER_STATUS_ERASED
    assert event.actor == name and event.request_id == rid


async def test_erasure_permissions(users, admin_token):
    token = (await users.sign_in()).tokens.access_token
    other = (await users.sign_in()).user.name
    for name in (other, "users/missing"):
        assert await failure(
            users.stub.EraseUser(
                pb.EraseUserRequest(request_id=request_id(), name=name, confirm=True),
                metadata=bearer(token),
            )
        ) == (grpc.StatusCode.PERMISSION_DENIED, "USER_ACCESS_DENIED")
    assert await failure(
        users.stub.EraseUser(
            pb.EraseUserRequest(request_id=request_id(), name=other, confirm=True),
            metadata=bearer(admin_token),
        )
    ) == (grpc.StatusCode.INVALID_ARGUMENT, "REASON_REQUIRED")
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await users.stub.EraseUser(
            pb.EraseUserRequest(request_id=request_id(), name="users/me", confirm=False),
            metadata=bearer(token),
        )
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    erased = await users.stub.EraseUser(
        pb.EraseUserRequest(
            request_id=request_id(), name=other, confirm=True, reason="court order 12/2025"
        ),
        metadata=bearer(admin_token),
    )
    assert erased.user.status == users_pb2.USER_STATUS_ERASED
