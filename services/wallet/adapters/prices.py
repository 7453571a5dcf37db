"""The BTC price: CoinGecko first, a second public ticker as fallback, or a simulated feed.

- CoinGecko `simple/price` gives BTC in KES and USD (JSON numbers, parsed as decimals, never
  floats; converted to minor units per BTC, rounded down).
- The fallback (Kraken's public `Ticker`, XBTUSD, or any ticker with the same shape) gives USD
  only; KES is derived with the KES/USD rate implied by CoinGecko's last good answer (kept up to
  `fx_max_age_seconds`, 24 h by default). With no such rate, the fallback cannot price KES and the
  feed is unavailable — documented, deliberately: a KES price made up from a stale FX guess would
  move real money.
- A snapshot is fresh for `refresh_seconds`; after that it is refetched (one fetch at a time).
  When every source fails, the last snapshot is served until it is `max_age_seconds` old; then
  UNAVAILABLE PRICE_UNAVAILABLE with RetryInfo.
- The embedded default is `SimulatedSource`: a smooth deterministic walk around USD 100,000 at
  KES 129 per USD, so `make run` needs no internet.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_DOWN, Decimal
from typing import Protocol

import httpx

from services.runtime.errors import Unavailable

log = logging.getLogger("bitsacco.wallet.prices")


@dataclass(frozen=True)
class PriceSnapshot:
    kes_mid: int  # KES minor units (cents) per BTC
    usd_mid: int  # USD cents per BTC
    source: str
    as_of: datetime  # when the source observed it
    fetched_at: float  # time.monotonic() when we got it

    @property
    def mids(self) -> dict[str, int]:
        """Mid prices by currency code (minor units per BTC)."""
        return {"KES": self.kes_mid, "USD": self.usd_mid}


@dataclass(frozen=True)
class Quote:
    """What one source answered: KES may be missing (USD-only tickers)."""

    usd_mid: int
    kes_mid: int | None
    as_of: datetime


class PriceSource(Protocol):
    name: str

    async def fetch(self) -> Quote: ...


def to_minor(value: object) -> int:
    """A decimal price in major units → minor units (×100), rounded down."""
    amount = Decimal(str(value))
    if not amount.is_finite() or amount <= 0:
        raise ValueError(f"not a price: {value!r}")
    return int((amount * 100).to_integral_value(rounding=ROUND_DOWN))


class CoinGeckoSource:
    name = "coingecko"

    def __init__(self, http: httpx.AsyncClient, url: str, api_key: str | None = None) -> None:
        self._http = http
        self._url = url
        self._api_key = api_key

    async def fetch(self) -> Quote:
        headers = {"x-cg-demo-api-key": self._api_key} if self._api_key else {}
        response = await self._http.get(
            self._url,
            params={
                "ids": "bitcoin",
                "vs_currencies": "kes,usd",
                "include_last_updated_at": "true",
            },
            headers=headers,
        )
        response.raise_for_status()
        body = json.loads(response.content, parse_float=Decimal)["bitcoin"]
        updated = body.get("last_updated_at")
        as_of = datetime.fromtimestamp(int(updated), UTC) if updated else datetime.now(UTC)
        return Quote(usd_mid=to_minor(body["usd"]), kes_mid=to_minor(body["kes"]), as_of=as_of)


class TickerSource:
    """Kraken's public ticker (`{"error":[],"result":{"XXBTZUSD":{"c":["67000.1","0.01"],…}}}`):
    the last trade price in USD."""

    name = "kraken"

    def __init__(self, http: httpx.AsyncClient, url: str) -> None:
        self._http = http
        self._url = url

    async def fetch(self) -> Quote:
        response = await self._http.get(self._url)
        response.raise_for_status()
        body = json.loads(response.content, parse_float=Decimal)
        if body.get("error"):
            raise ValueError(f"ticker error: {body['error']}")
        (ticker,) = body["result"].values()
        return Quote(usd_mid=to_minor(ticker["c"][0]), kes_mid=None, as_of=datetime.now(UTC))


class SimulatedSource:
    """A deterministic price walk for the embedded shape (no network)."""

    name = "simulated"

    def __init__(self, usd_mid: int = 10_000_000, kes_per_usd_cents: int = 12_900) -> None:
        self._usd = usd_mid
        self._fx = kes_per_usd_cents
        self._pinned: tuple[int, int] | None = None

    def pin(self, kes_mid: int, usd_mid: int) -> None:
        """Hold the price still (demos)."""
        self._pinned = (kes_mid, usd_mid)

    async def fetch(self) -> Quote:
        now = datetime.now(UTC)
        if self._pinned:
            return Quote(usd_mid=self._pinned[1], kes_mid=self._pinned[0], as_of=now)
        t = now.timestamp()
        wave = 0.03 * math.sin(2 * math.pi * t / 3600) + 0.01 * math.sin(2 * math.pi * t / 300)
        usd = int(self._usd * (1 + wave))
        return Quote(usd_mid=usd, kes_mid=usd * self._fx // 100, as_of=now)


class PriceFeed:
    def __init__(
        self,
        sources: Sequence[PriceSource],
        refresh_seconds: float = 30.0,
        max_age_seconds: float = 300.0,
        fx_max_age_seconds: float = 86_400.0,
    ) -> None:
        if not sources:
            raise ValueError("a price feed needs a source")
        self._sources = list(sources)
        self._refresh = refresh_seconds
        self._max_age = max_age_seconds
        self._fx_max_age = fx_max_age_seconds
        self._snapshot: PriceSnapshot | None = None
        self._fx: tuple[int, int, float] | None = None  # (kes_mid, usd_mid, monotonic)
        self._lock = asyncio.Lock()

    def _fresh(self, max_age: float) -> PriceSnapshot | None:
        snap = self._snapshot
        if snap and time.monotonic() - snap.fetched_at < max_age:
            return snap
        return None

    async def refresh(self) -> PriceSnapshot | None:
        """Ask the sources in order; the new snapshot, or None when all failed."""
        for source in self._sources:
            try:
                answer = await source.fetch()
            except Exception as exc:  # any failure of a third party: try the next source
                log.warning("price source %s failed: %s", source.name, exc)
                continue
            now = time.monotonic()
            kes = answer.kes_mid
            if kes is not None:
                self._fx = (kes, answer.usd_mid, now)
            elif self._fx and now - self._fx[2] < self._fx_max_age:
                fx_kes, fx_usd, _ = self._fx
                kes = answer.usd_mid * fx_kes // fx_usd
            else:
                log.warning("price source %s has no KES and no KES/USD rate is known", source.name)
                continue
            self._snapshot = PriceSnapshot(kes, answer.usd_mid, source.name, answer.as_of, now)
            return self._snapshot
        return None

    async def current(self) -> PriceSnapshot:
        """A fresh snapshot, refetched when due; PRICE_UNAVAILABLE when every source is stale."""
        snap = self._fresh(self._refresh)
        if snap:
            return snap
        async with self._lock:
            snap = self._fresh(self._refresh) or await self.refresh()
        snap = snap or self._fresh(self._max_age)
        if snap is None:
            raise Unavailable(
                "PRICE_UNAVAILABLE",
                "The bitcoin price is unavailable right now; nothing was done. Try again shortly.",
                retry_after_seconds=30,
            )
        return snap

    async def optional(self) -> PriceSnapshot | None:
        try:
            return await self.current()
        except Unavailable:
            return None

    @property
    def last(self) -> PriceSnapshot | None:
        return self._snapshot

    @property
    def last_mids(self) -> dict[str, int] | None:
        """The last mid prices by currency, without asking a source (safe inside a database
        transaction); None before the first price."""
        return self._snapshot.mids if self._snapshot else None
