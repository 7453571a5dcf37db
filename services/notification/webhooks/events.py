"""What a verified webhook carries, whichever provider sent it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bitsacco.notification.v1 import notification_pb2 as pb

from services.runtime.phone_numbers import InvalidPhoneNumber, normalize_phone


def our_number(raw: str) -> str:
    """Our own number as the provider names it: E.164 when it parses, else `+` and its digits
    (test and sandbox numbers such as +1 555… are not valid numbers, and are still ours)."""
    try:
        return normalize_phone(raw)
    except InvalidPhoneNumber:
        digits = "".join(ch for ch in raw if ch.isdigit())
        return f"+{digits}" if digits else ""


class MalformedWebhook(ValueError):
    """The payload is signed but not one we can read (HTTP 400)."""


@dataclass(frozen=True)
class InboundMessage:
    provider: int
    provider_message_id: str
    channel: int
    sender_phone: str  # E.164, from the signed payload
    recipient_phone: str  # our number, E.164 ("" when the provider does not say)
    content: pb.MessageContent  # text, interactive_reply, or media (without its source yet)
    profile_name: str = ""
    # Where the provider keeps the media: a URL (Twilio) or a media id (WhatsApp Cloud).
    remote_media: str | None = None

    @property
    def dedupe_key(self) -> str:
        return f"{self.provider}:{self.provider_message_id}"


@dataclass(frozen=True)
class StatusUpdate:
    provider: int
    provider_message_id: str
    state: int
    at: datetime
    error_code: str = ""
    error_title: str = ""


@dataclass(frozen=True)
class WebhookBatch:
    messages: list[InboundMessage] = field(default_factory=list)
    statuses: list[StatusUpdate] = field(default_factory=list)
