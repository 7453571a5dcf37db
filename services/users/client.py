"""The users service as other services call it: one small async client, so nobody re-writes these.

    users = UsersClient.from_settings(settings)      # USERS_TARGET, SERVICE_SECRET, service name
    issued = await users.token_for_phone("+254712345678", create_user_if_missing=True)
    member = await users.lookup_by_phone("0712 345 678")          # None when nobody has it
    limits = await users.tier_limits(2)                            # cached for 5 minutes

The client calls as the service itself (a service token minted from SERVICE_SECRET, `sub` =
`services/<name>`), except `get_user(..., token=...)`, which reads as whoever holds `token`.

Tests of other services obtain member tokens the same way: run the users service in-process with
a SERVICE_SECRET and point a UsersClient at it:

    async with serve_in_process("users", build, pg_url, redis_url, namespace,
                                settings_type=UsersSettings, service_secret=SECRET) as users:
        client = UsersClient(users.target, ServiceTokens(SECRET, "wallet", "bitsacco"))
        token = (await client.token_for_phone("+254712345678", create_user_if_missing=True)).token
        verifier = token_verifier(RuntimeSettings(service_name="wallet",
                                                  users_target=users.target, service_secret=SECRET))
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import grpc
from bitsacco.users.v1 import users_pb2, users_service_pb2, users_service_pb2_grpc
from google.protobuf import duration_pb2

from services.runtime.auth import ServiceTokens
from services.runtime.clients import call_metadata, channel

TIER_LIMITS_CACHE_SECONDS = 300


@dataclass(frozen=True)
class MemberToken:
    """An access token for one member, obtained by a service (IssueServiceToken)."""

    token: str
    expires_at: datetime
    user: users_pb2.User
    new_user: bool


class UsersClient:
    def __init__(self, target: str, service_tokens: ServiceTokens, timeout: float = 5.0) -> None:
        self._channel = channel(target)
        self._stub = users_service_pb2_grpc.UsersServiceStub(self._channel)
        self._tokens = service_tokens
        self._timeout = timeout
        self._limits: dict[int, tuple[float, users_pb2.TierLimits]] = {}

    @classmethod
    def from_settings(cls, settings) -> UsersClient:
        return cls(settings.users_target, ServiceTokens.from_settings(settings))

    @property
    def stub(self) -> users_service_pb2_grpc.UsersServiceStub:
        return self._stub

    def _as_service(self) -> tuple[tuple[str, str], ...]:
        return call_metadata(self._tokens.token())

    async def _issue(
        self, request: users_service_pb2.IssueServiceTokenRequest, ttl: timedelta | None
    ) -> MemberToken:
        if ttl is not None:
            request.ttl.CopyFrom(duration_pb2.Duration(seconds=int(ttl.total_seconds())))
        answer = await self._stub.IssueServiceToken(
            request, metadata=self._as_service(), timeout=self._timeout
        )
        return MemberToken(
            answer.access_token,
            answer.expire_time.ToDatetime(tzinfo=UTC),
            answer.user,
            answer.new_user,
        )

    async def token_for_phone(
        self,
        phone_number: str,
        *,
        create_user_if_missing: bool = False,
        ttl: timedelta | None = None,
        request_id: str | None = None,
    ) -> MemberToken:
        """A short token to act for the member with this number (any form). NOT_FOUND
        USER_NOT_FOUND without `create_user_if_missing`; PERMISSION_DENIED USER_SUSPENDED."""
        return await self._issue(
            users_service_pb2.IssueServiceTokenRequest(
                request_id=request_id or str(uuid.uuid4()),
                phone_number=phone_number,
                create_user_if_missing=create_user_if_missing,
            ),
            ttl,
        )

    async def token_for_user(
        self, user_name: str, *, ttl: timedelta | None = None, request_id: str | None = None
    ) -> MemberToken:
        """A short token to act for `users/{id}`."""
        return await self._issue(
            users_service_pb2.IssueServiceTokenRequest(
                request_id=request_id or str(uuid.uuid4()), user=user_name
            ),
            ttl,
        )

    async def lookup_by_phone(self, phone_number: str) -> users_pb2.User | None:
        """The user who owns this number (any form), or None. INVALID_ARGUMENT
        INVALID_PHONE_NUMBER is raised as grpc.aio.AioRpcError."""
        try:
            answer = await self._stub.LookupUserByPhone(
                users_service_pb2.LookupUserByPhoneRequest(phone_number=phone_number),
                metadata=self._as_service(),
                timeout=self._timeout,
            )
        except grpc.aio.AioRpcError as error:
            if error.code() == grpc.StatusCode.NOT_FOUND:
                return None
            raise
        return answer.user

    async def get_user(self, name: str, *, token: str | None = None) -> users_pb2.User:
        """`users/{id}` (or `users/me` with a member's `token`); as this service without `token`."""
        metadata = call_metadata(token) if token else self._as_service()
        answer = await self._stub.GetUser(
            users_service_pb2.GetUserRequest(name=name), metadata=metadata, timeout=self._timeout
        )
        return answer.user

    async def tier_limits(self, tier: int) -> users_pb2.TierLimits:
        """The daily limits of KYC tier `tier` (1..3), cached for five minutes."""
        cached = self._limits.get(tier)
        if cached and time.monotonic() - cached[0] < TIER_LIMITS_CACHE_SECONDS:
            return cached[1]
        answer = await self._stub.GetTierLimits(
            users_service_pb2.GetTierLimitsRequest(name=f"tierLimits/{tier}"),
            metadata=self._as_service(),
            timeout=self._timeout,
        )
        self._limits[tier] = (time.monotonic(), answer.tier_limits)
        return answer.tier_limits

    async def close(self) -> None:
        await self._channel.close()
