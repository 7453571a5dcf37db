"""Delivering one-time codes: through the notification service (WhatsApp or SMS).

`NotificationDelivery` calls NotificationService.SendMessage as the users service's own identity.
A WhatsApp code carries the `verification_code` template as its fallback (outside the 24-hour
window only a template may be sent); when WhatsApp cannot take it (no such template configured,
window closed), the code goes by SMS instead. In the embedded shape notification's dev outbox
captures the message (ListOutboxMessages).

`RecordingDelivery` keeps the messages in memory: for code that must run without a notification
service (tests of the users service alone, benchmarks). It is never chosen by configuration.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Protocol

import grpc
from bitsacco.notification.v1 import (
    notification_pb2,
    notification_service_pb2,
    notification_service_pb2_grpc,
)

from services.runtime.clients import call_metadata, channel
from services.runtime.errors import Unavailable

WHATSAPP, SMS = "whatsapp", "sms"
CODE_TEMPLATE = "verification_code"


class CodeDelivery(Protocol):
    async def send(
        self, *, request_id: str, phone: str, channel: str, text: str, code: str, language: str
    ) -> str:
        """Send `text` (which contains `code`); returns the channel actually used."""


class NotificationDelivery:
    def __init__(self, target: str, token: Callable[[], str], timeout: float = 5.0) -> None:
        self._channel = channel(target)
        self._stub = notification_service_pb2_grpc.NotificationServiceStub(self._channel)
        self._token = token
        self._timeout = timeout

    async def _send(self, request: notification_service_pb2.SendMessageRequest) -> None:
        await self._stub.SendMessage(
            request, metadata=call_metadata(self._token()), timeout=self._timeout
        )

    async def send(
        self, *, request_id: str, phone: str, channel: str, text: str, code: str, language: str
    ) -> str:
        # The notification request_id is derived, so a retried send is not delivered twice.
        base = uuid.UUID(request_id)
        try:
            if channel == WHATSAPP:
                try:
                    await self._send(
                        notification_service_pb2.SendMessageRequest(
                            request_id=str(uuid.uuid5(base, "whatsapp")),
                            recipient_phone=phone,
                            channel=notification_pb2.CHANNEL_WHATSAPP,
                            content=notification_pb2.MessageContent(text=text),
                            fallback_template=notification_pb2.TemplateContent(
                                name=CODE_TEMPLATE, language_code=language, parameters=[code]
                            ),
                        )
                    )
                    return WHATSAPP
                except grpc.aio.AioRpcError as error:
                    if error.code() not in (
                        grpc.StatusCode.INVALID_ARGUMENT,
                        grpc.StatusCode.FAILED_PRECONDITION,
                    ):
                        raise
            await self._send(
                notification_service_pb2.SendMessageRequest(
                    request_id=str(uuid.uuid5(base, "sms")),
                    recipient_phone=phone,
                    channel=notification_pb2.CHANNEL_SMS,
                    content=notification_pb2.MessageContent(text=text),
                )
            )
            return SMS
        except grpc.aio.AioRpcError as error:
            raise Unavailable(
                "CODE_DELIVERY_UNAVAILABLE",
                "The code could not be sent just now. Try again in a minute.",
                retry_after_seconds=30,
            ) from error

    async def close(self) -> None:
        await self._channel.close()
