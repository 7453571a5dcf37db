"""Who is calling: bearer JWTs verified against the users service's JWKS.

The users service signs access tokens (EdDSA or ES256) with a `kid`; every service verifies
them here against the published key set and hands handlers the `Caller`.

Three kinds of token reach a service:
- access tokens of a member (`sub` = `users/{id}`), signed by the users service; those a service
  obtained to act for a member (IssueServiceToken) also carry `act.sub` = `services/{name}`;
- service tokens (`sub` = `services/{name}`, header `typ` = `service+jwt`): a service proves its
  own identity with one, signed (HS256) with the shared SERVICE_SECRET that only services hold.
  They are accepted only where that secret is configured, and only with that `typ`;
- step-up grants (`aud` = `bitsacco:step-up`), which are never access tokens: the transaction's
  service checks one with `verify_step_up_grant`.
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import jwt

from services.runtime.errors import PermissionDenied, Unauthenticated, Unavailable

log = logging.getLogger("bitsacco.auth")

ALLOWED_ALGORITHMS = ("EdDSA", "ES256")
SERVICE_TOKEN_TYPE = "service+jwt"
SERVICE_TOKEN_ALGORITHM = "HS256"
SERVICE_TOKEN_ISSUER = "bitsacco:service"
SERVICE_TOKEN_TTL_SECONDS = 300
STEP_UP_AUDIENCE = "bitsacco:step-up"
# Verified tokens remembered by their exact text: how many, and for how long at most.
VERIFIED_CACHE_SIZE = 10_000
VERIFIED_CACHE_SECONDS = 60.0
STEP_UP_TOKEN_TYPE = "step-up+jwt"


@dataclass(frozen=True)
class Caller:
    """The authenticated principal of the current call."""

    subject: str  # "users/{id}" for members, "services/{name}" for service identities
    roles: frozenset[str] = field(default_factory=frozenset)
    tier: int = 0
    token: str = ""  # the bearer token, forwarded when calling another service on its behalf
    phone: str = ""  # the member's verified E.164 number ("" for services)
    actor: str = ""  # "services/{name}" when a service acts for the member (the `act` claim)
    token_id: str = ""  # the token's `jti`

    @property
    def user_id(self) -> str | None:
        kind, _, ident = self.subject.partition("/")
        return ident if kind == "users" else None

    @property
    def service_name(self) -> str | None:
        """The service's name when the caller is a service identity itself."""
        kind, _, ident = self.subject.partition("/")
        return ident if kind == "services" else None

    @property
    def is_service(self) -> bool:
        return self.service_name is not None

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


def require_service(*names: str, reason: str = "CALLER_NOT_A_SERVICE") -> Caller:
    """The caller when it is a service identity (one of `names`, if any); else PERMISSION_DENIED."""
    caller = current_caller()
    service = caller.service_name
    if service is None or (names and service not in names):
        raise PermissionDenied(reason, "Only an internal service may call this.")
    return caller


JwksFetcher = Callable[[], Awaitable[dict]]


class JwksCache:
    """The key set, refreshed when a token names a key we do not know (at most every 30 s) and
    when it is older than `max_age_seconds` (so a withdrawn key stops verifying)."""

    def __init__(
        self,
        fetch: JwksFetcher,
        min_refresh_seconds: float = 30.0,
        max_age_seconds: float = 300.0,
    ) -> None:
        self._fetch = fetch
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at: float | None = None
        self._min_refresh = min_refresh_seconds
        self._max_age = max_age_seconds

    async def _refresh(self) -> None:
        try:
            document = await self._fetch()
        except Exception as exc:
            if self._fetched_at is None:
                raise Unavailable(
                    "JWKS_UNAVAILABLE", "The token signing keys could not be fetched."
                ) from exc
            log.warning("JWKS refresh failed; keeping the keys we have: %s", exc)
            self._fetched_at = time.monotonic()  # back off for min_refresh before trying again
            return
        keys = jwt.PyJWKSet.from_dict(document).keys if document.get("keys") else []
        self._keys = {k.key_id: k for k in keys if k.key_id}
        self._fetched_at = time.monotonic()

    async def key(self, kid: str) -> jwt.PyJWK | None:
        now = time.monotonic()
        age = None if self._fetched_at is None else now - self._fetched_at
        stale = age is None or age >= self._max_age
        if stale or (kid not in self._keys and age >= self._min_refresh):
            await self._refresh()
        return self._keys.get(kid)


def service_token_key(secret: str) -> bytes:
    """The HMAC key of service tokens: derived from SERVICE_SECRET, never the secret itself."""
    return hashlib.sha256(b"bitsacco service token\x00" + secret.encode()).digest()


