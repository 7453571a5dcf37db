"""Token verification per second: bare (TokenVerifier.verify in a loop) and in the
authentication interceptor (one server process, the same method called without a token, with
the same token every time — verified once, then remembered — and with a different token every
time, so every call pays for a full signature check).

    .venv/bin/python bench/users_token_verification.py [seconds per figure, default 4]
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import socket
import sys
import time
from datetime import UTC, datetime

import grpc
import uvloop
from bitsacco.voice.v1 import voice_service_pb2, voice_service_pb2_grpc

from services.runtime.auth import VERIFIED_CACHE_SIZE, JwksCache, TokenVerifier
from services.runtime.server import Service, start
from services.runtime.settings import RuntimeSettings
from services.users.keys import KeyRing, SigningKey
from services.users.model import ACTIVE, User
from services.users.tokens import TokenIssuer

ISSUER, AUDIENCE = "https://users.bitsacco.local", "bitsacco"
CONCURRENCY = 64
METHOD = "/bitsacco.voice.v1.VoiceService/ListVoices"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def verifier_for(ring: KeyRing) -> TokenVerifier:
    async def fetch() -> dict:
        return ring.jwks()

    return TokenVerifier(JwksCache(fetch), ISSUER, AUDIENCE)


def member() -> User:
    now = datetime.now(UTC)
    return User(
        id="bench",
        phone_number="+254712345678",
        display_name="",
        language_code="en",
        voice_replies=False,
        notification_frequency="daily",
        kyc_tier=1,
        roles=("member",),
        status=ACTIVE,
        created_at=now,
        updated_at=now,
    )


def tokens(ring: KeyRing, count: int) -> list[str]:
    issuer = TokenIssuer(ring, ISSUER, AUDIENCE)
    now = datetime.now(UTC)
    return [issuer.access_token(member(), now).token for _ in range(count)]


class Voices(voice_service_pb2_grpc.VoiceServiceServicer):
    async def ListVoices(self, request, context):
        return voice_service_pb2.ListVoicesResponse()


def serve(port: int, key_json: str, ready) -> None:
    """The server process: the runtime's full interceptor chain around a trivial method."""
    logging.disable(logging.WARNING)

    async def main() -> None:
        settings = RuntimeSettings(service_name="voice", grpc_port=port, metrics_port=-1)
        # ListVoices is public here, so calls without a token show the cost of everything else;
        # a bearer token on a public method is still verified.
        service = Service(name="voice", servicers=[Voices()], public_methods=frozenset({METHOD}))
        running = await start(service, settings, verifier_for(KeyRing.from_json(key_json)))
        ready.set()
        try:
            await asyncio.Event().wait()
        finally:
            await running.stop()

    uvloop.run(main())


async def bare(seconds: float, algorithm: str) -> tuple[float, float]:
    """(full checks/s, repeats of an already verified token/s) on one core."""
    ring = KeyRing([SigningKey.generate(algorithm)])
    distinct = tokens(ring, 500)
    verifier = verifier_for(ring)
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for token in distinct:
            verifier._verified.clear()  # measure the full check every time
            await verifier.verify(token)
        count += len(distinct)
    cold = count / (time.perf_counter() - started)
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for _ in range(1000):
            await verifier.verify(distinct[0])
        count += 1000
    return cold, count / (time.perf_counter() - started)


async def calls_per_second(port: int, bearer: list[str], seconds: float) -> float:
    """Unary calls/s at CONCURRENCY, cycling through `bearer` tokens (none when empty)."""
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = voice_service_pb2_grpc.VoiceServiceStub(channel)
        request = voice_service_pb2.ListVoicesRequest()
        for _ in range(200):
            await stub.ListVoices(request)
        count, deadline = 0, time.perf_counter() + seconds

        async def worker() -> None:
            nonlocal count
            while time.perf_counter() < deadline:
                token = bearer[count % len(bearer)] if bearer else None
                metadata = (("authorization", f"Bearer {token}"),) if token else None
                count += 1
                await stub.ListVoices(request, metadata=metadata)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
        return count / (time.perf_counter() - started)


async def main(seconds: float) -> None:
    print(f"token verification, {seconds:.0f} s per figure, {os.cpu_count()} CPUs")
    for algorithm in ("EdDSA", "ES256"):
        cold, warm = await bare(seconds, algorithm)
        print(
            f"  TokenVerifier.verify {algorithm:5}: {cold:8,.0f}/s full check,"
            f" {warm:10,.0f}/s for a token already verified"
        )

    ring = KeyRing([SigningKey.generate()])
    # More distinct tokens than the verifier remembers, so cycling through them always misses.
    pool = tokens(ring, VERIFIED_CACHE_SIZE + 2000)
    port = free_port()
    context = multiprocessing.get_context("spawn")
    ready = context.Event()
    process = context.Process(target=serve, args=(port, ring.to_json(), ready), daemon=True)
    process.start()
    try:
        if not ready.wait(60):
            raise RuntimeError("server did not start")
        without = await calls_per_second(port, [], seconds)
        same = await calls_per_second(port, pool[:1], seconds)
        distinct = await calls_per_second(port, pool, seconds)
        print("  unary calls through the runtime's interceptors (one server process, uvloop):")
        print(f"    no token                              {without:8,.0f}/s")
        print(f"    the same bearer token every call      {same:8,.0f}/s")
        print(f"    a different bearer token every call   {distinct:8,.0f}/s")
        per_call = (1 / distinct - 1 / without) * 1e6
        print(f"    a full verification costs the interceptor about {per_call:,.0f} µs per call")
    finally:
        process.terminate()
        process.join(5)


if __name__ == "__main__":
    uvloop.run(main(float(sys.argv[1]) if len(sys.argv) > 1 else 4.0))
