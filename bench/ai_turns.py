"""Full turns per second for a balance check: a signed Twilio webhook into Envoy → notification
stores it and answers → its inbound worker → ai.CreateTurn (understanding, the member's token from
users, wallet GetWallet) → the reply queued → the reply in the dev outbox. Members chat at once,
each sending its next message when the previous reply has arrived (WhatsApp order).

Every service runs in this one process on the local PostgreSQL and Redis (like the tests), behind
a real Envoy; the client shares that process's event loop, so the figures are pessimistic.
Target (issue 6): a balance reply p95 under 300 ms. Figures only; nothing is asserted.

    .venv/bin/python bench/ai_turns.py [seconds to measure, default 15] [members, default 8]
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import asyncpg

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from services.chat_simulator import Simulator  # noqa: E402
from tests.e2e.conversation import ask, onboard  # noqa: E402
from tests.e2e.system import running_system  # noqa: E402

PG_ADMIN_URL = os.environ.get(
    "TEST_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


NAMES = ("Amina", "Baraka", "Chebet", "Daudi", "Esther", "Faith", "Gitau", "Halima", "Imani")


class AllMessages:
    """The dev outbox for every number, newest after `last_sequence`."""

    def __init__(self, config) -> None:
        from bitsacco.notification.v1 import notification_service_pb2_grpc

        from services.runtime.auth import ServiceTokens
        from services.runtime.clients import channel

        self._tokens = ServiceTokens(config.service_secret, "bench", "bitsacco")
        self._channel = channel(config.notification_target)
        self._stub = notification_service_pb2_grpc.NotificationServiceStub(self._channel)
        self.last_sequence = 0

    async def fetch_all(self) -> list:
        from bitsacco.notification.v1 import notification_service_pb2

        from services.runtime.clients import call_metadata

        answer = await self._stub.ListOutboxMessages(
            notification_service_pb2.ListOutboxMessagesRequest(
                after_sequence=self.last_sequence, page_size=1000
            ),
            metadata=call_metadata(self._tokens.token()),
        )
        if answer.outbox_messages:
            self.last_sequence = answer.outbox_messages[-1].sequence
        return list(answer.outbox_messages)

    async def skip_history(self) -> None:
        while await self.fetch_all():
            pass

    async def close(self) -> None:
        await self._channel.close()


SERVER_SIDE = (
    ("notification", "TwilioInbound"),
    ("ai", "CreateTurn"),
    ("users", "IssueServiceToken"),
    ("wallet", "GetWallet"),
)


def server_totals() -> dict[tuple[str, str], tuple[float, float]]:
    """(sum of seconds, count) of each RPC served in this process so far (the runtime's metrics)."""
    from services.runtime.telemetry import RPC_LATENCY

    totals: dict[tuple[str, str], list[float]] = {}
    for metric in RPC_LATENCY.collect():
        for sample in metric.samples:
            method = sample.labels.get("method", "").rpartition("/")[2]
            key = (sample.labels.get("service", ""), method)
            entry = totals.setdefault(key, [0.0, 0.0])
            if sample.name.endswith("_sum"):
                entry[0] = sample.value
            elif sample.name.endswith("_count"):
                entry[1] = sample.value
    return {key: (value[0], value[1]) for key, value in totals.items()}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


class Replies:
    """One poller of the dev outbox for every member (as a chat client fleet would have), waking
    the member a WhatsApp reply is for."""

    def __init__(self, outbox) -> None:
        self._outbox = outbox  # an Outbox without a number filter
        self._waiting: dict[str, asyncio.Future] = {}

    def expect(self, phone: str) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self._waiting[phone] = future
        return future

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            for message in await self._outbox.fetch_all():
                waiting = self._waiting.pop(message.recipient_phone, None)
                if waiting is not None and not waiting.done():
                    waiting.set_result(time.perf_counter())
            await asyncio.sleep(0.005)


async def one_balance(phone: Simulator, replies: Replies) -> tuple[float, float]:
    """(webhook acknowledged, reply in the outbox), seconds from the POST."""
    arrived = replies.expect(phone.config.phone)
    started = time.perf_counter()
    status = await phone.send("balance")
    acknowledged = time.perf_counter() - started
    assert status == 200, status
    return acknowledged, await asyncio.wait_for(arrived, 30) - started


async def main(seconds: float, members: int) -> None:
    from services.runtime.logs import configure_logging

    configure_logging("bench", "ERROR")  # a failure inside any service is printed, nothing else
    base, _, _ = PG_ADMIN_URL.rpartition("/")
    name = f"bench_ai_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(PG_ADMIN_URL.replace("postgresql+asyncpg", "postgresql"))
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with tempfile.TemporaryDirectory() as workdir:
            async with running_system(
                f"{base}/{name}",
                REDIS_URL,
                f"bench{uuid.uuid4().hex[:6]}:",
                Path(workdir),
                member_cache_seconds=60,  # as deployed: a member's token reused for a minute
            ) as system:
                phones = [await Simulator.open(system.config()) for _ in range(members)]
                try:
                    for number, phone in enumerate(phones):
                        await onboard(phone, NAMES[number % len(NAMES)])
                        await ask(phone, "balance")  # warm: token, wallet, price
                    acks: list[float] = []
                    turns: list[float] = []

                    everyone = AllMessages(system.config())
                    await everyone.skip_history()
                    replies, stop = Replies(everyone), asyncio.Event()
                    poller = asyncio.create_task(replies.run(stop))

                    async def member(phone: Simulator, until: float) -> None:
                        while time.perf_counter() < until:
                            acknowledged, answered = await one_balance(phone, replies)
                            acks.append(acknowledged)
                            turns.append(answered)

                    before = server_totals()
                    started = time.perf_counter()
                    await asyncio.gather(*(member(p, started + seconds) for p in phones))
                    after = server_totals()
                    elapsed = time.perf_counter() - started
                    stop.set()
                    await poller
                    await everyone.close()
                finally:
                    for phone in phones:
                        await phone.close()
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()

    print(f"balance checks, {members} members chatting at once, {elapsed:.1f} s, one process")
    print(f"  full turns/s (webhook → reply in the outbox): {len(turns) / elapsed:8.1f}")
    print(
        f"  reply latency   p50 {statistics.median(turns) * 1000:7.1f} ms"
        f"   p95 {percentile(turns, 0.95) * 1000:7.1f} ms   (target p95 < 300 ms)"
    )
    print(
        f"  webhook ack     p50 {statistics.median(acks) * 1000:7.1f} ms"
        f"   p95 {percentile(acks, 0.95) * 1000:7.1f} ms"
    )
    print("  server side, mean per call in the window:")
    for service, method in SERVER_SIDE:
        spent, calls = (
            a - b
            for a, b in zip(
                after.get((service, method), (0, 0)),
                before.get((service, method), (0, 0)),
                strict=True,
            )
        )
        if calls:
            print(f"    {service}.{method:18} {calls:6.0f} calls {spent / calls * 1000:7.1f} ms")


if __name__ == "__main__":
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 15.0
    members = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    asyncio.run(main(seconds, members))
