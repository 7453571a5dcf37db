"""A servicer for exercising the runtime: the voice contract with test behaviour behind it."""

from __future__ import annotations

import asyncio

from bitsacco.voice.v1 import voice_pb2, voice_service_pb2, voice_service_pb2_grpc

from services.runtime.errors import FailedPrecondition
from services.runtime.server import Service

SERVICE = "/bitsacco.voice.v1.VoiceService/"


class ScriptedVoice(voice_service_pb2_grpc.VoiceServiceServicer):
    """SynthesizeSpeech sleeps for as many seconds as the text says, or fails on "fail";
    ListVoices answers; TranscribeAudio is left unimplemented."""

    async def SynthesizeSpeech(self, request, context):
        if request.text == "fail":
            raise FailedPrecondition(
                "ENGINE_UNAVAILABLE", "No speech engine is available.", metadata={"engine": "all"}
            )
        await asyncio.sleep(float(request.text))
        return voice_service_pb2.SynthesizeSpeechResponse(audio_content=b"ok")

    async def ListVoices(self, request, context):
        return voice_service_pb2.ListVoicesResponse(
            voices=[voice_pb2.Voice(name="voices/test", language_codes=["sw"])]
        )


def scripted_service() -> Service:
    return Service(
        name="voice",
        servicers=[ScriptedVoice()],
        public_methods=frozenset({SERVICE + "SynthesizeSpeech", SERVICE + "TranscribeAudio"}),
    )
