"""The real contracts with scripted behaviour behind them, served by the real runtime, so the
gateway's tests see exactly what a service receives (bytes, metadata) and answers like one.

- users: GetJwks publishes the test key set (the gateway fetches it through its own /v1/jwks);
  GetUser answers the caller's own user and refuses anyone else's (USER_ACCESS_DENIED);
  StartPhoneVerification (no token) normalises the number.
- notification: the webhooks check their signatures on the bytes they receive (Twilio's
  X-Twilio-Signature against the configured public URL, Meta's X-Hub-Signature-256) and record
  them; GetMedia serves a voice note.
- wallet: GetPrice (a cheap authenticated read) and the Daraja STK callback.
- ai, chama: the contract only (every method UNIMPLEMENTED), so the gateway has all upstreams.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from bitsacco.ai.v1 import ai_service_pb2_grpc
from bitsacco.chama.v1 import chama_service_pb2_grpc
from bitsacco.common.v1 import common_pb2
from bitsacco.notification.v1 import notification_service_pb2, notification_service_pb2_grpc
from bitsacco.users.v1 import users_pb2, users_service_pb2, users_service_pb2_grpc
from bitsacco.wallet.v1 import wallet_pb2, wallet_service_pb2, wallet_service_pb2_grpc
from google.api import httpbody_pb2
from twilio.request_validator import RequestValidator

from services.runtime.auth import current_caller
from services.runtime.errors import InvalidArgument, NotFound, PermissionDenied, Unavailable
from services.runtime.phone_numbers import normalize_phone
from services.runtime.server import Service
from tests.integration.gateway.tokens import SigningKey, jwks

TWILIO_AUTH_TOKEN = "twilio-test-auth-token"
TWILIO_PUBLIC_URL = "https://bitsacco.example/v1/webhooks/twilio"
WHATSAPP_APP_SECRET = "meta-test-app-secret"
WHATSAPP_VERIFY_TOKEN = "verify-me"
MEDIA_ID = "voiceNote_0123456789abcdef"
MEDIA_BYTES = b"OggS\x00\x02" + bytes(range(256)) * 4
MPESA_TOKEN = "daraja_callback_token_0123456789"
STORAGE_DOWN = b'{"object":"whatsapp_business_account","entry":"storage down"}'


@dataclass
class Received:
    """What a scripted service got: the method, the request and its metadata."""

    method: str
    request: object
    metadata: dict[str, str]


@dataclass
class Inbox:
    calls: list[Received] = field(default_factory=list)

    def record(self, method: str, request, context) -> dict[str, str]:
        metadata = {
            item.key: item.value if isinstance(item.value, str) else item.value.decode("latin-1")
            for item in context.invocation_metadata() or ()
        }
        self.calls.append(Received(method, request, metadata))
        return metadata

    def requests(self) -> list[Received]:
        """Calls that clients sent: Envoy's own periodic key-set fetches (GetJwks) left out."""
        return [c for c in self.calls if c.method != "GetJwks"]

    def last(self, method: str) -> Received:
        return next(c for c in reversed(self.calls) if c.method == method)


def _http_body(content_type: str, data: bytes) -> httpbody_pb2.HttpBody:
    return httpbody_pb2.HttpBody(content_type=content_type, data=data)


class ScriptedUsers(users_service_pb2_grpc.UsersServiceServicer):
    def __init__(self, keys: list[SigningKey], inbox: Inbox) -> None:
        self.keys = keys
        self.inbox = inbox

    async def GetJwks(self, request, context):
        self.inbox.record("GetJwks", request, context)
        body = json.dumps(jwks(*self.keys)).encode()
        return users_service_pb2.GetJwksResponse(http_body=_http_body("application/json", body))

    async def GetUser(self, request, context):
        self.inbox.record("GetUser", request, context)
        caller = current_caller()
        if request.name not in ("users/me", caller.subject):
            raise PermissionDenied("USER_ACCESS_DENIED", "You can only read your own profile.")
        return users_service_pb2.GetUserResponse(
            user=users_pb2.User(
                name=caller.subject, display_name="Wanjiru Kamau", language_code="sw"
            )
        )

    async def StartPhoneVerification(self, request, context):
        self.inbox.record("StartPhoneVerification", request, context)
        return users_service_pb2.StartPhoneVerificationResponse(
            phone_number=normalize_phone(request.phone_number)
        )


