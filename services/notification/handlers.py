"""The NotificationService RPCs: proto ⇄ domain, permission checks, nothing else."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from bitsacco.notification.v1 import notification_pb2 as pb
from bitsacco.notification.v1 import notification_service_pb2 as api
from bitsacco.notification.v1 import notification_service_pb2_grpc
from google.api import httpbody_pb2
from google.protobuf import timestamp_pb2
from google.rpc import status_pb2
from sqlalchemy.engine import Row

from services.notification.intake import Intake
from services.notification.outbound import Outbound, OutboundRequest
from services.notification.rules.access import require_service, require_service_or_support
from services.notification.rules.message_filter import parse_filter
from services.notification.rules.page_tokens import decode_page_token, encode_page_token
from services.notification.settings import NotificationSettings
from services.notification.storage import messages as store
from services.notification.storage.media import StoredMedia, find_media, store_media
from services.notification.storage.outbox_messages import list_outbox
from services.notification.webhooks import twilio_form, whatsapp_cloud
from services.notification.webhooks.events import MalformedWebhook, WebhookBatch
from services.runtime.auth import current_caller
from services.runtime.db import Database
from services.runtime.errors import (
    AlreadyExists,
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from services.runtime.phone_numbers import InvalidPhoneNumber, normalize_phone

SERVICE = "/bitsacco.notification.v1.NotificationService/"
PUBLIC_METHODS = frozenset(
    SERVICE + name
    for name in ("TwilioInbound", "TwilioStatus", "WhatsAppVerify", "WhatsAppInbound", "GetMedia")
)


def timestamp(moment: datetime | None) -> timestamp_pb2.Timestamp | None:
    if moment is None:
        return None
    stamp = timestamp_pb2.Timestamp()
    stamp.FromDatetime(store.aware(moment))
    return stamp


def message_proto(row: Row) -> pb.Message:
    message = pb.Message(
        name=f"messages/{row.id}",
        direction=row.direction,
        channel=row.channel,
        sender_phone=row.sender_phone,
        recipient_phone=row.recipient_phone,
        content=pb.MessageContent.FromString(row.content),
        state=row.state,
        provider=row.provider,
        provider_message_id=row.provider_message_id or "",
        attempt_count=row.attempt_count,
        sender_profile_name=row.sender_profile_name or "",
    )
    if row.error and row.state == pb.MESSAGE_STATE_FAILED:
        message.error.CopyFrom(status_pb2.Status.FromString(row.error))
    for field in (
        "create_time",
        "send_time",
        "deliver_time",
        "read_time",
        "fail_time",
        "process_time",
        "update_time",
    ):
        if (stamp := timestamp(getattr(row, field))) is not None:
            getattr(message, field).CopyFrom(stamp)
    return message


def media_proto(stored: StoredMedia, settings: NotificationSettings) -> pb.Media:
    return pb.Media(
        name=stored.name,
        content_type=stored.content_type,
        size_bytes=stored.size_bytes,
        sha256=stored.sha256,
        uri=settings.public_url(f"/v1/{stored.name}"),
        create_time=timestamp(stored.create_time),
        expire_time=timestamp(stored.expire_time),
    )


TWIML_EMPTY = b'<?xml version="1.0" encoding="UTF-8"?><Response/>'


def _metadata(context) -> dict[str, str]:
    return {item.key.lower(): str(item.value) for item in context.invocation_metadata() or ()}


def _invalid_signature() -> PermissionDenied:
    return PermissionDenied("INVALID_SIGNATURE", "The webhook's signature is not valid.")


def _malformed(error: MalformedWebhook) -> InvalidArgument:
    return InvalidArgument("MALFORMED_WEBHOOK", f"The webhook cannot be read: {error}.")


class NotificationHandlers(notification_service_pb2_grpc.NotificationServiceServicer):
    def __init__(
        self,
        db: Database,
        settings: NotificationSettings,
        outbound: Outbound,
        intake: Intake,
        twilio_webhook_token: str | None,
    ) -> None:
        self._db = db
        self._settings = settings
        self._outbound = outbound
        self._intake = intake
        self._twilio_token = twilio_webhook_token

    # Webhooks ------------------------------------------------------------------------------

    def _verify_twilio(self, context, body: bytes, url: str) -> None:
        metadata = _metadata(context)
        shared = self._settings.twilio_webhook_shared_key
        if not twilio_form.signature_valid(
            url,
            body,
            metadata.get("x-twilio-signature", ""),
            metadata.get("x-twilio-webhooks-signature-settings", ""),
            self._twilio_token,
            shared.get_secret_value() if shared else None,
        ):
            raise _invalid_signature()

    async def TwilioInbound(
        self, request: api.TwilioInboundRequest, context
    ) -> api.TwilioInboundResponse:
        body = request.http_body.data
        self._verify_twilio(context, body, self._settings.resolved_twilio_inbound_url())
        try:
            message = twilio_form.inbound_message(twilio_form.parse_form(body))
        except MalformedWebhook as error:
            raise _malformed(error) from None
        await self._intake.accept(WebhookBatch(messages=[message]))
        return api.TwilioInboundResponse(
            http_body=httpbody_pb2.HttpBody(content_type="text/xml", data=TWIML_EMPTY)
        )

    async def TwilioStatus(
        self, request: api.TwilioStatusRequest, context
    ) -> api.TwilioStatusResponse:
        body = request.http_body.data
        self._verify_twilio(context, body, self._settings.resolved_twilio_status_url())
        try:
            status = twilio_form.status_update(twilio_form.parse_form(body))
        except MalformedWebhook as error:
            raise _malformed(error) from None
        if status is not None:
            await self._intake.accept(WebhookBatch(statuses=[status]))
        return api.TwilioStatusResponse(
            http_body=httpbody_pb2.HttpBody(content_type="text/plain", data=b"")
        )

    async def WhatsAppVerify(
        self, request: api.WhatsAppVerifyRequest, context
    ) -> api.WhatsAppVerifyResponse:
        configured = self._settings.whatsapp_verify_token
        if not whatsapp_cloud.verify_token_matches(
            request.hub.verify_token, configured.get_secret_value() if configured else None
        ):
            raise PermissionDenied(
                "VERIFY_TOKEN_MISMATCH", "hub.verify_token is not the configured token."
            )
        return api.WhatsAppVerifyResponse(
            http_body=httpbody_pb2.HttpBody(
                content_type="text/plain", data=request.hub.challenge.encode()
            )
        )

    async def WhatsAppInbound(
        self, request: api.WhatsAppInboundRequest, context
    ) -> api.WhatsAppInboundResponse:
        body = request.http_body.data
        secret = self._settings.whatsapp_app_secret
        if not whatsapp_cloud.signature_valid(
            body,
            _metadata(context).get("x-hub-signature-256", ""),
            secret.get_secret_value() if secret else None,
        ):
            raise _invalid_signature()
        try:
            batch = whatsapp_cloud.parse_batch(body)
        except MalformedWebhook as error:
            raise _malformed(error) from None
        await self._intake.accept(batch)
        return api.WhatsAppInboundResponse(
            http_body=httpbody_pb2.HttpBody(content_type="text/plain", data=b"")
        )

    # Internal RPCs -------------------------------------------------------------------------

    async def SendMessage(
        self, request: api.SendMessageRequest, context
    ) -> api.SendMessageResponse:
        require_service(current_caller())
        try:
            recipient = normalize_phone(request.recipient_phone)
        except InvalidPhoneNumber:
            raise InvalidArgument(
                "INVALID_PHONE_NUMBER",
                "recipient_phone is not a valid phone number.",
                violations=[FieldViolation("recipient_phone", "not a valid phone number")],
            ) from None
        row = await self._outbound.queue(
            OutboundRequest(
                request_id=request.request_id.lower(),
                recipient_phone=recipient,
                channel=request.channel,
                content=request.content,
                fallback_template=request.fallback_template
                if request.HasField("fallback_template")
                else None,
            )
        )
        return api.SendMessageResponse(message=message_proto(row))

    async def GetMessage(self, request: api.GetMessageRequest, context) -> api.GetMessageResponse:
        require_service_or_support(current_caller())
        message_id = request.name.removeprefix("messages/").lower()
        async with self._db.transaction() as session:
            row = await store.by_id(session, message_id)
        if row is None:
            raise NotFound("MESSAGE_NOT_FOUND", "There is no such message.")
        return api.GetMessageResponse(message=message_proto(row))

    async def ListMessages(
        self, request: api.ListMessagesRequest, context
    ) -> api.ListMessagesResponse:
        require_service_or_support(current_caller())
        wanted = parse_filter(request.filter)
        before = decode_page_token(request.page_token, request.filter)
        size = request.page_size or 50
        async with self._db.transaction() as session:
            rows = await store.list_messages(
                session,
                phone_number=wanted.phone_number,
                equals=wanted.equals,
                create_time=wanted.create_time,
                before_seq=before,
                limit=size + 1,
            )
        more = len(rows) > size
        rows = rows[:size]
        return api.ListMessagesResponse(
            messages=[message_proto(row) for row in rows],
            next_page_token=encode_page_token(rows[-1].seq, request.filter) if more else "",
        )

    async def CreateMedia(
        self, request: api.CreateMediaRequest, context
    ) -> api.CreateMediaResponse:
        require_service(current_caller())
        now = store.utcnow()
        async with self._db.transaction() as session:
            stored, created = await store_media(
                session,
                request.request_id.lower(),
                request.media.content_type,
                request.media.data,
                now,
                timedelta(days=self._settings.media_expire_days),
            )
        if not created:
            same = (
                stored.sha256 == hashlib.sha256(request.media.data).hexdigest()
                and stored.content_type == request.media.content_type
            )
            if not same:
                raise AlreadyExists(
                    "REQUEST_ID_REUSED", "This request_id was already used for different media."
                )
        return api.CreateMediaResponse(media=media_proto(stored, self._settings))

    async def GetMedia(self, request: api.GetMediaRequest, context) -> api.GetMediaResponse:
        async with self._db.transaction() as session:
            found = await find_media(
                session, request.name.removeprefix("media/"), store.utcnow(), with_data=True
            )
        if found is None:
            raise NotFound("MEDIA_NOT_FOUND", "That media does not exist or has expired.")
        return api.GetMediaResponse(
            http_body=httpbody_pb2.HttpBody(content_type=found.content_type, data=found.data)
        )

    async def ListOutboxMessages(
        self, request: api.ListOutboxMessagesRequest, context
    ) -> api.ListOutboxMessagesResponse:
        require_service_or_support(current_caller())
        if not self._settings.outbox_enabled():
            raise FailedPrecondition(
                "OUTBOX_DISABLED", "A real provider is configured: there is no dev outbox."
            )
        query = f"{request.recipient_phone}|{request.after_sequence}"
        after = decode_page_token(request.page_token, query)
        size = request.page_size or 100
        async with self._db.statements() as connection:
            rows = await list_outbox(
                connection,
                after if after is not None else request.after_sequence,
                request.recipient_phone,
                size + 1,
            )
        more = len(rows) > size
        rows = rows[:size]
        return api.ListOutboxMessagesResponse(
            outbox_messages=[
                pb.OutboxMessage(
                    name=f"outboxMessages/{row.message_id}",
                    sequence=row.sequence,
                    message=f"messages/{row.message_id}",
                    channel=row.channel,
                    recipient_phone=row.recipient_phone,
                    content=pb.MessageContent.FromString(row.content),
                    create_time=timestamp(row.create_time),
                )
                for row in rows
            ],
            next_page_token=encode_page_token(rows[-1].sequence, query) if more else "",
        )
