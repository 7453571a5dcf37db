"""AIP-155 request ids, scoped to the caller, recorded in the same transaction as the change.

The first request with a (caller, request_id) inserts the key row; a concurrent duplicate's INSERT
waits on the unique key until the first commits (or rolls back) and then sees its outcome. A
business failure (INSUFFICIENT_FUNDS, LIMIT_EXCEEDED, …) is recorded like a success, so a retry
gets the same failure; a request that fails any other way rolls back and records nothing.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.runtime import errors
from services.runtime.db import insert_for
from services.runtime.errors import DomainError, FailedPrecondition, Precondition
from services.wallet.storage.tables import idempotency

_ERROR_TYPES = {
    cls.code.name: cls
    for cls in (
        errors.FailedPrecondition,
        errors.ResourceExhausted,
        errors.InvalidArgument,
        errors.NotFound,
        errors.AlreadyExists,
        errors.PermissionDenied,
    )
}


async def claim(
    conn: AsyncConnection,
    caller: str,
    request_id: str,
    method: str,
    fingerprint: str,
    at: datetime,
):
    """None when this request is the first with its key (the caller now owns it); otherwise
    the stored row of the earlier one."""
    insert = insert_for(conn)
    result = await conn.execute(
        insert(idempotency)
        .values(
            caller=caller,
            request_id=request_id,
            method=method,
            fingerprint=fingerprint,
            state="RUNNING",
            created_at=at,
            updated_at=at,
        )
        .on_conflict_do_nothing()
    )
    if result.rowcount == 1:
        return None
    return await lookup(conn, caller, request_id)


async def lookup(conn: AsyncConnection, caller: str, request_id: str):
    return (
        await conn.execute(
            select(idempotency).where(
                idempotency.c.caller == caller, idempotency.c.request_id == request_id
            )
        )
    ).one_or_none()


async def finish(
    conn: AsyncConnection, caller: str, request_id: str, resource: str, at: datetime
) -> None:
    await conn.execute(
        update(idempotency)
        .where(idempotency.c.caller == caller, idempotency.c.request_id == request_id)
        .values(state="DONE", resource=resource, updated_at=at)
    )


async def finish_with_error(
    conn: AsyncConnection, caller: str, request_id: str, error: DomainError, at: datetime
) -> None:
    await conn.execute(
        update(idempotency)
        .where(idempotency.c.caller == caller, idempotency.c.request_id == request_id)
        .values(
            state="DONE",
            resource=None,
            error_code=error.code.name,
            error_reason=error.reason,
            error_message=error.message,
            error_metadata={
                "metadata": error.metadata,
                "preconditions": [[p.type, p.subject, p.description] for p in error.preconditions],
            },
            updated_at=at,
        )
    )


def key_reused() -> FailedPrecondition:
    return FailedPrecondition(
        "IDEMPOTENCY_KEY_REUSED",
        "This request_id was already used for a different request.",
        preconditions=[
            Precondition("IDEMPOTENCY", "request_id", "already used with other parameters")
        ],
    )


def replay(row, fingerprint: str) -> str:
    """The resource the original request made, or its recorded failure raised again."""
    if row.fingerprint != fingerprint:
        raise key_reused()
    if row.error_reason:
        extra = row.error_metadata or {}
        raise _ERROR_TYPES.get(row.error_code, errors.FailedPrecondition)(
            row.error_reason,
            row.error_message or row.error_reason,
            metadata=extra.get("metadata") or {},
            preconditions=[Precondition(*p) for p in extra.get("preconditions") or ()],
        )
    if row.state != "DONE" or not row.resource:
        raise errors.Aborted(
            "REQUEST_IN_PROGRESS",
            "The first request with this request_id is still running; retry shortly.",
            retry_after_seconds=1,
        )
    return row.resource
