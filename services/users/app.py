"""What the users service's flows work with: storage, cache, keys, adapters, settings."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncConnection

from services.runtime.cache import Cache
from services.runtime.db import Database
from services.runtime.phone_numbers import normalize_phone
from services.users.adapters.delivery import CodeDelivery
from services.users.adapters.wallet import WalletCheck
from services.users.keys import KeyRing
from services.users.settings import UsersSettings
from services.users.storage.requests import ResponseSealer
from services.users.tokens import TokenIssuer


def utc_now() -> datetime:
    return datetime.now(UTC)


def as_utc(when: datetime) -> datetime:
    """SQLite hands back naive datetimes; every stored time is UTC."""
    return when if when.tzinfo else when.replace(tzinfo=UTC)


@dataclass
class UsersApp:
    settings: UsersSettings
    db: Database
    cache: Cache
    keys: KeyRing
    pepper: bytes
    delivery: CodeDelivery
    wallet: WalletCheck

    def __post_init__(self) -> None:
        self.issuer = TokenIssuer(
            self.keys,
            self.settings.jwt_issuer,
            self.settings.jwt_audience,
            timedelta(seconds=self.settings.access_token_ttl_seconds),
        )
        self.sealer = ResponseSealer(self.pepper)
        self.admin_phones = frozenset(
            normalize_phone(p) for p in self.settings.bootstrap_admin_phones
        )

    def reading(self) -> AbstractAsyncContextManager[AsyncConnection]:
        """A connection for reads that change nothing: no ORM session, fewer round trips."""
        return self.db.engine.connect()

    @staticmethod
    def now() -> datetime:
        return utc_now()

    def service_token(self) -> str:
        """The users service's own identity (`services/users`), signed with its own key."""
        now = utc_now()
        return self.issuer.service_identity("users", now).token
