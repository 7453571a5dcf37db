"""Meta's WhatsApp Cloud API webhooks (also as 360dialog forwards them): the verification
handshake, X-Hub-Signature-256 over the raw bytes, and batched entries of messages (text, audio,
interactive button/list replies, template quick replies) and statuses."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime

from bitsacco.notification.v1 import notification_pb2 as pb

from services.notification.rules.delivery_status import WHATSAPP_STATUSES
from services.notification.webhooks.events import (
    InboundMessage,
    MalformedWebhook,
    StatusUpdate,
    WebhookBatch,
    our_number,
)
from services.runtime.phone_numbers import InvalidPhoneNumber, normalize_phone


def signature_valid(body: bytes, header: str, app_secret: str | None) -> bool:
    """`sha256=<hex HMAC-SHA256 of the raw body with the app secret>`, compared in constant time."""
    if not app_secret or not header.startswith("sha256="):
        return False
    expected = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256=").strip().lower())


def verify_token_matches(given: str, configured: str | None) -> bool:
    return bool(configured) and hmac.compare_digest(given.encode(), configured.encode())


def _phone(raw: str) -> str:
    try:
        return normalize_phone(raw)
    except InvalidPhoneNumber as exc:
        raise MalformedWebhook(f"{raw!r} is not a phone number") from exc


def _time(raw: object) -> datetime:
    try:
        return datetime.fromtimestamp(int(str(raw)), UTC)
    except (TypeError, ValueError):
        return datetime.now(UTC)


def _content(message: dict) -> tuple[pb.MessageContent, str | None]:
    kind = message.get("type")
    if kind == "text":
        return pb.MessageContent(text=str(message.get("text", {}).get("body", ""))), None
    if kind == "interactive":
        interactive = message.get("interactive", {})
        reply = interactive.get("button_reply") or interactive.get("list_reply") or {}
        return (
            pb.MessageContent(
                interactive_reply=pb.InteractiveReply(
                    id=str(reply.get("id", "")), title=str(reply.get("title", ""))
                )
            ),
            None,
        )
    if kind == "button":  # a quick-reply button of a template
        button = message.get("button", {})
        return (
            pb.MessageContent(
                interactive_reply=pb.InteractiveReply(
                    id=str(button.get("payload", "")), title=str(button.get("text", ""))
                )
            ),
            None,
        )
    if kind in ("audio", "voice", "image", "document", "video", "sticker"):
        media = message.get(kind, {})
        media_id = str(media.get("id", ""))
        if not media_id:
            raise MalformedWebhook(f"a {kind} message without a media id")
        content_type = str(media.get("mime_type", "application/octet-stream"))
        caption = "" if content_type.startswith("audio/") else str(media.get("caption", ""))
        return (
            pb.MessageContent(media=pb.MediaContent(content_type=content_type, caption=caption)),
            media_id,
        )
    # Locations, contacts, reactions, unsupported types: kept as text saying what arrived.
    return pb.MessageContent(text=""), None


def parse_batch(body: bytes) -> WebhookBatch:
    try:
        payload = json.loads(body)
    except (UnicodeDecodeError, ValueError) as exc:
        raise MalformedWebhook("the body is not JSON") from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("entry", []), list):
        raise MalformedWebhook("not a WhatsApp Cloud webhook")
    batch = WebhookBatch()
    try:
        for entry in payload.get("entry", []):
            for change in entry.get("changes", []):
                if change.get("field", "messages") != "messages":
                    continue
                value = change.get("value", {})
                ours = value.get("metadata", {}).get("display_phone_number", "")
                names = {
                    str(c.get("wa_id", "")): str(c.get("profile", {}).get("name", ""))
                    for c in value.get("contacts", [])
                }
                for message in value.get("messages", []):
                    sender = str(message["from"])
                    content, remote = _content(message)
                    batch.messages.append(
                        InboundMessage(
                            provider=pb.PROVIDER_WHATSAPP_CLOUD,
                            provider_message_id=str(message["id"]),
                            channel=pb.CHANNEL_WHATSAPP,
                            sender_phone=_phone(sender),
                            recipient_phone=our_number(ours),
                            content=content,
                            profile_name=names.get(sender, "")[:256],
                            remote_media=remote,
                        )
                    )
                for status in value.get("statuses", []):
                    state = WHATSAPP_STATUSES.get(str(status.get("status", "")))
                    if state is None:
                        continue
                    errors = status.get("errors") or [{}]
                    batch.statuses.append(
                        StatusUpdate(
                            provider=pb.PROVIDER_WHATSAPP_CLOUD,
                            provider_message_id=str(status["id"]),
                            state=state,
                            at=_time(status.get("timestamp")),
                            error_code=str(errors[0].get("code", "")),
                            error_title=str(errors[0].get("title", "")),
                        )
                    )
    except (KeyError, TypeError, AttributeError) as exc:
        raise MalformedWebhook("a WhatsApp Cloud entry is missing its fields") from exc
    return batch
