"""What every speech engine looks like to the synthesis and transcription flows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from services.voice.audio_codec import Pcm
from services.voice.catalogue import Engine, VoiceSpec


class EngineFailed(Exception):
    """The engine could not do it this time (error answer, bad audio, not reachable); the next
    engine is tried."""


class SpeechSynthesizer(Protocol):
    engine: Engine

    @property
    def configured(self) -> bool: ...

    def fingerprint(self, voice: VoiceSpec, language: str) -> str:
        """Everything besides the text that changes the audio (model, voice, speed): part of the
        cache key, so a configuration change is not answered with old audio."""

    async def synthesize(self, text: str, language: str, voice: VoiceSpec) -> Pcm: ...

    async def close(self) -> None: ...


@dataclass(frozen=True)
class Recording:
    """A recording to transcribe: the bytes as received, and the same audio as 16 kHz PCM."""

    original: bytes
    demuxer: str
    pcm: Pcm


@dataclass(frozen=True)
class Transcript:
    text: str
    confidence: float | None
    language: str  # BCP-47 as detected, or the hint when the engine does not detect


class SpeechRecognizer(Protocol):
    engine: Engine

    @property
    def configured(self) -> bool: ...

    async def transcribe(self, recording: Recording, language: str | None) -> Transcript: ...

    async def close(self) -> None: ...
