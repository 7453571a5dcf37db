"""The gateway's settings, from the environment (safe embedded defaults, like every process)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from services.runtime.settings import RuntimeSettings

_RUNTIME = RuntimeSettings.model_fields


class GatewaySettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore")

    # The one listener: native gRPC, REST/JSON, gRPC-Web, webhooks and /healthz side by side.
    gateway_host: str = "0.0.0.0"  # noqa: S104 - the gateway is the system's front door
    gateway_port: int = 8080
    # Envoy's admin interface: loopback only, whatever the listener's host.
    gateway_admin_port: int = 9901

    # Tokens are checked at the edge against the users service's key set, with the same issuer
    # and audience the services check (JWT_ISSUER, JWT_AUDIENCE).
    jwt_issuer: str = _RUNTIME["jwt_issuer"].default
    jwt_audience: str = _RUNTIME["jwt_audience"].default

    # Browser origins allowed to call gRPC-Web and REST (comma-separated): the companion app.
    gateway_cors_origins: Annotated[tuple[str, ...], NoDecode] = (
        "http://localhost:3000",
        "http://localhost:5173",
        "http://127.0.0.1:3000",
        "http://127.0.0.1:5173",
    )

    # The coarse shield: one token bucket for the whole gateway. Per-user limits (100/minute)
    # are enforced by the services on Redis.
    gateway_rate_limit_per_second: int = 10_000
    gateway_rate_limit_burst: int = 20_000

    # Envoy worker threads (--concurrency). One proxies far more than the Python services behind
    # it answer; on a machine shared with them, a second costs more than it gives (two cores,
    # bench/gateway_throughput.py: REST/JSON at 84-87% of direct gRPC with one, 46-50% with two).
    gateway_workers: int = Field(default=1, ge=1)

    # Open client connections at most (Envoy's overload manager refuses more).
    gateway_max_connections: int = 50_000

    # Largest request body transcoded (REST and webhooks): WhatsApp Cloud sends up to 3 MB.
    gateway_max_request_bytes: int = 3 * 1024 * 1024
    # Largest response transcoded (data exports, media).
    gateway_max_response_bytes: int = 20 * 1024 * 1024

    # Unary calls end after this long unless the client's grpc-timeout asks for less; streaming
    # calls have no overall limit, only the idle timeout.
    gateway_unary_timeout_seconds: float = 60.0
    gateway_stream_idle_timeout_seconds: float = 300.0

    @field_validator("gateway_cors_origins", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(origin.strip() for origin in value.split(",") if origin.strip())
        return value
