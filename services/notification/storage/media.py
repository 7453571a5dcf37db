"""Stored media: outbound voice notes and the media members send us."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.notification.storage.messages import aware
from services.notification.storage.tables import media
from services.runtime.db import insert_ignoring_conflict


@dataclass(frozen=True)
class StoredMedia:
    id: str
    content_type: str
    size_bytes: int
    sha256: str
    create_time: datetime
    expire_time: datetime
    request_id: str | None = None
    data: bytes = b""

    @property
    def name(self) -> str:
        return f"media/{self.id}"


def new_media_id() -> str:
    return secrets.token_urlsafe(24)  # 192 random bits, 32 URL-safe characters


def _stored(row, with_data: bool) -> StoredMedia:
    return StoredMedia(
        id=row.id,
        content_type=row.content_type,
        size_bytes=row.size_bytes,
        sha256=row.sha256,
        create_time=aware(row.create_time),
        expire_time=aware(row.expire_time),
        request_id=row.request_id,
        data=row.data if with_data else b"",
    )


async def store_media(
    session: AsyncSession,
    request_id: str,
    content_type: str,
    data: bytes,
    now: datetime,
    lifetime: timedelta,
) -> tuple[StoredMedia, bool]:
    """Store media under `request_id` (idempotent); the stored one and whether it was new."""
    values = {
        "id": new_media_id(),
        "request_id": request_id,
        "content_type": content_type,
        "data": data,
        "size_bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "create_time": now,
        "expire_time": now + lifetime,
    }
    created = await insert_ignoring_conflict(session, media, values)
    row = (await session.execute(select(media).where(media.c.request_id == request_id))).one()
    return _stored(row, with_data=False), created


async def find_media(
    session: AsyncSession, media_id: str, now: datetime, with_data: bool = False
) -> StoredMedia | None:
    """Live (not expired) media by id."""
    columns = [media] if with_data else [c for c in media.c if c.name != "data"]
    row = (await session.execute(select(*columns).where(media.c.id == media_id))).first()
    if row is None or aware(row.expire_time) <= now:
        return None
    return _stored(row, with_data)


async def delete_expired_media(session: AsyncSession, now: datetime) -> None:
    await session.execute(media.delete().where(media.c.expire_time <= now))
