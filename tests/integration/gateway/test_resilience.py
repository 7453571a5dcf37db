"""Retries only where they are safe, and the coarse rate-limit shield."""

from __future__ import annotations

import asyncio

import grpc
import httpx
import pytest
from bitsacco.wallet.v1 import wallet_service_pb2, wallet_service_pb2_grpc

from tests.integration.gateway.running import gateway_settings, run_gateway


def _calls(upstreams, method: str) -> int:
    return len([c for c in upstreams.inbox.calls if c.method == method])


async def test_idempotent_read_is_retried_when_the_service_is_unavailable(rest, upstreams, bearer):
    wallet = upstreams.servicers["wallet"]
    wallet.unavailable_times = 1
    before = _calls(upstreams, "GetPrice")
    answer = await rest.get("/v1/price", headers=dict(bearer))
    assert answer.status_code == 200
    assert _calls(upstreams, "GetPrice") - before == 2  # the UNAVAILABLE one, then the retry


async def test_retries_are_bounded(grpc_channel, upstreams, bearer):
    wallet = upstreams.servicers["wallet"]
    wallet.unavailable_times = 10
    before = _calls(upstreams, "GetPrice")
    try:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await wallet_service_pb2_grpc.WalletServiceStub(grpc_channel).GetPrice(
                wallet_service_pb2.GetPriceRequest(), metadata=bearer
            )
        assert caught.value.code() == grpc.StatusCode.UNAVAILABLE
        assert _calls(upstreams, "GetPrice") - before == 3  # the call and two retries
    finally:
        wallet.unavailable_times = 0


async def test_rate_limit_shield_answers_resource_exhausted(upstreams, tmp_path, key):
    """A gateway whose bucket holds 3 requests (refilled at 1/s): a burst of 12 gets through
    only as far as the bucket allows; gRPC sees RESOURCE_EXHAUSTED and REST 429."""
    settings = gateway_settings(gateway_rate_limit_per_second=1, gateway_rate_limit_burst=3)
    async with run_gateway(tmp_path, upstreams, settings) as gateway:
        # run_gateway's own readiness probe used tokens; let the bucket fill again
        await asyncio.sleep(3.5)
        metadata = [("authorization", f"Bearer {key.token()}")]
        codes = []
        async with grpc.aio.insecure_channel(gateway.target) as channel:
            stub = wallet_service_pb2_grpc.WalletServiceStub(channel)
            for _ in range(12):
                try:
                    await stub.GetPrice(wallet_service_pb2.GetPriceRequest(), metadata=metadata)
                    codes.append(grpc.StatusCode.OK)
                except grpc.aio.AioRpcError as error:
                    codes.append(error.code())
        assert set(codes) == {grpc.StatusCode.OK, grpc.StatusCode.RESOURCE_EXHAUSTED}
        assert codes[0] == grpc.StatusCode.OK
        assert codes.count(grpc.StatusCode.RESOURCE_EXHAUSTED) >= 5
        async with httpx.AsyncClient(base_url=gateway.url) as client:
            answers = [await client.get("/v1/price") for _ in range(6)]
        limited = [a for a in answers if a.status_code == 429]
        assert limited
        assert limited[0].json()["code"] == grpc.StatusCode.RESOURCE_EXHAUSTED.value[0]
