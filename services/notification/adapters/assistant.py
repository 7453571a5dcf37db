"""The ai service's dialogue, over its gRPC contract: CreateTurn for each inbound message, GetTurn
to pick up a turn whose answer a crash lost."""

from __future__ import annotations

from collections.abc import Callable

import grpc
from bitsacco.ai.v1 import ai_pb2, ai_service_pb2, ai_service_pb2_grpc

from services.notification.adapters.dependencies import DependencyError, from_rpc_error
from services.runtime.clients import call_metadata, channel
from services.runtime.errors import DomainError


def conversation_of(phone: str) -> str:
    """`+254712345678` → `conversations/254712345678`."""
    return "conversations/" + phone.removeprefix("+")


class Assistant:
    def __init__(self, target: str, token: Callable[[], str], timeout_seconds: float) -> None:
        self._target = target
        self._token = token
        self._timeout = timeout_seconds
        self._channel: grpc.aio.Channel | None = None

    def _stub(self) -> ai_service_pb2_grpc.AiServiceStub:
        if self._channel is None:
            self._channel = channel(self._target)
        return ai_service_pb2_grpc.AiServiceStub(self._channel)

    def _metadata(self) -> tuple[tuple[str, str], ...]:
        try:
            return call_metadata(self._token())
        except DomainError as error:  # e.g. SERVICE_SECRET missing: keep the message, retry
            raise DependencyError(error.message, transient=True, reason=error.reason) from error

    async def create_turn(self, phone: str, turn: ai_pb2.Turn, request_id: str) -> ai_pb2.Turn:
        request = ai_service_pb2.CreateTurnRequest(
            parent=conversation_of(phone), turn=turn, request_id=request_id
        )
        try:
            answer = await self._stub().CreateTurn(
                request, metadata=self._metadata(), timeout=self._timeout
            )
        except grpc.aio.AioRpcError as error:
            raise from_rpc_error(error, "CreateTurn") from error
        return answer.turn

    async def get_turn(self, phone: str, request_id: str) -> ai_pb2.Turn | None:
        """The stored turn, or None when ai has none (never created, or expired)."""
        name = f"{conversation_of(phone)}/turns/{request_id}"
        try:
            answer = await self._stub().GetTurn(
                ai_service_pb2.GetTurnRequest(name=name),
                metadata=self._metadata(),
                timeout=self._timeout,
            )
        except grpc.aio.AioRpcError as error:
            if error.code() == grpc.StatusCode.NOT_FOUND:
                return None
            raise from_rpc_error(error, "GetTurn") from error
        return answer.turn

    async def close(self) -> None:
        if self._channel is not None:
            await self._channel.close()
            self._channel = None
