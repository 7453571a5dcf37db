"""Text to speech: the cache first, then the engines in order until one answers."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from services.runtime.errors import Unavailable
from services.voice.adapters.engines import EngineFailed, SpeechSynthesizer
from services.voice.audio_codec import encode
from services.voice.audio_formats import ENCODINGS, OutputFormat
from services.voice.cache_keys import audio_cache_key, spoken_text, text_digest
from services.voice.catalogue import (
    LOCAL_SYNTHESIS,
    Engine,
    VoiceSpec,
    base_language,
    synthesis_plan,
)
from services.voice.engine_health import EngineHealth
from services.voice.storage.audio_cache import AudioCache, CachedAudio

log = logging.getLogger("bitsacco.voice.synthesis")

# The shortest voice note we send (an engine that says nothing still yields a playable file).
MIN_SECONDS = 0.25


@dataclass(frozen=True)
class Speech:
    audio: bytes
    content_type: str
    audio_format: OutputFormat
    seconds: float
    engine: Engine
    voice: str  # voices/{voice}
    cache_hit: bool


class Synthesis:
    def __init__(
        self,
        voices: Sequence[VoiceSpec],
        engines: Mapping[Engine, SpeechSynthesizer],
        cache: AudioCache,
        health: EngineHealth,
        *,
        timeout_seconds: float,
        fallback_ttl: timedelta,
        retry_after_seconds: float,
    ) -> None:
        self._voices = list(voices)
        self._engines = engines
        self._cache = cache
        self._health = health
        self._timeout = timeout_seconds
        self._fallback_ttl = fallback_ttl
        self._retry_after = retry_after_seconds

    async def speak(
        self, text: str, language_code: str, voice_name: str, audio_format: OutputFormat
    ) -> Speech:
        language = base_language(language_code)
        text = spoken_text(text)
        configured = {e for e, s in self._engines.items() if s.configured}
        # What we would ask if every configured engine were well, best first.
        preferred = synthesis_plan(self._voices, language, voice_name or None, configured)
        keys = {
            voice.name: audio_cache_key(
                voice.engine.value,
                self._engines[voice.engine].fingerprint(voice, language),
                voice.name,
                language,
                audio_format.value,
                text,
            )
            for voice in preferred
        }
        now = datetime.now(UTC)
        try:
            cached = await self._cache.find(list(keys.values()), now)
        except Exception:  # the cache saves work; without it the engines still answer
            log.exception("audio cache unreadable; synthesizing")
            cached = {}
        for voice in preferred:
            if hit := cached.get(keys[voice.name]):
                return Speech(
                    hit.audio,
                    hit.content_type,
                    audio_format,
                    hit.duration_ms / 1000,
                    Engine(hit.engine),
                    hit.voice,
                    cache_hit=True,
                )
        failed: list[str] = []
        for voice in preferred:
            if voice.engine is not LOCAL_SYNTHESIS and not self._health.usable(voice.engine):
                failed.append(f"{voice.engine.value}: resting")
                continue
            try:
                pcm = await self._ask(voice, text, language)
            except Exception as exc:  # whatever the failure (error answer, timeout), next engine
                log.warning(
                    "engine failed, trying the next",
                    extra={"engine": voice.engine.value, "error": repr(exc)},
                )
                self._health.failed(voice.engine)
                failed.append(f"{voice.engine.value}: {type(exc).__name__}")
                continue
            self._health.succeeded(voice.engine)
            pcm = pcm.padded_to(MIN_SECONDS)
            audio = await asyncio.to_thread(encode, pcm, audio_format)
            speech = Speech(
                audio,
                ENCODINGS[audio_format].content_type,
                audio_format,
                pcm.seconds,
                voice.engine,
                voice.name,
                cache_hit=False,
            )
            # The preferred voice's audio is kept; a fallback's only for a while.
            expires_at = None if voice is preferred[0] else now + self._fallback_ttl
            await self._remember(
                CachedAudio(
                    cache_key=keys[voice.name],
                    engine=voice.engine.value,
                    voice=voice.name,
                    language_code=language,
                    audio_format=audio_format.value,
                    text_sha256=text_digest(text),
                    content_type=speech.content_type,
                    audio=audio,
                    duration_ms=round(pcm.seconds * 1000),
                ),
                now,
                expires_at,
            )
            return speech
        raise Unavailable(
            "ALL_ENGINES_FAILED",
            "No speech engine could speak this now; try again shortly.",
            metadata={"engines": "; ".join(failed)},
            retry_after_seconds=self._retry_after,
        )

    async def _remember(self, entry: CachedAudio, now: datetime, expires_at) -> None:
        try:
            await self._cache.store(entry, now, expires_at)
        except Exception:  # the audio is made: the caller gets it, the next one makes it again
            log.exception("audio cache unwritable")

    async def _ask(self, voice: VoiceSpec, text: str, language: str):
        engine = self._engines[voice.engine]
        if voice.engine is LOCAL_SYNTHESIS:
            return await engine.synthesize(text, language, voice)
        pcm = await asyncio.wait_for(engine.synthesize(text, language, voice), self._timeout)
        if not pcm.samples:
            raise EngineFailed(f"{voice.engine.value} sent no audio")
        return pcm