def mint_service_token(
    secret: str, service: str, audience: str, ttl_seconds: int = SERVICE_TOKEN_TTL_SECONDS
) -> str:
    """A token proving that the caller is the service `service` (it holds SERVICE_SECRET)."""
    now = int(time.time())
    claims = {
        "iss": SERVICE_TOKEN_ISSUER,
        "aud": audience,
        "sub": f"services/{service}",
        "iat": now,
        "exp": now + ttl_seconds,
        "jti": str(uuid.uuid4()),
    }
    return jwt.encode(
        claims,
        service_token_key(secret),
        algorithm=SERVICE_TOKEN_ALGORITHM,
        headers={"typ": SERVICE_TOKEN_TYPE},
    )


class ServiceTokens:
    """This service's own identity token, minted from SERVICE_SECRET, reused until near expiry."""

    def __init__(self, secret: str | None, service: str, audience: str) -> None:
        self._secret = secret
        self._service = service
        self._audience = audience
        self._token = ""
        self._renew_at = 0.0

    @property
    def configured(self) -> bool:
        return bool(self._secret)

    def token(self) -> str:
        if not self._secret:
            raise Unavailable(
                "SERVICE_SECRET_MISSING", "SERVICE_SECRET is not configured for this service."
            )
        if time.monotonic() >= self._renew_at:
            self._token = mint_service_token(self._secret, self._service, self._audience)
            self._renew_at = time.monotonic() + SERVICE_TOKEN_TTL_SECONDS / 2
        return self._token

    @classmethod
    def from_settings(cls, settings: Any) -> ServiceTokens:
        secret = settings.service_secret.get_secret_value() if settings.service_secret else None
        return cls(secret, settings.service_name, settings.jwt_audience)


class TokenVerifier:
    def __init__(
        self,
        keys: JwksCache,
        issuer: str,
        audience: str,
        service_secret: str | None = None,
    ) -> None:
        self._keys = keys
        self._issuer = issuer
        self._audience = audience
        self._service_key = service_token_key(service_secret) if service_secret else None
        self._verified: dict[str, tuple[float, Caller]] = {}

    @property
    def issuer(self) -> str:
        return self._issuer

    @staticmethod
    def _header(token: str) -> dict:
        try:
            return jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise Unauthenticated("TOKEN_MALFORMED", "The bearer token is not a JWT.") from exc

    async def verify(self, token: str) -> Caller:
        """The caller a bearer token proves; UNAUTHENTICATED with a reason otherwise. A token
        verified once is remembered (by its exact text) until it expires, at most a minute."""
        now = time.time()
        remembered = self._verified.get(token)
        if remembered is not None:
            if remembered[0] > now:
                return remembered[1]
            del self._verified[token]
        caller, expires = await self._verify(token)
        if len(self._verified) >= VERIFIED_CACHE_SIZE:
            self._verified.pop(next(iter(self._verified)))
        self._verified[token] = (min(expires, now + VERIFIED_CACHE_SECONDS), caller)
        return caller

    async def _verify(self, token: str) -> tuple[Caller, float]:
        header = self._header(token)
        if header.get("typ") == SERVICE_TOKEN_TYPE and header.get("alg") == SERVICE_TOKEN_ALGORITHM:
            return self._verify_service_token(token)
        claims = await self.decode(token, header, self._audience, self._issuer)
        subject = str(claims["sub"])
        kind, _, ident = subject.partition("/")
        if kind not in ("users", "services") or not ident:
            raise Unauthenticated("TOKEN_INVALID", "The bearer token is not valid.")
        act = claims.get("act")
        caller = Caller(
            subject=subject,
            roles=frozenset(claims.get("roles", ())),
            tier=int(claims.get("tier", 0)),
            token=token,
            phone=str(claims.get("phone", "")),
            actor=str(act.get("sub", "")) if isinstance(act, dict) else "",
            token_id=str(claims.get("jti", "")),
        )
        return caller, float(claims["exp"])

    async def decode(
        self, token: str, header: dict, audience: str, issuer: str | None
    ) -> dict[str, Any]:
        """Check an asymmetric token's algorithm, key, signature, expiry, issuer and audience."""
        if header.get("alg") not in ALLOWED_ALGORITHMS:
            raise Unauthenticated("TOKEN_ALGORITHM_REJECTED", "The token's algorithm is refused.")
        key = await self._keys.key(str(header.get("kid", "")))
        if key is None:
            raise Unauthenticated("TOKEN_KEY_UNKNOWN", "The token was signed by an unknown key.")
        if key.algorithm_name != header["alg"]:
            raise Unauthenticated("TOKEN_ALGORITHM_REJECTED", "The token's algorithm is refused.")
        required = ["exp", "iat", "sub", "aud", "jti"] + (["iss"] if issuer else [])
        try:
            return jwt.decode(
                token,
                key=key,
                algorithms=[header["alg"]],
                issuer=issuer,
                audience=audience,
                options={"require": required},
                leeway=5,
            )
        except jwt.ExpiredSignatureError as exc:
            raise Unauthenticated("TOKEN_EXPIRED", "The bearer token has expired.") from exc
        except jwt.InvalidIssuerError as exc:
            raise Unauthenticated(
                "TOKEN_ISSUER_REJECTED", "The token's issuer is refused."
            ) from exc
        except jwt.InvalidAudienceError as exc:
            raise Unauthenticated(
                "TOKEN_AUDIENCE_REJECTED", "The token is not meant for this service."
            ) from exc
        except jwt.PyJWTError as exc:
            raise Unauthenticated("TOKEN_INVALID", "The bearer token is not valid.") from exc

    def _verify_service_token(self, token: str) -> tuple[Caller, float]:
        if self._service_key is None:
            raise Unauthenticated(
                "TOKEN_ALGORITHM_REJECTED", "Service tokens are not accepted here."
            )
        try:
            claims = jwt.decode(
                token,
                key=self._service_key,
                algorithms=[SERVICE_TOKEN_ALGORITHM],
                issuer=SERVICE_TOKEN_ISSUER,
                audience=self._audience,
                options={"require": ["exp", "iat", "sub", "iss", "aud"]},
                leeway=5,
            )
        except jwt.ExpiredSignatureError as exc:
            raise Unauthenticated("TOKEN_EXPIRED", "The bearer token has expired.") from exc
        except jwt.PyJWTError as exc:
            raise Unauthenticated("TOKEN_INVALID", "The bearer token is not valid.") from exc
        subject = str(claims["sub"])
        if not subject.startswith("services/") or subject == "services/":
            raise Unauthenticated("TOKEN_INVALID", "The bearer token is not valid.")
        caller = Caller(subject=subject, token=token, token_id=str(claims.get("jti", "")))
        return caller, float(claims["exp"])


