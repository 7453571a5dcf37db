"""Tokens for tests of the ai service alone: service identities signed with a test
SERVICE_SECRET (no users service needed), and the verifier that accepts them."""

from __future__ import annotations

from services.runtime.auth import JwksCache, TokenVerifier, mint_service_token

SECRET = "ai-test-service-secret"
AUDIENCE = "bitsacco"
ISSUER = "https://users.bitsacco.local"


async def _no_keys() -> dict:
    return {"keys": []}


def service_verifier() -> TokenVerifier:
    return TokenVerifier(JwksCache(_no_keys), ISSUER, AUDIENCE, service_secret=SECRET)


def as_service(name: str) -> tuple[tuple[str, str], ...]:
    return (("authorization", f"Bearer {mint_service_token(SECRET, name, AUDIENCE)}"),)
