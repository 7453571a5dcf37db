"""The AiService RPCs: proto ⇄ domain and permission checks, nothing else."""

from __future__ import annotations

from bitsacco.ai.v1 import ai_service_pb2 as api
from bitsacco.ai.v1 import ai_service_pb2_grpc

from services.ai.interpretations import to_proto
from services.ai.interpreter import Interpreter
from services.ai.rate_limit import RateLimiter
from services.runtime.auth import current_caller


class AiHandlers(ai_service_pb2_grpc.AiServiceServicer):
    def __init__(self, interpreter: Interpreter, limiter: RateLimiter) -> None:
        self._interpreter = interpreter
        self._limiter = limiter

    async def Interpret(self, request: api.InterpretRequest, context) -> api.InterpretResponse:
        caller = current_caller()
        await self._limiter.check(caller.subject)
        understood = await self._interpreter.understand(request.text, request.language_code or None)
        return api.InterpretResponse(interpretation=to_proto(understood.interpretation))
