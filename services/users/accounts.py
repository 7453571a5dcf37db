"""Reading users and tier limits."""

from __future__ import annotations

from services.runtime.auth import Caller
from services.runtime.errors import NotFound, PermissionDenied
from services.users.app import UsersApp
from services.users.identity import phone_or_invalid
from services.users.model import ERASED, TierLimits, User
from services.users.rules.access import access_denied, readable_target
from services.users.storage import limits as limit_rows
from services.users.storage import users as user_rows


async def get_user(app: UsersApp, caller: Caller, name: str) -> User:
    ident, privileged = readable_target(caller, name)
    async with app.db.transaction() as session:
        user = await user_rows.get_user(session, ident)
    if user is None:
        if not privileged:
            raise access_denied()
        raise NotFound("USER_NOT_FOUND", "No such user.")
    return user


async def lookup_by_phone(app: UsersApp, caller: Caller, raw_phone: str) -> User:
    if not caller.is_service:
        raise PermissionDenied("CALLER_NOT_A_SERVICE", "Only an internal service may look up.")
    phone = phone_or_invalid(raw_phone)
    async with app.db.transaction() as session:
        found = await user_rows.user_id_by_phone(session, phone)
        user = await user_rows.get_user(session, found) if found else None
    if user is None or user.status == ERASED:
        raise NotFound("USER_NOT_FOUND", "Nobody has that number.")
    return user


async def get_tier_limits(app: UsersApp, tier: int) -> TierLimits:
    async with app.db.transaction() as session:
        limits = await limit_rows.get_tier_limits(session, tier)
    if limits is None:
        raise NotFound("TIER_LIMITS_NOT_FOUND", f"No limits for tier {tier}.")
    return limits


async def list_tier_limits(app: UsersApp) -> list[TierLimits]:
    async with app.db.transaction() as session:
        return await limit_rows.list_tier_limits(session)
