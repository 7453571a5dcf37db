"""Twilio's form-encoded webhooks: signature verification with the SDK's RequestValidator, and
inbound messages (text, voice notes, button and list replies) and status callbacks read from
the fields.

The signature covers the URL Twilio was configured with and every POST field; it is checked
against the configured public URL and the body exactly as sent, never against a URL built from
the request's Host or X-Forwarded-* headers.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import parse_qsl

from bitsacco.notification.v1 import notification_pb2 as pb
from twilio.request_validator import RequestValidator, get_signature_algorithm

from services.notification.rules.delivery_status import TWILIO_STATUSES
from services.notification.webhooks.events import (
    InboundMessage,
    MalformedWebhook,
    StatusUpdate,
    our_number,
)
from services.runtime.phone_numbers import InvalidPhoneNumber, normalize_phone


class FormFields:
    """The POST fields, repeated keys kept (what RequestValidator signs)."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._pairs = pairs

    def __iter__(self):
        return iter(dict.fromkeys(key for key, _ in self._pairs))

    def getlist(self, key: str) -> list[str]:
        return [value for name, value in self._pairs if name == key]

    def get(self, key: str, default: str = "") -> str:
        values = self.getlist(key)
        return values[0] if values else default


def parse_form(body: bytes) -> FormFields:
    try:
        text = body.decode("utf-8")
        return FormFields(parse_qsl(text, keep_blank_values=True, strict_parsing=bool(text)))
    except (UnicodeDecodeError, ValueError) as exc:
        raise MalformedWebhook("the body is not a form") from exc


def signature_valid(
    url: str,
    body: bytes,
    signature: str,
    signature_settings: str,
    auth_token: str | None,
    shared_key: str | None,
) -> bool:
    """Whether `signature` signs `url` and the form `body`.

    Classic webhooks are signed with the auth token (HMAC-SHA1); with the
    X-Twilio-Webhooks-Signature-Settings header, with the SharedKey secret and its algorithm."""
    if not signature:
        return False
    algorithm = get_signature_algorithm(signature_settings)
    secret = shared_key if signature_settings else auth_token
    if not secret:
        return False
    try:
        fields = parse_form(body)
    except MalformedWebhook:
        return False
    return RequestValidator(secret).validate(url, fields, signature, algorithm=algorithm)


def _phone(raw: str, field: str) -> str:
    try:
        return normalize_phone(raw)
    except InvalidPhoneNumber as exc:
        raise MalformedWebhook(f"{field} is not a phone number") from exc


def inbound_message(fields: FormFields) -> InboundMessage:
    sid = fields.get("MessageSid") or fields.get("SmsMessageSid")
    sender = fields.get("From")
    if not sid or not sender:
        raise MalformedWebhook("MessageSid and From are required")
    channel = pb.CHANNEL_WHATSAPP if sender.startswith("whatsapp:") else pb.CHANNEL_SMS
    recipient = fields.get("To")
    remote_media = None
    button_id = fields.get("ButtonPayload")
    list_id = fields.get("ListId")
    try:
        media_count = int(fields.get("NumMedia") or 0)
    except ValueError as exc:
        raise MalformedWebhook("NumMedia is not a number") from exc
    if list_id:
        content = pb.MessageContent(
            interactive_reply=pb.InteractiveReply(id=list_id, title=fields.get("ListTitle"))
        )
    elif button_id:
        content = pb.MessageContent(
            interactive_reply=pb.InteractiveReply(
                id=button_id, title=fields.get("ButtonText") or fields.get("Body")
            )
        )
    elif media_count > 0 and fields.get("MediaUrl0"):
        remote_media = fields.get("MediaUrl0")
        content_type = fields.get("MediaContentType0") or "application/octet-stream"
        caption = "" if content_type.startswith("audio/") else fields.get("Body")
        content = pb.MessageContent(
            media=pb.MediaContent(content_type=content_type, caption=caption)
        )
    else:
        content = pb.MessageContent(text=fields.get("Body"))
    return InboundMessage(
        provider=pb.PROVIDER_TWILIO,
        provider_message_id=sid,
        channel=channel,
        sender_phone=_phone(sender, "From"),
        recipient_phone=our_number(recipient),
        content=content,
        profile_name=fields.get("ProfileName")[:256],
        remote_media=remote_media,
    )


def status_update(fields: FormFields, now: datetime | None = None) -> StatusUpdate | None:
    """The delivery state a status callback reports; None when it says nothing new."""
    sid = fields.get("MessageSid") or fields.get("SmsSid")
    status = (fields.get("MessageStatus") or fields.get("SmsStatus")).lower()
    if not sid or not status:
        raise MalformedWebhook("MessageSid and MessageStatus are required")
    state = TWILIO_STATUSES.get(status)
    if state is None:
        return None
    return StatusUpdate(
        provider=pb.PROVIDER_TWILIO,
        provider_message_id=sid,
        state=state,
        at=now or datetime.now(UTC),
        error_code=fields.get("ErrorCode"),
        error_title=fields.get("ErrorMessage"),
    )
