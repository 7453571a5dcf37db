"""Signing keys and access tokens shaped like the users service's (ES256, `kid`, iss/aud/sub)."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from services.runtime.auth import JwksCache, TokenVerifier

ISSUER = "https://users.bitsacco.local"
AUDIENCE = "bitsacco"


@dataclass
class SigningKey:
    """ES256 by default; `SigningKey.ed25519()` signs EdDSA like the users service's default key."""

    kid: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    private: ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )

    @classmethod
    def ed25519(cls) -> SigningKey:
        return cls(private=ed25519.Ed25519PrivateKey.generate())

    @property
    def algorithm(self) -> str:
        return "EdDSA" if isinstance(self.private, ed25519.Ed25519PrivateKey) else "ES256"

    def pem(self) -> bytes:
        return self.private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    @classmethod
    def from_pem(cls, kid: str, pem: bytes) -> SigningKey:
        return cls(kid=kid, private=serialization.load_pem_private_key(pem, password=None))

    def jwk(self) -> dict:
        algorithm = (
            jwt.algorithms.OKPAlgorithm if self.algorithm == "EdDSA" else jwt.algorithms.ECAlgorithm
        )
        public = json.loads(algorithm.to_jwk(self.private.public_key()))
        return {**public, "kid": self.kid, "alg": self.algorithm, "use": "sig"}

    def token(
        self,
        subject: str = "users/u1",
        *,
        lifetime: float = 900,
        issued_ago: float = 0,
        issuer: str = ISSUER,
        audience: str = AUDIENCE,
        roles: tuple[str, ...] = (),
    ) -> str:
        now = time.time() - issued_ago
        claims = {
            "iss": issuer,
            "aud": audience,
            "sub": subject,
            "iat": int(now),
            "exp": int(now + lifetime),
            "roles": list(roles),
            "tier": 1,
            "jti": str(uuid.uuid4()),
        }
        return jwt.encode(claims, self.private, algorithm=self.algorithm, headers={"kid": self.kid})


def jwks(*keys: SigningKey) -> dict:
    return {"keys": [key.jwk() for key in keys]}


def verifier_for(*keys: SigningKey) -> TokenVerifier:
    """What every service verifies with: the same key set the gateway fetches."""

    async def fetch() -> dict:
        return jwks(*keys)

    return TokenVerifier(JwksCache(fetch, min_refresh_seconds=0), ISSUER, AUDIENCE)
