"""Assembles the ai service for the runtime."""

from __future__ import annotations

from bitsacco.ai.v1 import ai_service_pb2_grpc

from services.runtime.bootstrap import Resources
from services.runtime.server import Service


class AiHandlers(ai_service_pb2_grpc.AiServiceServicer):
    """The contract's RPCs; each answers UNIMPLEMENTED until its issue implements it."""


async def build(resources: Resources) -> Service:
    return Service(name="ai", servicers=[AiHandlers()])
