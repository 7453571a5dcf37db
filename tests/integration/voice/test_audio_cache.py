"""The synthesized-audio cache's queries on PostgreSQL: expiry, replacement, pruning."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from services.runtime.bootstrap import migrations_of
from services.runtime.db import Database
from services.voice.storage.audio_cache import AudioCache, CachedAudio


@pytest.fixture
async def cache(pg_url):
    db = Database(pg_url, "voice")
    await db.migrate(migrations_of("voice"))
    yield AudioCache(db)
    await db.close()


def entry(key: str, audio: bytes = b"opus", engine: str = "espeak-ng") -> CachedAudio:
    return CachedAudio(
        cache_key=key,
        engine=engine,
        voice="voices/espeak-ng-en",
        language_code="en",
        audio_format="ogg_opus",
        text_sha256="0" * 64,
        content_type="audio/ogg; codecs=opus",
        audio=audio,
        duration_ms=1200,
    )


def key() -> str:
    return uuid.uuid4().hex + uuid.uuid4().hex


async def test_expired_entries_are_not_found_and_can_be_replaced(cache):
    now = datetime.now(UTC)
    fallback, kept = key(), key()
    await cache.store(entry(fallback), now - timedelta(hours=2), now - timedelta(hours=1))
    await cache.store(entry(kept), now, None)
    assert set(await cache.find([fallback, kept], now)) == {kept}
    await cache.store(entry(fallback, b"better", "elevenlabs"), now, None)
    found = (await cache.find([fallback], now))[fallback]
    assert (found.audio, found.engine) == (b"better", "elevenlabs")


async def test_pruning_drops_the_expired_and_the_long_unused(cache):
    now = datetime.now(UTC)
    expired, unused, fresh = key(), key(), key()
    await cache.store(entry(expired), now, now - timedelta(seconds=1))
    await cache.store(entry(unused), now - timedelta(days=40), None)
    await cache.store(entry(fresh), now - timedelta(days=2), None)
    assert await cache.prune(now, timedelta(days=30)) >= 2
    assert set(await cache.find([expired, unused, fresh], now)) == {fresh}


async def test_a_hit_keeps_an_old_entry_alive(cache):
    now = datetime.now(UTC)
    used = key()
    await cache.store(entry(used), now - timedelta(days=29), None)
    assert await cache.find([used], now)  # marks it used today
    await cache.prune(now + timedelta(days=5), timedelta(days=30))
    assert await cache.find([used], now + timedelta(days=5))
