"""The delivery worker: sends queued outbound messages in order per member, through the
configured provider (or into the dev outbox), with retries and backoff, and records the outcome.

Each attempt is counted before the provider is called. A message the provider accepted is SENT
with the provider's id; a transient error schedules the next attempt (exponential backoff, capped)
until `send_max_attempts`, then FAILED RETRIES_EXHAUSTED; a permanent error is FAILED at once.
The dev outbox captures the message and marks it DELIVERED in one transaction, so it happens once.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

import grpc
from bitsacco.notification.v1 import notification_pb2 as pb
from sqlalchemy.engine import Row

from services.notification.adapters.providers import (
    MessageProvider,
    OutgoingMessage,
    ProviderError,
)
from services.notification.outbound import Outbound
from services.notification.rules.delivery_status import QUEUED
from services.notification.rules.retry import backoff_seconds
from services.notification.rules.service_window import content_to_send
from services.notification.settings import NotificationSettings
from services.notification.storage import messages as store
from services.notification.storage.outbox_messages import capture
from services.notification.storage.tables import messages
from services.runtime.cancellation import stopping
from services.runtime.db import Database
from services.runtime.errors import to_rpc_status

log = logging.getLogger("bitsacco.notification.delivery")

DOMAIN = "notification.bitsacco"


def error_status(
    code: grpc.StatusCode, reason: str, message: str, provider_code: str = ""
) -> bytes:
    metadata = {"provider_error_code": provider_code} if provider_code else {}
    return to_rpc_status(
        code, message, reason=reason, domain=DOMAIN, metadata=metadata
    ).SerializeToString()


class Delivery:
    def __init__(
        self,
        db: Database,
        settings: NotificationSettings,
        outbound: Outbound,
        providers: dict[int, MessageProvider],
    ) -> None:
        self._db = db
        self._settings = settings
        self._outbound = outbound
        self._providers = providers

    async def ready_lanes(self, limit: int) -> list[str]:
        async with self._db.statements() as connection:
            return await store.ready_lanes(
                connection, store.OUTBOUND, QUEUED, store.utcnow(), limit
            )

    async def drain(self, phone: str, renew: Callable[[], Awaitable[bool]]) -> None:
        """Send the member's queued messages in order until one must wait or none is left."""
        while not stopping():
            async with self._db.statements() as connection:
                head = await store.lane_head(connection, store.OUTBOUND, QUEUED, phone)
            if head is None:
                return
            due = store.aware(head.next_attempt_at)
            if due is not None and due > store.utcnow():
                return
            if not await self.deliver(head):
                return
            if not await renew():
                return

    def _public_content(self, content: pb.MessageContent) -> pb.MessageContent:
        """Stored media as its public URI, the way the provider must fetch it."""
        if content.WhichOneof("content") != "media" or not content.media.media:
            return content
        resolved = pb.MessageContent()
        resolved.CopyFrom(content)
        media_id = content.media.media.removeprefix("media/")
        resolved.media.uri = self._settings.public_url(f"/v1/media/{media_id}")
        return resolved

    async def _fail(self, row: Row, status: bytes) -> None:
        now = store.utcnow()
        async with self._db.transaction() as session:
            await session.execute(
                messages.update()
                .where(messages.c.id == row.id, messages.c.state == QUEUED)
                .values(state=pb.MESSAGE_STATE_FAILED, error=status, fail_time=now, update_time=now)
            )

    async def deliver(self, row: Row) -> bool:
        """One attempt at the message; True when the lane may go on to the next message."""
        content = pb.MessageContent.FromString(row.content)
        provider = self._outbound.provider_for(row.channel)
        if provider is None:
            await self._fail(
                row,
                error_status(
                    grpc.StatusCode.FAILED_PRECONDITION, "SMS_UNAVAILABLE", "SMS needs Twilio."
                ),
            )
            return True
        if row.channel == pb.CHANNEL_WHATSAPP and content.WhichOneof("content") != "template":
            # The window may have closed while the message waited (retries, a backlog).
            async with self._db.statements() as connection:
                last = await store.last_inbound_time(connection, row.member_phone)
            fallback = (
                pb.TemplateContent.FromString(row.fallback_template)
                if row.fallback_template
                else None
            )
            decision = content_to_send(row.channel, content, fallback, last, store.utcnow())
            if decision.content is None:
                await self._fail(
                    row,
                    error_status(
                        grpc.StatusCode.FAILED_PRECONDITION,
                        "OUTSIDE_SERVICE_WINDOW",
                        "The 24-hour window closed before the message could be sent.",
                    ),
                )
                return True
            if decision.used_fallback:
                content = decision.content
                async with self._db.transaction() as session:
                    await store.update_message(session, row.id, content=content.SerializeToString())
        if provider == pb.PROVIDER_DEV_OUTBOX:
            await self._to_outbox(row, content)
            return True
        return await self._send(row, content, provider)

    async def _to_outbox(self, row: Row, content: pb.MessageContent) -> None:
        now = store.utcnow()
        async with self._db.transaction() as session:
            moved = await session.execute(
                messages.update()
                .where(messages.c.id == row.id, messages.c.state == QUEUED)
                .values(
                    state=pb.MESSAGE_STATE_DELIVERED,
                    provider=pb.PROVIDER_DEV_OUTBOX,
                    attempt_count=messages.c.attempt_count + 1,
                    send_time=now,
                    deliver_time=now,
                    update_time=now,
                )
            )
            if moved.rowcount:
                await capture(
                    session,
                    row.id,
                    row.channel,
                    row.recipient_phone,
                    self._public_content(content).SerializeToString(),
                    now,
                )

    async def _send(self, row: Row, content: pb.MessageContent, provider: int) -> bool:
        adapter = self._providers[provider]
        attempt = row.attempt_count + 1
        async with self._db.transaction() as session:
            await store.update_message(
                session, row.id, attempt_count=attempt, provider=provider, next_attempt_at=None
            )
        outgoing = OutgoingMessage(
            message_id=row.id,
            channel=row.channel,
            sender_phone=row.sender_phone,
            recipient_phone=row.recipient_phone,
            content=self._public_content(content),
        )
        try:
            provider_id = await adapter.send(outgoing)
        except ProviderError as error:
            return await self._after_error(row, attempt, error)
        except Exception as error:  # a bug or an unexpected answer: retry, do not lose it
            if stopping():
                raise
            log.exception("provider adapter failed")
            return await self._after_error(
                row, attempt, ProviderError("PROVIDER_ERROR", str(error), transient=True)
            )
        now = store.utcnow()
        async with self._db.transaction() as session:
            await session.execute(
                messages.update()
                .where(messages.c.id == row.id, messages.c.state == QUEUED)
                .values(
                    state=pb.MESSAGE_STATE_SENT,
                    provider_message_id=provider_id,
                    send_time=now,
                    error=None,
                    update_time=now,
                )
            )
            await store.apply_early_statuses(session, provider_id)
        return True

    async def _after_error(self, row: Row, attempt: int, error: ProviderError) -> bool:
        log.warning(
            "provider refused message",
            extra={
                "reason": error.reason,
                "attempt": attempt,
                "provider_code": error.provider_code,
            },
        )
        if error.transient and attempt < self._settings.send_max_attempts:
            delay = backoff_seconds(
                attempt, self._settings.retry_base_seconds, self._settings.retry_max_seconds
            )
            async with self._db.transaction() as session:
                await store.update_message(
                    session,
                    row.id,
                    next_attempt_at=store.utcnow() + timedelta(seconds=delay),
                    error=error_status(
                        error.code, error.reason, error.message, error.provider_code
                    ),
                )
            return False  # the lane waits: later messages must not overtake this one
        reason = "RETRIES_EXHAUSTED" if error.transient else error.reason
        await self._fail(row, error_status(error.code, reason, error.message, error.provider_code))
        return True
