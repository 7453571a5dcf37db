"""OpenAI transcription (Whisper) through the `openai` SDK; base URL configurable."""

from __future__ import annotations

import math

from services.voice.adapters.engines import EngineFailed, Recording, Transcript
from services.voice.audio_codec import wav_of
from services.voice.audio_formats import CLOUD_UPLOAD_NAMES
from services.voice.catalogue import Engine

# Whisper names the language it heard; the ones our members speak, as BCP-47.
LANGUAGE_NAMES = {"english": "en", "swahili": "sw", "en": "en", "sw": "sw"}
# Vocabulary that helps the model with our domain's words and code-mixed speech.
PROMPT = "Bitsacco, M-Pesa, sats, bitcoin, chama, salio, tuma, weka, toa, ndiyo, hapana."
# Whisper's own rule for a segment that is not speech.
NO_SPEECH_PROB = 0.6
NO_SPEECH_LOGPROB = -1.0


class OpenAIRecognizer:
    engine = Engine.OPENAI

    def __init__(
        self, api_key: str | None, base_url: str | None, model: str, timeout_seconds: float
    ) -> None:
        self._model = model
        self._client = None
        if api_key:  # the SDK takes seconds to import: only when it will be used
            import openai

            self._client = openai.AsyncOpenAI(
                api_key=api_key, base_url=base_url, timeout=timeout_seconds, max_retries=0
            )
            self._errors = openai.OpenAIError

    @property
    def configured(self) -> bool:
        return self._client is not None

    async def transcribe(self, recording: Recording, language: str | None) -> Transcript:
        if self._client is None:
            raise EngineFailed("OpenAI is not configured")
        name = CLOUD_UPLOAD_NAMES.get(recording.demuxer)
        upload = (name, recording.original) if name else ("voice.wav", wav_of(recording.pcm))
        verbose = self._model.startswith("whisper")
        options: dict = {"prompt": PROMPT}
        if language:
            options["language"] = language
        try:
            result = await self._client.audio.transcriptions.create(
                file=upload,
                model=self._model,
                response_format="verbose_json" if verbose else "json",
                **options,
            )
        except self._errors as exc:
            raise EngineFailed(f"OpenAI transcription failed: {type(exc).__name__}") from exc
        heard = LANGUAGE_NAMES.get(str(getattr(result, "language", "") or "").lower())
        spoken = heard or language or "en"
        segments = getattr(result, "segments", None) or []
        if not segments:
            return Transcript((result.text or "").strip(), None, spoken)
        speech = [
            s
            for s in segments
            if not (s.no_speech_prob > NO_SPEECH_PROB and s.avg_logprob < NO_SPEECH_LOGPROB)
        ]
        text = " ".join(s.text.strip() for s in speech).strip()
        if not text:
            return Transcript("", None, spoken)
        mean_logprob = sum(s.avg_logprob for s in speech) / len(speech)
        return Transcript(text, round(min(1.0, math.exp(mean_logprob)), 3), spoken)

    async def close(self) -> None:
        if self._client is not None:
            await self._client.close()
