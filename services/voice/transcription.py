"""Speech to text: decode what came in, then the engines in order until one answers. Nothing is
stored; the audio is dropped when the call ends."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from services.runtime.errors import Unavailable
from services.voice.adapters.engines import Recording, SpeechRecognizer
from services.voice.audio_codec import decode
from services.voice.audio_formats import (
    MAX_TRANSCRIBE_SECONDS,
    RECOGNIZER_SAMPLE_RATE,
    demuxer_for,
)
from services.voice.catalogue import Engine, bare_language
from services.voice.engine_health import EngineHealth
from services.voice.speech_activity import heard_speech

log = logging.getLogger("bitsacco.voice.transcription")


@dataclass(frozen=True)
class Heard:
    text: str
    confidence: float | None
    language: str
    engine: Engine | None  # None: no engine was asked (nothing was said)
    seconds: float


def language_hint(code: str) -> str | None:
    """`sw-KE` → `sw`: engines take the bare language. Not limited to en/sw: a cloud engine may
    know others."""
    return bare_language(code) if code else None


class Transcription:
    def __init__(
        self,
        engines: Sequence[SpeechRecognizer],
        health: EngineHealth,
        *,
        timeout_seconds: float,
        retry_after_seconds: float,
    ) -> None:
        self._engines = list(engines)  # cloud first, the local engine last
        self._health = health
        self._timeout = timeout_seconds
        self._retry_after = retry_after_seconds

    async def transcribe(self, audio: bytes, content_type: str, language_code: str) -> Heard:
        demuxer = demuxer_for(content_type)
        hint = language_hint(language_code)
        pcm, _codec = await asyncio.to_thread(
            decode, audio, demuxer, RECOGNIZER_SAMPLE_RATE, MAX_TRANSCRIBE_SECONDS
        )
        if not await asyncio.to_thread(heard_speech, pcm):
            return Heard("", None, hint or "en", None, pcm.seconds)
        recording = Recording(audio, demuxer, pcm)
        failed: list[str] = []
        for index, engine in enumerate(self._engines):
            local = index == len(self._engines) - 1
            if not engine.configured:
                continue
            if not local and not self._health.usable(engine.engine):
                failed.append(f"{engine.engine.value}: resting")
                continue
            try:
                if local:
                    heard = await engine.transcribe(recording, hint)
                else:
                    heard = await asyncio.wait_for(
                        engine.transcribe(recording, hint), self._timeout
                    )
            except Exception as exc:  # whatever the failure (error answer, timeout), next engine
                log.warning(
                    "engine failed, trying the next",
                    extra={"engine": engine.engine.value, "error": repr(exc)},
                )
                self._health.failed(engine.engine)
                failed.append(f"{engine.engine.value}: {type(exc).__name__}")
                continue
            self._health.succeeded(engine.engine)
            return Heard(heard.text, heard.confidence, heard.language, engine.engine, pcm.seconds)
        raise Unavailable(
            "ALL_ENGINES_FAILED",
            "No speech engine could transcribe this now; try again shortly.",
            metadata={"engines": "; ".join(failed)},
            retry_after_seconds=self._retry_after,
        )
