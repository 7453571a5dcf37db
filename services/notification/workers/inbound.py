"""The inbound worker: each stored inbound message, in order per member, is handed to the
assistant and its replies queued.

Steps, each recorded before the next, so a crash between any two loses nothing and repeats
nothing that has effects:
1. media: fetched from the provider (SSRF-safe) and stored under a request id derived from the
   message id (a retry finds the same media);
2. voice note: transcribed by the voice service, the transcript stored;
3. `turn_requested_at` recorded, then ai.CreateTurn with request_id = the message id; after a
   crash the worker first asks GetTurn for the turn, so CreateTurn runs once per message;
4. the replies (rendered within the channel's limits, voice notes synthesized and stored) queued
   under derived request ids in the same transaction that marks the message PROCESSED.
A dependency that is down schedules a retry with backoff and holds the member's later messages;
a step that can never succeed (a refused media URL, an unreadable message) gets a polite reply.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

import grpc
from bitsacco.ai.v1 import ai_pb2
from bitsacco.notification.v1 import notification_pb2 as pb
from google.protobuf import timestamp_pb2
from sqlalchemy.engine import Row

from services.notification.adapters.assistant import Assistant
from services.notification.adapters.dependencies import DependencyError
from services.notification.adapters.media_download import MediaDownloader
from services.notification.adapters.voice import Voice
from services.notification.outbound import Outbound, OutboundRequest, derived_request_id
from services.notification.rules import courtesy_replies, rate_limit
from services.notification.rules.delivery_status import RECEIVED
from services.notification.rules.rendering import render_reply
from services.notification.rules.retry import backoff_seconds
from services.notification.settings import NotificationSettings
from services.notification.storage import messages as store
from services.notification.storage.media import find_media, store_media
from services.notification.storage.tables import messages
from services.notification.workers.delivery import error_status
from services.runtime.cache import Cache
from services.runtime.cancellation import stopping
from services.runtime.db import Database

log = logging.getLogger("bitsacco.notification.inbound")

TURN_TEXT_MAX = 4096

# Called after each recorded step with the step's name and the message id. No-op in service;
# tests use it to stop the worker between two steps (a crash) and check that nothing is lost.
Checkpoint = Callable[[str, str], Awaitable[None]]


async def _no_checkpoint(step: str, message_id: str) -> None:
    return None


class InboundWorker:
    def __init__(
        self,
        db: Database,
        cache: Cache,
        settings: NotificationSettings,
        outbound: Outbound,
        assistant: Assistant,
        voice: Voice,
        downloader: MediaDownloader,
        wake_delivery: Callable[[], None] = lambda: None,
        checkpoint: Checkpoint = _no_checkpoint,
    ) -> None:
        self._db = db
        self._cache = cache
        self._settings = settings
        self._outbound = outbound
        self._assistant = assistant
        self._voice = voice
        self._downloader = downloader
        self._wake_delivery = wake_delivery
        self._checkpoint = checkpoint

    async def ready_lanes(self, limit: int) -> list[str]:
        async with self._db.statements() as connection:
            return await store.ready_lanes(
                connection, store.INBOUND, RECEIVED, store.utcnow(), limit
            )

    async def drain(self, phone: str, renew: Callable[[], Awaitable[bool]]) -> None:
        while not stopping():
            async with self._db.statements() as connection:
                head = await store.lane_head(connection, store.INBOUND, RECEIVED, phone)
            if head is None:
                return
            due = store.aware(head.next_attempt_at)
            if due is not None and due > store.utcnow():
                return
            if not await self.process(head):
                return
            if not await renew():
                return

    async def process(self, row: Row) -> bool:
        """Take one message as far as it can go; True when it is done (PROCESSED or FAILED)."""
        try:
            return await self._process(row)
        except _Finished:
            return True
        except DependencyError as error:
            return await self._retry_later(row, error)
        except Exception as error:  # a bug must not lose the message, nor spin on it
            if stopping():
                raise
            log.exception("inbound message failed unexpectedly")
            return await self._retry_later(row, DependencyError(str(error), transient=True))

    async def _process(self, row: Row) -> bool:
        if row.rate_limit:
            return await self._rate_limited(row)
        content = pb.MessageContent.FromString(row.content)
        turn = ai_pb2.Turn(
            channel_message_id=row.provider_message_id or row.id,
            profile_name=row.sender_profile_name or "",
            receive_time=_timestamp(row.create_time),
        )
        kind = content.WhichOneof("content")
        if kind == "text":
            turn.text = content.text[:TURN_TEXT_MAX]
        elif kind == "interactive_reply":
            turn.reply_id = content.interactive_reply.id[:256]
            turn.text = content.interactive_reply.title[:TURN_TEXT_MAX]
        elif kind == "media":
            media_name = await self._media(row, content)
            if media_name is None:
                return await self._answer_without_turn(
                    row, courtesy_replies.VOICE_NOTE_UNREADABLE, "MEDIA_UNAVAILABLE"
                )
            if content.media.content_type.startswith("audio/"):
                turn.audio = media_name
                turn.text = (await self._transcript(row, media_name))[:TURN_TEXT_MAX]
            else:
                turn.text = content.media.caption[:TURN_TEXT_MAX]
        if not (turn.text or turn.reply_id or turn.audio):
            return await self._answer_without_turn(
                row, courtesy_replies.UNSUPPORTED_MESSAGE, "UNSUPPORTED_MESSAGE"
            )
        answered = await self._turn(row, turn)
        await self._queue_replies(row, answered)
        return True

    # Step 1: media ------------------------------------------------------------------------

    async def _media(self, row: Row, content: pb.MessageContent) -> str | None:
        """The stored media's name (fetched and stored first if need be); None if unreadable."""
        if content.media.media:
            return content.media.media
        try:
            if row.provider == pb.PROVIDER_WHATSAPP_CLOUD:
                downloaded = await self._downloader.from_whatsapp_cloud(row.remote_media or "")
            else:
                downloaded = await self._downloader.from_twilio(row.remote_media or "")
        except DependencyError as error:
            if error.transient:
                raise
            log.warning("inbound media not fetched: %s", error)
            return None
        if not downloaded.data:
            return None
        content_type = content.media.content_type or downloaded.content_type
        now = store.utcnow()
        async with self._db.transaction() as session:
            stored, _ = await store_media(
                session,
                derived_request_id(row.id, "inbound-media"),
                content_type,
                downloaded.data,
                now,
                timedelta(days=self._settings.media_expire_days),
            )
            content.media.media = stored.name
            await store.update_message(session, row.id, content=content.SerializeToString())
        await self._checkpoint("media_stored", row.id)
        return stored.name

    # Step 2: transcript -------------------------------------------------------------------

    async def _transcript(self, row: Row, media_name: str) -> str:
        if row.transcript is not None:
            return row.transcript
        async with self._db.transaction() as session:
            found = await find_media(
                session, media_name.removeprefix("media/"), store.utcnow(), with_data=True
            )
        if found is None:
            return ""
        try:
            transcript = await self._voice.transcribe(found.data, found.content_type)
        except DependencyError as error:
            if error.transient:
                raise
            log.warning("voice note not transcribed: %s", error)
            transcript = ""  # the assistant asks the member to type it
        async with self._db.transaction() as session:
            await store.update_message(session, row.id, transcript=transcript)
        await self._checkpoint("transcribed", row.id)
        return transcript

    # Step 3: the turn ---------------------------------------------------------------------

    async def _turn(self, row: Row, turn: ai_pb2.Turn) -> ai_pb2.Turn:
        phone = row.member_phone
        if row.turn_requested_at is not None:
            # A previous attempt may have reached ai: pick its turn up instead of running it again.
            found = await self._assistant.get_turn(phone, row.id)
            if found is not None:
                return found
        else:
            async with self._db.statements() as connection:
                await store.update_message(connection, row.id, turn_requested_at=store.utcnow())
            await self._checkpoint("turn_requested", row.id)
        try:
            answered = await self._assistant.create_turn(phone, turn, row.id)
        except DependencyError as error:
            if error.transient:
                raise
            log.error("the assistant refused a turn: %s", error)
            await self._fail_with_apology(row, error)
            raise _Finished from None
        await self._checkpoint("turn_created", row.id)
        return answered

    # Step 4: replies ----------------------------------------------------------------------

    async def _queue_replies(self, row: Row, turn: ai_pb2.Turn) -> None:
        requests: list[OutboundRequest] = []
        for index, reply in enumerate(turn.replies):
            parts = render_reply(reply, row.channel)
            if reply.voice_note and reply.text and row.channel == pb.CHANNEL_WHATSAPP:
                voice_note = await self._voice_note(row, index, reply)
                if voice_note is not None:
                    parts.append(voice_note)
            for part, content in enumerate(parts):
                requests.append(self._reply(row, f"reply:{index}:{part}", content))
        await self._finish(row, requests, pb.MESSAGE_STATE_PROCESSED)

    async def _voice_note(
        self, row: Row, index: int, reply: ai_pb2.OutboundReply
    ) -> pb.MessageContent | None:
        """The reply as a voice note; None when it cannot be made (the text still goes)."""
        try:
            audio, content_type = await self._voice.synthesize(reply.text, reply.language_code)
        except DependencyError as error:
            log.warning("voice note not synthesized: %s", error)
            return None
        if not audio:
            return None
        async with self._db.transaction() as session:
            stored, _ = await store_media(
                session,
                derived_request_id(row.id, f"voice:{index}"),
                content_type,
                audio,
                store.utcnow(),
                timedelta(days=self._settings.media_expire_days),
            )
        return pb.MessageContent(
            media=pb.MediaContent(media=stored.name, content_type=stored.content_type)
        )

    def _reply(self, row: Row, label: str, content: pb.MessageContent) -> OutboundRequest:
        return OutboundRequest(
            request_id=derived_request_id(row.id, label),
            recipient_phone=row.member_phone,
            channel=row.channel,
            content=content,
            in_reply_to=row.id,
        )

    async def _finish(
        self,
        row: Row,
        replies: list[OutboundRequest],
        state: int,
        error: bytes | None = None,
    ) -> None:
        """Queue the replies and settle the message, in one transaction: all or nothing."""
        now = store.utcnow()
        async with self._db.transaction() as session:
            for reply in replies:
                await self._outbound.queue_in(session, reply, check_window=False)
            values = {"state": state, "next_attempt_at": None}
            if state == pb.MESSAGE_STATE_PROCESSED:
                values["process_time"] = now
            else:
                values["fail_time"] = now
                values["error"] = error
            await session.execute(
                messages.update()
                .where(messages.c.id == row.id, messages.c.state == RECEIVED)
                .values(update_time=now, **values)
            )
        await self._checkpoint("replies_queued", row.id)
        if replies:
            self._wake_delivery()

    # Answers without a turn ----------------------------------------------------------------

    async def _answer_without_turn(self, row: Row, text: str, reason: str) -> bool:
        status = error_status(
            grpc.StatusCode.FAILED_PRECONDITION, reason, "The message could not be read."
        )
        reply = self._reply(row, f"courtesy:{reason.lower()}", pb.MessageContent(text=text))
        await self._finish(row, [reply], pb.MESSAGE_STATE_FAILED, status)
        return True

    async def _rate_limited(self, row: Row) -> bool:
        status = error_status(
            grpc.StatusCode.RESOURCE_EXHAUSTED,
            "RATE_LIMITED",
            f"More than {self._settings.inbound_rate_limit_per_minute} messages in a minute.",
        )
        replies = []
        if row.rate_limit == rate_limit.NOTIFY:
            wait = await self._cache.ttl(f"inbound-rate:{row.member_phone}")
            text = courtesy_replies.too_many_messages(wait or rate_limit.WINDOW_SECONDS)
            replies.append(self._reply(row, "courtesy:rate-limited", pb.MessageContent(text=text)))
        await self._finish(row, replies, pb.MESSAGE_STATE_FAILED, status)
        return True

    async def _fail_with_apology(self, row: Row, error: DependencyError) -> None:
        status = error_status(
            grpc.StatusCode.FAILED_PRECONDITION, error.reason or "TURN_REFUSED", str(error)
        )
        reply = self._reply(
            row, "courtesy:failed", pb.MessageContent(text=courtesy_replies.PROCESSING_FAILED)
        )
        await self._finish(row, [reply], pb.MESSAGE_STATE_FAILED, status)

    async def _retry_later(self, row: Row, error: DependencyError) -> bool:
        attempt = row.attempt_count + 1
        if attempt >= self._settings.inbound_max_attempts:
            log.error("giving up on an inbound message after %d attempts: %s", attempt, error)
            await self._fail_with_apology(
                row, DependencyError(str(error), transient=False, reason="RETRIES_EXHAUSTED")
            )
            return True
        delay = backoff_seconds(
            attempt, self._settings.retry_base_seconds, self._settings.retry_max_seconds
        )
        log.warning("inbound message waits %.1fs (attempt %d): %s", delay, attempt, error)
        async with self._db.transaction() as session:
            await store.update_message(
                session,
                row.id,
                attempt_count=attempt,
                next_attempt_at=store.utcnow() + timedelta(seconds=delay),
            )
        return False


class _Finished(Exception):
    """The message was settled inside a step (refused by the assistant)."""


def _timestamp(moment) -> timestamp_pb2.Timestamp:
    stamp = timestamp_pb2.Timestamp()
    stamp.FromDatetime(store.aware(moment))
    return stamp
