"""Tokens are checked at the edge, against the users service's published key set, before any
service sees the call: a call without a token, with an expired one, one signed by another key,
for another audience or from another issuer never reaches a service."""

from __future__ import annotations

import grpc
import pytest
from bitsacco.wallet.v1 import wallet_service_pb2, wallet_service_pb2_grpc

from tests.integration.gateway.tokens import SigningKey

# Envoy answers a token for another audience with 403 (valid, but not meant for us); every
# other bad or missing token with 401.
REFUSAL = {"another audience": grpc.StatusCode.PERMISSION_DENIED}
HTTP = {grpc.StatusCode.UNAUTHENTICATED: 401, grpc.StatusCode.PERMISSION_DENIED: 403}


def _refusal(case: str) -> grpc.StatusCode:
    return REFUSAL.get(case, grpc.StatusCode.UNAUTHENTICATED)


def _bad_tokens(key: SigningKey) -> dict[str, str | None]:
    return {
        "no token": None,
        "expired": key.token(issued_ago=3600, lifetime=900),
        "another key": SigningKey().token(),
        "same kid, another key": SigningKey(kid=key.kid).token(),
        "another audience": key.token(audience="someone-else"),
        "another issuer": key.token(issuer="https://evil.example"),
        "not a jwt": "not-a-jwt",
    }


CASES = (
    "no token",
    "expired",
    "another key",
    "same kid, another key",
    "another audience",
    "another issuer",
    "not a jwt",
)


@pytest.fixture(params=CASES)
def case(request) -> str:
    return request.param


def _served(upstreams) -> int:
    """Calls the services answered, other than the gateway's own key-set fetches."""
    return len([c for c in upstreams.inbox.calls if c.method != "GetJwks"])


def _headers(token: str | None) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"} if token else {}


async def test_refused_over_rest(rest, upstreams, key, case):
    token = _bad_tokens(key)[case]
    before = _served(upstreams)
    answer = await rest.get("/v1/price", headers=_headers(token))
    assert answer.status_code == HTTP[_refusal(case)]
    assert answer.headers["content-type"] == "application/json"
    assert answer.json()["code"] == _refusal(case).value[0]
    assert _served(upstreams) == before  # refused at the edge


async def test_refused_over_grpc_and_grpc_web(grpc_channel, grpc_web_channel, upstreams, key, case):
    token = _bad_tokens(key)[case]
    before = _served(upstreams)
    for channel in (grpc_channel, grpc_web_channel):
        with pytest.raises(grpc.RpcError) as caught:
            await wallet_service_pb2_grpc.WalletServiceStub(channel).GetPrice(
                wallet_service_pb2.GetPriceRequest(), metadata=list(_headers(token).items())
            )
        assert caught.value.code() == _refusal(case)
    assert _served(upstreams) == before


async def test_tokens_from_every_published_key_pass(rest, key, second_key):
    for signer in (key, second_key):  # ES256 and EdDSA
        answer = await rest.get("/v1/price", headers=_headers(signer.token()))
        assert answer.status_code == 200, signer.algorithm


async def test_cors_preflight_needs_no_token(rest):
    answer = await rest.options(
        "/bitsacco.wallet.v1.WalletService/GetPrice",
        headers={
            "origin": "https://app.bitsacco.test",
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization,content-type,x-grpc-web",
        },
    )
    assert answer.status_code == 200
