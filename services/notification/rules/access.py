"""Who may call the internal RPCs.

SendMessage, CreateMedia, GetMessage and ListOutboxMessages serve other services (users sends
verification codes, wallet and ai send alerts and replies): the caller must be a service identity
(`services/<name>`), or a member's token that a service obtained to act for them (its `act` claim
names the service). Support staff and admins may also read messages (GetMessage, ListMessages).
A member's own token, used directly, is refused: it could message any number.
"""

from __future__ import annotations

from services.runtime.auth import Caller
from services.runtime.errors import PermissionDenied

SUPPORT_ROLES = frozenset({"support", "admin", "ROLE_SUPPORT", "ROLE_ADMIN"})


def acting_service(caller: Caller) -> str | None:
    """The service behind the call: the subject, or the `act` subject of a delegated token."""
    if caller.subject.startswith("services/"):
        return caller.subject
    actor = getattr(caller, "actor", None) or ""  # set once the runtime reads `act`
    return actor if actor.startswith("services/") else None


def is_support(caller: Caller) -> bool:
    return bool(SUPPORT_ROLES & set(caller.roles))


def require_service(caller: Caller) -> None:
    if acting_service(caller) is None:
        raise PermissionDenied(
            "CALLER_NOT_A_SERVICE", "Only Bitsacco services may call this method."
        )


def require_service_or_support(caller: Caller) -> None:
    if acting_service(caller) is None and not is_support(caller):
        raise PermissionDenied(
            "CALLER_NOT_ALLOWED", "Only Bitsacco services and support staff may read messages."
        )
