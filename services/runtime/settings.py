"""Typed process settings from the environment.

Every setting has a safe default for the embedded shape (`make run`), except secrets, which
have none: a secret that is not configured is `None` and the feature that needs it stays off.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

STATE_DIR = Path(".state")

# Where each service listens in the embedded shape; Kubernetes overrides GRPC_PORT per pod.
SERVICE_PORTS = {
    "users": 50051,
    "wallet": 50052,
    "chama": 50053,
    "ai": 50054,
    "voice": 50055,
    "notification": 50056,
}


class RuntimeSettings(BaseSettings):
    """Settings every service process has. Services subclass it for their own."""

    model_config = SettingsConfigDict(env_file=None, extra="ignore")

    service_name: str = "bitsacco"
    grpc_host: str = "127.0.0.1"
    grpc_port: int = 0  # 0: the service's embedded port from SERVICE_PORTS
    metrics_port: int = 0  # 0: grpc_port + 1000; -1: off
    shutdown_grace_seconds: float = 10.0
    log_level: str = "INFO"

    # Storage: SQLite file per service when unset; postgresql+asyncpg://… in production and tests.
    database_url: str | None = None
    database_pool_size: int = 10
    # Cache, limits, events: in-process/SQLite when unset; redis://… in production and tests.
    redis_url: str | None = None

    # Tracing: spans are exported over OTLP only when an endpoint is configured.
    otel_exporter_otlp_endpoint: str | None = None

    # Authentication: tokens are verified against this JWKS (the users service publishes it).
    jwt_issuer: str = "https://users.bitsacco.local"
    jwt_audience: str = "bitsacco"
    jwks_url: str | None = None  # None: ask the users service over gRPC
    users_target: str = f"127.0.0.1:{SERVICE_PORTS['users']}"
    # Shared secret that identifies a service to the users service (service tokens). No default.
    service_secret: SecretStr | None = Field(default=None)

    state_dir: Path = STATE_DIR
    # Prefix for Redis keys and stream names, so several deployments (or test runs) share a Redis.
    namespace: str = ""

    def resolved_grpc_port(self) -> int:
        return self.grpc_port or SERVICE_PORTS.get(self.service_name, 50050)

    def resolved_metrics_port(self) -> int | None:
        if self.metrics_port < 0:
            return None
        return self.metrics_port or self.resolved_grpc_port() + 1000

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{self.state_dir / (self.service_name + '.db')}"


def embedded_service_secret(state_dir: Path = STATE_DIR, create: bool = False) -> str | None:
    """The embedded shape's SERVICE_SECRET, generated once and kept in `.state/service-secret`
    (never a default): `make run` creates it, local tools such as the chat simulator read it."""
    path = state_dir / "service-secret"
    if not path.exists():
        if not create:
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()
