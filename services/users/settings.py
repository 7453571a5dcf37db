"""Settings of the users service (environment variables; secrets have no default)."""

from __future__ import annotations

from pydantic import Field, SecretStr

from services.runtime.settings import SERVICE_PORTS, RuntimeSettings


class UsersSettings(RuntimeSettings):
    service_name: str = "users"

    # Signing keys of access tokens and step-up grants: a JSON list `[{"kid": "...", "pem":
    # "-----BEGIN PRIVATE KEY-----..."}, ...]` (Ed25519 → EdDSA, P-256 → ES256). The first key
    # signs; every key is published in the JWKS, so tokens of a previous key stay verifiable after
    # a rotation. Unset: one Ed25519 key generated once and kept in STATE_DIR/users/jwt-keys.json.
    jwt_private_keys: SecretStr | None = Field(default=None)
    # Pepper for hashing one-time codes and refresh tokens. Unset: generated once and kept in
    # STATE_DIR/users/pepper.
    users_pepper: SecretStr | None = Field(default=None)

    access_token_ttl_seconds: int = 15 * 60
    # Sign-in and step-up codes are valid this long (the contract says 5 minutes).
    otp_ttl_seconds: int = 300
    # A step-up code may be sent again for the same transaction after this long.
    step_up_resend_seconds: int = 60
    refresh_token_ttl_seconds: int = 7 * 24 * 3600

    # Numbers (any form) that become ROLE_ADMIN when they first sign in: how the first admin exists.
    bootstrap_admin_phones: list[str] = Field(default_factory=list)
    # Service identities that IssueServiceToken lets create a user for a first-time sender.
    user_creating_services: list[str] = Field(default_factory=lambda: ["ai", "notification"])

    # Where one-time codes are delivered (NotificationService.SendMessage).
    notification_target: str = f"127.0.0.1:{SERVICE_PORTS['notification']}"
    # Where EraseUser checks that the wallet is empty; "" skips the check (no wallet deployed).
    wallet_target: str = f"127.0.0.1:{SERVICE_PORTS['wallet']}"

    # Sign-in code sends per client IP per hour (the per-number limits are fixed by the contract).
    otp_sends_per_ip_per_hour: int = 30
    # VerifyPhone attempts per client IP per hour.
    otp_verifies_per_ip_per_hour: int = 60


def users_settings(settings: RuntimeSettings) -> UsersSettings:
    """`settings` as UsersSettings (the test harness may hand a plain RuntimeSettings)."""
    if isinstance(settings, UsersSettings):
        return settings
    return UsersSettings(**settings.model_dump(exclude_unset=True))
