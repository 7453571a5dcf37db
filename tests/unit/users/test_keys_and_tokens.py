"""Signing keys, the JWKS, the tokens the users service signs and the offline step-up check."""

from __future__ import annotations

import asyncio
import json
import stat
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from services.runtime.auth import (
    Caller,
    JwksCache,
    TokenVerifier,
    verify_step_up_grant,
)
from services.runtime.errors import PermissionDenied, Unauthenticated, Unavailable
from services.users.keys import (
    KEYS_KEPT,
    KeyConfigurationError,
    KeyRing,
    SigningKey,
    rotate_key_file,
    write_private_file,
)
from services.users.model import ACTIVE, User
from services.users.tokens import TokenIssuer

ISSUER, AUDIENCE = "https://users.test", "bitsacco"


def member(**changes) -> User:
    now = datetime.now(UTC)
    values = dict(
        id="u1",
        phone_number="+254712345678",
        display_name="",
        language_code="en",
        voice_replies=False,
        notification_frequency="daily",
        kyc_tier=2,
        roles=("member",),
        status=ACTIVE,
        created_at=now,
        updated_at=now,
    )
    values.update(changes)
    return User(**values)


def verifier_for(ring: KeyRing) -> TokenVerifier:
    async def fetch() -> dict:
        return ring.jwks()

    return TokenVerifier(JwksCache(fetch), ISSUER, AUDIENCE)


@pytest.mark.parametrize("algorithm", ["EdDSA", "ES256"])
async def test_both_algorithms_sign_tokens_the_jwks_verifies(algorithm):
    ring = KeyRing([SigningKey.generate(algorithm)])
    issuer = TokenIssuer(ring, ISSUER, AUDIENCE)
    token = issuer.access_token(member(), datetime.now(UTC), session_id="s1").token
    caller = await verifier_for(ring).verify(token)
    assert (caller.subject, caller.tier, caller.roles, caller.phone) == (
        "users/u1",
        2,
        frozenset({"member"}),
        "+254712345678",
    )
    header = jwt.get_unverified_header(token)
    assert (header["alg"], header["kid"]) == (algorithm, ring.current.kid)
    (published,) = ring.jwks()["keys"]
    assert published["alg"] == algorithm and "d" not in published


def test_access_token_lasts_15_minutes_with_the_contract_claims():
    ring = KeyRing([SigningKey.generate()])
    now = datetime.now(UTC)
    signed = TokenIssuer(ring, ISSUER, AUDIENCE).access_token(member(), now)
    claims = jwt.decode(signed.token, options={"verify_signature": False})
    assert set(claims) >= {"iss", "aud", "sub", "roles", "tier", "phone", "iat", "exp", "jti"}
    assert claims["exp"] - claims["iat"] == 15 * 60
    # A service may ask for less, never for more.
    longer = TokenIssuer(ring, ISSUER, AUDIENCE).access_token(member(), now, ttl=timedelta(hours=1))
    claims = jwt.decode(longer.token, options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] == 15 * 60


def test_configured_keys_accept_a_list_or_a_mapping():
    one, two = SigningKey.generate(), SigningKey.generate("ES256")
    listed = KeyRing.from_json(
        json.dumps([{"kid": "a", "pem": one.pem()}, {"kid": "b", "pem": two.pem()}])
    )
    mapped = KeyRing.from_json(json.dumps({"a": one.pem(), "b": two.pem()}))
    assert [k.kid for k in listed.keys] == [k.kid for k in mapped.keys] == ["a", "b"]
    assert listed.current.algorithm == "EdDSA"
    with pytest.raises(KeyConfigurationError):
        KeyRing.from_json(
            json.dumps([{"kid": "a", "pem": one.pem()}, {"kid": "a", "pem": two.pem()}])
        )
    with pytest.raises(KeyConfigurationError):
        KeyRing.from_json("not json")


def test_rotation_keeps_previous_keys_published(tmp_path):
    path = tmp_path / "jwt-keys.json"
    first = rotate_key_file(path)
    second = rotate_key_file(path, lead=timedelta(0))
    assert [k.kid for k in second.keys] == [second.current.kid, first.current.kid]
    for _ in range(KEYS_KEPT + 2):
        latest = rotate_key_file(path)
    assert len(latest.keys) == KEYS_KEPT
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_rotated_key_is_published_before_it_signs(tmp_path):
    """Verifiers that refresh the key set on a timer (Envoy) must know a key before any token
    names it: the new key is in the JWKS at once but signs only after the lead."""
    path = tmp_path / "jwt-keys.json"
    old = rotate_key_file(path).current
    ring = rotate_key_file(path)
    new = ring.keys[0]
    assert new.kid != old.kid
    assert {k["kid"] for k in ring.jwks()["keys"]} == {new.kid, old.kid}
    assert jwt.get_unverified_header(ring.sign({"sub": "users/1"}))["kid"] == old.kid
    assert new.signs_from - datetime.now(UTC) > timedelta(minutes=5)

    reloaded = KeyRing.from_json(path.read_text())  # what the users service loads on restart
    assert reloaded.keys[0].signs_from == new.signs_from
    assert reloaded.current.kid == old.kid
    later = KeyRing([replace(k, signs_from=datetime.now(UTC)) for k in reloaded.keys])
    assert jwt.get_unverified_header(later.sign({"sub": "users/1"}))["kid"] == new.kid


