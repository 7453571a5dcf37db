"""Tokens for services acting on a member's behalf (IssueServiceToken) and the published keys."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta

from services.runtime.errors import FieldViolation, InvalidArgument, NotFound, PermissionDenied
from services.runtime.events import publish
from services.runtime.phone_numbers import InvalidPhoneNumber, normalize_phone
from services.users.app import UsersApp
from services.users.model import ADMIN, ERASED, MEMBER, SUSPENDED, User
from services.users.storage import requests as idempotency
from services.users.storage import users as user_rows
from services.users.storage.tables import outbox
from services.users.tokens import SignedToken

DEFAULT_SERVICE_TOKEN_TTL = timedelta(minutes=5)


def phone_or_invalid(raw: str, field: str = "phone_number") -> str:
    try:
        return normalize_phone(raw)
    except InvalidPhoneNumber as exc:
        raise InvalidArgument(
            "INVALID_PHONE_NUMBER",
            "That is not a valid mobile number.",
            violations=[FieldViolation(field, "not a valid phone number", "INVALID_PHONE_NUMBER")],
        ) from exc


def user_id_of(name: str) -> str:
    return name.removeprefix("users/")


def refuse_suspended(user: User) -> None:
    if user.status == SUSPENDED:
        raise PermissionDenied("USER_SUSPENDED", "This account is suspended.")


async def find_or_create_user(app: UsersApp, session, phone: str) -> tuple[User, bool]:
    """The user with this number; created on first sign-in (an admin when bootstrapped so)."""
    now = app.now()
    roles = (MEMBER, ADMIN) if phone in app.admin_phones else (MEMBER,)
    user, created = await user_rows.get_or_create_by_phone(session, phone, now, roles)
    if created:
        await publish(session, outbox, "user.created", {"user": user.name, "tier": user.kyc_tier})
    return user, created


@dataclass(frozen=True)
class ActingToken:
    token: SignedToken
    user: User
    new_user: bool


async def issue_acting_token(
    app: UsersApp,
    service: str,
    request,
    *,
    user_name: str | None,
    raw_phone: str | None,
    create_if_missing: bool,
    ttl: timedelta | None,
) -> ActingToken:
    """A short access token for one member, with `act` naming the service."""
    phone = phone_or_invalid(raw_phone) if raw_phone is not None else None
    create = create_if_missing and phone is not None
    if create and service not in app.settings.user_creating_services:
        raise PermissionDenied(
            "USER_CREATION_NOT_ALLOWED", f"The {service} service may not create users."
        )
    async with app.db.transaction() as session:
        claim = await idempotency.claim(
            session,
            f"services/{service}",
            request.request_id,
            "IssueServiceToken",
            idempotency.fingerprint(request),
            app.now(),
        )
        if claim.previous is not None:
            first = json.loads(claim.previous)
            user = await user_rows.get_user(session, first["user_id"])
            new_user = first["new_user"]
        else:
            user, new_user = None, False
            if user_name is not None:
                user = await user_rows.get_user(session, user_id_of(user_name))
            elif create:
                user, new_user = await find_or_create_user(app, session, phone)
            else:
                user = await user_rows.get_user_by_phone(session, phone)
        if user is None or user.status == ERASED:
            raise NotFound("USER_NOT_FOUND", "No such user.")
        refuse_suspended(user)
        if claim.previous is None:
            await idempotency.complete(
                session, claim, json.dumps({"user_id": user.id, "new_user": new_user}).encode()
            )
    token = app.issuer.access_token(
        user, app.now(), actor=f"services/{service}", ttl=ttl or DEFAULT_SERVICE_TOKEN_TTL
    )
    return ActingToken(token, user, new_user)
