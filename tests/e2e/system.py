"""The whole system for conversations through the gateway: users, voice, notification (with its
inbound worker and dev outbox), wallet (simulated M-Pesa), chama and ai, each a real service
in-process on PostgreSQL + Redis at a port chosen up front, and a real Envoy in front configured
by the same `gateway.config` as `make run`. Only third parties are stand-ins: the wallet's fake
Daraja (calling back through Envoy) and a local price feed. A member is the chat simulator:
signed Twilio webhooks in through Envoy, replies read from the dev outbox."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import grpc
from bitsacco.users.v1 import users_service_pb2, users_service_pb2_grpc
from pydantic import SecretStr

from gateway import addresses
from gateway.contract import REPO
from gateway.launch import envoy_argv, wait_healthy, write_config
from gateway.settings import GatewaySettings
from services.ai.service import build as build_ai
from services.ai.settings import AiSettings
from services.chama.service import build as build_chama
from services.chat_simulator import Simulator, SimulatorConfig
from services.notification.service import build as build_notification
from services.notification.settings import NotificationSettings
from services.runtime.bootstrap import Builder, migrations_of, open_resources, token_verifier
from services.runtime.server import start
from services.runtime.settings import RuntimeSettings
from services.users.service import build as build_users
from services.users.settings import UsersSettings
from services.voice.service import build as build_voice
from services.wallet.service import build as build_wallet
from services.wallet.settings import WalletSettings
from tests.harness import free_port
from tests.integration.users.serving import KEYS, SECRET, fresh_phone, settings_for
from tests.integration.wallet.serving import PriceServer, wallet_values

TWILIO_TOKEN = "e2e-twilio-auth-token-" + secrets.token_hex(8)
ADMIN_PHONE = "+254798" + f"{secrets.randbelow(10**6):06d}"
BUSINESS_PHONE = "+254709000000"


@dataclass
class System:
    ports: dict[str, int]
    gateway_url: str
    log: Path
    admin_token: str = ""

    def config(self, phone: str | None = None, name: str = "") -> SimulatorConfig:
        return SimulatorConfig(
            phone=phone or fresh_phone(),
            gateway_url=self.gateway_url,
            public_url=self.gateway_url + "/v1/webhooks/twilio",
            auth_token=TWILIO_TOKEN,
            notification_target=f"127.0.0.1:{self.ports['notification']}",
            wallet_target=f"127.0.0.1:{self.ports['wallet']}",
            users_target=f"127.0.0.1:{self.ports['users']}",
            service_secret=SECRET,
            profile_name=name,
            business_phone=BUSINESS_PHONE,
        )

    @asynccontextmanager
    async def phone(self, name: str = "", phone: str | None = None) -> AsyncIterator[Simulator]:
        simulator = await Simulator.open(self.config(phone, name))
        try:
            yield simulator
        finally:
            await simulator.close()

    async def set_tier(self, phone: str, tier: int) -> None:
        """As an admin (the bootstrap admin number, signed in with its code)."""
        async with grpc.aio.insecure_channel(f"127.0.0.1:{self.ports['users']}") as channel:
            users = users_service_pb2_grpc.UsersServiceStub(channel)
            service = (("authorization", f"Bearer {_service_token('support-tool')}"),)
            user = (
                await users.LookupUserByPhone(
                    users_service_pb2.LookupUserByPhoneRequest(phone_number=phone),
                    metadata=service,
                )
            ).user
            if not self.admin_token:
                self.admin_token = await _admin_token(self, users)
            await users.SetUserTier(
                users_service_pb2.SetUserTierRequest(
                    request_id=str(uuid.uuid4()), name=user.name, kyc_tier=tier, reason="e2e setup"
                ),
                metadata=(("authorization", f"Bearer {self.admin_token}"),),
            )


def _service_token(name: str) -> str:
    from services.runtime.auth import mint_service_token

    return mint_service_token(SECRET, name, "bitsacco")


async def _admin_token(system: System, users) -> str:
    """Sign the bootstrap admin in: the code travels users → notification → the dev outbox."""
    async with system.phone(phone=ADMIN_PHONE) as admin_phone:
        await users.StartPhoneVerification(
            users_service_pb2.StartPhoneVerificationRequest(
                request_id=str(uuid.uuid4()), phone_number=ADMIN_PHONE
            ),
            metadata=(("x-envoy-external-address", "10.9.9.9"),),
        )
        arrived = await admin_phone.wait_for_replies(until=lambda shown: bool(shown))
        code = next(word for word in arrived[0].text.split() if word.isdigit() and len(word) == 6)
        verified = await users.VerifyPhone(
            users_service_pb2.VerifyPhoneRequest(
                request_id=str(uuid.uuid4()), phone_number=ADMIN_PHONE, code=code
            ),
            metadata=(("x-envoy-external-address", "10.9.9.9"),),
        )
    return verified.tokens.access_token


@asynccontextmanager
async def _serve(
    stack: AsyncExitStack, name: str, build: Builder, settings: RuntimeSettings
) -> AsyncIterator[None]:
    resources = await stack.enter_async_context(open_resources(settings))
    if migrations := migrations_of(name):
        await resources.db.migrate(migrations)
    running = await start(await build(resources), settings, token_verifier(settings))
    stack.push_async_callback(running.stop)
    yield


@asynccontextmanager
async def running_system(
    pg_url: str, redis_url: str, namespace: str, workdir: Path, **ai_overrides
) -> AsyncIterator[System]:
    ports = {
        name: free_port() for name in ("users", "voice", "notification", "wallet", "chama", "ai")
    }
    gateway = GatewaySettings(
        gateway_host="127.0.0.1", gateway_port=free_port(), gateway_admin_port=free_port()
    )
    gateway_url = f"http://127.0.0.1:{gateway.gateway_port}"
    target = {name: f"127.0.0.1:{port}" for name, port in ports.items()}
    common = {
        "database_url": pg_url,
        "redis_url": redis_url,
        "namespace": namespace,
        "metrics_port": -1,
        "shutdown_grace_seconds": 1,
        "users_target": target["users"],
        "service_secret": SecretStr(SECRET),
        "state_dir": workdir / "state",
    }
    prices = PriceServer()
    await prices.start()
    async with AsyncExitStack() as stack:
        stack.push_async_callback(prices.stop)
        users_values = settings_for(
            KEYS, notification_target=target["notification"], bootstrap_admin_phones=[ADMIN_PHONE]
        )
        users_values.pop("service_secret")
        for name, build, settings in (
            (
                "users",
                build_users,
                UsersSettings(
                    service_name="users", grpc_port=ports["users"], **common, **users_values
                ),
            ),
            ("voice", build_voice, _voice_settings(ports["voice"], common)),
            (
                "notification",
                build_notification,
                NotificationSettings(
                    service_name="notification",
                    grpc_port=ports["notification"],
                    public_base_url=gateway_url,
                    business_phone=BUSINESS_PHONE,
                    twilio_auth_token=SecretStr(TWILIO_TOKEN),
                    ai_target=target["ai"],
                    voice_target=target["voice"],
                    worker_poll_seconds=0.02,
                    **common,
                ),
            ),
            (
                "wallet",
                build_wallet,
                WalletSettings(
                    service_name="wallet",
                    grpc_port=ports["wallet"],
                    **common,
                    **_wallet_values(gateway_url, prices.url),
                ),
            ),
            (
                "chama",
                build_chama,
                RuntimeSettings(service_name="chama", grpc_port=ports["chama"], **common),
            ),
            (
                "ai",
                build_ai,
                AiSettings(
                    service_name="ai",
                    grpc_port=ports["ai"],
                    wallet_target=target["wallet"],
                    **common,
                    **{"member_cache_seconds": 0, **ai_overrides},
                ),
            ),
        ):
            await stack.enter_async_context(_serve(stack, name, build, settings))
        config = write_config(workdir / "envoy.yaml", gateway, addresses.embedded(ports=ports))
        log = workdir / "envoy.log"
        with log.open("wb") as sink:
            envoy = await asyncio.create_subprocess_exec(
                *envoy_argv(config, gateway.gateway_workers), cwd=REPO, stdout=sink, stderr=sink
            )

        async def stop_envoy() -> None:
            if envoy.returncode is None:
                envoy.terminate()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(envoy.wait(), 10)

        stack.push_async_callback(stop_envoy)
        if not await wait_healthy(gateway.gateway_port, within_seconds=60):
            raise RuntimeError(f"Envoy did not become healthy:\n{log.read_text()[-4000:]}")
        yield System(ports, gateway_url, log)


def _voice_settings(port: int, common: dict):
    from services.voice.settings import VoiceSettings

    return VoiceSettings(service_name="voice", grpc_port=port, **common)


def _wallet_values(gateway_url: str, price_url: str) -> dict:
    jwt = UsersSettings()
    users = SimpleNamespace(
        target="",
        settings=SimpleNamespace(jwt_issuer=jwt.jwt_issuer, jwt_audience=jwt.jwt_audience),
    )
    values = wallet_values(users, gateway_url, price_url)
    for key in ("users_target", "service_secret"):
        values.pop(key)
    # M-Pesa calls back through the gateway, like Safaricom does.
    values["mpesa_callback_base_url"] = gateway_url
    return values
