"""Inbound webhook acknowledgements per second through Envoy: signed Twilio webhooks (distinct
MessageSids, many senders) POSTed to /v1/webhooks/twilio by concurrent senders; each is passed
byte for byte to notification.TwilioInbound, verified, deduplicated, stored durably in PostgreSQL
and counted against its sender's rate limit in Redis before the 200 goes back.

Notification runs as its own process (`python -m services.notification`, uvloop) behind a real
Envoy, on the local PostgreSQL and Redis, in a database of its own that is dropped afterwards.
The senders are separate processes (aiohttp, webhooks signed beforehand), so their cost is not
the service's. Two phases:
1. acknowledgements only (the inbound worker off): the webhook path alone;
2. with the inbound worker on, handing every message to a scripted ai (instant replies) and its
   replies to the dev outbox: the acknowledgement figures under that load, and how long the
   worker took to process everything.
Target (issue 6): 500 acknowledged webhooks/s with p95 under 50 ms. Figures only.

    .venv/bin/python bench/notification_webhook_acks.py [seconds per phase: 8] [senders: 16]
"""

from __future__ import annotations

import asyncio
import multiprocessing
import random
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
import uvloop

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from twilio.request_validator import RequestValidator  # noqa: E402

from bench.system import fetchrow, percentile, scratch_database, start_system  # noqa: E402

SENDER_PROCESSES = 4
PATH = "/v1/webhooks/twilio"


def signed_webhooks(url: str, token: str, phones: list[str], count: int) -> list[tuple]:
    """(body, signature) pairs as Twilio would send them to `url`."""
    validator = RequestValidator(token)
    made = []
    for _ in range(count):
        params = {
            "MessageSid": "SM" + uuid.uuid4().hex,
            "AccountSid": "AC" + "0" * 32,
            "From": f"whatsapp:{random.choice(phones)}",
            "To": "whatsapp:+14155238886",
            "Body": "salio langu ni ngapi?",
            "NumMedia": "0",
            "ProfileName": "Bench",
        }
        made.append((urlencode(params).encode(), validator.compute_signature(url, params)))
    return made


def sender_process(url, webhooks, senders: int, start_at: float, seconds: float, out) -> None:
    """`senders` concurrent POSTers from `start_at` for `seconds`; puts (latencies, errors)."""

    async def run() -> tuple[list[float], int]:
        latencies: list[float] = []
        errors = 0
        pending = iter(webhooks)
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=senders)) as session:
            await asyncio.sleep(max(0.0, start_at - time.time()))
            deadline = time.perf_counter() + seconds

            async def sender() -> None:
                nonlocal errors
                for body, signature in pending:
                    if time.perf_counter() >= deadline:
                        return
                    began = time.perf_counter()
                    async with session.post(
                        url,
                        data=body,
                        headers={
                            "Content-Type": "application/x-www-form-urlencoded",
                            "X-Twilio-Signature": signature,
                        },
                    ) as response:
                        await response.read()
                        if response.status != 200:
                            errors += 1
                            continue
                    latencies.append(time.perf_counter() - began)

            await asyncio.gather(*(sender() for _ in range(senders)))
        return latencies, errors

    out.put(uvloop.run(run()))


async def load(gateway_url: str, token: str, seconds: float, senders: int) -> tuple[list, int]:
    """Webhooks from `senders` concurrent senders spread over SENDER_PROCESSES processes."""
    url = gateway_url + PATH
    phones = [f"+25471{n:07d}" for n in random.sample(range(10**7), 2000)]
    spawn = multiprocessing.get_context("spawn")
    out = spawn.Queue()
    start_at = time.time() + 3  # once every process is up
    shares = [len(range(i, senders, SENDER_PROCESSES)) for i in range(SENDER_PROCESSES)]
    processes = []
    for share in shares:
        # Enough for 2,000/s from this process, signed now so that signing costs nothing later.
        webhooks = signed_webhooks(url, token, phones, int(2000 * seconds / SENDER_PROCESSES))
        process = spawn.Process(
            target=sender_process, args=(url, webhooks, share, start_at, seconds, out)
        )
        process.start()
        processes.append(process)
    latencies: list[float] = []
    errors = 0
    for _ in processes:
        got, failed = await asyncio.to_thread(out.get, timeout=seconds + 60)
        latencies += got
        errors += failed
    for process in processes:
        process.join(10)
    return latencies, errors


