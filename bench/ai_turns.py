"""Full turns per second for a balance check: a signed Twilio webhook into Envoy → notification
stores it and answers → its inbound worker → ai.CreateTurn (understanding, the member's token from
users, wallet GetWallet) → the reply queued and delivered → the reply in the dev outbox. Members
chat at once, each sending its next message when the previous reply has arrived (WhatsApp order).

Every service on the path runs as its own process (`python -m services.<name>`, as deployed) on
the local PostgreSQL and Redis, behind a real Envoy (voice and chama, not on the path, only answer
health checks); the members are chat simulators in this process, with
one poller reading the outbox for all of them. Target (issue 6): a balance reply p95 under 300 ms.
Figures only; nothing is asserted.

    .venv/bin/python bench/ai_turns.py [seconds to measure, default 10] [members, default 8]
"""

from __future__ import annotations

import asyncio
import secrets
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bitsacco.notification.v1 import notification_service_pb2, notification_service_pb2_grpc  # noqa: E402

from bench.system import (  # noqa: E402
    fetchrow,
    percentile,
    scratch_database,
    server_side,
    start_system,
)
from services.chat_simulator import Simulator, SimulatorConfig  # noqa: E402
from services.runtime.auth import ServiceTokens  # noqa: E402
from services.runtime.clients import call_metadata, channel  # noqa: E402
from tests.e2e.conversation import ask, onboard  # noqa: E402

# Voice and chama are not on a balance check's path: stand-ins answer Envoy's health checks.
ON_PATH = ("users", "notification", "wallet", "ai")
NAMES = ("Amina", "Baraka", "Chebet", "Daudi", "Esther", "Faith", "Gitau", "Halima", "Imani")


SERVER_SIDE = (
    ("notification", "TwilioInbound"),
    ("ai", "CreateTurn"),
    ("users", "IssueServiceToken"),
    ("wallet", "GetWallet"),
)


class Replies:
    """One poller of the dev outbox for every member (as a fleet of phones would be), waking the
    member a reply is for."""

    def __init__(self, target: str, secret: str) -> None:
        self._tokens = ServiceTokens(secret, "bench", "bitsacco")
        self._channel = channel(target)
        self._stub = notification_service_pb2_grpc.NotificationServiceStub(self._channel)
        self._waiting: dict[str, asyncio.Future] = {}
        self._after = 0

    async def _fetch(self) -> list:
        """New messages (the cursor never passes one that has yet to commit)."""
        answer = await self._stub.ListOutboxMessages(
            notification_service_pb2.ListOutboxMessagesRequest(
                after_sequence=self._after, page_size=1000
            ),
            metadata=call_metadata(self._tokens.token()),
        )
        if answer.outbox_messages:
            self._after = answer.outbox_messages[-1].sequence
        return list(answer.outbox_messages)

    async def skip_history(self) -> None:
        while await self._fetch():
            pass

    def expect(self, phone: str) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self._waiting[phone] = future
        return future

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            for message in await self._fetch():
                waiting = self._waiting.pop(message.recipient_phone, None)
                if waiting is not None and not waiting.done():
                    waiting.set_result(time.perf_counter())
            await asyncio.sleep(0.005)

    async def close(self) -> None:
        await self._channel.close()


STAGES = """
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY i.turn_requested_at - i.create_time) picked_up,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY i.process_time - i.turn_requested_at) turn,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY o.deliver_time - i.process_time) delivered
FROM notification.messages i JOIN notification.messages o ON o.in_reply_to = i.id
WHERE i.direction = 1 AND i.create_time >= $1
"""


async def stages(database_url: str, since: datetime) -> list[tuple[str, float]]:
    """Where a reply's time goes inside notification (medians): stored → handed to ai, the
    turn (CreateTurn and recording it), replies recorded → delivered to the outbox."""
    row = await fetchrow(database_url, STAGES, since)
    return [(label, value.total_seconds() * 1000) for label, value in row.items()]


