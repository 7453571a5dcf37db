"""Talking to the notification service as Twilio and Meta do, and reading what it did."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import uuid
from urllib.parse import urlencode

from bitsacco.notification.v1 import notification_pb2 as pb
from bitsacco.notification.v1 import notification_service_pb2 as api
from google.api import httpbody_pb2
from twilio.request_validator import RequestValidator

from tests.integration.notification.conftest import INBOUND_URL, TWILIO_TOKEN
from tests.integration.notification.identities import ServiceBearer

SUPPORT = ServiceBearer("ai")
FORM = "application/x-www-form-urlencoded"


def new_sid(prefix: str = "SM") -> str:
    return prefix + uuid.uuid4().hex


def twilio_params(phone: str, body: str = "", sid: str | None = None, **extra) -> dict:
    return {
        "MessageSid": sid or new_sid(),
        "AccountSid": "AC" + "0" * 32,
        "From": f"whatsapp:{phone}",
        "To": "whatsapp:+14155238886",
        "Body": body,
        "NumMedia": "0",
        "ProfileName": "Wanjiku",
        "WaId": phone.removeprefix("+"),
        **extra,
    }


def signed_twilio(
    params: dict, url: str = INBOUND_URL, token: str = TWILIO_TOKEN
) -> tuple[bytes, tuple[tuple[str, str], ...]]:
    body = urlencode(params).encode()
    signature = RequestValidator(token).compute_signature(url, params)
    return body, (("x-twilio-signature", signature),)


async def post_twilio(stub, params: dict, url: str = INBOUND_URL, **kw):
    body, metadata = signed_twilio(params, url)
    return await stub.TwilioInbound(
        api.TwilioInboundRequest(http_body=httpbody_pb2.HttpBody(content_type=FORM, data=body)),
        metadata=metadata + tuple(kw.get("extra_metadata", ())),
    )


async def post_twilio_status(stub, params: dict, url: str):
    body, metadata = signed_twilio(params, url)
    return await stub.TwilioStatus(
        api.TwilioStatusRequest(http_body=httpbody_pb2.HttpBody(content_type=FORM, data=body)),
        metadata=metadata,
    )


def meta_signature(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


async def post_whatsapp(stub, payload: dict | bytes, secret: str, signature: str | None = None):
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return await stub.WhatsAppInbound(
        api.WhatsAppInboundRequest(
            http_body=httpbody_pb2.HttpBody(content_type="application/json", data=body)
        ),
        metadata=(("x-hub-signature-256", signature or meta_signature(body, secret)),),
    )


async def messages_of(stub, phone: str, direction: int | None = None) -> list[pb.Message]:
    """All messages to or from `phone`, oldest first."""
    query = f'phone_number = "{phone}"'
    if direction:
        query += f" AND direction = {pb.MessageDirection.Name(direction)}"
    answer = await stub.ListMessages(
        api.ListMessagesRequest(filter=query, page_size=1000), metadata=SUPPORT
    )
    return list(reversed(answer.messages))


async def settled(stub, phone: str, inbound: int, outbound: int | None = None, tries: int = 1500):
    """Wait until `inbound` messages from `phone` are processed (or failed) and, if given,
    `outbound` messages to it are no longer queued; then return them all, oldest first."""
    for _ in range(tries):
        found = await messages_of(stub, phone)
        ins = [m for m in found if m.direction == pb.MESSAGE_DIRECTION_INBOUND]
        outs = [m for m in found if m.direction == pb.MESSAGE_DIRECTION_OUTBOUND]
        done_in = [m for m in ins if m.state != pb.MESSAGE_STATE_RECEIVED]
        done_out = [m for m in outs if m.state != pb.MESSAGE_STATE_QUEUED]
        if len(done_in) >= inbound and (outbound is None or len(done_out) >= outbound):
            return found
        await asyncio.sleep(0.02)
    raise AssertionError(f"{phone}: not settled: {[(m.direction, m.state) for m in found]}")


def texts_sent(found: list[pb.Message]) -> list[str]:
    return [
        m.content.text
        for m in found
        if m.direction == pb.MESSAGE_DIRECTION_OUTBOUND
        and m.content.WhichOneof("content") == "text"
    ]
