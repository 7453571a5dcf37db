"""Inbound webhook acknowledgements per second, direct gRPC (no Envoy): signed Twilio webhooks
(distinct MessageSids, many senders) posted to TwilioInbound by concurrent clients; each is
verified, deduplicated, stored durably in PostgreSQL and counted against the sender's rate limit
in Redis before it is acknowledged.

The service runs as its own process (`python -m services.notification`, uvloop) on the local
PostgreSQL and Redis, in a database of its own that is dropped afterwards. Two phases:
1. acknowledgements only (the inbound worker off): the webhook path alone;
2. with the inbound worker on, handing every message to a scripted ai (instant replies) and its
   replies to the dev outbox: the acknowledgement figures under that load, and how long the
   worker took to process everything.
Target (issue 6, through Envoy): 500 acknowledged webhooks/s with p95 under 50 ms. Figures only.

    .venv/bin/python bench/notification_webhook_acks.py [seconds per phase: 8] [clients: 32]
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import asyncpg
import grpc

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bitsacco.notification.v1 import notification_service_pb2 as api  # noqa: E402
from bitsacco.notification.v1 import notification_service_pb2_grpc  # noqa: E402
from google.api import httpbody_pb2  # noqa: E402
from twilio.request_validator import RequestValidator  # noqa: E402

PG_ADMIN_URL = os.environ.get(
    "TEST_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
TOKEN = "bench-twilio-token"
PUBLIC = "https://bench.bitsacco.test"
URL = PUBLIC + "/v1/webhooks/twilio"
SECRET = "bench-service-secret"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ai_settings_issuer() -> str:
    from services.runtime.settings import RuntimeSettings

    return RuntimeSettings().jwt_issuer


def webhook(phone: str) -> tuple[bytes, tuple[tuple[str, str], ...]]:
    params = {
        "MessageSid": "SM" + uuid.uuid4().hex,
        "AccountSid": "AC" + "0" * 32,
        "From": f"whatsapp:{phone}",
        "To": "whatsapp:+14155238886",
        "Body": "salio langu ni ngapi?",
        "NumMedia": "0",
        "ProfileName": "Bench",
    }
    signature = RequestValidator(TOKEN).compute_signature(URL, params)
    return urlencode(params).encode(), (("x-twilio-signature", signature),)


async def load(target: str, seconds: float, clients: int, phones: list[str]) -> list[float]:
    """Post webhooks for `seconds` from `clients` concurrent callers; each call's latency."""
    latencies: list[float] = []
    errors = 0
    async with grpc.aio.insecure_channel(target) as channel:
        stub = notification_service_pb2_grpc.NotificationServiceStub(channel)
        deadline = time.perf_counter() + seconds

        async def client() -> None:
            nonlocal errors
            while time.perf_counter() < deadline:
                body, metadata = webhook(random.choice(phones))
                request = api.TwilioInboundRequest(
                    http_body=httpbody_pb2.HttpBody(
                        content_type="application/x-www-form-urlencoded", data=body
                    )
                )
                started = time.perf_counter()
                try:
                    await stub.TwilioInbound(request, metadata=metadata, timeout=10)
                except grpc.aio.AioRpcError:
                    errors += 1
                    continue
                latencies.append(time.perf_counter() - started)

        await asyncio.gather(*(client() for _ in range(clients)))
    if errors:
        print(f"  errors: {errors}")
    return latencies


def report(label: str, latencies: list[float], seconds: float) -> None:
    if not latencies:
        print(f"{label}: no acknowledgements")
        return
    ordered = sorted(latencies)
    p = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000  # noqa: E731
    print(
        f"{label}: {len(latencies) / seconds:,.0f} acks/s  "
        f"p50 {p(0.50):.1f} ms  p95 {p(0.95):.1f} ms  p99 {p(0.99):.1f} ms  "
        f"mean {statistics.mean(latencies) * 1000:.1f} ms  ({len(latencies):,} webhooks)"
    )


async def start_service(db_url: str, namespace: str, port: int, **env: str):
    environment = {
        **os.environ,
        "PYTHONPATH": f"{REPO}:{REPO / 'gen' / 'python'}",
        "GRPC_PORT": str(port),
        "METRICS_PORT": "-1",
        "DATABASE_URL": db_url,
        "REDIS_URL": REDIS_URL,
        "NAMESPACE": namespace,
        "TWILIO_AUTH_TOKEN": TOKEN,
        "PUBLIC_BASE_URL": PUBLIC,
        "SERVICE_SECRET": SECRET,
        "LOG_LEVEL": "WARNING",
        "WALLET_EVENTS_ENABLED": "false",
        "WORKER_POLL_SECONDS": "0.2",
        **env,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "services.notification",
        cwd=REPO,
        env=environment,
        stdout=None if os.environ.get("BENCH_VERBOSE") else asyncio.subprocess.DEVNULL,
    )
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        await asyncio.wait_for(channel.channel_ready(), 30)
    return process