class ScriptedNotification(notification_service_pb2_grpc.NotificationServiceServicer):
    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox
        self.twilio = RequestValidator(TWILIO_AUTH_TOKEN)

    async def TwilioInbound(self, request, context):
        metadata = self.inbox.record("TwilioInbound", request, context)
        form = dict(parse_qsl(request.http_body.data.decode(), keep_blank_values=True))
        signature = metadata.get("x-twilio-signature", "")
        if not self.twilio.validate(TWILIO_PUBLIC_URL, form, signature):
            raise PermissionDenied("INVALID_SIGNATURE", "The Twilio signature does not verify.")
        twiml = b'<?xml version="1.0" encoding="UTF-8"?><Response/>'
        return notification_service_pb2.TwilioInboundResponse(
            http_body=_http_body("text/xml", twiml)
        )

    async def WhatsAppInbound(self, request, context):
        metadata = self.inbox.record("WhatsAppInbound", request, context)
        expected = hmac.new(
            WHATSAPP_APP_SECRET.encode(), request.http_body.data, hashlib.sha256
        ).hexdigest()
        if not hmac.compare_digest(metadata.get("x-hub-signature-256", ""), f"sha256={expected}"):
            raise PermissionDenied("INVALID_SIGNATURE", "The Meta signature does not verify.")
        if request.http_body.data == STORAGE_DOWN:
            raise Unavailable("STORAGE_UNAVAILABLE", "Could not store the event; retry.")
        return notification_service_pb2.WhatsAppInboundResponse(
            http_body=_http_body("text/plain", b"")
        )

    async def WhatsAppVerify(self, request, context):
        self.inbox.record("WhatsAppVerify", request, context)
        if request.hub.verify_token != WHATSAPP_VERIFY_TOKEN:
            raise PermissionDenied("VERIFY_TOKEN_MISMATCH", "The verify token does not match.")
        return notification_service_pb2.WhatsAppVerifyResponse(
            http_body=_http_body("text/plain", request.hub.challenge.encode())
        )

    async def GetMedia(self, request, context):
        self.inbox.record("GetMedia", request, context)
        if request.name != f"media/{MEDIA_ID}":
            raise NotFound("MEDIA_NOT_FOUND", "No such media.")
        return notification_service_pb2.GetMediaResponse(
            http_body=_http_body("audio/ogg", MEDIA_BYTES)
        )


class ScriptedWallet(wallet_service_pb2_grpc.WalletServiceServicer):
    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox
        self.unavailable_times = 0  # GetPrice answers UNAVAILABLE this many times first

    async def GetPrice(self, request, context):
        self.inbox.record("GetPrice", request, context)
        if self.unavailable_times > 0:
            self.unavailable_times -= 1
            raise Unavailable("PRICE_UNAVAILABLE", "Every price source is stale.")
        return PRICE

    async def MpesaStkCallback(self, request, context):
        self.inbox.record("MpesaStkCallback", request, context)
        if request.token != MPESA_TOKEN:
            raise NotFound("WEBHOOK_NOT_FOUND", "Unknown callback.")
        if not request.http_body.data.startswith(b"{"):
            raise InvalidArgument("MALFORMED_CALLBACK", "Not Daraja JSON.")
        body = b'{"ResultCode":0,"ResultDesc":"Accepted"}'
        return wallet_service_pb2.MpesaStkCallbackResponse(
            http_body=_http_body("application/json", body)
        )


PRICE = wallet_service_pb2.GetPriceResponse(
    price=wallet_pb2.Price(
        mid_kes=common_pb2.BtcPrice(currency_code="KES", minor_units_per_btc=1_234_567_800),
        source="simulated",
        spread_bps=50,
    )
)


def _paths(service: str, *methods: str) -> frozenset[str]:
    return frozenset(f"/{service}/{m}" for m in methods)


def scripted_services(keys: list[SigningKey], inbox: Inbox) -> list[Service]:
    return [
        Service(
            name="users",
            servicers=[ScriptedUsers(keys, inbox)],
            public_methods=_paths(
                "bitsacco.users.v1.UsersService", "GetJwks", "StartPhoneVerification"
            ),
        ),
        Service(
            name="notification",
            servicers=[ScriptedNotification(inbox)],
            public_methods=_paths(
                "bitsacco.notification.v1.NotificationService",
                "TwilioInbound",
                "TwilioStatus",
                "WhatsAppVerify",
                "WhatsAppInbound",
                "GetMedia",
            ),
        ),
        Service(
            name="wallet",
            servicers=[ScriptedWallet(inbox)],
            public_methods=_paths("bitsacco.wallet.v1.WalletService", "MpesaStkCallback"),
        ),
        Service(name="ai", servicers=[ai_service_pb2_grpc.AiServiceServicer()]),
        Service(name="chama", servicers=[chama_service_pb2_grpc.ChamaServiceServicer()]),
    ]
