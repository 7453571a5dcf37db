"""Queries on the synthesized-audio cache."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update

from services.runtime.db import Database, insert_for
from services.voice.storage.tables import synthesized_audio as table

# A hit refreshes last_used_at at most this often, so hits stay reads.
TOUCH_EVERY = timedelta(days=1)


@dataclass(frozen=True)
class CachedAudio:
    cache_key: str
    engine: str
    voice: str
    language_code: str
    audio_format: str
    text_sha256: str
    content_type: str
    audio: bytes
    duration_ms: int


class AudioCache:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def find(self, keys: Sequence[str], now: datetime) -> dict[str, CachedAudio]:
        """The unexpired entries among `keys`; marks them used."""
        if not keys:
            return {}
        async with self._db.transaction() as session:
            rows = (
                await session.execute(
                    select(
                        table.c.cache_key,
                        table.c.engine,
                        table.c.voice,
                        table.c.language_code,
                        table.c.audio_format,
                        table.c.text_sha256,
                        table.c.content_type,
                        table.c.audio,
                        table.c.duration_ms,
                    ).where(
                        table.c.cache_key.in_(list(keys)),
                        or_(table.c.expires_at.is_(None), table.c.expires_at > now),
                    )
                )
            ).all()
            if rows:
                await session.execute(
                    update(table)
                    .where(
                        table.c.cache_key.in_([r.cache_key for r in rows]),
                        table.c.last_used_at < now - TOUCH_EVERY,
                    )
                    .values(last_used_at=now)
                )
        return {r.cache_key: CachedAudio(**r._mapping) for r in rows}

    async def store(self, entry: CachedAudio, now: datetime, expires_at: datetime | None) -> None:
        """Keep `entry`, replacing whatever the key held (an expired fallback, say)."""
        values = {
            **entry.__dict__,
            "created_at": now,
            "last_used_at": now,
            "expires_at": expires_at,
        }
        async with self._db.transaction() as session:
            statement = insert_for(session)(table).values(**values)
            replaced = {k: statement.excluded[k] for k in values if k != "cache_key"}
            await session.execute(
                statement.on_conflict_do_update(index_elements=["cache_key"], set_=replaced)
            )

    async def prune(self, now: datetime, unused_for: timedelta) -> int:
        """Drop expired entries and those unused for `unused_for`; how many went."""
        async with self._db.transaction() as session:
            result = await session.execute(
                delete(table).where(
                    or_(table.c.expires_at <= now, table.c.last_used_at < now - unused_for)
                )
            )
        return result.rowcount or 0
