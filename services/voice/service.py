"""Assembles the voice service for the runtime."""

from __future__ import annotations

from bitsacco.voice.v1 import voice_service_pb2_grpc

from services.runtime.bootstrap import Resources
from services.runtime.server import Service


class VoiceHandlers(voice_service_pb2_grpc.VoiceServiceServicer):
    """The contract's RPCs; each answers UNIMPLEMENTED until its issue implements it."""


async def build(resources: Resources) -> Service:
    return Service(name="voice", servicers=[VoiceHandlers()])
