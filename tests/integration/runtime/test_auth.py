"""The runtime's authentication, as any service gets it: tokens are checked against the users
service's JWKS (fetched over gRPC GetJwks), forged tokens are UNAUTHENTICATED with a reason, and
handlers see the verified caller."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid

import grpc
import jwt
import pytest
from bitsacco.voice.v1 import voice_pb2, voice_service_pb2, voice_service_pb2_grpc
from cryptography.hazmat.primitives import serialization
from pydantic import SecretStr

from services.runtime import server
from services.runtime.auth import (
    STEP_UP_AUDIENCE,
    ServiceTokens,
    current_caller,
    mint_service_token,
)
from services.runtime.bootstrap import token_verifier
from services.runtime.server import Service
from services.runtime.settings import RuntimeSettings
from services.users.keys import KeyRing, SigningKey
from tests.harness import details_of, free_port
from tests.integration.users.serving import KEYS, SECRET, fresh_phone, users_service


class CallerEcho(voice_service_pb2_grpc.VoiceServiceServicer):
    """ListVoices (protected) answers with what the handler sees as its caller."""

    async def ListVoices(self, request, context):
        caller = current_caller()
        described = {
            "subject": caller.subject,
            "roles": sorted(caller.roles),
            "tier": caller.tier,
            "phone": caller.phone,
            "actor": caller.actor,
        }
        return voice_service_pb2.ListVoicesResponse(
            voices=[voice_pb2.Voice(name=json.dumps(described))]
        )


@pytest.fixture(scope="module")
async def users(pg_url, redis_url, namespace):
    async with users_service(pg_url, redis_url, namespace) as running:
        yield running


@pytest.fixture(scope="module")
async def protected(users):
    """Another service (here: voice) whose verifier fetches the JWKS from users over gRPC."""
    settings = RuntimeSettings(
        service_name="voice",
        grpc_port=free_port(),
        metrics_port=-1,
        users_target=users.target,
        service_secret=SecretStr(SECRET),
    )
    running = await server.start(
        Service(name="voice", servicers=[CallerEcho()]), settings, token_verifier(settings)
    )
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{running.port}")
    yield voice_service_pb2_grpc.VoiceServiceStub(channel)
    await channel.close()
    await running.stop()


async def caller_seen(stub, token: str) -> dict:
    answer = await stub.ListVoices(
        voice_service_pb2.ListVoicesRequest(), metadata=(("authorization", f"Bearer {token}"),)
    )
    return json.loads(answer.voices[0].name)


async def refused(stub, token: str) -> str:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await caller_seen(stub, token)
    assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
    return details_of(caught.value)["ErrorInfo"].reason


def claims(**changes) -> dict:
    now = int(time.time())
    values = {
        "iss": "https://users.bitsacco.local",
        "aud": "bitsacco",
        "sub": "users/forged",
        "roles": ["member", "admin"],
        "tier": 3,
        "iat": now,
        "exp": now + 600,
        "jti": uuid.uuid4().hex,
    }
    values.update(changes)
    return {k: v for k, v in values.items() if v is not None}


def signed(payload: dict, key: SigningKey = KEYS.current, kid: str | None = None, **header) -> str:
    return jwt.encode(
        payload,
        key.private_key,
        algorithm=key.algorithm,
        headers={"kid": kid or key.kid, **header},
    )


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def hs256_with_public_key(payload: dict, typ: str = "JWT") -> str:
    """The algorithm-confusion attack: HMAC keyed with the published public key."""
    public = KEYS.current.private_key.public_key()
    secret = public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    head = b64(json.dumps({"alg": "HS256", "typ": typ, "kid": KEYS.current.kid}).encode())
    body = b64(json.dumps(payload).encode())
    mac = hmac.new(secret, f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{b64(mac)}"


def tampered(token: str) -> str:
    """The signature of one payload on another (sub changed)."""
    head, _, signature = token.split(".")
    return ".".join([head, b64(json.dumps(claims(sub="users/someone")).encode()), signature])


async def test_member_token_from_users_is_accepted_with_its_claims(users, protected):
    phone = fresh_phone()
    issued = await users.client("ai").token_for_phone(phone, create_user_if_missing=True)
    seen = await caller_seen(protected, issued.token)
    assert seen == {
        "subject": issued.user.name,
        "roles": ["member"],
        "tier": 1,
        "phone": phone,
        "actor": "services/ai",
    }


async def test_service_token_names_the_service(protected):
    token = ServiceTokens(SECRET, "wallet", "bitsacco").token()
    assert (await caller_seen(protected, token))["subject"] == "services/wallet"


async def test_no_token_on_a_protected_method(protected):
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await protected.ListVoices(voice_service_pb2.ListVoicesRequest())
    assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert details_of(caught.value)["ErrorInfo"].reason == "UNAUTHENTICATED"


FORGERIES = {
    "alg_none": (lambda: jwt.encode(claims(), None, algorithm="none"), "TOKEN_ALGORITHM_REJECTED"),
    "hs256_with_public_key": (lambda: hs256_with_public_key(claims()), "TOKEN_ALGORITHM_REJECTED"),
    "hs256_with_public_key_as_service_token": (
        lambda: hs256_with_public_key(claims(sub="services/ai"), typ="service+jwt"),
        "TOKEN_INVALID",
    ),
    "expired": (
        lambda: signed(claims(iat=int(time.time()) - 1000, exp=int(time.time()) - 100)),
        "TOKEN_EXPIRED",
    ),
    "wrong_issuer": (lambda: signed(claims(iss="https://evil.example")), "TOKEN_ISSUER_REJECTED"),
    "wrong_audience": (lambda: signed(claims(aud="someone-else")), "TOKEN_AUDIENCE_REJECTED"),
    "step_up_grant_as_access_token": (
        lambda: signed(claims(aud=STEP_UP_AUDIENCE), typ="step-up+jwt"),
        "TOKEN_AUDIENCE_REJECTED",
    ),
    "unknown_kid": (lambda: signed(claims(), SigningKey.generate()), "TOKEN_KEY_UNKNOWN"),
    "another_key_with_our_kid": (
        lambda: signed(claims(), SigningKey.generate(), kid=KEYS.current.kid),
        "TOKEN_INVALID",
    ),
    "es256_header_on_an_eddsa_key": (
        lambda: signed(claims(), SigningKey.generate("ES256"), kid=KEYS.current.kid),
        "TOKEN_ALGORITHM_REJECTED",
    ),
    "tampered_claims": (lambda: tampered(signed(claims())), "TOKEN_INVALID"),
    "missing_expiry": (lambda: signed(claims(exp=None)), "TOKEN_INVALID"),
    "service_token_with_wrong_secret": (
        lambda: mint_service_token("not-the-secret", "wallet", "bitsacco"),
        "TOKEN_INVALID",
    ),
    "not_a_jwt": (lambda: "definitely.not.a-jwt", "TOKEN_MALFORMED"),
}


@pytest.mark.parametrize("forgery", sorted(FORGERIES))
async def test_forged_token_is_unauthenticated_with_its_reason(protected, forgery):
    make, reason = FORGERIES[forgery]
    assert await refused(protected, make()) == reason


async def test_previous_key_still_verifies_after_rotation(pg_url, redis_url, namespace):
    old = SigningKey.generate()
    async with users_service(pg_url, redis_url, namespace, keys=KeyRing([old])) as before:
        issued = await before.client().token_for_phone(fresh_phone(), create_user_if_missing=True)
    assert jwt.get_unverified_header(issued.token)["kid"] == old.kid
    rotated = KeyRing([SigningKey.generate(), old])
    async with users_service(pg_url, redis_url, namespace, keys=rotated) as after:
        settings = RuntimeSettings(
            service_name="voice", grpc_port=free_port(), metrics_port=-1, users_target=after.target
        )
        running = await server.start(
            Service(name="voice", servicers=[CallerEcho()]), settings, token_verifier(settings)
        )
        try:
            async with grpc.aio.insecure_channel(f"127.0.0.1:{running.port}") as channel:
                stub = voice_service_pb2_grpc.VoiceServiceStub(channel)
                assert (await caller_seen(stub, issued.token))["subject"] == issued.user.name
                fresh = await after.client().token_for_user(issued.user.name)
                assert jwt.get_unverified_header(fresh.token)["kid"] == rotated.current.kid
                assert (await caller_seen(stub, fresh.token))["subject"] == issued.user.name
                # A key that is no longer published does not verify.
                dropped = signed(claims(sub=issued.user.name), SigningKey.generate(), kid="gone")
                assert await refused(stub, dropped) == "TOKEN_KEY_UNKNOWN"
        finally:
            await running.stop()
