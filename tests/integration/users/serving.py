"""Running the users service in-process for tests (PostgreSQL + Redis), with known signing keys.

Codes go through `RecordingDelivery` (the delivery adapter injected into `build`), so a test reads
the code the member would have received; see the report of issue 3 for why the notification
service's dev outbox is not used yet.
"""

from __future__ import annotations

import functools
import secrets
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bitsacco.users.v1 import users_service_pb2 as pb
from bitsacco.users.v1 import users_service_pb2_grpc
from pydantic import SecretStr

from services.runtime.auth import ServiceTokens
from services.runtime.bootstrap import token_verifier
from services.runtime.phone_numbers import normalize_phone
from services.users.adapters.delivery import RecordingDelivery
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


@dataclass
class UsersUnderTest:
    service: InProcessService
    delivery: RecordingDelivery
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
                code=self.delivery.last_code(normalize_phone(phone)),
            ),
            metadata=metadata,
        )


def settings_for(pg_url: str, redis_url: str, namespace: str, keys: KeyRing, **overrides):
    values = {
        "jwt_private_keys": SecretStr(keys.to_json()),
        "users_pepper": SecretStr("test-pepper"),
        "service_secret": SecretStr(SECRET),
        "wallet_target": "",
        "otp_sends_per_ip_per_hour": 1000,
        "otp_verifies_per_ip_per_hour": 1000,
        **overrides,
    }
    return values


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
    values = settings_for(pg_url, redis_url, namespace, keys, **overrides)
    settings = UsersSettings(
        service_name="users",
        database_url=pg_url,
        redis_url=redis_url,
        namespace=namespace,
        **values,
    )
    delivery = RecordingDelivery()
    async with serve_in_process(
        "users",
        functools.partial(build, delivery=delivery, wallet=wallet),
        pg_url,
        redis_url,
        namespace,
        verifier=token_verifier(settings),
        settings_type=UsersSettings,
        **values,
    ) as service:
        yield UsersUnderTest(service, delivery, keys, settings)
