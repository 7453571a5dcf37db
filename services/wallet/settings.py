"""Settings of the wallet service (environment variables; secrets have no default)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr

from services.runtime.settings import RuntimeSettings


class WalletSettings(RuntimeSettings):
    service_name: str = "wallet"

    # Trading.
    spread_bps: int = 50  # 0.5% each side of mid
    quote_ttl_seconds: int = 60

    # Prices: "simulated" (embedded default, no network) or "live" (CoinGecko, then the ticker).
    price_source: str = "simulated"
    coingecko_url: str = "https://api.coingecko.com/api/v3/simple/price"
    coingecko_api_key: SecretStr | None = Field(default=None)
    fallback_ticker_url: str = "https://api.kraken.com/0/public/Ticker?pair=XBTUSD"
    price_timeout_seconds: float = 3.0
    price_refresh_seconds: float = 30.0
    price_max_age_seconds: float = 300.0
    fx_max_age_seconds: float = 86_400.0

    # M-Pesa (Daraja). "simulated": the wallet starts the local fake Daraja and talks to it
    # (embedded default); "live": DARAJA_BASE_URL with the credentials below.
    mpesa_mode: str = "simulated"
    daraja_base_url: str = "https://sandbox.safaricom.co.ke"
    daraja_timeout_seconds: float = 10.0
    mpesa_consumer_key: SecretStr | None = Field(default=None)
    mpesa_consumer_secret: SecretStr | None = Field(default=None)
    mpesa_shortcode: str = "174379"
    mpesa_passkey: SecretStr | None = Field(default=None)
    mpesa_b2c_shortcode: str = "600000"
    mpesa_initiator_name: str = "testapi"
    # The initiator's SecurityCredential (B2C, Transaction Status), one of: pre-encrypted (as the
    # Daraja portal gives it), or the initiator password and Safaricom's certificate (a PEM file),
    # encrypted at start-up. The live mode does not start without one.
    mpesa_security_credential: SecretStr | None = Field(default=None)
    mpesa_initiator_password: SecretStr | None = Field(default=None)
    mpesa_certificate_path: Path | None = None
    # Public base URL Daraja calls back (the gateway); the paths carry the secret token.
    mpesa_callback_base_url: str = "http://127.0.0.1:8080"
    # The secret path token of the callback URLs, and the previous one during a rotation.
    # Unset in the embedded shape: generated once and kept in STATE_DIR/wallet/callback-token.
    mpesa_callback_token: SecretStr | None = Field(default=None)
    mpesa_callback_token_previous: SecretStr | None = Field(default=None)
    # Simulated customer: seconds until an STK push is paid (embedded fake Daraja).
    mpesa_fake_pay_delay_seconds: float = 3.0

    # Deposits: a PENDING deposit is expired after this long; its STK Push Query is tried after
    # `deposit_query_after_seconds` without a callback, and then every that many seconds.
    deposit_expiry_seconds: int = 300
    deposit_query_after_seconds: int = 30
    # Withdrawals: a SUBMITTED payout with no result after this long is checked by a
    # Transaction Status query; an UNKNOWN one is asked again after this long, doubling each time
    # up to `withdrawal_check_max_interval_seconds`.
    withdrawal_check_after_seconds: int = 120
    withdrawal_check_max_interval_seconds: int = 3600
    # A payout still UNKNOWN after this many status queries, or this long after it was made, is
    # handed to operations for manual review (its sats stay reserved) and from then on is asked
    # about every `withdrawal_review_check_seconds`, so a late answer still resolves it.
    withdrawal_review_after_queries: int = 12
    withdrawal_review_after_seconds: int = 86_400
    withdrawal_review_check_seconds: int = 6 * 3600
    # A payout Daraja could not be reached for (certainly not sent) is sent again with the same
    # backoff (by default at 2, 6, 14 and 30 minutes); after this many attempts, or this long
    # after it was made, whichever comes first, it fails (PROVIDER_UNAVAILABLE) and the member's
    # sats are released.
    withdrawal_unsent_max_attempts: int = 10
    withdrawal_unsent_max_seconds: int = 1800
    # Background loops.
    worker_interval_seconds: float = 2.0
    scheduler_interval_seconds: float = 15.0
    scheduler_lateness_limit_seconds: int = 6 * 3600

    # Where the users service is (tier limits, recipients by phone, tokens for plan runs).
    # USERS_TARGET and SERVICE_SECRET come from RuntimeSettings.
    recipient_cache_seconds: float = 30.0


def wallet_settings(settings: RuntimeSettings) -> WalletSettings:
    """`settings` as WalletSettings (the test harness may hand a plain RuntimeSettings)."""
    if isinstance(settings, WalletSettings):
        return settings
    return WalletSettings(**settings.model_dump(exclude_unset=True))
