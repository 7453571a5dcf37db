"""The tokens the users service signs: access tokens (a session's, or one a service obtained to act
for a member) and step-up grants. Claims are fixed by the users contract (SessionTokens,
IssueServiceTokenResponse, StepUpGrant)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from services.runtime.auth import STEP_UP_AUDIENCE, STEP_UP_TOKEN_TYPE
from services.users.keys import KeyRing
from services.users.model import User

STEP_UP_GRANT_TTL = timedelta(minutes=5)


@dataclass(frozen=True)
class SignedToken:
    token: str
    expires_at: datetime


class TokenIssuer:
    def __init__(
        self,
        keys: KeyRing,
        issuer: str,
        audience: str,
        access_ttl: timedelta = timedelta(minutes=15),
    ) -> None:
        self.keys = keys
        self._issuer = issuer
        self._audience = audience
        self._access_ttl = access_ttl

    def _base(self, subject: str, audience: str, now: datetime, ttl: timedelta) -> dict:
        issued = int(now.timestamp())
        return {
            "iss": self._issuer,
            "aud": audience,
            "sub": subject,
            "iat": issued,
            "exp": issued + int(ttl.total_seconds()),
            "jti": uuid.uuid4().hex,
        }

    def access_token(
        self,
        user: User,
        now: datetime,
        *,
        session_id: str | None = None,
        actor: str | None = None,
        ttl: timedelta | None = None,
    ) -> SignedToken:
        """`sub`, `roles`, `tier`, `phone`; `sid` for a session, `act` when a service acts."""
        lifetime = min(ttl or self._access_ttl, self._access_ttl)
        claims = self._base(user.name, self._audience, now, lifetime)
        claims.update(roles=list(user.roles), tier=user.kyc_tier, phone=user.phone_number or "")
        if session_id:
            claims["sid"] = session_id
        if actor:
            claims["act"] = {"sub": actor}
        return SignedToken(self.keys.sign(claims), datetime.fromtimestamp(claims["exp"], UTC))

    def service_identity(self, service: str, now: datetime) -> SignedToken:
        """A short token naming a service itself (`services/{name}`): users calling notification."""
        claims = self._base(f"services/{service}", self._audience, now, timedelta(minutes=5))
        return SignedToken(self.keys.sign(claims), datetime.fromtimestamp(claims["exp"], UTC))

    def step_up_grant(
        self,
        user_id: str,
        transaction_request_id: str,
        action: str,
        currency_code: str,
        minor_units: int,
        now: datetime,
    ) -> SignedToken:
        claims = self._base(f"users/{user_id}", STEP_UP_AUDIENCE, now, STEP_UP_GRANT_TTL)
        claims.update(
            txn=transaction_request_id,
            act=action,
            amt={"currency_code": currency_code, "minor_units": minor_units},
        )
        return SignedToken(
            self.keys.sign(claims, STEP_UP_TOKEN_TYPE),
            datetime.fromtimestamp(claims["exp"], UTC),
        )
