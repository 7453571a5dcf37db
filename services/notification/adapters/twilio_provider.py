"""Twilio (WhatsApp and SMS) through the official SDK's client, with an httpx transport.

Text and media go as plain messages; templates by their configured Content SID with the
parameters as content variables; reply buttons and lists as Content resources (twilio/quick-reply,
twilio/list-picker) created once per distinct definition and remembered. Every message asks for
status callbacks at the configured public status URL. The base URLs are settings, so tests point
the real SDK at a local server speaking Twilio's API.
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import UTC, datetime

import httpx
from bitsacco.notification.v1 import notification_pb2 as pb
from sqlalchemy import select
from twilio.base.exceptions import TwilioException, TwilioRestException, TwilioServiceException
from twilio.http import AsyncHttpClient
from twilio.http.response import Response
from twilio.rest import Client
from twilio.rest.content.v1.content import ContentList

from services.notification.adapters.providers import (
    OutgoingMessage,
    ProviderError,
    transient_error,
)
from services.notification.rules.provider_errors import failure_reason, is_transient
from services.notification.settings import NotificationSettings
from services.notification.storage.tables import twilio_contents
from services.runtime.db import Database, insert_ignoring_conflict

log = logging.getLogger("bitsacco.notification.twilio")


class HttpxTwilioClient(AsyncHttpClient):
    """The SDK's async HTTP client contract over httpx (JSON bodies sent as JSON)."""

    def __init__(self, timeout: float = 30.0) -> None:
        super().__init__(log, is_async=True, timeout=timeout)
        self._client = httpx.AsyncClient(timeout=timeout, trust_env=False)

    async def request(
        self,
        method,
        url,
        params=None,
        data=None,
        headers=None,
        auth=None,
        timeout=None,  # noqa: ASYNC109 - the SDK calls it so
        allow_redirects=False,
    ) -> Response:
        body = (
            {"json": data}
            if (headers or {}).get("Content-Type") == "application/json"
            else {"data": data}
        )
        answer = await self._client.request(
            method,
            url,
            params=params,
            headers=headers,
            auth=auth,
            timeout=timeout or self.timeout,
            follow_redirects=allow_redirects,
            **body,
        )
        return Response(answer.status_code, answer.text, answer.headers)

    async def close(self) -> None:
        await self._client.aclose()


class TwilioProvider:
    provider = pb.PROVIDER_TWILIO

    def __init__(self, settings: NotificationSettings, db: Database) -> None:
        self._settings = settings
        self._db = db
        self._http = HttpxTwilioClient()
        self._client = Client(
            settings.twilio_account_sid,
            settings.twilio_auth_token.get_secret_value(),
            http_client=self._http,
        )
        self._client.api.base_url = settings.twilio_api_base_url
        self._client.content.base_url = settings.twilio_content_base_url

    def _address(self, channel: int, phone: str) -> str:
        return f"whatsapp:{phone}" if channel == pb.CHANNEL_WHATSAPP else phone

    async def send(self, message: OutgoingMessage) -> str:
        s = self._settings
        arguments: dict = {
            "to": self._address(message.channel, message.recipient_phone),
            "status_callback": s.resolved_twilio_status_url(),
        }
        if s.twilio_messaging_service_sid:
            arguments["messaging_service_sid"] = s.twilio_messaging_service_sid
        else:
            arguments["from_"] = self._address(message.channel, message.sender_phone)
        content = message.content
        kind = content.WhichOneof("content")
        if kind == "text":
            arguments["body"] = content.text
        elif kind == "media":
            arguments["media_url"] = [content.media.uri]
            if content.media.caption:
                arguments["body"] = content.media.caption
        elif kind == "template":
            template = content.template
            arguments["content_sid"] = s.twilio_template_content_sids[
                f"{template.name}:{template.language_code}"
            ]
            arguments["content_variables"] = json.dumps(
                {str(i): value for i, value in enumerate(template.parameters, start=1)}
            )
        elif kind in ("buttons", "list"):
            arguments["content_sid"] = await self._content_sid(content)
        else:
            raise ProviderError("PROVIDER_REJECTED", f"{kind} cannot be sent", transient=False)
        try:
            created = await self._client.api.v2010.account.messages.create_async(**arguments)
        except (TwilioRestException, TwilioServiceException) as error:
            raise self._error(error) from None
        except (httpx.HTTPError, TwilioException) as error:
            raise transient_error(f"Twilio unreachable: {error}") from None
        return created.sid

    def _error(self, error: TwilioRestException | TwilioServiceException) -> ProviderError:
        code = str(getattr(error, "code", "") or "")
        status = int(getattr(error, "status", 0) or 0)
        message = str(getattr(error, "msg", "") or getattr(error, "title", "") or error)
        if is_transient(pb.PROVIDER_TWILIO, status, code):
            return transient_error(f"Twilio: {message}", code)
        return ProviderError(
            failure_reason(pb.PROVIDER_TWILIO, code),
            f"Twilio: {message}",
            transient=False,
            provider_code=code,
        )

    async def _content_sid(self, content: pb.MessageContent) -> str:
        """The Content SID of an interactive message, created once per distinct definition."""
        if content.HasField("buttons"):
            kind = "twilio/quick-reply"
            definition = {
                "body": content.buttons.body,
                "actions": [{"title": b.title, "id": b.id} for b in content.buttons.buttons],
            }
        else:
            kind = "twilio/list-picker"
            definition = {
                "body": content.list.body,
                "button": content.list.button_label,
                "items": [
                    {"item": row.title, "id": row.id, "description": row.description or None}
                    for section in content.list.sections
                    for row in section.rows
                ],
            }
        key = hashlib.sha256(json.dumps([kind, definition], sort_keys=True).encode()).hexdigest()
        async with self._db.transaction() as session:
            known = (
                await session.execute(
                    select(twilio_contents.c.content_sid).where(
                        twilio_contents.c.content_key == key
                    )
                )
            ).scalar()
        if known:
            return known
        request = ContentList.ContentCreateRequest(
            {
                "friendly_name": f"bitsacco_{key[:24]}",
                "language": "en",
                "types": {kind: definition},
            }
        )
        try:
            created = await self._client.content.v1.contents.create_async(request)
        except (TwilioRestException, TwilioServiceException) as error:
            raise self._error(error) from None
        except (httpx.HTTPError, TwilioException) as error:
            raise transient_error(f"Twilio unreachable: {error}") from None
        async with self._db.transaction() as session:
            await insert_ignoring_conflict(
                session,
                twilio_contents,
                {"content_key": key, "content_sid": created.sid, "create_time": datetime.now(UTC)},
            )
        return created.sid

    async def close(self) -> None:
        await self._http.close()
