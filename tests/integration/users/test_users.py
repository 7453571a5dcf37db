"""Profiles, permissions, admin changes and the audit log, against PostgreSQL + Redis."""

from __future__ import annotations

import grpc
import pytest
import sqlalchemy
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


def bearer(token: str) -> tuple[tuple[str, str], ...]:
    return (("authorization", f"Bearer {token}"),)


async def member(users) -> tuple[str, str]:
    """(name, access token) of a new member."""
    signed_in = await users.sign_in()
    return signed_in.user.name, signed_in.tokens.access_token


@pytest.fixture(scope="module")
async def admin(users) -> tuple[str, str]:
    signed_in = await users.sign_in(ADMIN_PHONE)
    assert users_pb2.ROLE_ADMIN in signed_in.user.roles
    return signed_in.user.name, signed_in.tokens.access_token


async def failure(call):
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await call
    details = details_of(caught.value)
    return caught.value.code(), details["ErrorInfo"].reason, caught.value


def update(name: str, paths: list[str], rid: str | None = None, **fields):
    return pb.UpdateUserRequest(
        request_id=rid or request_id(),
        user=users_pb2.User(name=name, **fields),
        update_mask=field_mask_pb2.FieldMask(paths=paths),
    )


async def test_member_reads_themselves(users):
    name, token = await member(users)
    for asked in ("users/me", name):
        answer = await users.stub.GetUser(pb.GetUserRequest(name=asked), metadata=bearer(token))
        assert answer.user.name == name
        assert answer.user.kyc_tier == users_pb2.KYC_TIER_1
        assert answer.user.notification_frequency == users_pb2.NOTIFICATION_FREQUENCY_DAILY
        assert answer.user.language_code == "en" and not answer.user.voice_replies


async def test_another_user_and_a_missing_user_look_the_same(users):
    _, token = await member(users)
    other, _ = await member(users)
    outcomes = []
    for name in (other, "users/doesnotexist"):
        code, reason, error = await failure(
            users.stub.GetUser(pb.GetUserRequest(name=name), metadata=bearer(token))
        )
        outcomes.append((code, reason, error.details()))
        code, reason, error = await failure(
            users.stub.UpdateUser(
                update(name, ["display_name"], display_name="Mallory"), metadata=bearer(token)
            )
        )
        outcomes.append((code, reason, error.details()))
    assert outcomes[0] == outcomes[2] and outcomes[1] == outcomes[3]
    assert {o[:2] for o in outcomes} == {(grpc.StatusCode.PERMISSION_DENIED, "USER_ACCESS_DENIED")}


async def test_member_changes_profile_and_preferences(users):
    name, token = await member(users)
    answer = await users.stub.UpdateUser(
        update(
            "users/me",
            ["display_name", "language_code", "voice_replies", "notification_frequency"],
            display_name="Wanjiku",
            language_code="sw",
            voice_replies=True,
            notification_frequency=users_pb2.NOTIFICATION_FREQUENCY_WEEKLY,
        ),
        metadata=bearer(token),
    )
    user = answer.user
    assert (user.name, user.display_name, user.language_code, user.voice_replies) == (
        name,
        "Wanjiku",
        "sw",
        True,
    )
    assert user.notification_frequency == users_pb2.NOTIFICATION_FREQUENCY_WEEKLY
    # Only the masked field changes.
    answer = await users.stub.UpdateUser(
        update("users/me", ["voice_replies"], display_name="ignored", voice_replies=False),
        metadata=bearer(token),
    )
    assert answer.user.display_name == "Wanjiku" and not answer.user.voice_replies


