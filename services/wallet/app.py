"""The wallet's parts, wired once per process (see service.build)."""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

import httpx

from services.runtime.auth import ServiceTokens, TokenVerifier
from services.runtime.bootstrap import Resources, token_verifier
from services.users.client import UsersClient
from services.wallet.adapters.daraja import (
    DarajaClient,
    DarajaCredentials,
    encrypt_initiator_password,
)
from services.wallet.adapters.prices import (
    CoinGeckoSource,
    PriceFeed,
    SimulatedSource,
    TickerSource,
)
from services.wallet.adapters.users import Directory, UsersDirectory
from services.wallet.flows.alerts import Alerts
from services.wallet.flows.chama import Chamas
from services.wallet.flows.deposits import CallbackUrls, Deposits
from services.wallet.flows.goals import Goals
from services.wallet.flows.limits import Limits
from services.wallet.flows.plans import Plans
from services.wallet.flows.quotes import Quotes
from services.wallet.flows.statements import Statements
from services.wallet.flows.transfers import Transfers
from services.wallet.flows.wallets import Wallets
from services.wallet.flows.withdrawals import Withdrawals
from services.wallet.rules.payout_checks import PayoutChecks, UnsentPayouts
from services.wallet.settings import WalletSettings
from services.wallet.storage.store import Store

log = logging.getLogger("bitsacco.wallet")


def _secret(value) -> str:
    return value.get_secret_value() if value else ""


def callback_token(settings: WalletSettings) -> str:
    """MPESA_CALLBACK_TOKEN, or (embedded) one generated once and kept in the state dir."""
    if settings.mpesa_callback_token:
        return settings.mpesa_callback_token.get_secret_value()
    path = settings.state_dir / "wallet" / "callback-token"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it first
        else:
            with os.fdopen(descriptor, "w") as file:
                file.write(secrets.token_urlsafe(32))
    return path.read_text().strip()


def security_credential(settings: WalletSettings) -> str:
    """The live initiator's SecurityCredential: MPESA_SECURITY_CREDENTIAL as given, or
    MPESA_INITIATOR_PASSWORD encrypted with the certificate at MPESA_CERTIFICATE_PATH. Anything
    else is a start-up error (ValueError): a wallet that cannot pay out must not start."""
    given = _secret(settings.mpesa_security_credential)
    password = _secret(settings.mpesa_initiator_password)
    path = settings.mpesa_certificate_path
    if given and (password or path):
        raise ValueError(
            "Set MPESA_SECURITY_CREDENTIAL or MPESA_INITIATOR_PASSWORD with "
            "MPESA_CERTIFICATE_PATH, not both."
        )
    if given:
        return given
    if not (password and path):
        raise ValueError(
            "MPESA_MODE=live needs the initiator's credential: MPESA_SECURITY_CREDENTIAL "
            "(pre-encrypted), or MPESA_INITIATOR_PASSWORD and MPESA_CERTIFICATE_PATH (Safaricom's "
            "certificate, PEM)."
        )
    try:
        return encrypt_initiator_password(password, path.read_bytes())
    except (OSError, ValueError) as exc:
        raise ValueError(f"MPESA_CERTIFICATE_PATH={path}: {exc}") from exc


@dataclass
class WalletApp:
    settings: WalletSettings
    store: Store
    prices: PriceFeed
    directory: Directory
    verifier: TokenVerifier
    daraja: DarajaClient
    callback_tokens: tuple[str, ...]
    fake_daraja: object | None = None  # the local FakeDaraja in the simulated mode
    closers: list = field(default_factory=list)

    def __post_init__(self) -> None:
        s = self.settings
        urls = CallbackUrls(s.mpesa_callback_base_url, self.callback_tokens[0])
        self.urls = urls
        self.wallets = Wallets(self.store)
        self.limits = Limits(self.store, self.directory, self.verifier)
        self.quotes = Quotes(
            self.store, self.wallets, self.prices, s.spread_bps, s.quote_ttl_seconds
        )
        self.transfers = Transfers(
            self.store, self.wallets, self.prices, self.directory, self.limits
        )
        self.statements = Statements(self.store, self.prices)
        self.deposits = Deposits(
            self.store,
            self.prices,
            self.limits,
            self.daraja,
            urls,
            s.spread_bps,
            s.deposit_expiry_seconds,
            s.deposit_query_after_seconds,
        )
        self.withdrawals = Withdrawals(
            self.store,
            self.prices,
            self.limits,
            self.daraja,
            urls,
            s.spread_bps,
            PayoutChecks(
                first_interval=timedelta(seconds=s.withdrawal_check_after_seconds),
                max_interval=timedelta(seconds=s.withdrawal_check_max_interval_seconds),
                review_after_queries=s.withdrawal_review_after_queries,
                review_after_age=timedelta(seconds=s.withdrawal_review_after_seconds),
                review_interval=timedelta(seconds=s.withdrawal_review_check_seconds),
            ),
            UnsentPayouts(
                first_interval=timedelta(seconds=s.withdrawal_check_after_seconds),
                max_interval=timedelta(seconds=s.withdrawal_check_max_interval_seconds),
                max_attempts=s.withdrawal_unsent_max_attempts,
                max_age=timedelta(seconds=s.withdrawal_unsent_max_seconds),
            ),
            retry_seconds=s.withdrawal_check_after_seconds,
        )
        self.chamas = Chamas(self.store, self.wallets, self.prices)
        self.goals = Goals(self.store, self.prices)
        self.alerts = Alerts(self.store, self.prices)
        self.plans = Plans(
            self.store,
            self.wallets,
            self.deposits,
            self.directory,
            timedelta(seconds=s.scheduler_lateness_limit_seconds),
        )

    async def close(self) -> None:
        for close in reversed(self.closers):
            try:
                await close()
            except Exception:  # closing is best effort
                log.exception("closing failed")


