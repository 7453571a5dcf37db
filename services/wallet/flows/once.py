"""Run a mutation at most once per (caller, request_id), in one transaction with its record."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from services.runtime.errors import DomainError
from services.wallet.storage import idempotency as keys
from services.wallet.storage.store import Store, now


class Refused(Exception):
    """A business refusal to record against the request id (a retry gets it again).

    Raise it before the body has written anything, or after undoing what it wrote."""

    def __init__(self, error: DomainError) -> None:
        super().__init__(error.message)
        self.error = error


Body = Callable[[AsyncConnection, datetime], Awaitable[str]]


async def once(
    store: Store, caller: str, request_id: str, method: str, digest: str, body: Body
) -> tuple[str, bool]:
    """(resource name, True when this call made it). A repeat returns the first outcome; the
    same id with other parameters is IDEMPOTENCY_KEY_REUSED."""
    at = now()
    refused: DomainError | None = None
    async with store.write() as conn:
        row = await keys.claim(conn, caller, request_id, method, digest, at)
        if row is not None:
            return keys.replay(row, digest), False
        try:
            resource = await body(conn, at)
        except Refused as refusal:
            refused = refusal.error
            await keys.finish_with_error(conn, caller, request_id, refused, at)
        else:
            await keys.finish(conn, caller, request_id, resource, at)
    if refused is not None:
        raise refused
    return resource, True
