"""Who may use the voice service. Plain rules over the verified caller.

Voice is internal: the gateway routes none of it. It answers the assistant's own services
(`services/{name}`, by bearer service token, for the names configured: by default ai and
notification) and members' tokens (`users/{id}`, usually with `act` naming the service acting for
the member), because ai calls other services with the token of the member it acts for.
Anything else (another service identity) is refused.
"""

from __future__ import annotations

from collections.abc import Collection

from services.runtime.auth import Caller
from services.runtime.errors import PermissionDenied


def authorize(caller: Caller, services: Collection[str], allow_members: bool) -> None:
    if caller.service_name and caller.service_name in services:
        return
    if caller.user_id and allow_members:
        return
    raise PermissionDenied(
        "CALLER_NOT_ALLOWED",
        "The voice service answers the assistant's services and the members they act for.",
        metadata={"subject": caller.subject},
    )