async def test_consents_are_merged_by_type(users):
    _, token = await member(users)
    grant = [
        users_pb2.Consent(type=users_pb2.CONSENT_TYPE_TERMS_OF_SERVICE, granted=True),
        users_pb2.Consent(
            type=users_pb2.CONSENT_TYPE_MARKETING, granted=True, policy_version="2025-01"
        ),
    ]
    await users.stub.UpdateUser(
        update("users/me", ["consents"], consents=grant), metadata=bearer(token)
    )
    withdraw = [users_pb2.Consent(type=users_pb2.CONSENT_TYPE_MARKETING, granted=False)]
    user = (
        await users.stub.UpdateUser(
            update("users/me", ["consents"], consents=withdraw), metadata=bearer(token)
        )
    ).user
    consents = {c.type: c for c in user.consents}
    assert set(consents) == {
        users_pb2.CONSENT_TYPE_TERMS_OF_SERVICE,
        users_pb2.CONSENT_TYPE_MARKETING,
    }
    assert consents[users_pb2.CONSENT_TYPE_TERMS_OF_SERVICE].granted
    marketing = consents[users_pb2.CONSENT_TYPE_MARKETING]
    assert not marketing.granted and marketing.policy_version == "2025-01"
    assert marketing.HasField("grant_time") and marketing.HasField("revoke_time")


@pytest.mark.parametrize(
    ("paths", "fields", "refused"),
    [
        (["display_name", "kyc_tier"], {"kyc_tier": users_pb2.KYC_TIER_3}, {"kyc_tier"}),
        (["roles"], {"roles": [users_pb2.ROLE_ADMIN]}, {"roles"}),
        (["status"], {"status": users_pb2.USER_STATUS_ACTIVE}, {"status"}),
        (
            ["phone_number", "create_time"],
            {"phone_number": "+254700000000"},
            {"phone_number", "create_time"},
        ),
        (["password"], {}, {"password"}),
    ],
)
async def test_mass_assignment_is_rejected_and_changes_nothing(users, paths, fields, refused):
    name, token = await member(users)
    code, reason, error = await failure(
        users.stub.UpdateUser(
            update("users/me", paths, display_name="Changed", **fields), metadata=bearer(token)
        )
    )
    assert (code, reason) == (grpc.StatusCode.INVALID_ARGUMENT, "FIELD_NOT_UPDATABLE")
    named = {v.field for v in details_of(error)["BadRequest"].field_violations}
    assert named == refused
    user = (await users.stub.GetUser(pb.GetUserRequest(name=name), metadata=bearer(token))).user
    assert user.display_name == "" and list(user.roles) == [users_pb2.ROLE_MEMBER]
    assert user.kyc_tier == users_pb2.KYC_TIER_1


async def test_update_mask_is_required(users):
    _, token = await member(users)
    for paths in ([], ["*"]):
        code, reason, _ = await failure(
            users.stub.UpdateUser(update("users/me", paths), metadata=bearer(token))
        )
        assert (code, reason) == (grpc.StatusCode.INVALID_ARGUMENT, "UPDATE_MASK_REQUIRED")


async def test_masked_fields_need_valid_values(users):
    _, token = await member(users)
    for paths, fields in (
        (["language_code"], {"language_code": ""}),
        (["notification_frequency"], {}),
    ):
        code, reason, _ = await failure(
            users.stub.UpdateUser(update("users/me", paths, **fields), metadata=bearer(token))
        )
        assert (code, reason) == (grpc.StatusCode.INVALID_ARGUMENT, "INVALID_FIELD_VALUE")


async def test_update_is_idempotent_by_request_id(users):
    _, token = await member(users)
    rid = request_id()
    first = await users.stub.UpdateUser(
        update("users/me", ["display_name"], rid=rid, display_name="Otieno"),
        metadata=bearer(token),
    )
    again = await users.stub.UpdateUser(
        update("users/me", ["display_name"], rid=rid, display_name="Otieno"),
        metadata=bearer(token),
    )
    assert first == again
    code, reason, _ = await failure(
        users.stub.UpdateUser(
            update("users/me", ["display_name"], rid=rid, display_name="Someone else"),
            metadata=bearer(token),
        )
    )
    assert (code, reason) == (grpc.StatusCode.INVALID_ARGUMENT, "REQUEST_ID_REUSED")


