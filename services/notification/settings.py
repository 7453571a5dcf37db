"""The notification service's settings (environment variables; secrets have no default).

With no provider credentials configured the service runs on its embedded dev outbox: outbound
messages are stored and readable through ListOutboxMessages instead of being sent.
"""

from __future__ import annotations

from pydantic import Field, SecretStr, field_validator

from services.runtime.phone_numbers import normalize_phone
from services.runtime.settings import SERVICE_PORTS, RuntimeSettings


class NotificationSettings(RuntimeSettings):
    # The public base URL of the gateway: the webhook URLs Twilio signs and the media URLs the
    # providers fetch are built from it, never from a request's Host or X-Forwarded-* headers.
    public_base_url: str = "http://127.0.0.1:8080"
    # The exact public URLs configured in the Twilio console, when they differ from
    # public_base_url + the route (e.g. with a query string).
    twilio_inbound_url: str | None = None
    twilio_status_url: str | None = None

    # Our WhatsApp (and SMS) number, E.164: the sender of outbound messages.
    business_phone: str = ""

    # Twilio (WhatsApp and SMS). Configured when account SID and auth token are set.
    twilio_account_sid: str | None = None
    twilio_auth_token: SecretStr | None = None
    # The secret of a Twilio webhook SharedKey, for webhooks signed with HMAC_SHA256
    # (X-Twilio-Webhooks-Signature-Settings); the auth token verifies the classic HMAC_SHA1 ones.
    twilio_webhook_shared_key: SecretStr | None = None
    twilio_sms_from: str = ""  # our SMS sender, E.164, when it is not business_phone
    twilio_messaging_service_sid: str | None = None
    twilio_api_base_url: str = "https://api.twilio.com"
    twilio_content_base_url: str = "https://content.twilio.com"
    # Twilio Content SIDs of the approved templates, by "name:language", e.g.
    # {"price_alert:en": "HX..."} (JSON in TWILIO_TEMPLATE_CONTENT_SIDS).
    twilio_template_content_sids: dict[str, str] = {}

    # Meta's WhatsApp Cloud API. Configured when access token and phone number id are set.
    whatsapp_access_token: SecretStr | None = None
    whatsapp_phone_number_id: str | None = None
    whatsapp_app_secret: SecretStr | None = None  # verifies X-Hub-Signature-256
    whatsapp_verify_token: SecretStr | None = None  # the GET handshake's hub.verify_token
    whatsapp_graph_base_url: str = "https://graph.facebook.com"
    whatsapp_graph_version: str = "v21.0"
    # When both providers are configured: which carries WhatsApp ("twilio" or "whatsapp_cloud").
    whatsapp_provider: str = ""

    # Inbound media downloads: only HTTPS, only these hosts, at most this many bytes. The
    # provider's credentials go only to its credential hosts. `*.` matches subdomains.
    media_max_bytes: int = 16 * 1024 * 1024
    twilio_media_hosts: list[str] = ["api.twilio.com", "*.twiliocdn.com", "*.twilio.com"]
    twilio_media_credential_hosts: list[str] = ["api.twilio.com"]
    whatsapp_media_hosts: list[str] = ["graph.facebook.com", "lookaside.fbsbx.com"]
    whatsapp_media_credential_hosts: list[str] = ["graph.facebook.com", "lookaside.fbsbx.com"]
    # Extra CA bundle for HTTPS to providers and media hosts (tests use a local CA); None: the
    # system's.
    provider_ca_file: str | None = None
    media_expire_days: int = 7

    # Other services.
    ai_target: str = f"127.0.0.1:{SERVICE_PORTS['ai']}"
    voice_target: str = f"127.0.0.1:{SERVICE_PORTS['voice']}"
    ai_timeout_seconds: float = 30.0
    voice_timeout_seconds: float = 30.0

    # Workers.
    inbound_worker_enabled: bool = True
    delivery_worker_enabled: bool = True
    worker_poll_seconds: float = 0.5
    # Members served at once by each worker (inbound, delivery). Kept below the database pool so
    # the webhooks, which have connections of their own, are never starved by the workers.
    worker_concurrency: int = 8
    webhook_database_pool_size: int = 5
    lane_lease_seconds: float = 120.0
    send_max_attempts: int = 6
    inbound_max_attempts: int = 20
    retry_base_seconds: float = 1.0
    retry_max_seconds: float = 300.0

    # Per-sender inbound limit.
    inbound_rate_limit_per_minute: int = 100

    # Consume the wallet's events (alerts, deposits…) and notify members.
    wallet_events_enabled: bool = True
    # Who is told by SMS when something needs a person (a payout whose outcome M-Pesa does not
    # tell us): phone numbers, a JSON list in OPERATIONS_PHONES like BOOTSTRAP_ADMIN_PHONES.
    operations_phones: list[str] = Field(default_factory=list)

    @field_validator("operations_phones")
    @classmethod
    def _e164(cls, phones: list[str]) -> list[str]:
        return [normalize_phone(phone) for phone in phones]  # a wrong one: a clear start-up error

    def twilio_configured(self) -> bool:
        return bool(self.twilio_account_sid and self.twilio_auth_token)

    def whatsapp_cloud_configured(self) -> bool:
        return bool(self.whatsapp_access_token and self.whatsapp_phone_number_id)

    def outbox_enabled(self) -> bool:
        """The dev outbox exists only while no provider is configured."""
        return not (self.twilio_configured() or self.whatsapp_cloud_configured())

    def public_url(self, path: str) -> str:
        return self.public_base_url.rstrip("/") + path

    def resolved_twilio_inbound_url(self) -> str:
        return self.twilio_inbound_url or self.public_url("/v1/webhooks/twilio")

    def resolved_twilio_status_url(self) -> str:
        return self.twilio_status_url or self.public_url("/v1/webhooks/twilio/status")
