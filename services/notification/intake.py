"""Accepting verified webhooks: inbound messages stored once (deduplicated on the provider's
message id, concurrent duplicates included) and statuses applied, in one transaction, before the
webhook answers. The inbound worker does the rest."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

import grpc
from bitsacco.notification.v1 import notification_pb2 as pb
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from services.notification.rules import rate_limit
from services.notification.rules.delivery_status import FAILED
from services.notification.rules.provider_errors import failure_reason
from services.notification.settings import NotificationSettings
from services.notification.storage import messages as store
from services.notification.storage.tables import messages
from services.notification.webhooks.events import InboundMessage, StatusUpdate, WebhookBatch
from services.notification.workers.delivery import error_status
from services.runtime.cache import Cache
from services.runtime.db import Database
from services.runtime.errors import Unavailable

log = logging.getLogger("bitsacco.notification.intake")


class Intake:
    def __init__(
        self,
        db: Database,
        cache: Cache,
        settings: NotificationSettings,
        wake_inbound: Callable[[], None] = lambda: None,
    ) -> None:
        self._db = db
        self._insert = store.insert_new_statement(db.is_sqlite)
        self._cache = cache
        self._settings = settings
        self._wake = wake_inbound

    async def accept(self, batch: WebhookBatch) -> int:
        """Store the batch durably; how many messages were new. UNAVAILABLE when storage is
        down, so the provider retries."""
        try:
            stored = 0
            if batch.messages:
                # Each message is one INSERT … ON CONFLICT DO NOTHING that commits on its own:
                # every row stands alone, and a retried webhook finds the ones already stored.
                async with self._db.statements() as connection:
                    for message in batch.messages:
                        stored += await self._store(connection, message)
            if batch.statuses:
                async with self._db.transaction() as session:
                    for status in batch.statuses:
                        await self._apply(session, status)
        except (SQLAlchemyError, OSError) as error:
            log.error("webhook not stored: %s", error)
            raise Unavailable(
                "STORAGE_UNAVAILABLE",
                "The message could not be stored; try again.",
                retry_after_seconds=1,
            ) from error
        if stored:
            self._wake()
        return stored

    async def _store(self, connection: AsyncConnection, message: InboundMessage) -> int:
        now = store.utcnow()
        message_id = str(uuid.uuid4())
        inserted = await connection.execute(
            self._insert,
            {
                "id": message_id,
                "direction": store.INBOUND,
                "channel": message.channel,
                "sender_phone": message.sender_phone,
                "recipient_phone": message.recipient_phone,
                "member_phone": message.sender_phone,
                "content": message.content.SerializeToString(),
                "state": pb.MESSAGE_STATE_RECEIVED,
                "provider": message.provider,
                "provider_message_id": message.provider_message_id,
                "dedupe_key": message.dedupe_key,
                "attempt_count": 0,
                "sender_profile_name": message.profile_name,
                "remote_media": message.remote_media,
                "rate_limit": "",
                "create_time": now,
                "update_time": now,
            },
        )
        if inserted.rowcount != 1:  # stored before: a retried or concurrent duplicate
            return 0
        decision = await self._rate_limit(message.sender_phone)
        if decision != rate_limit.WITHIN:
            # Before the worker can see it: it only takes messages whose lane it leases, and the
            # wake-up comes after this returns. (A crash in between processes it normally.)
            await connection.execute(
                messages.update().where(messages.c.id == message_id).values(rate_limit=decision)
            )
        return 1

    async def _rate_limit(self, phone: str) -> str:
        try:
            count = await self._cache.incr(f"inbound-rate:{phone}", rate_limit.WINDOW_SECONDS)
        except Exception as error:  # the limit protects us; losing it must not lose messages
            log.warning("rate limit unavailable: %s", error)
            return rate_limit.WITHIN
        return rate_limit.decide(count, self._settings.inbound_rate_limit_per_minute)

    async def _apply(self, session: AsyncSession, status: StatusUpdate) -> None:
        error = None
        if status.state == FAILED:
            error = error_status(
                grpc.StatusCode.FAILED_PRECONDITION,
                failure_reason(status.provider, status.error_code),
                status.error_title or "The provider could not deliver the message.",
                status.error_code,
            )
        moved = await store.advance_status(
            session, status.provider_message_id, status.state, status.at, error
        )
        if not moved and not await store.is_known_outbound(session, status.provider_message_id):
            # Maybe ours, with the send not yet recorded: kept a day, applied when it is.
            await store.remember_early_status(
                session, status.provider_message_id, status.state, status.at, error
            )
