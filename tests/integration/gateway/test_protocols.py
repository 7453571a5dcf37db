"""The same RPCs through the one listener over native gRPC, REST/JSON and gRPC-Web; errors in each
protocol's own form; internal methods unreachable from outside; request ids made at the edge."""

from __future__ import annotations

import asyncio
import base64
import json
import uuid

import grpc
import pytest
from bitsacco.users.v1 import users_service_pb2, users_service_pb2_grpc
from bitsacco.wallet.v1 import wallet_service_pb2, wallet_service_pb2_grpc
from google.protobuf import json_format

from tests.integration.gateway.scripted_services import PRICE

GET_PRICE = wallet_service_pb2.GetPriceRequest()


async def test_one_rpc_three_protocols(
    gateway, upstreams, rest, grpc_channel, grpc_web_channel, key
):
    token = key.token()
    metadata = [("authorization", f"Bearer {token}")]
    before = len([c for c in upstreams.inbox.calls if c.method == "GetPrice"])

    native = await wallet_service_pb2_grpc.WalletServiceStub(grpc_channel).GetPrice(
        GET_PRICE, metadata=metadata
    )
    web = await wallet_service_pb2_grpc.WalletServiceStub(grpc_web_channel).GetPrice(
        GET_PRICE, metadata=metadata
    )
    answer = await rest.get("/v1/price", headers={"authorization": f"Bearer {token}"})

    assert native == PRICE
    assert web == PRICE
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    assert json_format.ParseDict(answer.json(), wallet_service_pb2.GetPriceResponse()) == PRICE
    # snake_case field names, int64 as strings (proto3 JSON), enums by name
    assert answer.json()["price"]["mid_kes"] == {
        "currency_code": "KES",
        "minor_units_per_btc": "1234567800",
    }
    calls = [c for c in upstreams.inbox.calls if c.method == "GetPrice"][before:]
    assert len(calls) == 3
    # every one reached the service as a gRPC call carrying the caller's token
    assert {c.metadata["authorization"] for c in calls} == {f"Bearer {token}"}


async def test_caller_identity_reaches_the_service_over_rest(rest, key):
    answer = await rest.get(
        "/v1/users/me", headers={"authorization": f"Bearer {key.token('users/wanjiru')}"}
    )
    assert answer.status_code == 200
    assert answer.json() == {
        "user": {"name": "users/wanjiru", "display_name": "Wanjiru Kamau", "language_code": "sw"}
    }


async def test_service_error_is_json_status_with_the_right_http_code(rest, bearer):
    answer = await rest.get("/v1/users/someone-else", headers=dict(bearer))
    assert answer.status_code == 403
    assert answer.headers["content-type"] == "application/json"
    status = answer.json()
    assert status["code"] == grpc.StatusCode.PERMISSION_DENIED.value[0]
    assert status["details"] == [
        {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": "USER_ACCESS_DENIED",
            "domain": "users.bitsacco",
        }
    ]


async def test_validation_error_is_400_with_bad_request_details(rest):
    answer = await rest.post("/v1/phoneVerifications:start", json={"phone_number": "0712345678"})
    assert answer.status_code == 400
    status = answer.json()
    assert status["code"] == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    kinds = {d["@type"].rpartition("/")[2]: d for d in status["details"]}
    assert kinds["google.rpc.ErrorInfo"]["domain"] == "users.bitsacco"
    fields = [v["field"] for v in kinds["google.rpc.BadRequest"]["field_violations"]]
    assert fields == ["request_id"]


async def test_same_error_over_grpc_and_grpc_web(grpc_channel, grpc_web_channel, bearer):
    request = users_service_pb2.GetUserRequest(name="users/someone-else")
    for channel in (grpc_channel, grpc_web_channel):
        with pytest.raises(grpc.RpcError) as caught:
            await users_service_pb2_grpc.UsersServiceStub(channel).GetUser(request, metadata=bearer)
        assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED


async def test_public_sign_in_needs_no_token(rest):
    answer = await rest.post(
        "/v1/phoneVerifications:start",
        json={"request_id": str(uuid.uuid4()), "phone_number": "0712 345 678"},
    )
    assert answer.status_code == 200
    assert answer.json()["phone_number"] == "+254712345678"


