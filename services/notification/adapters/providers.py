"""What every outbound provider adapter (Twilio, WhatsApp Cloud) offers the delivery worker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import grpc
from bitsacco.notification.v1 import notification_pb2 as pb


@dataclass(frozen=True)
class OutgoingMessage:
    message_id: str
    channel: int
    sender_phone: str
    recipient_phone: str
    # Media is given by its public URI here (stored media already resolved).
    content: pb.MessageContent


class ProviderError(Exception):
    """The provider did not accept a message. `transient` errors are retried with backoff."""

    def __init__(
        self,
        reason: str,
        message: str,
        *,
        transient: bool,
        code: grpc.StatusCode = grpc.StatusCode.FAILED_PRECONDITION,
        provider_code: str = "",
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.transient = transient
        self.code = code
        self.provider_code = provider_code


def transient_error(message: str, provider_code: str = "") -> ProviderError:
    return ProviderError(
        "PROVIDER_UNAVAILABLE",
        message,
        transient=True,
        code=grpc.StatusCode.UNAVAILABLE,
        provider_code=provider_code,
    )


class MessageProvider(Protocol):
    provider: int

    async def send(self, message: OutgoingMessage) -> str:
        """Hand the message to the provider; its message id. ProviderError when refused."""

    async def close(self) -> None: ...
