"""Through Envoy versus straight to the service, in the same run: one cheap authenticated RPC
(wallet GetPrice behind the real runtime: token verification, validation, error mapping) at
concurrency 16, over native gRPC and over REST/JSON. Prints requests/s and p50/p95 latency.

Targets (issue 5): through Envoy keeps >= 75% of the direct gRPC throughput and adds < 3 ms at
p95; REST/JSON through Envoy keeps >= 55% of direct gRPC. Figures only; nothing is asserted.

    .venv/bin/python bench/gateway_throughput.py [seconds per path, default 6]
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp
import grpc
import uvloop
from bitsacco.wallet.v1 import wallet_service_pb2, wallet_service_pb2_grpc

from services.supervisor import wait_serving
from tests.harness import free_port
from tests.integration.gateway.running import gateway_settings, run_gateway
from tests.integration.gateway.tokens import SigningKey

CONCURRENCY = 16
ROUNDS = 3
REPO = Path(__file__).resolve().parents[1]
SERVICES = ("users", "notification", "wallet", "ai", "chama")


async def measure(call: Callable[[], Awaitable[None]], seconds: float) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0

    async def worker(until: float, record: bool) -> None:
        nonlocal errors
        while time.perf_counter() < until:
            started = time.perf_counter()
            try:
                await call()
            except Exception:
                errors += 1
                continue
            if record:
                latencies.append(time.perf_counter() - started)

    warm = time.perf_counter() + 0.5
    await asyncio.gather(*(worker(warm, False) for _ in range(CONCURRENCY)))
    started = time.perf_counter()
    until = started + seconds
    await asyncio.gather(*(worker(until, True) for _ in range(CONCURRENCY)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(len(latencies) * 0.95)] * 1000,
        "errors": errors,
    }


async def main(seconds: float) -> None:
    key = SigningKey()
    token = key.token(lifetime=3600)
    metadata = [("authorization", f"Bearer {token}")]
    ports = {name: free_port() for name in SERVICES}
    with tempfile.TemporaryDirectory() as workdir:
        pem = Path(workdir) / "key.pem"
        pem.write_bytes(key.pem())
        upstream = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.integration.gateway.serve_scripted",
            key.kid,
            str(pem),
            json.dumps(ports),
            stdout=asyncio.subprocess.PIPE,
            cwd=REPO,
        )
        try:
            await asyncio.wait_for(upstream.stdout.readline(), 60)
            assert await wait_serving(f"127.0.0.1:{ports['wallet']}")
            settings = gateway_settings(
                gateway_rate_limit_per_second=1_000_000, gateway_rate_limit_burst=1_000_000
            )
            async with run_gateway(Path(workdir), None, settings, ports=ports, key=key) as gw:
                results = await run_all(gw, ports, metadata, token, seconds)
        finally:
            upstream.terminate()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(upstream.wait(), 10)
    report(results)


async def run_all(gw, ports, metadata, token, seconds) -> dict[str, dict[str, float]]:
    request = wallet_service_pb2.GetPriceRequest()
    results = {}
    async with (
        grpc.aio.insecure_channel(f"127.0.0.1:{ports['wallet']}") as direct,
        grpc.aio.insecure_channel(gw.target) as through,
    ):
        direct_stub = wallet_service_pb2_grpc.WalletServiceStub(direct)
        envoy_stub = wallet_service_pb2_grpc.WalletServiceStub(through)

        async def direct_grpc() -> None:
            await direct_stub.GetPrice(request, metadata=metadata)

        async def envoy_grpc() -> None:
            await envoy_stub.GetPrice(request, metadata=metadata)

        connector = aiohttp.TCPConnector(limit=CONCURRENCY)
        async with aiohttp.ClientSession(gw.url, connector=connector) as session:
            headers = {"authorization": f"Bearer {token}"}

            async def envoy_rest() -> None:
                async with session.get("/v1/price", headers=headers) as answer:
                    await answer.read()
                    if answer.status != 200:
                        raise RuntimeError(answer.status)

            # Interleaved rounds, so a noisy neighbour skews every column alike.
            for label, call in [
                ("direct gRPC", direct_grpc),
                ("Envoy gRPC", envoy_grpc),
                ("Envoy REST/JSON", envoy_rest),
            ] * ROUNDS:
                figures = await measure(call, seconds / ROUNDS)
                previous = results.get(label)
                results[label] = figures if previous is None else _merge(previous, figures)
    return results


def _merge(a: dict[str, float], b: dict[str, float]) -> dict[str, float]:
    """Running mean of the rounds so far (`a` holds `a["rounds"]` of them)."""
    n = a.get("rounds", 1)
    merged = {k: (a[k] * n + b[k]) / (n + 1) for k in ("rps", "p50", "p95")}
    return merged | {"errors": a["errors"] + b["errors"], "rounds": n + 1}


def report(results: dict[str, dict[str, float]]) -> None:
    print(f"wallet GetPrice with a bearer token, concurrency {CONCURRENCY}")
    print(f"{'path':<18}{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}{'errors':>8}")
    for label, r in results.items():
        print(f"{label:<18}{r['rps']:>10.0f}{r['p50']:>10.2f}{r['p95']:>10.2f}{r['errors']:>8}")
    direct = results["direct gRPC"]
    envoy = results["Envoy gRPC"]
    rest = results["Envoy REST/JSON"]
    print(
        f"Envoy gRPC keeps {envoy['rps'] / direct['rps']:.0%} of direct (target >= 75%), "
        f"adds {envoy['p95'] - direct['p95']:.2f} ms at p95 (target < 3 ms)"
    )
    print(f"REST/JSON keeps {rest['rps'] / direct['rps']:.0%} of direct gRPC (target >= 55%)")


if __name__ == "__main__":
    uvloop.run(main(float(sys.argv[1]) if len(sys.argv) > 1 else 6.0))
