"""The wallet under test: the real wallet service in-process, beside the real users service (for
member tokens, recipients by phone and tier limits), with only third parties replaced by local HTTP
servers speaking their wire formats:

- Daraja: the wallet's own local fake (services/wallet/adapters/fake_daraja.py), which the wallet
  starts in its simulated mode and reaches through the real DarajaClient; tests script it.
- CoinGecko and the fallback ticker: `PriceServer` below, reached through the real sources.
- Envoy's webhook transcoding: `WebhookBridge` turns Daraja's HTTP callbacks into the gRPC calls
  Envoy makes (HttpBody with the raw bytes and the path token), and gRPC errors into HTTP codes.
"""

from __future__ import annotations

import asyncio
import secrets
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import grpc
from aiohttp import web
from bitsacco.wallet.v1 import wallet_service_pb2 as pb
from bitsacco.wallet.v1 import wallet_service_pb2_grpc
from google.api import httpbody_pb2

from services.runtime.auth import mint_service_token
from services.runtime.bootstrap import token_verifier
from services.users.tokens import TokenIssuer
from services.wallet.service import build
from services.wallet.settings import WalletSettings
from tests.harness import serve_in_process
from tests.integration.users.serving import SECRET, UsersUnderTest, fresh_phone, users_service

CALLBACK_TOKEN = "cb-" + secrets.token_hex(16)
KES_MID = 1_300_000_000  # KES 13,000,000.00 per BTC
USD_MID = 10_000_000  # USD 100,000.00 per BTC


class PriceServer:
    """CoinGecko `simple/price` and a Kraken-style ticker on one local port."""

    def __init__(self) -> None:
        self.kes = "13000000.00"
        self.usd = "100000.00"
        self.coingecko_up = True
        self.ticker_up = True
        self.requests: list[str] = []
        self._runner: web.AppRunner | None = None
        self.url = ""

    def set(self, kes: str, usd: str) -> None:
        self.kes, self.usd = kes, usd

    async def _simple_price(self, request: web.Request) -> web.Response:
        self.requests.append("coingecko")
        if not self.coingecko_up:
            return web.json_response({"status": {"error_code": 429}}, status=429)
        assert request.query["ids"] == "bitcoin"
        assert set(request.query["vs_currencies"].split(",")) == {"kes", "usd"}
        stamp = int(datetime.now(UTC).timestamp())
        body = f'{{"bitcoin":{{"kes":{self.kes},"usd":{self.usd},"last_updated_at":{stamp}}}}}'
        return web.Response(text=body, content_type="application/json")

    async def _ticker(self, request: web.Request) -> web.Response:
        self.requests.append("ticker")
        if not self.ticker_up:
            return web.Response(status=503)
        ticker = f'{{"a":["1","1","1"],"c":["{self.usd}","0.0012"]}}'
        body = f'{{"error":[],"result":{{"XXBTZUSD":{ticker}}}}}'
        return web.Response(text=body, content_type="application/json")

    async def start(self) -> str:
        app = web.Application()
        app.router.add_get("/api/v3/simple/price", self._simple_price)
        app.router.add_get("/0/public/Ticker", self._ticker)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"
        return self.url

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()


WEBHOOK_ROUTES = {
    "stk": ("MpesaStkCallback", pb.MpesaStkCallbackRequest),
    "b2c/result": ("MpesaB2cResult", pb.MpesaB2cResultRequest),
    "b2c/timeout": ("MpesaB2cTimeout", pb.MpesaB2cTimeoutRequest),
    "status/result": ("MpesaTransactionStatusResult", pb.MpesaTransactionStatusResultRequest),
    "status/timeout": ("MpesaTransactionStatusTimeout", pb.MpesaTransactionStatusTimeoutRequest),
}
HTTP_OF = {
    grpc.StatusCode.NOT_FOUND: 404,
    grpc.StatusCode.INVALID_ARGUMENT: 400,
    grpc.StatusCode.UNAVAILABLE: 503,
}


class WebhookBridge:
    """What Envoy's gRPC-JSON transcoder does for the five M-Pesa webhook routes."""

    def __init__(self) -> None:
        self.target = ""
        self.answers: list[tuple[str, int]] = []
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def _handle(self, request: web.Request) -> web.Response:
        path = request.match_info["path"]
        kind, _, token = path.rpartition("/")
        if kind not in WEBHOOK_ROUTES:
            return web.Response(status=404)
        method, message = WEBHOOK_ROUTES[kind]
        body = await request.read()
        call = message(
            http_body=httpbody_pb2.HttpBody(
                content_type=request.headers.get("Content-Type", ""), data=body
            ),
            token=token,
        )
        async with grpc.aio.insecure_channel(self.target) as channel:
            stub = wallet_service_pb2_grpc.WalletServiceStub(channel)
            try:
                answer = await getattr(stub, method)(call)
            except grpc.aio.AioRpcError as error:
                status = HTTP_OF.get(error.code(), 500)
                self.answers.append((kind, status))
                return web.Response(status=status, text=error.details() or "")
        self.answers.append((kind, 200))
        return web.Response(body=answer.http_body.data, content_type=answer.http_body.content_type)

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/v1/webhooks/mpesa/{path:.+}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"
        return self.url

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()


