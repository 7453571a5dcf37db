"""CORS for the companion app: preflights from the configured origins are answered with the
gRPC-Web headers allowed and grpc-status/grpc-message exposed; any other origin gets nothing."""

from __future__ import annotations

import pytest

from tests.integration.gateway.conftest import ALLOWED_ORIGIN

PREFLIGHT = {
    "access-control-request-method": "POST",
    "access-control-request-headers": "authorization,content-type,x-grpc-web,x-user-agent",
}
PATHS = ("/bitsacco.wallet.v1.WalletService/GetPrice", "/v1/users/me")


@pytest.mark.parametrize("path", PATHS)
async def test_preflight_from_the_app_is_allowed(rest, path):
    answer = await rest.options(path, headers={"origin": ALLOWED_ORIGIN, **PREFLIGHT})
    assert answer.status_code == 200
    assert answer.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    allowed = {h.strip() for h in answer.headers["access-control-allow-headers"].split(",")}
    assert {"authorization", "content-type", "x-grpc-web", "x-user-agent"} <= allowed
    assert "grpc-timeout" in allowed
    assert "POST" in answer.headers["access-control-allow-methods"]
    exposed = {h.strip() for h in answer.headers["access-control-expose-headers"].split(",")}
    assert {"grpc-status", "grpc-message"} <= exposed


@pytest.mark.parametrize("path", PATHS)
async def test_preflight_from_another_origin_is_not_allowed(rest, upstreams, path):
    before = len(upstreams.inbox.requests())
    answer = await rest.options(path, headers={"origin": "https://evil.example", **PREFLIGHT})
    assert "access-control-allow-origin" not in answer.headers
    assert "access-control-expose-headers" not in answer.headers
    assert len(upstreams.inbox.requests()) == before


async def test_actual_response_carries_cors_headers_for_the_app(rest, key):
    answer = await rest.get(
        "/v1/price", headers={"origin": ALLOWED_ORIGIN, "authorization": f"Bearer {key.token()}"}
    )
    assert answer.status_code == 200
    assert answer.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    refused = await rest.get("/v1/price", headers={"origin": ALLOWED_ORIGIN})
    assert refused.status_code == 401
    # the app can read the refusal, not just see a CORS failure
    assert refused.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
