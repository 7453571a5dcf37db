"""Assembles the chama service for the runtime."""

from __future__ import annotations

from bitsacco.chama.v1 import chama_service_pb2_grpc

from services.runtime.bootstrap import Resources
from services.runtime.server import Service


class ChamaHandlers(chama_service_pb2_grpc.ChamaServiceServicer):
    """The contract's RPCs; each answers UNIMPLEMENTED until its issue implements it."""


async def build(resources: Resources) -> Service:
    return Service(name="chama", servicers=[ChamaHandlers()])
