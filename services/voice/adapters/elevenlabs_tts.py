"""ElevenLabs text to speech, through the `elevenlabs` SDK.

Asks for raw 24 kHz PCM (available on every plan) and encodes it like every other engine's output,
so the voice note format, duration and cache do not depend on the provider.
"""

from __future__ import annotations

import httpx

from services.voice.adapters.engines import EngineFailed
from services.voice.audio_codec import Pcm
from services.voice.catalogue import Engine, VoiceSpec

OUTPUT_FORMAT = "pcm_24000"
SAMPLE_RATE = 24_000


class ElevenLabsSynthesizer:
    engine = Engine.ELEVENLABS

    def __init__(
        self,
        api_key: str | None,
        base_url: str | None,
        models: dict[str, str],
        timeout_seconds: float,
    ) -> None:
        self._models = models
        self._timeout = timeout_seconds
        self._http = self._client = None
        if api_key:  # the SDK takes seconds to import: only when it will be used
            from elevenlabs.client import AsyncElevenLabs
            from elevenlabs.core import ApiError

            self._http = httpx.AsyncClient(timeout=timeout_seconds)
            self._client = AsyncElevenLabs(
                api_key=api_key, base_url=base_url, httpx_client=self._http
            )
            self._errors = ApiError

    @property
    def configured(self) -> bool:
        return self._client is not None

    def fingerprint(self, voice: VoiceSpec, language: str) -> str:
        return f"{voice.engine_voice}/{self._models[language]}/{OUTPUT_FORMAT}"

    async def synthesize(self, text: str, language: str, voice: VoiceSpec) -> Pcm:
        if self._client is None:
            raise EngineFailed("ElevenLabs is not configured")
        chunks: list[bytes] = []
        try:
            async for chunk in self._client.text_to_speech.convert(
                voice.engine_voice,
                text=text,
                model_id=self._models[language],
                language_code=language,
                output_format=OUTPUT_FORMAT,
                request_options={
                    "max_retries": 0,  # the next engine is the retry
                    "timeout_in_seconds": max(1, round(self._timeout)),
                },
            ):
                chunks.append(chunk)
        except self._errors as exc:
            raise EngineFailed(f"ElevenLabs answered {exc.status_code}") from exc
        samples = b"".join(chunks)
        if len(samples) < 2:
            raise EngineFailed("ElevenLabs sent no audio")
        return Pcm(samples[: len(samples) // 2 * 2], SAMPLE_RATE)

    async def close(self) -> None:
        if self._http is not None:
            await self._http.aclose()
