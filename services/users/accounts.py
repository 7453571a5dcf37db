"""Users: reading, self-service profile changes, admin changes (audited), tier limits, data
export and erasure."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime, timedelta

from bitsacco.users.v1 import users_service_pb2 as pb
from google.api import httpbody_pb2
from sqlalchemy.ext.asyncio import AsyncSession

from services.runtime.auth import Caller
from services.runtime.errors import (
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from services.runtime.events import publish
from services.users import model
from services.users.app import UsersApp
from services.users.identity import phone_or_invalid
from services.users.messages import (
    AUDIT_FROM_PROTO,
    CONSENT_FROM_PROTO,
    FREQUENCY_FROM_PROTO,
    ROLE_FROM_PROTO,
    STATUS_FROM_PROTO,
    audit_event_to_proto,
    user_to_proto,
)
from services.users.rules import access
from services.users.rules.profile import guard_last_admin, ordered_roles, profile_change
from services.users.storage import audit
from services.users.storage import limits as limit_rows
from services.users.storage import requests as idempotency
from services.users.storage import sessions as session_rows
from services.users.storage import step_ups as step_up_rows
from services.users.storage import users as user_rows
from services.users.storage.tables import outbox

EXPORT_FORMAT = "bitsacco.users.export/v1"


# -- reading ------------------------------------------------------------------------------------


async def get_user(app: UsersApp, caller: Caller, name: str) -> model.User:
    ident, privileged = access.readable_target(caller, name)
    async with app.reading() as session:
        user = await user_rows.get_user(session, ident)
    if user is None:
        if not privileged:
            raise access.access_denied()
        raise NotFound("USER_NOT_FOUND", "No such user.")
    return user


async def lookup_by_phone(app: UsersApp, caller: Caller, raw_phone: str) -> model.User:
    if not caller.is_service:
        raise PermissionDenied("CALLER_NOT_A_SERVICE", "Only an internal service may look up.")
    phone = phone_or_invalid(raw_phone)
    async with app.reading() as session:
        user = await user_rows.get_user_by_phone(session, phone)
    if user is None or user.status == model.ERASED:
        raise NotFound("USER_NOT_FOUND", "Nobody has that number.")
    return user


async def get_tier_limits(app: UsersApp, tier: int) -> model.TierLimits:
    async with app.reading() as session:
        limits = await limit_rows.get_tier_limits(session, tier)
    if limits is None:
        raise NotFound("TIER_LIMITS_NOT_FOUND", f"No limits for tier {tier}.")
    return limits


async def list_tier_limits(app: UsersApp) -> list[model.TierLimits]:
    async with app.reading() as session:
        return await limit_rows.list_tier_limits(session)


# -- self-service -------------------------------------------------------------------------------


async def _claim(app: UsersApp, session: AsyncSession, caller: Caller, request, method: str):
    return await idempotency.claim(
        session,
        caller.subject,
        request.request_id,
        method,
        idempotency.fingerprint(request),
        app.now(),
    )


def _refuse_erased(user: model.User) -> None:
    if user.status == model.ERASED:
        raise FailedPrecondition("USER_ERASED", "This user has been erased.")


async def update_user(
    app: UsersApp, caller: Caller, request: pb.UpdateUserRequest
) -> pb.UpdateUserResponse:
    ident = access.own_target(caller, request.user.name)
    given = request.user
    change = profile_change(
        list(request.update_mask.paths),
        display_name=given.display_name,
        language_code=given.language_code,
        voice_replies=given.voice_replies,
        notification_frequency=FREQUENCY_FROM_PROTO.get(given.notification_frequency),
        consents=[
            (CONSENT_FROM_PROTO.get(c.type), c.granted, c.policy_version) for c in given.consents
        ],
    )
    async with app.db.transaction() as session:
        claim = await _claim(app, session, caller, request, "UpdateUser")
        if claim.previous is not None:
            return pb.UpdateUserResponse.FromString(claim.previous)
        user = await user_rows.get_user(session, ident, for_update=True)
        if user is None:
            raise access.access_denied()
        _refuse_erased(user)
        now = app.now()
        if change.values:
            await user_rows.update_user(session, ident, now, **change.values)
        for consent in change.consents:
            await user_rows.set_consent(
                session, ident, consent.consent_type, consent.granted, consent.policy_version, now
            )
        if change.consents and not change.values:
            await user_rows.update_user(session, ident, now)
        response = pb.UpdateUserResponse(
            user=user_to_proto(await user_rows.get_user(session, ident))
        )
        await idempotency.complete(session, claim, response.SerializeToString())
    return response


# -- admin --------------------------------------------------------------------------------------


async def _admin_target(
    app: UsersApp, session: AsyncSession, caller: Caller, name: str
) -> model.User:
    """The user an admin acts on. The admin's roles are re-read, so a revoked admin whose token
    has not expired yet can no longer act."""
    access.require_admin(caller)
    actor = await user_rows.get_user(session, caller.user_id) if caller.user_id else None
    if actor is None or actor.status != model.ACTIVE or model.ADMIN not in actor.roles:
        raise PermissionDenied("ADMIN_REQUIRED", "Only an admin may do this.")
    user = await user_rows.get_user(session, access.target_id(caller, name), for_update=True)
    if user is None:
        raise NotFound("USER_NOT_FOUND", "No such user.")
    _refuse_erased(user)
    return user


async def set_tier(
    app: UsersApp, caller: Caller, request: pb.SetUserTierRequest
) -> pb.SetUserTierResponse:
    async with app.db.transaction() as session:
        claim = await _claim(app, session, caller, request, "SetUserTier")
        if claim.previous is not None:
            return pb.SetUserTierResponse.FromString(claim.previous)
        user = await _admin_target(app, session, caller, request.name)
        response = pb.SetUserTierResponse()
        if user.kyc_tier != request.kyc_tier:
            now = app.now()
            await user_rows.update_user(session, user.id, now, kyc_tier=request.kyc_tier)
            event = await audit.append(
                session,
                user_id=user.id,
                action=model.TIER_CHANGED,
                actor=caller.subject,
                reason=request.reason,
                change={"old": user.kyc_tier, "new": request.kyc_tier},
                request_id=request.request_id,
                now=now,
            )
            await publish(
                session,
                outbox,
                "user.tier_changed",
                {"user": user.name, "old_tier": user.kyc_tier, "new_tier": request.kyc_tier},
            )
            response.audit_event.CopyFrom(audit_event_to_proto(event))
        response.user.CopyFrom(user_to_proto(await user_rows.get_user(session, user.id)))
        await idempotency.complete(session, claim, response.SerializeToString())
    return response


async def set_roles(
    app: UsersApp, caller: Caller, request: pb.SetUserRolesRequest
) -> pb.SetUserRolesResponse:
    wanted = ordered_roles({ROLE_FROM_PROTO[r] for r in request.roles})
    async with app.db.transaction() as session:
        claim = await _claim(app, session, caller, request, "SetUserRoles")
        if claim.previous is not None:
            return pb.SetUserRolesResponse.FromString(claim.previous)
        user = await _admin_target(app, session, caller, request.name)
        response = pb.SetUserRolesResponse()
        if set(user.roles) != set(wanted):
            if user.status == model.ACTIVE:
                guard_last_admin(
                    model.ADMIN in user.roles,
                    model.ADMIN in wanted,
                    await user_rows.count_active_admins(session, excluding=user.id),
                )
            now = app.now()
            await user_rows.update_user(session, user.id, now, roles=list(wanted))
            event = await audit.append(
                session,
                user_id=user.id,
                action=model.ROLES_CHANGED,
                actor=caller.subject,
                reason=request.reason,
                change={"old": list(user.roles), "new": list(wanted)},
                request_id=request.request_id,
                now=now,
            )
            await publish(
                session,
                outbox,
                "user.roles_changed",
                {"user": user.name, "old_roles": list(user.roles), "new_roles": list(wanted)},
            )
            response.audit_event.CopyFrom(audit_event_to_proto(event))
        response.user.CopyFrom(user_to_proto(await user_rows.get_user(session, user.id)))
        await idempotency.complete(session, claim, response.SerializeToString())
    return response


async def set_status(
    app: UsersApp, caller: Caller, request: pb.SetUserStatusRequest
) -> pb.SetUserStatusResponse:
    wanted = STATUS_FROM_PROTO[request.status]
    async with app.db.transaction() as session:
        claim = await _claim(app, session, caller, request, "SetUserStatus")
        if claim.previous is not None:
            return pb.SetUserStatusResponse.FromString(claim.previous)
        user = await _admin_target(app, session, caller, request.name)
        response = pb.SetUserStatusResponse()
        if user.status != wanted:
            guard_last_admin(
                model.ADMIN in user.roles and user.status == model.ACTIVE,
                wanted == model.ACTIVE,
                await user_rows.count_active_admins(session, excluding=user.id),
            )
            now = app.now()
            await user_rows.update_user(session, user.id, now, status=wanted)
            if wanted == model.SUSPENDED:
                await session_rows.revoke_user_sessions(session, user.id, "suspended", now)
            event = await audit.append(
                session,
                user_id=user.id,
                action=model.STATUS_CHANGED,
                actor=caller.subject,
                reason=request.reason,
                change={"old": user.status, "new": wanted},
                request_id=request.request_id,
                now=now,
            )
            await publish(
                session,
                outbox,
                "user.status_changed",
                {"user": user.name, "old_status": user.status, "new_status": wanted},
            )
            response.audit_event.CopyFrom(audit_event_to_proto(event))
        response.user.CopyFrom(user_to_proto(await user_rows.get_user(session, user.id)))
        await idempotency.complete(session, claim, response.SerializeToString())
    return response


def _page_token(seq: int, query: str) -> str:
    return base64.urlsafe_b64encode(f"{seq}|{query}".encode()).decode()


def _before_seq(token: str, query: str) -> int | None:
    if not token:
        return None
    try:
        seq, _, bound = base64.urlsafe_b64decode(token.encode()).decode().partition("|")
        if bound != query:
            raise ValueError(token)
        return int(seq)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise InvalidArgument(
            "INVALID_PAGE_TOKEN",
            "That page_token is not one this query gave.",
            violations=[FieldViolation("page_token", "not a page token of this query")],
        ) from exc


async def list_audit_events(
    app: UsersApp, caller: Caller, request: pb.ListAuditEventsRequest
) -> pb.ListAuditEventsResponse:
    access.require_support_or_admin(caller)
    parent = request.parent.removeprefix("users/")
    user_id = None if parent == "-" else access.target_id(caller, request.parent)
    action = AUDIT_FROM_PROTO.get(request.action) if request.action else None
    query = f"{user_id or '-'}|{action or ''}"
    before = _before_seq(request.page_token, query)
    size = request.page_size or 50
    async with app.db.transaction() as session:
        events = await audit.list_events(
            session, user_id=user_id, action=action, before_seq=before, limit=size + 1
        )
    page, more = events[:size], len(events) > size
    return pb.ListAuditEventsResponse(
        audit_events=[audit_event_to_proto(e) for e in page],
        next_page_token=_page_token(page[-1].seq, query) if more else "",
    )


# -- data rights --------------------------------------------------------------------------------


def _json_time(when: datetime | None) -> str | None:
    return when.isoformat() if when else None


def _jsonable(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


async def export_user_data(app: UsersApp, caller: Caller, name: str) -> pb.ExportUserDataResponse:
    ident, by_admin = access.admin_or_self_target(caller, name)
    async with app.db.transaction() as session:
        user = await user_rows.get_user(session, ident)
        if user is None:
            if not by_admin:
                raise access.access_denied()
            raise NotFound("USER_NOT_FOUND", "No such user.")
        now = app.now()
        await audit.append(
            session,
            user_id=ident,
            action=model.DATA_EXPORTED,
            actor=caller.subject,
            reason="",
            change=None,
            request_id="",
            now=now,
        )
        history = await user_rows.consent_changes(session, ident)
        sessions = await session_rows.user_sessions(session, ident)
        events = await audit.list_events(
            session, user_id=ident, action=None, before_seq=None, limit=10_000
        )
        challenges = await step_up_rows.for_user(session, ident)
    document = {
        "format": EXPORT_FORMAT,
        "exported_at": now.isoformat(),
        "user": {
            "name": user.name,
            "phone_number": user.phone_number,
            "status": user.status,
            "kyc_tier": user.kyc_tier,
            "roles": list(user.roles),
            "created_at": _json_time(user.created_at),
            "updated_at": _json_time(user.updated_at),
            "erased_at": _json_time(user.erased_at),
        },
        "preferences": {
            "display_name": user.display_name,
            "language_code": user.language_code,
            "voice_replies": user.voice_replies,
            "notification_frequency": user.notification_frequency,
        },
        "consents": [
            {
                "type": c.consent_type,
                "granted": c.granted,
                "policy_version": c.policy_version,
                "grant_time": _json_time(c.grant_time),
                "revoke_time": _json_time(c.revoke_time),
            }
            for c in user.consents
        ],
        "consent_history": _jsonable(history),
        "sessions": _jsonable(sessions),  # times and devices; tokens are never stored in clear
        "audit_events": [
            {
                "id": e.id,
                "action": e.action,
                "actor": e.actor,
                "reason": e.reason,
                "change": e.change,
                "request_id": e.request_id,
                "time": e.created_at.isoformat(),
            }
            for e in events
        ],
        "step_up_challenges": [
            {
                "id": c.id,
                "transaction_request_id": c.transaction_request_id,
                "action": c.action,
                "amount": {"currency_code": c.currency_code, "minor_units": c.minor_units},
                "state": c.state,
                "created_at": _json_time(c.created_at),
                "verified_at": _json_time(c.verified_at),
            }
            for c in challenges
        ],
        "other_services": await _other_sections(app, user),
    }
    return pb.ExportUserDataResponse(
        http_body=httpbody_pb2.HttpBody(
            content_type="application/json",
            data=json.dumps(document, ensure_ascii=False, sort_keys=True).encode(),
        )
    )


async def _other_sections(app: UsersApp, user: model.User) -> dict:
    """What other services hold about the user, as far as their contracts let us read it."""
    if user.status == model.ERASED:
        return {}
    token = app.issuer.access_token(
        user, app.now(), actor="services/users", ttl=timedelta(minutes=1)
    ).token
    return {"wallet": await app.wallet.export(token)}


async def erase_user(
    app: UsersApp, caller: Caller, request: pb.EraseUserRequest
) -> pb.EraseUserResponse:
    ident, by_admin = access.admin_or_self_target(caller, request.name)
    if by_admin and not request.reason.strip():
        raise InvalidArgument(
            "REASON_REQUIRED",
            "An admin must say why the user is erased.",
            violations=[FieldViolation("reason", "required when an admin erases a user")],
        )
    async with app.db.transaction() as session:
        claim = await _claim(app, session, caller, request, "EraseUser")
        if claim.previous is not None:
            return pb.EraseUserResponse.FromString(claim.previous)
        if by_admin:
            await _admin_target(app, session, caller, request.name)
        user = await user_rows.get_user(session, ident, for_update=True)
        if user is None:
            if not by_admin:
                raise access.access_denied()
            raise NotFound("USER_NOT_FOUND", "No such user.")
        _refuse_erased(user)
        # Funds must leave first: the wallet is asked as the user, with a one-minute token.
        member_token = app.issuer.access_token(
            user, app.now(), actor="services/users", ttl=timedelta(minutes=1)
        ).token
        if await app.wallet.holds_funds(member_token):
            raise FailedPrecondition(
                "WALLET_NOT_EMPTY", "Withdraw or send the remaining funds before erasing."
            )
        now = app.now()
        await user_rows.erase_user(session, ident, now)
        await session_rows.revoke_user_sessions(session, ident, "erased", now)
        await session_rows.forget_devices(session, ident)
        await audit.append(
            session,
            user_id=ident,
            action=model.USER_ERASED,
            actor=caller.subject,
            reason=request.reason,
            change={"old": user.status, "new": model.ERASED},
            request_id=request.request_id,
            now=now,
        )
        await publish(session, outbox, "user.erased", {"user": user.name})
        response = pb.EraseUserResponse(
            user=user_to_proto(await user_rows.get_user(session, ident))
        )
        await idempotency.complete(session, claim, response.SerializeToString())
    if user.phone_number:
        await app.cache.delete(f"otp:{user.phone_number}")
    return response
