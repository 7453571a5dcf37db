"""The VoiceService RPCs: proto in, domain call, proto out."""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Sequence

from bitsacco.voice.v1 import voice_pb2, voice_service_pb2, voice_service_pb2_grpc
from google.protobuf import duration_pb2

from services.runtime.auth import current_caller
from services.voice.access import authorize
from services.voice.audio_formats import OutputFormat
from services.voice.catalogue import (
    Engine,
    Gender,
    VoiceSpec,
    bare_language,
    page_of,
)
from services.voice.synthesis import Synthesis
from services.voice.transcription import Transcription

ENGINES = {
    Engine.ELEVENLABS: voice_pb2.ENGINE_ELEVENLABS,
    Engine.GOOGLE: voice_pb2.ENGINE_GOOGLE,
    Engine.OPENAI: voice_pb2.ENGINE_OPENAI,
    Engine.ESPEAK_NG: voice_pb2.ENGINE_ESPEAK_NG,
    Engine.POCKETSPHINX: voice_pb2.ENGINE_POCKETSPHINX,
}
ENGINES_BY_PROTO = {v: k for k, v in ENGINES.items()}
FORMATS = {
    voice_pb2.AUDIO_FORMAT_UNSPECIFIED: OutputFormat.OGG_OPUS,
    voice_pb2.AUDIO_FORMAT_OGG_OPUS: OutputFormat.OGG_OPUS,
    voice_pb2.AUDIO_FORMAT_MP3: OutputFormat.MP3,
    voice_pb2.AUDIO_FORMAT_WAV: OutputFormat.WAV,
}
FORMATS_TO_PROTO = {
    OutputFormat.OGG_OPUS: voice_pb2.AUDIO_FORMAT_OGG_OPUS,
    OutputFormat.MP3: voice_pb2.AUDIO_FORMAT_MP3,
    OutputFormat.WAV: voice_pb2.AUDIO_FORMAT_WAV,
}
GENDERS = {
    Gender.UNSPECIFIED: voice_pb2.VOICE_GENDER_UNSPECIFIED,
    Gender.FEMALE: voice_pb2.VOICE_GENDER_FEMALE,
    Gender.MALE: voice_pb2.VOICE_GENDER_MALE,
    Gender.NEUTRAL: voice_pb2.VOICE_GENDER_NEUTRAL,
}


def duration_of(seconds: float) -> duration_pb2.Duration:
    whole = math.floor(seconds)
    return duration_pb2.Duration(seconds=whole, nanos=round((seconds - whole) * 1e9) % 10**9)


class VoiceHandlers(voice_service_pb2_grpc.VoiceServiceServicer):
    def __init__(
        self,
        synthesis: Synthesis,
        transcription: Transcription,
        voices: Sequence[VoiceSpec],
        available_engines: Callable[[], set[Engine]],
        caller_services: Collection[str],
        allow_members: bool,
    ) -> None:
        self._synthesis = synthesis
        self._transcription = transcription
        self._voices = list(voices)
        self._available = available_engines  # configured and not resting now
        self._services = frozenset(caller_services)
        self._allow_members = allow_members

    def _authorize(self) -> None:
        authorize(current_caller(), self._services, self._allow_members)

    async def SynthesizeSpeech(self, request, context):
        self._authorize()
        speech = await self._synthesis.speak(
            request.text, request.language_code, request.voice, FORMATS[request.audio_format]
        )
        return voice_service_pb2.SynthesizeSpeechResponse(
            audio_content=speech.audio,
            content_type=speech.content_type,
            audio_format=FORMATS_TO_PROTO[speech.audio_format],
            duration=duration_of(speech.seconds),
            engine=ENGINES[speech.engine],
            voice=speech.voice,
            cache_hit=speech.cache_hit,
        )

    async def TranscribeAudio(self, request, context):
        self._authorize()
        heard = await self._transcription.transcribe(
            request.audio_content, request.content_type, request.language_code
        )
        response = voice_service_pb2.TranscribeAudioResponse(
            transcript=heard.text,
            language_code=heard.language,
            engine=ENGINES[heard.engine] if heard.engine else voice_pb2.ENGINE_UNSPECIFIED,
            audio_duration=duration_of(heard.seconds),
        )
        if heard.confidence is not None:
            response.confidence = heard.confidence
        return response

    async def ListVoices(self, request, context):
        self._authorize()
        language = bare_language(request.language_code) if request.language_code else None
        engine = ENGINES_BY_PROTO.get(request.engine)
        page = page_of(self._voices, request.page_size, request.page_token, language, engine)
        available = self._available()
        return voice_service_pb2.ListVoicesResponse(
            voices=[
                voice_pb2.Voice(
                    name=v.name,
                    display_name=v.display_name,
                    language_codes=list(v.languages),
                    engine=ENGINES[v.engine],
                    gender=GENDERS[v.gender],
                    default_voice=v.default,
                    available=v.engine in available,
                )
                for v in page.voices
            ],
            next_page_token=page.next_page_token,
        )
