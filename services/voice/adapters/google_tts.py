"""Google Cloud Text-to-Speech over REST (`text:synthesize`) with an API key, through httpx."""

from __future__ import annotations

import base64
import binascii

import httpx

from services.voice.adapters.engines import EngineFailed
from services.voice.audio_codec import Pcm, pcm_of_wav
from services.voice.catalogue import Engine, Gender, VoiceSpec

SAMPLE_RATE = 24_000
# The locale asked for when a voice names none (Google picks a voice of that locale).
LOCALES = {"en": "en-GB", "sw": "sw-KE"}
_GENDERS = {Gender.FEMALE: "FEMALE", Gender.MALE: "MALE", Gender.NEUTRAL: "NEUTRAL"}


class GoogleSynthesizer:
    engine = Engine.GOOGLE

    def __init__(self, api_key: str | None, base_url: str, timeout_seconds: float) -> None:
        self._client = (
            httpx.AsyncClient(
                base_url=base_url,
                headers={"x-goog-api-key": api_key},
                timeout=timeout_seconds,
                follow_redirects=False,
            )
            if api_key
            else None
        )

    @property
    def configured(self) -> bool:
        return self._client is not None

    def fingerprint(self, voice: VoiceSpec, language: str) -> str:
        return f"{self._voice_selection(voice, language)}/LINEAR16/{SAMPLE_RATE}"

    @staticmethod
    def _voice_selection(voice: VoiceSpec, language: str) -> dict[str, str]:
        if voice.engine_voice:  # e.g. "en-GB-Standard-A": its locale is its first two parts
            locale = "-".join(voice.engine_voice.split("-")[:2])
            return {"languageCode": locale, "name": voice.engine_voice}
        selection = {"languageCode": LOCALES[language]}
        if voice.gender in _GENDERS:
            selection["ssmlGender"] = _GENDERS[voice.gender]
        return selection

    async def synthesize(self, text: str, language: str, voice: VoiceSpec) -> Pcm:
        if self._client is None:
            raise EngineFailed("Google Text-to-Speech is not configured")
        body = {
            "input": {"text": text},
            "voice": self._voice_selection(voice, language),
            "audioConfig": {"audioEncoding": "LINEAR16", "sampleRateHertz": SAMPLE_RATE},
        }
        try:
            response = await self._client.post("/v1/text:synthesize", json=body)
        except httpx.HTTPError as exc:
            raise EngineFailed(f"Google Text-to-Speech unreachable: {type(exc).__name__}") from exc
        if response.status_code != 200:
            raise EngineFailed(f"Google Text-to-Speech answered {response.status_code}")
        try:
            audio = base64.b64decode(response.json()["audioContent"], validate=True)
            return pcm_of_wav(audio)  # LINEAR16 comes with a WAV header
        except (ValueError, KeyError, TypeError, binascii.Error) as exc:
            raise EngineFailed("Google Text-to-Speech sent unusable audio") from exc

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
