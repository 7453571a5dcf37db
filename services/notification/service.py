"""Assembles the notification service for the runtime."""

from __future__ import annotations

from bitsacco.notification.v1 import notification_service_pb2_grpc

from services.runtime.bootstrap import Resources
from services.runtime.server import Service


class NotificationHandlers(notification_service_pb2_grpc.NotificationServiceServicer):
    """The contract's RPCs; each answers UNIMPLEMENTED until its issue implements it."""


async def build(resources: Resources) -> Service:
    return Service(name="notification", servicers=[NotificationHandlers()])
