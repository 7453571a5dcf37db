"""The process entry every service shares: settings → resources → service → serve.

    # services/<name>/__main__.py
    run_service("wallet", build, WalletSettings)

A service's Alembic migrations live in `services/<name>/migrations/`: applied on start in the
embedded shape, and by `bitsacco migrate <name>` in production.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import uvloop

from services.runtime.auth import JwksCache, TokenVerifier
from services.runtime.cache import Cache, open_cache
from services.runtime.db import Database
from services.runtime.events import EventBus, open_bus
from services.runtime.server import Service, configure_process, serve_until_signalled
from services.runtime.settings import RuntimeSettings

SERVICES_DIR = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Resources:
    """Connections a service is built with; opened and closed by the runtime."""

    settings: RuntimeSettings
    db: Database
    cache: Cache
    bus: EventBus


@asynccontextmanager
async def open_resources(settings: RuntimeSettings) -> AsyncIterator[Resources]:
    db = Database(
        settings.resolved_database_url(), settings.service_name, settings.database_pool_size
    )
    cache = open_cache(settings.redis_url, settings.namespace + settings.service_name)
    bus = open_bus(settings.redis_url, settings.state_dir)
    try:
        yield Resources(settings, db, cache, bus)
    finally:
        await bus.close()
        await cache.close()
        await db.close()


def token_verifier(settings: RuntimeSettings) -> TokenVerifier:
    """Verify bearer tokens against the users service's key set: fetched from JWKS_URL when set,
    else by GetJwks from the users service at USERS_TARGET (the users service itself uses its own
    keys in-process); cached, and refreshed when a token names an unknown key. Service tokens are
    accepted when SERVICE_SECRET is configured."""
    secret = settings.service_secret.get_secret_value() if settings.service_secret else None
    if settings.service_name == "users":
        from services.users.keys import load_key_ring

        ring = load_key_ring(settings)

        async def fetch() -> dict:
            return ring.jwks()

    elif settings.jwks_url:
        url = settings.jwks_url

        async def fetch() -> dict:
            async with httpx.AsyncClient(timeout=5.0) as client:
                response = await client.get(url)
                response.raise_for_status()
                return response.json()

    else:
        import json

        from bitsacco.users.v1 import users_service_pb2, users_service_pb2_grpc

        from services.runtime.clients import channel

        target = settings.users_target

        async def fetch() -> dict:
            async with channel(target) as jwks_channel:
                stub = users_service_pb2_grpc.UsersServiceStub(jwks_channel)
                answer = await stub.GetJwks(users_service_pb2.GetJwksRequest(), timeout=5.0)
            return json.loads(answer.http_body.data)

    return TokenVerifier(
        JwksCache(fetch), settings.jwt_issuer, settings.jwt_audience, service_secret=secret
    )


Builder = Callable[[Resources], Awaitable[Service]]


def migrations_of(name: str) -> Path | None:
    versions = SERVICES_DIR / name / "migrations"
    return versions if versions.is_dir() else None


async def serve(settings: RuntimeSettings, build: Builder) -> None:
    migrations = migrations_of(settings.service_name)
    async with open_resources(settings) as resources:
        if migrations is not None and resources.db.is_sqlite:
            # The embedded shape migrates on start; production runs `bitsacco migrate`.
            await resources.db.migrate(migrations)
        service = await build(resources)
        await serve_until_signalled(service, settings, token_verifier(settings))


def run_service(
    name: str, build: Builder, settings_type: type[RuntimeSettings] = RuntimeSettings
) -> None:
    settings = settings_type(service_name=name)
    configure_process(settings)
    uvloop.run(serve(settings, build))


async def migrate(name: str) -> bool:
    """Apply `name`'s migrations to its configured database; False when it has none."""
    migrations = migrations_of(name)
    if migrations is None:
        return False
    settings = RuntimeSettings(service_name=name)
    db = Database(settings.resolved_database_url(), name)
    try:
        await db.migrate(migrations)
    finally:
        await db.close()
    return True
