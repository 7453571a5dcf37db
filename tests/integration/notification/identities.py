"""Tokens for the notification tests: service tokens minted from a test SERVICE_SECRET (the way
every service proves its identity) and member access tokens signed by a test EdDSA key that the
verifier's key set publishes (what the users service issues)."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Sequence

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from services.runtime.auth import JwksCache, TokenVerifier, mint_service_token

SERVICE_SECRET = "test-service-secret-for-notification"
ISSUER = "https://users.bitsacco.local"
AUDIENCE = "bitsacco"
_KEY = Ed25519PrivateKey.generate()
_KID = "test-key"


def _jwks() -> dict:
    jwk = json.loads(jwt.algorithms.OKPAlgorithm.to_jwk(_KEY.public_key()))
    return {"keys": [{**jwk, "kid": _KID, "alg": "EdDSA", "use": "sig"}]}


def verifier() -> TokenVerifier:
    async def fetch() -> dict:
        return _jwks()

    return TokenVerifier(JwksCache(fetch), ISSUER, AUDIENCE, service_secret=SERVICE_SECRET)


def service_token(name: str) -> str:
    return mint_service_token(SERVICE_SECRET, name, AUDIENCE)


def member_token(
    user_id: str = "u1", roles: tuple[str, ...] = ("ROLE_MEMBER",), actor: str | None = None
) -> str:
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": f"users/{user_id}",
        "roles": list(roles),
        "tier": 1,
        "iat": now,
        "exp": now + 600,
        "jti": str(uuid.uuid4()),
    }
    if actor:
        claims["act"] = {"sub": actor}
    return jwt.encode(claims, _KEY, algorithm="EdDSA", headers={"kid": _KID})


def bearer(token: str) -> tuple[tuple[str, str], ...]:
    return (("authorization", f"Bearer {token}"),)


class ServiceBearer(Sequence):
    """Call metadata that mints a fresh service token each time it is used, so a module-level
    constant made at collection time never expires however long the suite runs."""

    def __init__(self, service: str) -> None:
        self._service = service

    def _pairs(self) -> tuple[tuple[str, str], ...]:
        return bearer(service_token(self._service))

    def __getitem__(self, index):
        return self._pairs()[index]

    def __len__(self) -> int:
        return 1