@dataclass(frozen=True)
class StepUpGrant:
    """A verified step-up grant (users.v1 StepUpGrant.token)."""

    subject: str
    transaction_request_id: str
    action: str
    currency_code: str
    minor_units: int
    expires_at: int
    grant_id: str


async def verify_step_up_grant(
    verifier: TokenVerifier,
    token: str,
    *,
    caller: Caller,
    transaction_request_id: str,
    action: str,
    currency_code: str,
    minor_units: int,
    reason: str = "STEP_UP_INVALID",
) -> StepUpGrant:
    """Check a step-up grant offline: signature (JWKS), audience, expiry, that it is for this
    caller, this request_id and this action, and that it covers `minor_units` of `currency_code`.

    Anything wrong is PERMISSION_DENIED `reason` (wallet's contract: STEP_UP_INVALID), with
    ErrorInfo metadata `problem` naming what was wrong."""

    def invalid(problem: str) -> PermissionDenied:
        return PermissionDenied(
            reason,
            "The step-up grant is not valid for this request.",
            metadata={"problem": problem},
        )

    try:
        header = TokenVerifier._header(token)
        if header.get("typ") != STEP_UP_TOKEN_TYPE:
            raise invalid("not_a_grant")
        claims = await verifier.decode(token, header, STEP_UP_AUDIENCE, verifier.issuer)
    except Unauthenticated as exc:
        problem = "expired" if exc.reason == "TOKEN_EXPIRED" else "signature"
        raise invalid(problem) from exc
    if claims.get("sub") != caller.subject:
        raise invalid("subject")
    if claims.get("txn") != transaction_request_id:
        raise invalid("transaction")
    if claims.get("act") != action:
        raise invalid("action")
    amount = claims.get("amt") or {}
    if amount.get("currency_code") != currency_code:
        raise invalid("currency")
    try:
        covered = int(amount.get("minor_units"))
    except (TypeError, ValueError) as exc:
        raise invalid("amount") from exc
    if minor_units > covered:
        raise invalid("amount")
    return StepUpGrant(
        subject=claims["sub"],
        transaction_request_id=claims["txn"],
        action=claims["act"],
        currency_code=amount["currency_code"],
        minor_units=covered,
        expires_at=int(claims["exp"]),
        grant_id=str(claims.get("jti", "")),
    )