@dataclass
class Member:
    name: str
    phone: str
    token: str

    @property
    def user_id(self) -> str:
        return self.name.removeprefix("users/")

    @property
    def metadata(self) -> tuple[tuple[str, str], ...]:
        return (("authorization", f"Bearer {self.token}"),)


@dataclass
class WalletStack:
    users: UsersUnderTest
    wallet: object  # InProcessService
    app: object  # services.wallet.app.WalletApp
    bridge: WebhookBridge
    prices: PriceServer
    settings: WalletSettings

    @property
    def stub(self) -> wallet_service_pb2_grpc.WalletServiceStub:
        return wallet_service_pb2_grpc.WalletServiceStub(self.wallet.channel)

    @property
    def fake(self):
        return self.app.fake_daraja

    async def member(self, phone: str | None = None, tier: int | None = None) -> Member:
        """A signed-in member (the real VerifyPhone); with `tier`, a token carrying that tier."""
        signed = await self.users.sign_in(phone or fresh_phone())
        token = signed.tokens.access_token
        if tier is not None:
            token = self.issuer().access_token(_as_user(signed.user, tier), datetime.now(UTC)).token
        return Member(signed.user.name, signed.user.phone_number, token)

    def issuer(self) -> TokenIssuer:
        return TokenIssuer(
            self.users.keys, self.users.settings.jwt_issuer, self.users.settings.jwt_audience
        )

    def grant(self, member: Member, request_id: str, action: str, currency: str, minor: int):
        """A step-up grant signed with the users service's keys (StepUpGrant.token)."""
        return (
            self.issuer()
            .step_up_grant(member.user_id, request_id, action, currency, minor, datetime.now(UTC))
            .token
        )

    def chama_metadata(self) -> tuple[tuple[str, str], ...]:
        token = mint_service_token(SECRET, "chama", self.settings.jwt_audience)
        return (("authorization", f"Bearer {token}"),)

    async def acting_for(self, member: Member, service: str = "chama") -> tuple:
        """A member token that `service` obtained (IssueServiceToken: `act` = services/chama)."""
        issued = await self.users.client(service).token_for_user(member.name)
        return (("authorization", f"Bearer {issued.token}"),)

    async def settle(self, predicate, within: float = 15.0, step: float = 0.05):
        """Wait until `predicate()` (async) is truthy; its value."""
        deadline = asyncio.get_running_loop().time() + within
        while True:
            value = await predicate()
            if value:
                return value
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError("condition not reached")
            await asyncio.sleep(step)


def _as_user(user, tier: int):
    from services.users.model import User

    moment = datetime.now(UTC)
    return User(
        id=user.name.removeprefix("users/"),
        phone_number=user.phone_number,
        display_name=user.display_name,
        language_code="en",
        voice_replies=False,
        notification_frequency="daily",
        kyc_tier=tier,
        roles=("member",),
        status="active",
        created_at=moment,
        updated_at=moment,
    )


def request_id() -> str:
    return str(uuid.uuid4())


def wallet_values(users: UsersUnderTest, bridge_url: str, price_url: str, **overrides) -> dict:
    return {
        "users_target": users.target,
        "service_secret": SECRET,
        "jwt_issuer": users.settings.jwt_issuer,
        "jwt_audience": users.settings.jwt_audience,
        "price_source": "live",
        "coingecko_url": f"{price_url}/api/v3/simple/price",
        "fallback_ticker_url": f"{price_url}/0/public/Ticker?pair=XBTUSD",
        "price_refresh_seconds": 0.3,
        "mpesa_mode": "simulated",
        "mpesa_callback_base_url": bridge_url,
        "mpesa_callback_token": CALLBACK_TOKEN,
        "mpesa_fake_pay_delay_seconds": 0.05,
        "deposit_query_after_seconds": 1,
        "withdrawal_check_after_seconds": 1,
        "worker_interval_seconds": 0.2,
        "recipient_cache_seconds": 0,
        **overrides,
    }


@asynccontextmanager
async def wallet_stack(
    pg_url: str, redis_url: str, namespace: str, **overrides
) -> AsyncIterator[WalletStack]:
    # Small pools: the PostgreSQL server (max_connections 100) is shared with other test runs.
    async with users_service(pg_url, redis_url, namespace, database_pool_size=3) as users:
        bridge, prices = WebhookBridge(), PriceServer()
        await bridge.start()
        await prices.start()
        values = wallet_values(users, bridge.url, prices.url, **overrides)
        settings = WalletSettings(service_name="wallet", **values)
        captured = []

        async def builder(resources):
            service = await build(resources)
            captured.append(service.servicers[0].app)
            return service

        try:
            async with serve_in_process(
                "wallet",
                builder,
                pg_url,
                redis_url,
                namespace,
                verifier=token_verifier(settings),
                settings_type=WalletSettings,
                **values,
            ) as wallet:
                bridge.target = wallet.target
                yield WalletStack(users, wallet, captured[0], bridge, prices, settings)
        finally:
            await bridge.stop()
            await prices.stop()
