"""The price feed against local CoinGecko and ticker servers, and GetPrice."""

from __future__ import annotations

import asyncio

import grpc
import httpx
import pytest
from aiohttp import web
from bitsacco.wallet.v1 import wallet_service_pb2 as pb

from services.runtime.errors import Unavailable
from services.wallet.adapters.prices import CoinGeckoSource, PriceFeed, TickerSource
from tests.integration.wallet.serving import PriceServer


@pytest.fixture
async def server():
    prices = PriceServer()
    await prices.start()
    yield prices
    await prices.stop()


def feed(server: PriceServer, http: httpx.AsyncClient, **timing) -> PriceFeed:
    return PriceFeed(
        [
            CoinGeckoSource(http, f"{server.url}/api/v3/simple/price"),
            TickerSource(http, f"{server.url}/0/public/Ticker?pair=XBTUSD"),
        ],
        **{"refresh_seconds": 0, "max_age_seconds": 0.5, **timing},
    )


async def test_coingecko_then_ticker_with_the_last_fx_then_stale_then_unavailable(server):
    async with httpx.AsyncClient(timeout=1) as http:
        prices = feed(server, http)
        server.set("13000123.456", "100000.99")
        first = await prices.current()
        assert (first.kes_mid, first.usd_mid, first.source) == (
            1_300_012_345,
            10_000_099,
            "coingecko",
        )

        server.coingecko_up = False
        server.set("0", "110000.00")
        second = await prices.current()
        assert second.source == "kraken"
        assert second.usd_mid == 11_000_000
        assert second.kes_mid == 11_000_000 * 1_300_012_345 // 10_000_099

        server.ticker_up = False
        assert (await prices.current()).usd_mid == 11_000_000  # stale but within max age
        await asyncio.sleep(0.6)
        with pytest.raises(Unavailable) as caught:
            await prices.current()
        assert caught.value.reason == "PRICE_UNAVAILABLE"
        assert caught.value.retry_after_seconds


async def test_usd_only_ticker_without_an_fx_rate_cannot_price_kes(server):
    server.coingecko_up = False
    async with httpx.AsyncClient(timeout=1) as http:
        with pytest.raises(Unavailable):
            await feed(server, http).current()


async def test_a_hanging_source_times_out_and_the_fallback_answers(server):
    async def hang(request):
        await asyncio.sleep(1)
        return web.Response(text="{}")

    app = web.Application()
    app.router.add_get("/api/v3/simple/price", hang)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    slow = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"
    try:
        async with httpx.AsyncClient(timeout=0.3) as http:
            prices = feed(server, http)
            await prices.current()  # learns the FX rate from the healthy CoinGecko
            prices._sources[0] = CoinGeckoSource(http, f"{slow}/api/v3/simple/price")
            answer = await prices.refresh()
            assert answer is not None and answer.source == "kraken"
    finally:
        await runner.cleanup()


async def test_get_price_applies_the_spread_in_the_house_favour(stack):
    member = await stack.member()
    price = (await stack.stub.GetPrice(pb.GetPriceRequest(), metadata=member.metadata)).price
    assert price.source == "coingecko" and price.spread_bps == 50
    assert price.mid_kes.minor_units_per_btc == 1_300_000_000
    assert price.buy_kes.minor_units_per_btc == 1_306_500_000
    assert price.sell_kes.minor_units_per_btc == 1_293_500_000
    assert (price.buy_usd.minor_units_per_btc, price.sell_usd.minor_units_per_btc) == (
        10_050_000,
        9_950_000,
    )
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stack.stub.GetPrice(pb.GetPriceRequest())
    assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