def report(label: str, latencies: list[float], errors: int, seconds: float) -> None:
    if not latencies:
        print(f"{label}: no acknowledgements ({errors} errors)")
        return
    print(
        f"{label}: {len(latencies) / seconds:,.0f} acks/s  "
        f"p50 {percentile(latencies, 0.50) * 1000:.1f} ms  "
        f"p95 {percentile(latencies, 0.95) * 1000:.1f} ms  "
        f"p99 {percentile(latencies, 0.99) * 1000:.1f} ms  "
        f"mean {statistics.mean(latencies) * 1000:.1f} ms  "
        f"({len(latencies):,} webhooks, {errors} errors)"
    )


async def processed_count(database_url: str) -> tuple[int, int]:
    row = await fetchrow(
        database_url,
        "SELECT count(*) FILTER (WHERE direction = 1) AS inbound,"
        " count(*) FILTER (WHERE direction = 1 AND state IN (5, 7)) AS done"
        " FROM notification.messages",
    )
    return row["inbound"], row["done"]


async def phase(label: str, seconds: float, senders: int, worker: bool) -> None:
    from services.runtime.server import Service, start
    from services.runtime.settings import RuntimeSettings
    from tests.harness import free_port
    from tests.integration.notification.identities import SERVICE_SECRET, verifier
    from tests.integration.notification.scripted_assistant import ScriptedAi

    token = secrets.token_hex(16)
    ai = None
    if worker:  # the scripted ai in this process, checking notification's service tokens
        settings = RuntimeSettings(service_name="ai", grpc_port=free_port(), metrics_port=-1)
        ai = await start(Service(name="ai", servicers=[ScriptedAi()]), settings, verifier())
    async with scratch_database("bench_notification") as database_url:
        with tempfile.TemporaryDirectory() as workdir:
            system = await start_system(
                Path(workdir),
                database_url,
                SERVICE_SECRET,
                token,
                run=("notification",),
                targets={"ai": f"127.0.0.1:{ai.port}"} if ai else None,
                INBOUND_WORKER_ENABLED=str(worker).lower(),
                WALLET_EVENTS_ENABLED="false",
                # 2,000 senders each writing a few times a second would pass 100 a minute.
                INBOUND_RATE_LIMIT_PER_MINUTE="1000000",
            )
            try:
                latencies, errors = await load(system.gateway_url, token, seconds, senders)
                report(label, latencies, errors, seconds)
                if worker:
                    started = time.perf_counter()
                    while True:
                        inbound, done = await processed_count(database_url)
                        if done >= inbound or time.perf_counter() - started > 60:
                            break
                        await asyncio.sleep(0.25)
                    drained = seconds + time.perf_counter() - started
                    print(
                        f"worker: {done:,} of {inbound:,} messages processed (turn + reply to"
                        f" the outbox) in {drained:.1f} s = {done / drained:,.0f}/s"
                    )
            finally:
                await system.stop()
                if ai is not None:
                    await ai.stop()


async def main(seconds: float, senders: int) -> None:
    print(f"Twilio webhooks through Envoy, {senders} concurrent senders, {seconds:.0f} s a phase")
    await phase("acks only        ", seconds, senders, worker=False)
    await phase("acks with worker ", seconds, senders, worker=True)


if __name__ == "__main__":
    uvloop.run(
        main(
            float(sys.argv[1]) if len(sys.argv) > 1 else 8.0,
            int(sys.argv[2]) if len(sys.argv) > 2 else 16,
        )
    )
