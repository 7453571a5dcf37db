"""Meta's WhatsApp Cloud API: POST {graph}/{version}/{phone_number_id}/messages with the access
token. Text, reply buttons, lists, templates and media (by link). The base URL is a setting, so
tests point it at a local server speaking the Graph API."""

from __future__ import annotations

import ssl

import httpx
from bitsacco.notification.v1 import notification_pb2 as pb

from services.notification.adapters.providers import (
    OutgoingMessage,
    ProviderError,
    transient_error,
)
from services.notification.rules.provider_errors import failure_reason, is_transient
from services.notification.settings import NotificationSettings


def message_payload(message: OutgoingMessage) -> dict:
    """The Graph API body for one message."""
    payload: dict = {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": message.recipient_phone.removeprefix("+"),
        "biz_opaque_callback_data": message.message_id,
    }
    content = message.content
    kind = content.WhichOneof("content")
    if kind == "text":
        payload |= {"type": "text", "text": {"body": content.text, "preview_url": False}}
    elif kind == "buttons":
        payload |= {
            "type": "interactive",
            "interactive": {
                "type": "button",
                "body": {"text": content.buttons.body},
                "action": {
                    "buttons": [
                        {"type": "reply", "reply": {"id": b.id, "title": b.title}}
                        for b in content.buttons.buttons
                    ]
                },
            },
        }
    elif kind == "list":
        payload |= {
            "type": "interactive",
            "interactive": {
                "type": "list",
                "body": {"text": content.list.body},
                "action": {
                    "button": content.list.button_label,
                    "sections": [
                        {
                            **({"title": s.title} if s.title else {}),
                            "rows": [
                                {
                                    "id": r.id,
                                    "title": r.title,
                                    **({"description": r.description} if r.description else {}),
                                }
                                for r in s.rows
                            ],
                        }
                        for s in content.list.sections
                    ],
                },
            },
        }
    elif kind == "template":
        template = content.template
        body: dict = {"name": template.name, "language": {"code": template.language_code}}
        if template.parameters:
            body["components"] = [
                {
                    "type": "body",
                    "parameters": [{"type": "text", "text": p} for p in template.parameters],
                }
            ]
        payload |= {"type": "template", "template": body}
    elif kind == "media":
        media = content.media
        media_type = (
            "audio"
            if media.content_type.startswith("audio/")
            else "image"
            if media.content_type.startswith("image/")
            else "document"
        )
        item: dict = {"link": media.uri}
        if media.caption and media_type != "audio":
            item["caption"] = media.caption
        payload |= {"type": media_type, media_type: item}
    else:
        raise ProviderError("PROVIDER_REJECTED", f"{kind} cannot be sent", transient=False)
    return payload


class WhatsAppCloudProvider:
    provider = pb.PROVIDER_WHATSAPP_CLOUD

    def __init__(self, settings: NotificationSettings) -> None:
        base = settings.whatsapp_graph_base_url.rstrip("/")
        self._url = (
            f"{base}/{settings.whatsapp_graph_version}/{settings.whatsapp_phone_number_id}/messages"
        )
        verify: ssl.SSLContext | bool = True
        if settings.provider_ca_file:
            verify = ssl.create_default_context(cafile=settings.provider_ca_file)
        self._client = httpx.AsyncClient(
            verify=verify,
            timeout=httpx.Timeout(30.0, connect=10.0),
            trust_env=False,
            headers={
                "Authorization": f"Bearer {settings.whatsapp_access_token.get_secret_value()}"
            },
        )

    async def send(self, message: OutgoingMessage) -> str:
        payload = message_payload(message)
        try:
            answer = await self._client.post(self._url, json=payload)
        except httpx.HTTPError as error:
            raise transient_error(f"WhatsApp Cloud unreachable: {error}") from None
        try:
            body = answer.json()
        except ValueError:
            body = {}
        if answer.status_code == 200:
            try:
                return str(body["messages"][0]["id"])
            except (KeyError, IndexError, TypeError):
                raise transient_error("WhatsApp Cloud answered without a message id") from None
        error = body.get("error", {}) if isinstance(body, dict) else {}
        code = str(error.get("code", ""))
        text = str(error.get("message", f"HTTP {answer.status_code}"))
        if is_transient(pb.PROVIDER_WHATSAPP_CLOUD, answer.status_code, code):
            raise transient_error(f"WhatsApp Cloud: {text}", code)
        raise ProviderError(
            failure_reason(pb.PROVIDER_WHATSAPP_CLOUD, code),
            f"WhatsApp Cloud: {text}",
            transient=False,
            provider_code=code,
        )

    async def close(self) -> None:
        await self._client.aclose()