async def main(seconds: float, members: int) -> None:
    began = time.perf_counter()
    secret, twilio_token = secrets.token_hex(16), secrets.token_hex(16)
    async with scratch_database("bench_ai") as database_url:
        with tempfile.TemporaryDirectory() as workdir:
            system = await start_system(
                Path(workdir),
                database_url,
                secret,
                twilio_token,
                run=ON_PATH,
                # A few members sending back to back would pass the per-sender limit (100 a
                # minute) within seconds; it is lifted so that they can load the pipeline.
                INBOUND_RATE_LIMIT_PER_MINUTE="1000000",
            )
            try:
                ready_at = time.perf_counter()
                target = system.target

                def config(phone: str) -> SimulatorConfig:
                    return SimulatorConfig(
                        phone=phone,
                        gateway_url=system.gateway_url,
                        public_url=system.gateway_url + "/v1/webhooks/twilio",
                        auth_token=twilio_token,
                        notification_target=target["notification"],
                        wallet_target=target["wallet"],
                        users_target=target["users"],
                        service_secret=secret,
                        business_phone="+254709000000",
                    )

                phones = [
                    await Simulator.open(config("+25472" + f"{secrets.randbelow(10**7):07d}"))
                    for _ in range(members)
                ]
                for number, phone in enumerate(phones):
                    await onboard(phone, NAMES[number % len(NAMES)])
                    await ask(phone, "balance")  # warm: the member's token, wallet, price
                warm_at = time.perf_counter()
                replies = Replies(target["notification"], secret)
                await replies.skip_history()
                stop = asyncio.Event()
                poller = asyncio.create_task(replies.run(stop))
                acks: list[float] = []
                turns: list[float] = []

                async def member(phone: Simulator, until: float) -> None:
                    while time.perf_counter() < until:
                        arrived = replies.expect(phone.config.phone)
                        started = time.perf_counter()
                        status = await phone.send("balance")
                        acks.append(time.perf_counter() - started)
                        assert status == 200, status
                        turns.append(await asyncio.wait_for(arrived, 30) - started)

                before = await server_side(system.metrics)
                window_from = datetime.now(UTC)
                started = time.perf_counter()
                await asyncio.gather(*(member(p, started + seconds) for p in phones))
                elapsed = time.perf_counter() - started
                after = await server_side(system.metrics)
                stop.set()
                await poller
                await replies.close()
                for phone in phones:
                    await phone.close()
                inside = await stages(database_url, window_from)
            finally:
                await system.stop()

    print(
        f"balance checks: {members} members chatting at once for {elapsed:.1f} s "
        f"(whole run {time.perf_counter() - began:.0f} s)"
    )
    print("  (each service its own process on PostgreSQL + Redis, Envoy in front, one machine)")
    print(f"  started in {ready_at - began:.0f} s, members onboarded in {warm_at - ready_at:.0f} s")
    print(f"  full turns/s (webhook → reply in the outbox): {len(turns) / elapsed:7.1f}")
    print(
        f"  reply latency  p50 {statistics.median(turns) * 1000:7.1f} ms"
        f"   p95 {percentile(turns, 0.95) * 1000:7.1f} ms   (target p95 < 300 ms)"
    )
    print(
        f"  webhook ack    p50 {statistics.median(acks) * 1000:7.1f} ms"
        f"   p95 {percentile(acks, 0.95) * 1000:7.1f} ms"
    )
    print("  server side in the window (mean per call):")
    for key in SERVER_SIDE:
        spent = after.get(key, (0, 0))[0] - before.get(key, (0, 0))[0]
        calls = after.get(key, (0, 0))[1] - before.get(key, (0, 0))[1]
        if calls:
            print(f"    {key[0]}.{key[1]:18} {calls:6.0f} calls {spent / calls * 1000:7.1f} ms")
    print("  inside notification (medians): " + ", ".join(f"{k} {v:.1f} ms" for k, v in inside))


if __name__ == "__main__":
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    members = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    asyncio.run(main(seconds, members))
