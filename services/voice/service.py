"""Assembles the voice service for the runtime."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

from services.runtime.bootstrap import Resources
from services.runtime.server import Service
from services.voice.adapters.elevenlabs_tts import ElevenLabsSynthesizer
from services.voice.adapters.espeak_tts import EspeakSynthesizer
from services.voice.adapters.google_tts import GoogleSynthesizer
from services.voice.adapters.openai_stt import OpenAIRecognizer
from services.voice.adapters.pocketsphinx_stt import PocketsphinxRecognizer
from services.voice.catalogue import LOCAL_SYNTHESIS, Engine, configured_voices
from services.voice.engine_health import EngineHealth
from services.voice.handlers import VoiceHandlers
from services.voice.settings import VoiceSettings
from services.voice.storage.audio_cache import AudioCache
from services.voice.synthesis import Synthesis
from services.voice.transcription import Transcription

log = logging.getLogger("bitsacco.voice")

PRUNE_EVERY_SECONDS = 3600.0


def _secret(value) -> str | None:
    return value.get_secret_value() if value is not None else None


def voice_settings(resources: Resources | None) -> VoiceSettings:
    """The process's settings as VoiceSettings (the runtime may hand over the base class)."""
    settings = resources.settings if resources is not None else None
    if isinstance(settings, VoiceSettings):
        return settings
    if settings is None:
        return VoiceSettings()
    return VoiceSettings(**settings.model_dump(exclude_unset=True))


async def build(resources: Resources | None) -> Service:
    settings = voice_settings(resources)
    voices = configured_voices(settings)
    health = EngineHealth(settings.engine_cooldown_seconds)
    tts_timeout = settings.tts_engine_timeout_seconds
    synthesizers = {
        Engine.ELEVENLABS: ElevenLabsSynthesizer(
            _secret(settings.elevenlabs_api_key),
            settings.elevenlabs_base_url,
            {"en": settings.elevenlabs_model_en, "sw": settings.elevenlabs_model_sw},
            tts_timeout,
        ),
        Engine.GOOGLE: GoogleSynthesizer(
            _secret(settings.google_tts_api_key), settings.google_tts_base_url, tts_timeout
        ),
        Engine.ESPEAK_NG: EspeakSynthesizer(settings.espeak_backend, settings.espeak_rate_wpm),
    }
    recognizers = [
        OpenAIRecognizer(
            _secret(settings.openai_api_key),
            settings.openai_base_url,
            settings.openai_transcription_model,
            settings.stt_engine_timeout_seconds,
        ),
        PocketsphinxRecognizer(settings.local_stt_workers),
    ]
    cache = AudioCache(resources.db if resources is not None else None)
    synthesis = Synthesis(
        voices,
        synthesizers,
        cache,
        health,
        timeout_seconds=tts_timeout,
        fallback_ttl=timedelta(seconds=settings.audio_cache_fallback_ttl_seconds),
        retry_after_seconds=settings.retry_after_seconds,
    )
    transcription = Transcription(
        recognizers,
        health,
        timeout_seconds=settings.stt_engine_timeout_seconds,
        retry_after_seconds=settings.retry_after_seconds,
    )

    def available() -> set[Engine]:
        engines = {*synthesizers.values(), *recognizers}
        return {
            e.engine
            for e in engines
            if e.configured and (e.engine is LOCAL_SYNTHESIS or health.usable(e.engine))
        }

    retention = timedelta(days=settings.audio_cache_retention_days)

    async def prune_audio_cache() -> None:
        while True:
            try:
                removed = await cache.prune(datetime.now(UTC), retention)
                if removed:
                    log.info("audio cache pruned", extra={"removed": removed})
            except Exception:
                log.exception("audio cache pruning failed")
            await asyncio.sleep(PRUNE_EVERY_SECONDS)

    handlers = VoiceHandlers(
        synthesis,
        transcription,
        voices,
        available,
        settings.voice_caller_services,
        settings.voice_allow_members,
    )
    return Service(name="voice", servicers=[handlers], background=[prune_audio_cache])
