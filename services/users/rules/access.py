"""Who may act on which user. Permission is decided before existence: a member asking for
another user, or for one that does not exist, gets the same PERMISSION_DENIED."""

from __future__ import annotations

from services.runtime.auth import Caller
from services.runtime.errors import PermissionDenied
from services.users.model import ADMIN, SUPPORT

ME = "me"


def access_denied() -> PermissionDenied:
    return PermissionDenied("USER_ACCESS_DENIED", "You cannot access that user.")


def target_id(caller: Caller, name: str) -> str:
    """The user id `users/{id}` or `users/me` names for this caller."""
    ident = name.removeprefix("users/")
    if ident == ME:
        if caller.user_id is None:
            raise access_denied()
        return caller.user_id
    return ident


def may_read_anyone(caller: Caller) -> bool:
    """Support, admins and internal services read any user; members read themselves."""
    return caller.is_service or caller.has_role(SUPPORT) or caller.has_role(ADMIN)


def readable_target(caller: Caller, name: str) -> tuple[str, bool]:
    """(user id, privileged) for a read; PERMISSION_DENIED for a member reaching past themselves."""
    ident = target_id(caller, name)
    if ident == caller.user_id:
        return ident, may_read_anyone(caller)
    if not may_read_anyone(caller):
        raise access_denied()
    return ident, True


def own_target(caller: Caller, name: str) -> str:
    """The caller's own id for a change only the user makes (UpdateUser, StartStepUp...)."""
    ident = target_id(caller, name)
    if ident != caller.user_id:
        raise access_denied()
    return ident


def require_admin(caller: Caller) -> None:
    if not caller.has_role(ADMIN):
        raise PermissionDenied("ADMIN_REQUIRED", "Only an admin may do this.")


def require_support_or_admin(caller: Caller) -> None:
    if not (caller.has_role(SUPPORT) or caller.has_role(ADMIN)):
        raise PermissionDenied(
            "SUPPORT_OR_ADMIN_REQUIRED", "Only support staff or an admin may do this."
        )


def admin_or_self_target(caller: Caller, name: str) -> tuple[str, bool]:
    """(user id, by admin) for what the user or an admin may do (export, erasure)."""
    ident = target_id(caller, name)
    if ident == caller.user_id:
        return ident, False
    if not caller.has_role(ADMIN):
        raise access_denied()
    return ident, True
