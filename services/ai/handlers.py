"""The AiService RPCs: proto ⇄ domain and permission checks, nothing else."""

from __future__ import annotations

from bitsacco.ai.v1 import ai_service_pb2 as api
from bitsacco.ai.v1 import ai_service_pb2_grpc

from services.ai.conversations import ConversationReader
from services.ai.interpretations import to_proto
from services.ai.interpreter import Interpreter
from services.ai.rate_limit import RateLimiter
from services.ai.turns import TurnRunner
from services.runtime.auth import current_caller, require_service


class AiHandlers(ai_service_pb2_grpc.AiServiceServicer):
    def __init__(
        self,
        interpreter: Interpreter,
        limiter: RateLimiter | None,
        turns: TurnRunner | None = None,
        conversations: ConversationReader | None = None,
        turn_callers: tuple[str, ...] = ("notification",),
    ) -> None:
        self._interpreter = interpreter
        self._limiter = limiter
        self._turns = turns
        self._conversations = conversations
        self._turn_callers = turn_callers

    async def _limited(self):
        caller = current_caller()
        if self._limiter is not None:
            await self._limiter.check(caller.subject)
        return caller

    async def Interpret(self, request: api.InterpretRequest, context) -> api.InterpretResponse:
        await self._limited()
        understood = await self._interpreter.understand(request.text, request.language_code or None)
        return api.InterpretResponse(interpretation=to_proto(understood.interpretation))

    async def CreateTurn(self, request: api.CreateTurnRequest, context) -> api.CreateTurnResponse:
        require_service(*self._turn_callers, reason="CALLER_NOT_ALLOWED")
        turn = await self._turns.create(request.parent, request.turn, request.request_id)
        return api.CreateTurnResponse(turn=turn)

    async def GetTurn(self, request: api.GetTurnRequest, context) -> api.GetTurnResponse:
        require_service(*self._turn_callers, reason="CALLER_NOT_ALLOWED")
        return api.GetTurnResponse(turn=await self._turns.get(request.name))

    async def GetConversation(
        self, request: api.GetConversationRequest, context
    ) -> api.GetConversationResponse:
        caller = await self._limited()
        found = await self._conversations.get(request.name, caller)
        return api.GetConversationResponse(conversation=found)

    async def ListConversations(
        self, request: api.ListConversationsRequest, context
    ) -> api.ListConversationsResponse:
        caller = await self._limited()
        found, token = await self._conversations.list(
            request.page_size, request.page_token, request.filter, caller
        )
        return api.ListConversationsResponse(conversations=found, next_page_token=token)
