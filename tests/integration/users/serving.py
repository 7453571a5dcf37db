"""Running the users service in-process for tests (PostgreSQL + Redis), with known signing keys,
beside the real notification service: codes travel users → NotificationService.SendMessage → the
dev outbox (no provider is configured), where a test reads them with ListOutboxMessages, as a
member would read them on their phone.
"""

from __future__ import annotations

import asyncio
import functools
import re
import secrets
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from bitsacco.notification.v1 import notification_pb2, notification_service_pb2_grpc
from bitsacco.notification.v1 import notification_service_pb2 as api
from bitsacco.users.v1 import users_service_pb2 as pb
from bitsacco.users.v1 import users_service_pb2_grpc
from pydantic import SecretStr

from services.notification.service import build as build_notification
from services.notification.settings import NotificationSettings
from services.runtime.auth import ServiceTokens, mint_service_token
from services.runtime.bootstrap import token_verifier
from services.runtime.phone_numbers import normalize_phone
from services.users.client import UsersClient
from services.users.keys import KeyRing, SigningKey
from services.users.service import build
from services.users.settings import UsersSettings
from tests.harness import InProcessService, serve_in_process

SECRET = "integration-" + secrets.token_hex(16)
KEYS = KeyRing([SigningKey.generate()])


def fresh_phone() -> str:
    """A valid Kenyan mobile number no other test uses (+254 71x xxx xxx)."""
    return "+25471" + f"{secrets.randbelow(10**7):07d}"


def fresh_ip() -> str:
    return f"10.{secrets.randbelow(256)}.{secrets.randbelow(256)}.{secrets.randbelow(254) + 1}"


def request_id() -> str:
    return str(uuid.uuid4())


def code_in(message: notification_pb2.OutboxMessage) -> str:
    """The 6-digit code a message carries (free text, or the verification_code template)."""
    content = message.content
    text = content.text if content.HasField("text") else " ".join(content.template.parameters)
    found = re.search(r"\b\d{6}\b", text)
    assert found, f"no code in {content}"
    return found.group(0)


@dataclass
class Outbox:
    """The notification service's dev outbox, read as a support tool would."""

    stub: notification_service_pb2_grpc.NotificationServiceStub
    seen: dict[str, int] = field(default_factory=dict)

    async def all_for(self, phone: str) -> list[notification_pb2.OutboxMessage]:
        token = mint_service_token(SECRET, "support-tool", "bitsacco")
        answer = await self.stub.ListOutboxMessages(
            api.ListOutboxMessagesRequest(recipient_phone=normalize_phone(phone)),
            metadata=(("authorization", f"Bearer {token}"),),
        )
        return list(answer.outbox_messages)

    async def next_for(self, phone: str) -> notification_pb2.OutboxMessage:
        """The first message to `phone` not returned before (waiting for the delivery worker)."""
        phone = normalize_phone(phone)
        for _ in range(500):
            fresh = [m for m in await self.all_for(phone) if m.sequence > self.seen.get(phone, 0)]
            if fresh:
                self.seen[phone] = fresh[0].sequence
                return fresh[0]
            await asyncio.sleep(0.02)
        raise AssertionError(f"no new message reached the outbox for {phone}")

    async def next_code(self, phone: str) -> str:
        return code_in(await self.next_for(phone))


@dataclass
class UsersUnderTest:
    service: InProcessService
    outbox: Outbox
    keys: KeyRing
    settings: UsersSettings

    @property
    def stub(self) -> users_service_pb2_grpc.UsersServiceStub:
        return users_service_pb2_grpc.UsersServiceStub(self.service.channel)

    @property
    def target(self) -> str:
        return self.service.target

    def client(self, service: str = "ai") -> UsersClient:
        return UsersClient(self.target, ServiceTokens(SECRET, service, self.settings.jwt_audience))

    async def sign_in(self, phone: str | None = None, ip: str | None = None):
        """Start and verify a phone; the VerifyPhoneResponse."""
        phone = phone or fresh_phone()
        metadata = (("x-envoy-external-address", ip or fresh_ip()),)
        await self.stub.StartPhoneVerification(
            pb.StartPhoneVerificationRequest(request_id=request_id(), phone_number=phone),
            metadata=metadata,
        )
        return await self.stub.VerifyPhone(
            pb.VerifyPhoneRequest(
                request_id=request_id(),
                phone_number=phone,
                code=await self.outbox.next_code(phone),
            ),
            metadata=metadata,
        )


def settings_for(keys: KeyRing, **overrides) -> dict:
    return {
        "jwt_private_keys": SecretStr(keys.to_json()),
        "users_pepper": SecretStr("test-pepper"),
        "service_secret": SecretStr(SECRET),
        "wallet_target": "",
        "otp_sends_per_ip_per_hour": 1000,
        "otp_verifies_per_ip_per_hour": 1000,
        **overrides,
    }


@asynccontextmanager
async def users_service(
    pg_url: str,
    redis_url: str,
    namespace: str,
    *,
    keys: KeyRing = KEYS,
    wallet=None,
    **overrides,
) -> AsyncIterator[UsersUnderTest]:
    """Users (with `overrides` as settings) and the notification service that delivers its codes;
    both check tokens against `keys`. `wallet` replaces the wallet adapter (EraseUser's check)."""
    values = settings_for(keys, **overrides)
    settings = UsersSettings(
        service_name="users",
        database_url=pg_url,
        redis_url=redis_url,
        namespace=namespace,
        **values,
    )
    verifier = token_verifier(settings)
    async with (
        serve_in_process(
            "notification",
            build_notification,
            pg_url,
            redis_url,
            namespace,
            verifier=verifier,
            settings_type=NotificationSettings,
            service_secret=SecretStr(SECRET),
            worker_poll_seconds=0.02,
            wallet_events_enabled=False,
            inbound_worker_enabled=False,
        ) as notification,
        serve_in_process(
            "users",
            functools.partial(build, wallet=wallet),
            pg_url,
            redis_url,
            namespace,
            verifier=verifier,
            settings_type=UsersSettings,
            notification_target=notification.target,
            **values,
        ) as service,
    ):
        outbox = Outbox(notification_service_pb2_grpc.NotificationServiceStub(notification.channel))
        yield UsersUnderTest(service, outbox, keys, settings)
