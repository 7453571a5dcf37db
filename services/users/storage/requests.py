"""Idempotency (AIP-155): a mutating request's first outcome, kept with its request_id.

`claim` runs first in the request's transaction: it inserts the request's row, so a concurrent
duplicate waits on the row until the first commits (PostgreSQL) and then gets the first answer;
`complete` stores the answer in the same transaction as the change it describes. Answers that hold
credentials (session tokens) are stored encrypted with a key derived from the service's pepper.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from datetime import datetime

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.runtime.db import insert_ignoring_conflict
from services.runtime.errors import InvalidArgument
from services.users.storage.tables import requests


def fingerprint(message) -> str:
    """What makes two requests under one request_id "the same"."""
    return hashlib.sha256(message.SerializeToString(deterministic=True)).hexdigest()


class ResponseSealer:
    """Encrypts stored answers that hold tokens (AES-GCM, bound to scope and request_id)."""

    def __init__(self, pepper: bytes) -> None:
        self._aead = AESGCM(hmac.new(pepper, b"idempotent responses", hashlib.sha256).digest())

    def seal(self, data: bytes, scope: str, request_id: str) -> bytes:
        nonce = os.urandom(12)
        return nonce + self._aead.encrypt(nonce, data, f"{scope}|{request_id}".encode())

    def open(self, sealed: bytes, scope: str, request_id: str) -> bytes:
        return self._aead.decrypt(sealed[:12], sealed[12:], f"{scope}|{request_id}".encode())


@dataclass(frozen=True)
class Claim:
    scope: str
    request_id: str
    # The first answer when this request was already handled; None when this call does the work.
    previous: bytes | None


async def claim(
    session: AsyncSession, scope: str, request_id: str, method: str, print_: str, now: datetime
) -> Claim:
    inserted = await insert_ignoring_conflict(
        session,
        requests,
        {
            "scope": scope,
            "request_id": request_id,
            "method": method,
            "fingerprint": print_,
            "response": b"",
            "created_at": now,
        },
    )
    if inserted:
        return Claim(scope, request_id, None)
    row = (
        await session.execute(
            select(requests.c.method, requests.c.fingerprint, requests.c.response).where(
                requests.c.scope == scope, requests.c.request_id == request_id
            )
        )
    ).one()
    if row.method != method or row.fingerprint != print_:
        raise InvalidArgument(
            "REQUEST_ID_REUSED",
            "This request_id was already used for a different request.",
        )
    return Claim(scope, request_id, row.response)


async def complete(session: AsyncSession, done: Claim, response: bytes) -> None:
    await session.execute(
        update(requests)
        .where(requests.c.scope == done.scope, requests.c.request_id == done.request_id)
        .values(response=response)
    )


async def release(session: AsyncSession, done: Claim) -> None:
    """Drop a claim whose request failed but whose transaction must still commit."""
    await session.execute(
        delete(requests).where(
            requests.c.scope == done.scope, requests.c.request_id == done.request_id
        )
    )


async def forget_older_than(session: AsyncSession, before: datetime) -> int:
    result = await session.execute(delete(requests).where(requests.c.created_at < before))
    return result.rowcount
