"""The ai service under test beside the real users, notification and wallet services, in-process
on PostgreSQL + Redis. Only third parties are stand-ins (the wallet's own fake Daraja, a local
price feed). Turns are created as the notification worker creates them: CreateTurn with the
notification service's identity, one per inbound message."""

from __future__ import annotations

import asyncio
import secrets
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bitsacco.ai.v1 import ai_pb2, ai_service_pb2, ai_service_pb2_grpc
from bitsacco.users.v1 import users_pb2, users_service_pb2
from bitsacco.wallet.v1 import wallet_service_pb2, wallet_service_pb2_grpc
from google.protobuf import timestamp_pb2

from services.ai.service import build
from services.ai.settings import AiSettings
from services.runtime.auth import mint_service_token
from services.runtime.bootstrap import token_verifier
from services.wallet.service import build as build_wallet
from services.wallet.settings import WalletSettings
from tests.harness import InProcessService, serve_in_process
from tests.integration.users.serving import SECRET, UsersUnderTest, fresh_phone, users_service
from tests.integration.wallet.serving import PriceServer, WebhookBridge, wallet_values

ADMIN_PHONE = "+254799" + f"{secrets.randbelow(10**6):06d}"


def conversation_of(phone: str) -> str:
    return "conversations/" + phone.removeprefix("+")


def as_service(name: str) -> tuple[tuple[str, str], ...]:
    return (("authorization", f"Bearer {mint_service_token(SECRET, name, 'bitsacco')}"),)


@dataclass
class Chat:
    """One member's WhatsApp, talking straight to CreateTurn."""

    stub: ai_service_pb2_grpc.AiServiceStub
    phone: str
    turns: list[ai_pb2.Turn] = field(default_factory=list)

    def turn(self, text: str = "", reply_id: str = "", profile_name: str = "") -> ai_pb2.Turn:
        stamp = timestamp_pb2.Timestamp()
        stamp.FromDatetime(datetime.now(UTC))
        return ai_pb2.Turn(
            channel_message_id="SM" + uuid.uuid4().hex,
            text=text,
            reply_id=reply_id,
            profile_name=profile_name,
            receive_time=stamp,
        )

    async def create(self, turn: ai_pb2.Turn, request_id: str) -> ai_pb2.Turn:
        answer = await self.stub.CreateTurn(
            ai_service_pb2.CreateTurnRequest(
                parent=conversation_of(self.phone), turn=turn, request_id=request_id
            ),
            metadata=as_service("notification"),
        )
        self.turns.append(answer.turn)
        return answer.turn

    async def say(self, text: str = "", reply_id: str = "", profile_name: str = "") -> list[str]:
        turn = await self.create(self.turn(text, reply_id, profile_name), str(uuid.uuid4()))
        return [reply.text for reply in turn.replies]

    async def onboard(self, name: str, language: str = "en") -> None:
        await self.say("hi" if language == "en" else "habari")
        await self.say(reply_id="consent:yes")
        await self.say(reply_id=f"lang:{language}")
        replies = await self.say(name)
        assert replies[0].startswith("Karibu"), replies


@dataclass
class Stack:
    users: UsersUnderTest
    wallet: InProcessService
    wallet_app: object
    ai: InProcessService
    admin_token: str = ""

    @property
    def stub(self) -> ai_service_pb2_grpc.AiServiceStub:
        return ai_service_pb2_grpc.AiServiceStub(self.ai.channel)

    def chat(self, phone: str | None = None) -> Chat:
        return Chat(self.stub, phone or fresh_phone())

    async def member_token(self, phone: str) -> str:
        return (await self.users.client("support-tool").token_for_phone(phone)).token

    async def wallet_of(self, phone: str):
        stub = wallet_service_pb2_grpc.WalletServiceStub(self.wallet.channel)
        token = await self.member_token(phone)
        answer = await stub.GetWallet(
            wallet_service_pb2.GetWalletRequest(name="wallets/me"),
            metadata=(("authorization", f"Bearer {token}"),),
        )
        return answer.wallet

    async def user_of(self, phone: str) -> users_pb2.User | None:
        return await self.users.client("support-tool").lookup_by_phone(phone)

    async def set_tier(self, phone: str, tier: int) -> None:
        if not self.admin_token:
            self.admin_token = (await self.users.sign_in(ADMIN_PHONE)).tokens.access_token
        user = await self.user_of(phone)
        await self.users.stub.SetUserTier(
            users_service_pb2.SetUserTierRequest(
                request_id=str(uuid.uuid4()), name=user.name, kyc_tier=tier, reason="test setup"
            ),
            metadata=(("authorization", f"Bearer {self.admin_token}"),),
        )

    async def settle(self, predicate, within: float = 20.0):
        deadline = asyncio.get_running_loop().time() + within
        while True:
            value = await predicate()
            if value:
                return value
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError("condition not reached")
            await asyncio.sleep(0.05)


@asynccontextmanager
async def ai_stack(
    pg_url: str, redis_url: str, namespace: str, **ai_overrides
) -> AsyncIterator[Stack]:
    async with users_service(
        pg_url, redis_url, namespace, bootstrap_admin_phones=[ADMIN_PHONE]
    ) as users:
        bridge, prices = WebhookBridge(), PriceServer()
        await bridge.start()
        await prices.start()
        values = wallet_values(users, bridge.url, prices.url)
        wallet_settings = WalletSettings(service_name="wallet", **values)
        apps = []

        async def wallet_builder(resources):
            service = await build_wallet(resources)
            apps.append(service.servicers[0].app)
            return service

        ai_values = {
            "users_target": users.target,
            "service_secret": SECRET,
            "jwt_issuer": users.settings.jwt_issuer,
            "jwt_audience": users.settings.jwt_audience,
            "member_cache_seconds": 0,
            **ai_overrides,
        }
        try:
            async with serve_in_process(
                "wallet",
                wallet_builder,
                pg_url,
                redis_url,
                namespace,
                verifier=token_verifier(wallet_settings),
                settings_type=WalletSettings,
                **values,
            ) as wallet:
                bridge.target = wallet.target
                ai_settings = AiSettings(wallet_target=wallet.target, **ai_values)
                async with serve_in_process(
                    "ai",
                    build,
                    pg_url,
                    redis_url,
                    namespace,
                    verifier=token_verifier(ai_settings),
                    settings_type=AiSettings,
                    wallet_target=wallet.target,
                    **ai_values,
                ) as ai:
                    yield Stack(users, wallet, apps[0], ai)
        finally:
            await bridge.stop()
            await prices.stop()
