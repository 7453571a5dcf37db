"""Who is calling: bearer JWTs verified against the users service's JWKS.

The users service signs access tokens (EdDSA or ES256) with a `kid`; every service verifies
them here against the published key set and hands handlers the `Caller`.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass, field

import jwt

from services.runtime.errors import PermissionDenied, Unauthenticated

ALLOWED_ALGORITHMS = ("EdDSA", "ES256")


@dataclass(frozen=True)
class Caller:
    """The authenticated principal of the current call."""

    subject: str  # "users/{id}" for members, "services/{name}" for service identities
    roles: frozenset[str] = field(default_factory=frozenset)
    tier: int = 0
    token: str = ""  # the bearer token, forwarded when calling another service on its behalf

    @property
    def user_id(self) -> str | None:
        kind, _, ident = self.subject.partition("/")
        return ident if kind == "users" else None

    def has_role(self, role: str) -> bool:
        return role in self.roles


caller_var: ContextVar[Caller | None] = ContextVar("caller", default=None)


def current_caller() -> Caller:
    """The caller of the RPC being handled; UNAUTHENTICATED when there is none."""
    caller = caller_var.get()
    if caller is None:
        raise Unauthenticated("UNAUTHENTICATED", "This call needs a bearer token.")
    return caller


def require_role(role: str) -> Caller:
    caller = current_caller()
    if not caller.has_role(role):
        raise PermissionDenied("ROLE_REQUIRED", f"This call needs the {role} role.")
    return caller


JwksFetcher = Callable[[], Awaitable[dict]]


class JwksCache:
    """The key set, refreshed when a token names a key we do not know (at most every 30 s)."""

    def __init__(self, fetch: JwksFetcher, min_refresh_seconds: float = 30.0) -> None:
        self._fetch = fetch
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at = 0.0
        self._min_refresh = min_refresh_seconds

    async def key(self, kid: str) -> jwt.PyJWK | None:
        if kid not in self._keys and time.monotonic() - self._fetched_at >= self._min_refresh:
            jwks = jwt.PyJWKSet.from_dict(await self._fetch())
            self._keys = {k.key_id: k for k in jwks.keys if k.key_id}
            self._fetched_at = time.monotonic()
        return self._keys.get(kid)


class TokenVerifier:
    def __init__(self, keys: JwksCache, issuer: str, audience: str) -> None:
        self._keys = keys
        self._issuer = issuer
        self._audience = audience

    async def verify(self, token: str) -> Caller:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise Unauthenticated("TOKEN_MALFORMED", "The bearer token is not a JWT.") from exc
        if header.get("alg") not in ALLOWED_ALGORITHMS:
            raise Unauthenticated("TOKEN_ALGORITHM_REJECTED", "The token's algorithm is refused.")
        key = await self._keys.key(str(header.get("kid", "")))
        if key is None:
            raise Unauthenticated("TOKEN_KEY_UNKNOWN", "The token was signed by an unknown key.")
        try:
            claims = jwt.decode(
                token,
                key=key,
                algorithms=[header["alg"]],
                issuer=self._issuer,
                audience=self._audience,
                options={"require": ["exp", "iat", "sub", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise Unauthenticated("TOKEN_EXPIRED", "The bearer token has expired.") from exc
        except jwt.PyJWTError as exc:
            raise Unauthenticated("TOKEN_INVALID", "The bearer token is not valid.") from exc
        return Caller(
            subject=claims["sub"],
            roles=frozenset(claims.get("roles", ())),
            tier=int(claims.get("tier", 0)),
            token=token,
        )