async def truncate(db_url: str) -> None:
    connection = await asyncpg.connect(db_url.replace("postgresql+asyncpg", "postgresql"))
    try:
        await connection.execute("TRUNCATE notification.messages, notification.outbox_messages")
    finally:
        await connection.close()


async def processed_count(db_url: str) -> tuple[int, int]:
    connection = await asyncpg.connect(db_url.replace("postgresql+asyncpg", "postgresql"))
    try:
        row = await connection.fetchrow(
            "SELECT count(*) FILTER (WHERE direction = 1) AS inbound,"
            " count(*) FILTER (WHERE direction = 1 AND state IN (5, 7)) AS done"
            " FROM notification.messages"
        )
    finally:
        await connection.close()
    return row["inbound"], row["done"]


async def main(seconds: float, clients: int) -> None:
    from services.runtime.auth import JwksCache, TokenVerifier
    from services.runtime.bootstrap import migrations_of
    from services.runtime.db import Database
    from services.runtime.server import Service, start
    from services.runtime.settings import RuntimeSettings
    from tests.integration.notification.scripted_assistant import ScriptedAi

    name = f"bench_notification_{uuid.uuid4().hex[:8]}"
    base = PG_ADMIN_URL.rpartition("/")[0]
    admin = await asyncpg.connect(PG_ADMIN_URL.replace("postgresql+asyncpg", "postgresql"))
    await admin.execute(f'CREATE DATABASE "{name}"')
    db_url = f"{base}/{name}"
    processes = []
    ai_server = None
    try:
        db = Database(db_url, "notification")
        await db.migrate(migrations_of("notification"))
        await db.close()
        phones = [f"+25471{n:07d}" for n in random.sample(range(10**7), 2000)]

        # Phase 1: the webhook path alone.
        port = free_port()
        processes.append(
            await start_service(db_url, f"b{name}:", port, INBOUND_WORKER_ENABLED="false")
        )
        await load(f"127.0.0.1:{port}", 1.0, clients, phones)  # warm-up
        report(
            "acks only        ", await load(f"127.0.0.1:{port}", seconds, clients, phones), seconds
        )
        processes[-1].terminate()
        await processes[-1].wait()

        # Phase 2: with the worker handing everything to a scripted ai and the dev outbox,
        # starting from empty tables (phase 1 left its messages unprocessed).
        await truncate(db_url)

        async def no_keys() -> dict:
            return {"keys": []}

        verifier = TokenVerifier(
            JwksCache(no_keys), ai_settings_issuer(), "bitsacco", service_secret=SECRET
        )
        ai_settings = RuntimeSettings(service_name="ai", grpc_port=free_port(), metrics_port=-1)
        ai_server = await start(Service(name="ai", servicers=[ScriptedAi()]), ai_settings, verifier)
        port = free_port()
        processes.append(
            await start_service(db_url, f"c{name}:", port, AI_TARGET=f"127.0.0.1:{ai_server.port}")
        )
        before, _ = await processed_count(db_url)
        latencies = await load(f"127.0.0.1:{port}", seconds, clients, phones)
        report("acks with worker ", latencies, seconds)
        started = time.perf_counter()
        while True:
            inbound, done = await processed_count(db_url)
            if done >= inbound or time.perf_counter() - started > 60:
                break
            await asyncio.sleep(0.25)
        drained = seconds + time.perf_counter() - started
        print(
            f"worker: {done - before:,} of {inbound - before:,} messages processed "
            f"(turn + reply to the outbox) in {drained:.1f} s = {(done - before) / drained:,.0f}/s"
        )
    finally:
        for process in processes:
            if process.returncode is None:
                process.terminate()
                await process.wait()
        if ai_server is not None:
            await ai_server.stop()
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


if __name__ == "__main__":
    import uvloop

    uvloop.run(
        main(
            float(sys.argv[1]) if len(sys.argv) > 1 else 8.0,
            int(sys.argv[2]) if len(sys.argv) > 2 else 32,
        )
    )
