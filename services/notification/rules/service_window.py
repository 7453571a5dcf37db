"""WhatsApp's 24-hour customer-service window.

Free-form content (text, buttons, lists, media) may go to a WhatsApp number only within 24 hours
of that member's last message to us. Outside it only a pre-approved template may be sent: the
caller's `fallback_template` when it gave one, else the message cannot go out.
SMS has no window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bitsacco.notification.v1 import notification_pb2 as pb

WINDOW = timedelta(hours=24)


def window_open(last_inbound: datetime | None, now: datetime) -> bool:
    return last_inbound is not None and now - last_inbound < WINDOW


@dataclass(frozen=True)
class WindowDecision:
    content: pb.MessageContent | None  # what may go out; None: nothing may
    used_fallback: bool = False


def content_to_send(
    channel: int,
    content: pb.MessageContent,
    fallback_template: pb.TemplateContent | None,
    last_inbound: datetime | None,
    now: datetime,
) -> WindowDecision:
    """What may be sent now: `content`, the fallback template, or nothing (window closed)."""
    if channel != pb.CHANNEL_WHATSAPP or content.WhichOneof("content") == "template":
        return WindowDecision(content)
    if window_open(last_inbound, now):
        return WindowDecision(content)
    if fallback_template is not None:
        return WindowDecision(pb.MessageContent(template=fallback_template), used_fallback=True)
    return WindowDecision(None)
