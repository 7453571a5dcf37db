"""What the wallet asks the users service: who owns a phone number, a tier's daily limits, and a
short token to act for a member (scheduled savings plan runs). Through services.users.client."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Protocol

import grpc
from bitsacco.users.v1 import users_pb2

from services.runtime.errors import InvalidArgument, PermissionDenied, Unavailable
from services.users.client import UsersClient
from services.wallet.rules.limits import DEFAULT_TIER_LIMITS, TierLimits

log = logging.getLogger("bitsacco.wallet.users")

ACTIVE = users_pb2.USER_STATUS_ACTIVE


@dataclass(frozen=True)
class Member:
    name: str  # users/{id}
    phone: str  # E.164
    display_name: str
    tier: int
    active: bool

    @property
    def user_id(self) -> str:
        return self.name.removeprefix("users/")


@dataclass(frozen=True)
class ActingToken:
    token: str
    member: Member


class Directory(Protocol):
    async def member_by_phone(self, phone_e164: str) -> Member | None: ...

    async def tier_limits(self, tier: int) -> TierLimits: ...

    async def act_for(self, user_name: str) -> ActingToken: ...

    async def close(self) -> None: ...


def _member(user: users_pb2.User) -> Member:
    return Member(
        name=user.name,
        phone=user.phone_number,
        display_name=user.display_name,
        tier=int(user.kyc_tier) or 1,
        active=user.status == ACTIVE,
    )


def _unavailable(exc: Exception) -> Unavailable:
    return Unavailable(
        "USERS_UNAVAILABLE",
        "The member directory could not be reached; nothing was done. Try again shortly.",
        retry_after_seconds=5,
    )


class UsersDirectory:
    def __init__(self, client: UsersClient, recipient_cache_seconds: float = 30.0) -> None:
        self._client = client
        self._ttl = recipient_cache_seconds
        self._phones: dict[str, tuple[float, Member | None]] = {}

    async def member_by_phone(self, phone_e164: str) -> Member | None:
        cached = self._phones.get(phone_e164)
        if cached and time.monotonic() - cached[0] < self._ttl:
            return cached[1]
        try:
            user = await self._client.lookup_by_phone(phone_e164)
        except grpc.aio.AioRpcError as error:
            if error.code() == grpc.StatusCode.INVALID_ARGUMENT:
                raise InvalidArgument(
                    "INVALID_PHONE_NUMBER", "That is not a Kenyan mobile number."
                ) from error
            raise _unavailable(error) from error
        except Unavailable as error:  # no SERVICE_SECRET: this wallet cannot identify itself
            raise _unavailable(error) from error
        member = _member(user) if user is not None else None
        if len(self._phones) > 50_000:
            self._phones.clear()
        self._phones[phone_e164] = (time.monotonic(), member)
        return member

    async def tier_limits(self, tier: int) -> TierLimits:
        """The tier's limits from the users service (cached there 5 minutes); the contract's
        published values when it cannot be asked, so a users outage does not stop payments."""
        try:
            limits = await self._client.tier_limits(tier)
        except (grpc.aio.AioRpcError, Unavailable) as error:
            log.warning("tier limits from users unavailable (%s); using the published ones", error)
            return DEFAULT_TIER_LIMITS.get(tier, DEFAULT_TIER_LIMITS[1])
        return TierLimits(
            tier=tier,
            save=limits.daily_save_limit.minor_units,
            withdraw=limits.daily_withdrawal_limit.minor_units,
            transfer=limits.daily_transfer_limit.minor_units,
            step_up_threshold=limits.step_up_threshold.minor_units,
        )

    async def act_for(self, user_name: str) -> ActingToken:
        try:
            issued = await self._client.token_for_user(user_name)
        except grpc.aio.AioRpcError as error:
            if error.code() in (grpc.StatusCode.PERMISSION_DENIED, grpc.StatusCode.NOT_FOUND):
                raise PermissionDenied("MEMBER_UNAVAILABLE", error.details() or "") from error
            raise _unavailable(error) from error
        except Unavailable as error:
            raise _unavailable(error) from error
        return ActingToken(issued.token, _member(issued.user))

    async def close(self) -> None:
        await self._client.close()
