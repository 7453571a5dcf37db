"""One real Envoy (configured by gateway.config) in front of the scripted services, shared by
all the gateway tests."""

from __future__ import annotations

import grpc
import httpx
import pytest
import sonora.aio

from tests.integration.gateway.running import gateway_settings, run_gateway, run_upstreams
from tests.integration.gateway.tokens import SigningKey

ALLOWED_ORIGIN = "https://app.bitsacco.test"


@pytest.fixture(scope="session")
def key() -> SigningKey:
    """The users service's signing key: published in its JWKS."""
    return SigningKey()


@pytest.fixture(scope="session")
def second_key() -> SigningKey:
    """Also published: an Ed25519 key, the users service's default kind."""
    return SigningKey.ed25519()


@pytest.fixture(scope="session")
async def upstreams(key, second_key):
    async with run_upstreams([key, second_key]) as running:
        yield running


@pytest.fixture(scope="session")
async def gateway(upstreams, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("gateway")
    async with run_gateway(workdir, upstreams, gateway_settings()) as running:
        yield running


@pytest.fixture
def bearer(key) -> list[tuple[str, str]]:
    return [("authorization", f"Bearer {key.token()}")]


@pytest.fixture
async def rest(gateway):
    async with httpx.AsyncClient(base_url=gateway.url, timeout=10) as client:
        yield client


@pytest.fixture
async def grpc_channel(gateway):
    async with grpc.aio.insecure_channel(gateway.target) as channel:
        yield channel


class GrpcWebChannel:
    """sonora's gRPC-Web channel under the generated stubs (which pass `_registered_method`)."""

    def __init__(self, url: str) -> None:
        self.inner = sonora.aio.insecure_web_channel(url)

    def unary_unary(self, path, request_serializer=None, response_deserializer=None, **_):
        return self.inner.unary_unary(path, request_serializer, response_deserializer)

    async def close(self) -> None:
        await self.inner._session.close()


@pytest.fixture
async def grpc_web_channel(gateway):
    channel = GrpcWebChannel(gateway.url)
    yield channel
    await channel.close()