async def test_jwks_served_at_both_addresses_without_a_token(rest, key, second_key):
    for path in ("/v1/jwks", "/.well-known/jwks.json"):
        answer = await rest.get(path)
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "application/json"
        assert [k["kid"] for k in answer.json()["keys"]] == [key.kid, second_key.kid]


@pytest.mark.parametrize(
    "path",
    [
        "/bitsacco.wallet.v1.WalletService/CreateChamaTreasury",
        "/bitsacco.wallet.v1.WalletService/TransferBetweenWallets",
        "/bitsacco.users.v1.UsersService/LookupUserByPhone",
        "/bitsacco.users.v1.UsersService/IssueServiceToken",
        "/bitsacco.notification.v1.NotificationService/SendMessage",
        "/bitsacco.ai.v1.AiService/CreateTurn",
        "/bitsacco.voice.v1.VoiceService/SynthesizeSpeech",
    ],
)
async def test_internal_methods_are_refused_at_the_edge(grpc_channel, upstreams, bearer, path):
    before = len(upstreams.inbox.requests())
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await grpc_channel.unary_unary(path)(b"", metadata=bearer, timeout=5)
    assert caught.value.code() == grpc.StatusCode.UNIMPLEMENTED
    assert len(upstreams.inbox.requests()) == before


async def test_unknown_rest_path_is_json_404(rest):
    answer = await rest.get("/v1/no/such/thing")
    assert answer.status_code == 404
    assert answer.json()["code"] == grpc.StatusCode.NOT_FOUND.value[0]


async def test_request_id_made_at_the_edge_reaches_service_and_access_log(
    gateway, upstreams, rest, bearer
):
    forged = "client-chosen-id"
    answer = await rest.get("/v1/price", headers={**dict(bearer), "x-request-id": forged})
    request_id = answer.headers["x-request-id"]
    assert request_id != forged
    uuid.UUID(request_id)
    seen = upstreams.inbox.last("GetPrice").metadata
    assert seen["x-request-id"] == request_id
    # Envoy started the trace: the service gets a W3C traceparent with the logged trace id
    trace_id = seen["traceparent"].split("-")[1]

    entry = await _access_log_entry(gateway, request_id)
    assert entry["trace_id"] == trace_id
    assert entry["rpc"] == "/bitsacco.wallet.v1.WalletService/GetPrice"
    assert entry["status"] == 200
    assert entry["upstream"] == "wallet"


async def test_claims_forwarded_and_spoofed_claims_dropped(upstreams, rest, key):
    token = key.token("users/claims")
    await rest.get(
        "/v1/price", headers={"authorization": f"Bearer {token}", "x-jwt-payload": "forged"}
    )
    payload = upstreams.inbox.last("GetPrice").metadata["x-jwt-payload"]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert claims["sub"] == "users/claims"
    await rest.post(
        "/v1/phoneVerifications:start",
        json={"request_id": str(uuid.uuid4()), "phone_number": "0712345678"},
        headers={"x-jwt-payload": "forged"},
    )
    seen = upstreams.inbox.last("StartPhoneVerification").metadata
    assert "x-jwt-payload" not in seen


async def test_client_address_is_the_peer_not_what_the_client_claims(upstreams, rest):
    """The users service throttles sign-in per client address (x-envoy-external-address)."""
    await rest.post(
        "/v1/phoneVerifications:start",
        json={"request_id": str(uuid.uuid4()), "phone_number": "0712345678"},
        headers={"x-envoy-external-address": "203.0.113.9"},
    )
    seen = upstreams.inbox.last("StartPhoneVerification").metadata
    assert seen["x-envoy-external-address"] == "127.0.0.1"


async def _access_log_entry(gateway, request_id: str) -> dict:
    """Envoy flushes access logs about once a second: wait for the line (bounded)."""
    for _ in range(50):
        for entry in gateway.access_log():
            if entry.get("request_id") == request_id:
                return entry
        await asyncio.sleep(0.1)
    raise AssertionError(f"no access log line for {request_id}")
