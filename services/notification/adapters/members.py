"""Members' WhatsApp numbers and languages, from the users service (GetUser as a service)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import grpc
from bitsacco.users.v1 import users_service_pb2, users_service_pb2_grpc

from services.notification.adapters.dependencies import DependencyError, from_rpc_error
from services.runtime.clients import call_metadata, channel


@dataclass(frozen=True)
class Contact:
    phone: str
    language_code: str


class Members:
    def __init__(self, target: str, token: Callable[[], str], cache_seconds: float = 300) -> None:
        self._target = target
        self._token = token
        self._channel: grpc.aio.Channel | None = None
        self._cache: dict[str, tuple[float, Contact | None]] = {}
        self._cache_seconds = cache_seconds

    async def contact(self, user: str) -> Contact | None:
        """The member's number and language; None when there is no such (or an erased) member."""
        cached = self._cache.get(user)
        if cached and cached[0] > time.monotonic():
            return cached[1]
        if self._channel is None:
            self._channel = channel(self._target)
        stub = users_service_pb2_grpc.UsersServiceStub(self._channel)
        try:
            answer = await stub.GetUser(
                users_service_pb2.GetUserRequest(name=user),
                metadata=call_metadata(self._token()),
                timeout=10,
            )
        except grpc.aio.AioRpcError as error:
            if error.code() == grpc.StatusCode.NOT_FOUND:
                found = None
            else:
                raise from_rpc_error(error, "GetUser") from error
        else:
            found = (
                Contact(answer.user.phone_number, answer.user.language_code or "en")
                if answer.user.phone_number
                else None
            )
        self._cache[user] = (time.monotonic() + self._cache_seconds, found)
        return found

    async def close(self) -> None:
        if self._channel is not None:
            await self._channel.close()
            self._channel = None


__all__ = ["Contact", "DependencyError", "Members"]
