"""The voice service in-process on PostgreSQL, a test key set for callers' tokens, and the
provider stand-ins."""

from __future__ import annotations

import time
import uuid
from contextlib import asynccontextmanager

import jwt
import pytest
from bitsacco.voice.v1 import voice_service_pb2_grpc
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from services.runtime.auth import JwksCache, TokenVerifier, mint_service_token
from services.voice.service import build
from services.voice.settings import VoiceSettings
from tests.harness import serve_in_process
from tests.integration.voice import providers

ISSUER = "https://users.bitsacco.test"
AUDIENCE = "bitsacco"
KID = "voice-test-key"
SERVICE_SECRET = "voice-test-service-secret"


class Tokens:
    def __init__(self) -> None:
        self._key = Ed25519PrivateKey.generate()
        public = jwt.algorithms.OKPAlgorithm.to_jwk(self._key.public_key(), as_dict=True)
        self.jwks = {"keys": [{**public, "kid": KID, "alg": "EdDSA", "use": "sig"}]}

    def verifier(self) -> TokenVerifier:
        async def fetch() -> dict:
            return self.jwks

        return TokenVerifier(JwksCache(fetch), ISSUER, AUDIENCE, service_secret=SERVICE_SECRET)

    def mint(self, subject: str, roles: tuple[str, ...] = ()) -> str:
        now = int(time.time())
        claims = {
            "sub": subject,
            "iss": ISSUER,
            "aud": AUDIENCE,
            "iat": now,
            "exp": now + 600,
            "roles": list(roles),
            "jti": uuid.uuid4().hex,
        }
        return jwt.encode(claims, self._key, algorithm="EdDSA", headers={"kid": KID})

    def metadata(self, subject: str = "services/ai") -> tuple[tuple[str, str], ...]:
        return (("authorization", f"Bearer {self.mint(subject)}"),)

    @staticmethod
    def service_metadata(service: str) -> tuple[tuple[str, str], ...]:
        """What a service sends when it calls as itself: a token minted from SERVICE_SECRET."""
        token = mint_service_token(SERVICE_SECRET, service, AUDIENCE)
        return (("authorization", f"Bearer {token}"),)


@pytest.fixture(scope="session")
def tokens() -> Tokens:
    return Tokens()


# No cloud engine unless a test configures one, whatever the developer's environment holds.
NO_CLOUD = {
    "elevenlabs_api_key": None,
    "google_tts_api_key": None,
    "openai_api_key": None,
    "engine_cooldown_seconds": 0,
}


@pytest.fixture
def voice_service(pg_url, redis_url, namespace, tokens):
    """`async with voice_service(**settings) as stub:` a VoiceService stub to a fresh server."""

    @asynccontextmanager
    async def start(database_url: str | None = None, **settings):
        async with serve_in_process(
            "voice",
            build,
            database_url or pg_url,
            redis_url,
            namespace,
            verifier=tokens.verifier(),
            settings_type=VoiceSettings,
            **{**NO_CLOUD, **settings},
        ) as service:
            yield voice_service_pb2_grpc.VoiceServiceStub(service.channel)

    return start


@pytest.fixture
async def elevenlabs():
    provider = await providers.elevenlabs()
    yield provider
    await provider.stop()


@pytest.fixture
async def google_tts():
    provider = await providers.google_tts()
    yield provider
    await provider.stop()


@pytest.fixture
async def openai_stt():
    provider = await providers.openai_transcriptions()
    yield provider
    await provider.stop()
