"""Queueing outbound messages (SendMessage, the assistant's replies, event notifications):
checks, the 24-hour rule, idempotency by request_id. Delivery is the delivery worker's job."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bitsacco.notification.v1 import notification_pb2 as pb
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncSession

from services.notification.rules.routing import provider_for
from services.notification.rules.service_window import content_to_send
from services.notification.rules.templates import TemplateRegistry
from services.notification.settings import NotificationSettings
from services.notification.storage import messages as store
from services.notification.storage.media import find_media
from services.runtime.db import Database
from services.runtime.errors import (
    AlreadyExists,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    Precondition,
)


@dataclass(frozen=True)
class OutboundRequest:
    request_id: str
    recipient_phone: str
    channel: int
    content: pb.MessageContent
    fallback_template: pb.TemplateContent | None = None
    in_reply_to: str | None = None

    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for part in (
            self.recipient_phone.encode(),
            str(self.channel).encode(),
            self.content.SerializeToString(deterministic=True),
            self.fallback_template.SerializeToString(deterministic=True)
            if self.fallback_template is not None
            else b"-",
        ):
            digest.update(len(part).to_bytes(4, "big") + part)
        return digest.hexdigest()


def derived_request_id(parent: str, label: str) -> str:
    """A stable request id for a message derived from another (a reply part, an event)."""
    return str(uuid.uuid5(uuid.UUID(parent), label))


class Outbound:
    def __init__(
        self,
        db: Database,
        settings: NotificationSettings,
        templates: TemplateRegistry,
        wake_delivery: Callable[[], None] = lambda: None,
    ) -> None:
        self._db = db
        self._settings = settings
        self._templates = templates
        self._wake = wake_delivery

    def provider_for(self, channel: int) -> int | None:
        s = self._settings
        return provider_for(
            channel, s.twilio_configured(), s.whatsapp_cloud_configured(), s.whatsapp_provider
        )

    def sender_phone(self, channel: int) -> str:
        s = self._settings
        if channel == pb.CHANNEL_SMS and s.twilio_sms_from:
            return s.twilio_sms_from
        return s.business_phone

    async def queue(self, request: OutboundRequest) -> Row:
        """Queue in a transaction of its own; the existing message for a repeated request_id."""
        async with self._db.transaction() as session:
            row = await self.queue_in(session, request)
        self._wake()
        return row

    async def queue_in(
        self, session: AsyncSession, request: OutboundRequest, *, check_window: bool = True
    ) -> Row:
        """Queue inside the caller's transaction (the caller wakes the delivery worker)."""
        fingerprint = request.fingerprint()
        existing = await store.by_request_id(session, request.request_id)
        if existing is not None:
            return self._same_request(existing, fingerprint)
        now = store.utcnow()
        await self._check(session, request, now)
        content = request.content
        if check_window:
            decision = content_to_send(
                request.channel,
                request.content,
                request.fallback_template,
                await store.last_inbound_time(session, request.recipient_phone),
                now,
            )
            if decision.content is None:
                raise FailedPrecondition(
                    "OUTSIDE_SERVICE_WINDOW",
                    "The member has not written in the last 24 hours: only a template may be "
                    "sent. Give a fallback_template.",
                    preconditions=[
                        Precondition(
                            "SERVICE_WINDOW",
                            f"phones/{request.recipient_phone}",
                            "No message from this number in the last 24 hours.",
                        )
                    ],
                )
            content = decision.content
        values = {
            "id": str(uuid.uuid4()),
            "direction": store.OUTBOUND,
            "channel": request.channel,
            "sender_phone": self.sender_phone(request.channel),
            "recipient_phone": request.recipient_phone,
            "member_phone": request.recipient_phone,
            "content": content.SerializeToString(),
            "fallback_template": request.fallback_template.SerializeToString()
            if request.fallback_template is not None
            else None,
            "state": pb.MESSAGE_STATE_QUEUED,
            "provider": pb.PROVIDER_UNSPECIFIED,
            "request_id": request.request_id,
            "request_hash": fingerprint,
            "in_reply_to": request.in_reply_to,
            "attempt_count": 0,
            "sender_profile_name": "",
            "rate_limit": "",
            "create_time": now,
            "update_time": now,
        }
        if not await store.insert_message(session, values):  # a concurrent same request_id
            existing = await store.by_request_id(session, request.request_id)
            return self._same_request(existing, fingerprint)
        return await store.by_id(session, values["id"])

    @staticmethod
    def _same_request(existing: Row, fingerprint: str) -> Row:
        if existing.request_hash != fingerprint:
            raise AlreadyExists(
                "REQUEST_ID_REUSED",
                "This request_id was already used for a different message.",
            )
        return existing

    async def _check(self, session: AsyncSession, request: OutboundRequest, now: datetime) -> None:
        provider = self.provider_for(request.channel)
        if provider is None:
            raise FailedPrecondition(
                "SMS_UNAVAILABLE",
                "SMS needs Twilio, which is not configured.",
                preconditions=[Precondition("PROVIDER", "twilio", "Twilio is not configured.")],
            )
        kind = request.content.WhichOneof("content")
        if kind == "interactive_reply":
            raise InvalidArgument(
                "INTERACTIVE_REPLY_INBOUND_ONLY", "interactive_reply is inbound only."
            )
        templates = []
        if kind == "template":
            templates.append(("content.template", request.content.template))
        if request.fallback_template is not None:
            templates.append(("fallback_template", request.fallback_template))
        for field, template in templates:
            self._templates.check(template, field)
            if provider == pb.PROVIDER_TWILIO:
                key = f"{template.name}:{template.language_code}"
                if key not in self._settings.twilio_template_content_sids:
                    raise InvalidArgument(
                        "UNKNOWN_TEMPLATE",
                        f"Template {key} has no Twilio Content SID configured.",
                    )
        if kind == "media" and request.content.media.WhichOneof("source") == "media":
            media_id = request.content.media.media.removeprefix("media/")
            if await find_media(session, media_id, now) is None:
                raise NotFound("MEDIA_NOT_FOUND", "That media does not exist or has expired.")