async def assemble(
    resources: Resources,
    settings: WalletSettings,
    *,
    directory: Directory | None = None,
    prices: PriceFeed | None = None,
) -> WalletApp:
    """Everything the wallet needs; the embedded shape starts the fake Daraja here."""
    # First, before anything is opened: a live wallet without its payout credential must not start.
    credential = security_credential(settings) if settings.mpesa_mode == "live" else ""
    closers = []
    http = httpx.AsyncClient(timeout=settings.price_timeout_seconds)
    closers.append(http.aclose)
    if prices is None:
        if settings.price_source == "live":
            api_key = _secret(settings.coingecko_api_key) or None
            sources = [
                CoinGeckoSource(http, settings.coingecko_url, api_key),
                TickerSource(http, settings.fallback_ticker_url),
            ]
        else:
            sources = [SimulatedSource()]
        prices = PriceFeed(
            sources,
            settings.price_refresh_seconds,
            settings.price_max_age_seconds,
            settings.fx_max_age_seconds,
        )
    if directory is None:
        client = UsersClient(settings.users_target, ServiceTokens.from_settings(settings))
        directory = UsersDirectory(client, settings.recipient_cache_seconds)
        closers.append(directory.close)

    fake = None
    if settings.mpesa_mode == "live":
        credentials = DarajaCredentials(
            consumer_key=_secret(settings.mpesa_consumer_key),
            consumer_secret=_secret(settings.mpesa_consumer_secret),
            shortcode=settings.mpesa_shortcode,
            passkey=_secret(settings.mpesa_passkey),
            b2c_shortcode=settings.mpesa_b2c_shortcode,
            initiator_name=settings.mpesa_initiator_name,
            security_credential=credential,
        )
        base_url = settings.daraja_base_url
    else:
        # aiohttp (the fake's server) is needed only here, not in the live mode.
        from services.wallet.adapters.fake_daraja import FakeDaraja

        fake = FakeDaraja(pay_delay=settings.mpesa_fake_pay_delay_seconds)
        base_url = await fake.start()
        closers.append(fake.stop)
        credentials = DarajaCredentials(
            consumer_key=fake.consumer_key,
            consumer_secret=fake.consumer_secret,
            shortcode=fake.shortcode,
            passkey=fake.passkey,
            b2c_shortcode=fake.b2c_shortcode,
            initiator_name=fake.initiator_name,
            security_credential=base64_placeholder(),
        )
    daraja = DarajaClient(base_url, credentials, settings.daraja_timeout_seconds)
    closers.append(daraja.close)
    store = Store(resources.db, single_statement_pool=settings.database_pool_size)
    closers.append(store.close)
    tokens = [callback_token(settings)]
    if settings.mpesa_callback_token_previous:
        tokens.append(settings.mpesa_callback_token_previous.get_secret_value())
    return WalletApp(
        settings=settings,
        store=store,
        prices=prices,
        directory=directory,
        verifier=token_verifier(settings),
        daraja=daraja,
        callback_tokens=tuple(tokens),
        fake_daraja=fake,
        closers=closers,
    )


def base64_placeholder() -> str:
    """The simulated initiator's SecurityCredential (the fake only checks it is present)."""
    return "U2ltdWxhdGVkIGluaXRpYXRvciBjcmVkZW50aWFs"
