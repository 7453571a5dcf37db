"""Which provider carries a message."""

from __future__ import annotations

from bitsacco.notification.v1 import notification_pb2 as pb


def provider_for(channel: int, twilio: bool, whatsapp_cloud: bool, preferred: str) -> int | None:
    """The provider for `channel`; the dev outbox when none is configured; None when the
    configured providers cannot carry it (SMS needs Twilio)."""
    if not twilio and not whatsapp_cloud:
        return pb.PROVIDER_DEV_OUTBOX
    if channel == pb.CHANNEL_SMS:
        return pb.PROVIDER_TWILIO if twilio else None
    if twilio and whatsapp_cloud:
        return pb.PROVIDER_WHATSAPP_CLOUD if preferred == "whatsapp_cloud" else pb.PROVIDER_TWILIO
    return pb.PROVIDER_TWILIO if twilio else pb.PROVIDER_WHATSAPP_CLOUD