async def test_only_admins_set_tiers_and_each_change_is_audited(users, admin):
    _, admin_token = admin
    name, token = await member(users)
    tier = pb.SetUserTierRequest(
        request_id=request_id(),
        name=name,
        kyc_tier=users_pb2.KYC_TIER_2,
        reason="ID checked, #4711",
    )
    code, reason, _ = await failure(users.stub.SetUserTier(tier, metadata=bearer(token)))
    assert (code, reason) == (grpc.StatusCode.PERMISSION_DENIED, "ADMIN_REQUIRED")

    changed = await users.stub.SetUserTier(tier, metadata=bearer(admin_token))
    assert changed.user.kyc_tier == users_pb2.KYC_TIER_2
    event = changed.audit_event
    assert event.action == users_pb2.AUDIT_ACTION_TIER_CHANGED
    assert (event.tier_change.old_tier, event.tier_change.new_tier) == (1, 2)
    assert (event.actor, event.reason, event.request_id) == (
        admin[0],
        "ID checked, #4711",
        tier.request_id,
    )
    assert event.name.startswith(f"{name}/auditEvents/")
    # The same tier again: nothing to audit.
    same = await users.stub.SetUserTier(
        pb.SetUserTierRequest(
            request_id=request_id(), name=name, kyc_tier=users_pb2.KYC_TIER_2, reason="again"
        ),
        metadata=bearer(admin_token),
    )
    assert not same.HasField("audit_event")
    listed = await users.stub.ListAuditEvents(
        pb.ListAuditEventsRequest(parent=name), metadata=bearer(admin_token)
    )
    assert [e.name for e in listed.audit_events] == [event.name]
    # The member's next token carries the new tier.
    refreshed = await users.client().token_for_user(name)
    assert refreshed.user.kyc_tier == users_pb2.KYC_TIER_2

    code, reason, _ = await failure(
        users.stub.SetUserTier(
            pb.SetUserTierRequest(
                request_id=request_id(),
                name="users/nobody",
                kyc_tier=users_pb2.KYC_TIER_3,
                reason="typo",
            ),
            metadata=bearer(admin_token),
        )
    )
    assert (code, reason) == (grpc.StatusCode.NOT_FOUND, "USER_NOT_FOUND")


async def test_support_reads_anyone_but_changes_nothing(users, admin):
    _, admin_token = admin
    staff, _ = await member(users)
    await users.stub.SetUserRoles(
        pb.SetUserRolesRequest(
            request_id=request_id(),
            name=staff,
            roles=[users_pb2.ROLE_MEMBER, users_pb2.ROLE_SUPPORT],
            reason="joined support",
        ),
        metadata=bearer(admin_token),
    )
    support_token = (await users.client().token_for_user(staff)).token
    someone, _ = await member(users)
    answer = await users.stub.GetUser(
        pb.GetUserRequest(name=someone), metadata=bearer(support_token)
    )
    assert answer.user.name == someone
    code, reason, _ = await failure(
        users.stub.GetUser(pb.GetUserRequest(name="users/missing"), metadata=bearer(support_token))
    )
    assert (code, reason) == (grpc.StatusCode.NOT_FOUND, "USER_NOT_FOUND")
    events = await users.stub.ListAuditEvents(
        pb.ListAuditEventsRequest(parent=staff), metadata=bearer(support_token)
    )
    (event,) = events.audit_events
    assert list(event.roles_change.new_roles) == [users_pb2.ROLE_MEMBER, users_pb2.ROLE_SUPPORT]
    code, reason, _ = await failure(
        users.stub.SetUserTier(
            pb.SetUserTierRequest(
                request_id=request_id(), name=someone, kyc_tier=3, reason="not allowed"
            ),
            metadata=bearer(support_token),
        )
    )
    assert (code, reason) == (grpc.StatusCode.PERMISSION_DENIED, "ADMIN_REQUIRED")
    _, member_token = await member(users)
    code, reason, _ = await failure(
        users.stub.ListAuditEvents(
            pb.ListAuditEventsRequest(parent="users/-"), metadata=bearer(member_token)
        )
    )
    assert (code, reason) == (grpc.StatusCode.PERMISSION_DENIED, "SUPPORT_OR_ADMIN_REQUIRED")


