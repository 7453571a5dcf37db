"""Members by WhatsApp number, through the users service: a short token to act for them
(IssueServiceToken with this service's SERVICE_SECRET identity) and what their profile says.

Tokens are kept in memory for at most a minute (well inside their lifetime), so a busy
conversation does not ask users on every message; a profile change forgets them."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timedelta

import grpc
from bitsacco.users.v1 import users_pb2

from services.ai.dialogue.context import Member
from services.users.client import UsersClient

TOKEN_TTL = timedelta(minutes=15)
CACHE_SECONDS = 60.0
_REQUIRED_CONSENTS = {
    users_pb2.CONSENT_TYPE_TERMS_OF_SERVICE,
    users_pb2.CONSENT_TYPE_DATA_PROCESSING,
}


@dataclass(frozen=True)
class Identity:
    member: Member | None  # None: no account for this number
    token: str = ""  # empty when there is no account, or it is suspended


def member_of(user: users_pb2.User) -> Member:
    granted = {consent.type for consent in user.consents if consent.granted}
    return Member(
        user=user.name,
        display_name=user.display_name,
        language_code=user.language_code or "en",
        voice_replies=user.voice_replies,
        consented=granted >= _REQUIRED_CONSENTS,
        suspended=user.status == users_pb2.USER_STATUS_SUSPENDED,
    )


class MemberDirectory:
    def __init__(self, users: UsersClient, cache_seconds: float = CACHE_SECONDS) -> None:
        self._users = users
        self._cache_seconds = cache_seconds
        self._known: dict[str, tuple[float, Identity]] = {}

    @property
    def users(self) -> UsersClient:
        return self._users

    async def find(self, phone: str) -> Identity:
        """Who has this number. Raises grpc.aio.AioRpcError when users cannot say."""
        cached = self._known.get(phone)
        if cached and time.monotonic() < cached[0]:
            return cached[1]
        try:
            issued = await self._users.token_for_phone(phone, ttl=TOKEN_TTL)
        except grpc.aio.AioRpcError as error:
            if error.code() == grpc.StatusCode.NOT_FOUND:
                return Identity(None)
            if error.code() == grpc.StatusCode.PERMISSION_DENIED:
                return Identity(Member(user="", suspended=True, consented=True))
            raise
        identity = Identity(member_of(issued.user), issued.token)
        self._known[phone] = (time.monotonic() + self._cache_seconds, identity)
        return identity

    async def create(self, phone: str, request_id: str) -> Identity:
        issued = await self._users.token_for_phone(
            phone, create_user_if_missing=True, ttl=TOKEN_TTL, request_id=request_id
        )
        identity = Identity(member_of(issued.user), issued.token)
        self._known[phone] = (time.monotonic() + self._cache_seconds, identity)
        return identity

    def remember(self, phone: str, user: users_pb2.User, token: str) -> Identity:
        """The member after a profile change (UpdateUser's answer)."""
        identity = Identity(member_of(user), token)
        self._known[phone] = (time.monotonic() + self._cache_seconds, identity)
        return identity

    def forget(self, phone: str) -> None:
        self._known.pop(phone, None)

    async def close(self) -> None:
        await self._users.close()