def test_signs_from_must_be_a_time_with_a_zone():
    key = SigningKey.generate()
    for bad in ("tomorrow", "2026-12-01T10:00:00"):
        with pytest.raises(KeyConfigurationError):
            KeyRing.from_json(json.dumps([{"kid": "k", "pem": key.pem(), "signs_from": bad}]))
    future = [{"kid": "k", "pem": key.pem(), "signs_from": "2999-01-01T00:00:00+00:00"}]
    with pytest.raises(KeyConfigurationError):
        _ = KeyRing.from_json(json.dumps(future)).current  # nothing may sign yet


def test_private_file_is_created_once(tmp_path):
    path = tmp_path / "users" / "pepper"
    assert write_private_file(path, "first")
    assert not write_private_file(path, "second")
    assert path.read_text() == "first"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


async def test_jwks_is_fetched_again_for_an_unknown_kid_but_not_more_than_allowed():
    rings = [KeyRing([SigningKey.generate()])]
    fetches = []

    async def fetch() -> dict:
        fetches.append(1)
        return rings[-1].jwks()

    cache = JwksCache(fetch, min_refresh_seconds=0)
    assert await cache.key(rings[0].current.kid) is not None
    rings.append(KeyRing([SigningKey.generate(), rings[0].current]))
    assert await cache.key(rings[1].current.kid) is not None
    assert len(fetches) == 2
    throttled = JwksCache(fetch, min_refresh_seconds=3600)
    assert await throttled.key("unknown") is None
    assert await throttled.key("unknown-again") is None
    assert len(fetches) == 3


async def test_unreachable_jwks_is_unavailable_until_first_fetched():
    async def fetch() -> dict:
        raise ConnectionError("users is down")

    with pytest.raises(Unavailable) as caught:
        await JwksCache(fetch).key("k")
    assert caught.value.reason == "JWKS_UNAVAILABLE"


async def test_service_tokens_are_refused_where_no_secret_is_configured():
    from services.runtime.auth import mint_service_token

    token = mint_service_token("s3cret", "wallet", AUDIENCE)
    with pytest.raises(Unauthenticated) as caught:
        await verifier_for(KeyRing([SigningKey.generate()])).verify(token)
    assert caught.value.reason == "TOKEN_ALGORITHM_REJECTED"


class TestStepUpGrant:
    ring = KeyRing([SigningKey.generate()])
    issuer = TokenIssuer(ring, ISSUER, AUDIENCE)
    caller = Caller(subject="users/u1")

    def grant(self, **changes) -> str:
        values = dict(
            user_id="u1",
            transaction_request_id="txn-1",
            action="STEP_UP_ACTION_WITHDRAWAL",
            currency_code="KES",
            minor_units=2_000_000,
            now=datetime.now(UTC),
        )
        values.update(changes)
        return self.issuer.step_up_grant(**values).token

    async def check(self, token: str, **changes):
        values = dict(
            caller=self.caller,
            transaction_request_id="txn-1",
            action="STEP_UP_ACTION_WITHDRAWAL",
            currency_code="KES",
            minor_units=1_500_000,
        )
        values.update(changes)
        return await verify_step_up_grant(verifier_for(self.ring), token, **values)

    async def test_a_grant_covers_its_transaction(self):
        grant = await self.check(self.grant())
        assert (grant.transaction_request_id, grant.minor_units) == ("txn-1", 2_000_000)

    @pytest.mark.parametrize(
        ("grant_changes", "check_changes", "problem"),
        [
            ({}, {"caller": Caller(subject="users/u2")}, "subject"),
            ({}, {"transaction_request_id": "txn-2"}, "transaction"),
            ({}, {"action": "STEP_UP_ACTION_TRANSFER"}, "action"),
            ({}, {"currency_code": "USD"}, "currency"),
            ({}, {"minor_units": 2_000_001}, "amount"),
            ({"now": datetime.fromtimestamp(time.time() - 3600, UTC)}, {}, "expired"),
        ],
    )
    async def test_a_grant_for_anything_else_is_refused(
        self, grant_changes, check_changes, problem
    ):
        with pytest.raises(PermissionDenied) as caught:
            await self.check(self.grant(**grant_changes), **check_changes)
        assert caught.value.reason == "STEP_UP_INVALID"
        assert caught.value.metadata == {"problem": problem}

    async def test_an_access_token_is_not_a_grant(self):
        token = self.issuer.access_token(member(), datetime.now(UTC)).token
        with pytest.raises(PermissionDenied) as caught:
            await self.check(token)
        assert caught.value.metadata == {"problem": "not_a_grant"}

    async def test_a_grant_is_not_an_access_token(self):
        with pytest.raises(Unauthenticated) as caught:
            await verifier_for(self.ring).verify(self.grant())
        assert caught.value.reason == "TOKEN_AUDIENCE_REJECTED"

    async def test_a_grant_signed_by_another_key_is_refused(self):
        other = TokenIssuer(
            KeyRing([SigningKey(self.ring.current.kid, SigningKey.generate().private_key)]),
            ISSUER,
            AUDIENCE,
        )
        token = other.step_up_grant(
            "u1", "txn-1", "STEP_UP_ACTION_WITHDRAWAL", "KES", 10**7, datetime.now(UTC)
        ).token
        with pytest.raises(PermissionDenied) as caught:
            await self.check(token)
        assert caught.value.metadata == {"problem": "signature"}


async def test_a_remembered_token_still_expires():
    ring = KeyRing([SigningKey.generate()])
    verifier = verifier_for(ring)
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": "users/u1",
        "iat": now - 60,
        "exp": now - 3,  # still inside the 5 s leeway
        "jti": "j1",
    }
    token = ring.sign(claims)
    assert (await verifier.verify(token)).subject == "users/u1"
    await asyncio.sleep(2.5)
    with pytest.raises(Unauthenticated) as caught:
        await verifier.verify(token)
    assert caught.value.reason == "TOKEN_EXPIRED"