async def test_a_demoted_admin_cannot_act_with_an_old_token(users, admin):
    _, admin_token = admin
    deputy, _ = await member(users)
    await users.stub.SetUserRoles(
        pb.SetUserRolesRequest(
            request_id=request_id(),
            name=deputy,
            roles=[users_pb2.ROLE_MEMBER, users_pb2.ROLE_ADMIN],
            reason="deputy",
        ),
        metadata=bearer(admin_token),
    )
    deputy_token = (await users.client().token_for_user(deputy)).token
    await users.stub.SetUserRoles(
        pb.SetUserRolesRequest(
            request_id=request_id(), name=deputy, roles=[users_pb2.ROLE_MEMBER], reason="done"
        ),
        metadata=bearer(admin_token),
    )
    someone, _ = await member(users)
    code, reason, _ = await failure(
        users.stub.SetUserTier(
            pb.SetUserTierRequest(
                request_id=request_id(), name=someone, kyc_tier=3, reason="x" * 3
            ),
            metadata=bearer(deputy_token),
        )
    )
    assert (code, reason) == (grpc.StatusCode.PERMISSION_DENIED, "ADMIN_REQUIRED")


async def test_suspension_ends_sessions_and_blocks_sign_in(users, admin):
    _, admin_token = admin
    phone = fresh_phone()
    signed_in = await users.sign_in(phone)
    name = signed_in.user.name
    suspended = await users.stub.SetUserStatus(
        pb.SetUserStatusRequest(
            request_id=request_id(),
            name=name,
            status=users_pb2.USER_STATUS_SUSPENDED,
            reason="fraud report #99",
        ),
        metadata=bearer(admin_token),
    )
    assert suspended.user.status == users_pb2.USER_STATUS_SUSPENDED
    assert suspended.audit_event.status_change.new_status == users_pb2.USER_STATUS_SUSPENDED
    code, reason, _ = await failure(
        users.stub.RefreshSession(
            pb.RefreshSessionRequest(
                request_id=request_id(), refresh_token=signed_in.tokens.refresh_token
            )
        )
    )
    assert (code, reason) == (grpc.StatusCode.UNAUTHENTICATED, "SESSION_REVOKED")
    code, reason, _ = await failure(users.sign_in(phone))
    assert (code, reason) == (grpc.StatusCode.PERMISSION_DENIED, "USER_SUSPENDED")
    code, reason, _ = await failure(users.client().token_for_phone(phone))
    assert (code, reason) == (grpc.StatusCode.PERMISSION_DENIED, "USER_SUSPENDED")
    # LookupUserByPhone still finds the user (the caller decides what suspension means).
    found = await users.client("wallet").lookup_by_phone(phone)
    assert found.status == users_pb2.USER_STATUS_SUSPENDED

    await users.stub.SetUserStatus(
        pb.SetUserStatusRequest(
            request_id=request_id(),
            name=name,
            status=users_pb2.USER_STATUS_ACTIVE,
            reason="cleared",
        ),
        metadata=bearer(admin_token),
    )
    assert (await users.sign_in(phone)).user.name == name


async def test_audit_log_pages_filters_and_is_append_only(users, admin):
    _, admin_token = admin
    name, _ = await member(users)
    for tier in (2, 3, 1):
        await users.stub.SetUserTier(
            pb.SetUserTierRequest(
                request_id=request_id(), name=name, kyc_tier=tier, reason=f"to {tier}"
            ),
            metadata=bearer(admin_token),
        )
    await users.stub.SetUserRoles(
        pb.SetUserRolesRequest(
            request_id=request_id(),
            name=name,
            roles=[users_pb2.ROLE_MEMBER, users_pb2.ROLE_SUPPORT],
            reason="helper",
        ),
        metadata=bearer(admin_token),
    )
    seen, token = [], ""
    while True:
        page = await users.stub.ListAuditEvents(
            pb.ListAuditEventsRequest(parent=name, page_size=2, page_token=token),
            metadata=bearer(admin_token),
        )
        seen.extend(page.audit_events)
        token = page.next_page_token
        if not token:
            break
    assert [e.reason for e in seen] == ["helper", "to 1", "to 3", "to 2"]  # newest first
    tiers = await users.stub.ListAuditEvents(
        pb.ListAuditEventsRequest(parent=name, action=users_pb2.AUDIT_ACTION_TIER_CHANGED),
        metadata=bearer(admin_token),
    )
    assert len(tiers.audit_events) == 3
    everyone = await users.stub.ListAuditEvents(
        pb.ListAuditEventsRequest(parent="users/-", page_size=1000), metadata=bearer(admin_token)
    )
    assert {e.name for e in seen} <= {e.name for e in everyone.audit_events}
    code, reason, _ = await failure(
        users.stub.ListAuditEvents(
            pb.ListAuditEventsRequest(
                parent="users/-", page_token=page_token_of(users, admin_token, name)
            ),
            metadata=bearer(admin_token),
        )
    )
    assert (code, reason) == (grpc.StatusCode.INVALID_ARGUMENT, "INVALID_PAGE_TOKEN")

    db = users.service.resources.db
    for statement in (
        "UPDATE users.audit_events SET reason = 'rewritten'",
        "DELETE FROM users.audit_events",
    ):
        with pytest.raises(sqlalchemy.exc.DBAPIError, match="append-only"):
            async with db.transaction() as session:
                await session.execute(sqlalchemy.text(statement))


def page_token_of(users, admin_token, name) -> str:
    """A token of one query (one user's events) is refused for another (everyone's)."""
    import base64

    return base64.urlsafe_b64encode(f"999999|{name.removeprefix('users/')}|".encode()).decode()


async def test_the_last_admin_cannot_be_removed(private_pg_url, redis_url, namespace):
    phone = fresh_phone()
    async with users_service(
        private_pg_url, redis_url, namespace, bootstrap_admin_phones=[phone]
    ) as users:
        signed_in = await users.sign_in(phone)
        name, token = signed_in.user.name, signed_in.tokens.access_token
        for call in (
            users.stub.SetUserRoles(
                pb.SetUserRolesRequest(
                    request_id=request_id(),
                    name=name,
                    roles=[users_pb2.ROLE_MEMBER],
                    reason="stepping down",
                ),
                metadata=bearer(token),
            ),
            users.stub.SetUserStatus(
                pb.SetUserStatusRequest(
                    request_id=request_id(),
                    name=name,
                    status=users_pb2.USER_STATUS_SUSPENDED,
                    reason="oops",
                ),
                metadata=bearer(token),
            ),
        ):
            code, reason, _ = await failure(call)
            assert (code, reason) == (grpc.StatusCode.FAILED_PRECONDITION, "LAST_ADMIN")
        # With a second admin, the first may step down.
        other = await users.sign_in()
        await users.stub.SetUserRoles(
            pb.SetUserRolesRequest(
                request_id=request_id(),
                name=other.user.name,
                roles=[users_pb2.ROLE_MEMBER, users_pb2.ROLE_ADMIN],
                reason="successor",
            ),
            metadata=bearer(token),
        )
        stepped = await users.stub.SetUserRoles(
            pb.SetUserRolesRequest(
                request_id=request_id(), name=name, roles=[users_pb2.ROLE_MEMBER], reason="bye"
            ),
            metadata=bearer(token),
        )
        assert list(stepped.user.roles) == [users_pb2.ROLE_MEMBER]
