"""The keys that sign Bitsacco tokens, and the JWKS that publishes their public halves.

Configured as JWT_PRIVATE_KEYS (a JSON list of `{"kid", "pem", "signs_from"?}`; all are published,
and the first whose `signs_from` (ISO 8601) has come signs). In the embedded shape one Ed25519 key
is generated once and kept in `STATE_DIR/users/jwt-keys.json`; `python -m services.users.keys
rotate` adds a new key first, keeping the previous ones published so that tokens already issued
stay verifiable until they expire.

A new key is published PUBLISH_LEAD before it signs: Envoy refreshes the key set on a timer, not
when a token names a key it has not seen, so a token signed at once with a new key would be
refused at the edge until the next refresh.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from jwt.algorithms import ECAlgorithm, OKPAlgorithm

from services.runtime.settings import RuntimeSettings

KEY_FILE = "jwt-keys.json"
# How many keys a rotation keeps published (the new one and the previous ones).
KEYS_KEPT = 3
# Longer than any verifier caches the key set (Envoy: gateway.config.JWKS_CACHE_SECONDS; the
# services' JwksCache: 300 s), so every verifier knows a new key before it signs.
PUBLISH_LEAD = timedelta(minutes=6)


class KeyConfigurationError(ValueError):
    pass


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private_key: ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey
    signs_from: datetime | None = None  # published at once; signs from then (None: already)

    def signs_at(self, moment: datetime) -> bool:
        return self.signs_from is None or self.signs_from <= moment

    @property
    def algorithm(self) -> str:
        return "EdDSA" if isinstance(self.private_key, ed25519.Ed25519PrivateKey) else "ES256"

    def public_jwk(self) -> dict[str, Any]:
        public = self.private_key.public_key()
        if self.algorithm == "EdDSA":
            jwk = OKPAlgorithm.to_jwk(public, as_dict=True)
        else:
            jwk = ECAlgorithm.to_jwk(public, as_dict=True)
        return {**jwk, "kid": self.kid, "alg": self.algorithm, "use": "sig"}

    def pem(self) -> str:
        return self.private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()

    @classmethod
    def from_pem(cls, kid: str, pem: str, signs_from: str | None = None) -> SigningKey:
        if not kid or not isinstance(kid, str):
            raise KeyConfigurationError("every signing key needs a non-empty kid")
        key = serialization.load_pem_private_key(pem.encode(), password=None)
        if isinstance(key, ec.EllipticCurvePrivateKey) and not isinstance(key.curve, ec.SECP256R1):
            raise KeyConfigurationError(f"key {kid}: EC keys must be P-256 (ES256)")
        if not isinstance(key, ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey):
            raise KeyConfigurationError(f"key {kid}: only Ed25519 and P-256 keys can sign")
        return cls(kid, key, _moment(kid, signs_from) if signs_from else None)

    @classmethod
    def generate(cls, algorithm: str = "EdDSA", signs_from: datetime | None = None) -> SigningKey:
        kid = time.strftime("%Y%m%d") + "-" + secrets.token_hex(4)
        if algorithm == "EdDSA":
            return cls(kid, ed25519.Ed25519PrivateKey.generate(), signs_from)
        return cls(kid, ec.generate_private_key(ec.SECP256R1()), signs_from)


def _moment(kid: str, text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError) as exc:
        raise KeyConfigurationError(f"key {kid}: signs_from is not an ISO 8601 time") from exc
    if moment.tzinfo is None:
        raise KeyConfigurationError(f"key {kid}: signs_from needs a time zone")
    return moment


class KeyRing:
    """Newest key first; every key is published, and the newest that may sign already does."""

    def __init__(self, keys: list[SigningKey]) -> None:
        if not keys:
            raise KeyConfigurationError("at least one signing key is needed")
        kids = [k.kid for k in keys]
        if len(set(kids)) != len(kids):
            raise KeyConfigurationError("signing key ids must be unique")
        self.keys = tuple(keys)

    @property
    def current(self) -> SigningKey:
        moment = datetime.now(UTC)
        for key in self.keys:
            if key.signs_at(moment):
                return key
        raise KeyConfigurationError("no key may sign yet: every signs_from is in the future")

    def sign(self, claims: dict[str, Any], token_type: str = "JWT") -> str:  # noqa: S107
        key = self.current
        return jwt.encode(
            claims,
            key.private_key,
            algorithm=key.algorithm,
            headers={"kid": key.kid, "typ": token_type},
        )

    def jwks(self) -> dict[str, Any]:
        return {"keys": [k.public_jwk() for k in self.keys]}

    def to_json(self) -> str:
        entries = [
            {"kid": k.kid, "pem": k.pem()}
            | ({"signs_from": k.signs_from.isoformat()} if k.signs_from else {})
            for k in self.keys
        ]
        return json.dumps(entries, indent=1)

    @classmethod
    def from_json(cls, text: str) -> KeyRing:
        try:
            entries = json.loads(text)
        except json.JSONDecodeError as exc:
            raise KeyConfigurationError("JWT_PRIVATE_KEYS is not JSON") from exc
        if isinstance(entries, dict) and "kid" not in entries:
            entries = [{"kid": kid, "pem": pem} for kid, pem in entries.items()]
        elif isinstance(entries, dict):
            entries = [entries]
        try:
            keys = [SigningKey.from_pem(e["kid"], e["pem"], e.get("signs_from")) for e in entries]
            return cls(keys)
        except (KeyError, TypeError) as exc:
            raise KeyConfigurationError("each key needs a kid and a pem") from exc


def _state_dir(settings: RuntimeSettings) -> Path:
    return Path(settings.state_dir) / "users"


def write_private_file(path: Path, text: str) -> bool:
    """Create `path` (mode 0600) with `text` unless it exists; True when this call created it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(text)
    try:
        os.link(temporary, path)  # atomic, and fails if another process got there first
        return True
    except FileExistsError:
        return False
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def load_key_ring(settings: RuntimeSettings) -> KeyRing:
    from services.users.settings import users_settings

    configured = users_settings(settings).jwt_private_keys
    if configured is not None:
        return KeyRing.from_json(configured.get_secret_value())
    path = _state_dir(settings) / KEY_FILE
    if not path.exists():
        write_private_file(path, KeyRing([SigningKey.generate()]).to_json())
    return KeyRing.from_json(path.read_text())


def load_pepper(settings: RuntimeSettings) -> bytes:
    """The secret mixed into the hashes of one-time codes and refresh tokens."""
    from services.users.settings import users_settings

    configured = users_settings(settings).users_pepper
    if configured is not None:
        return configured.get_secret_value().encode()
    path = _state_dir(settings) / "pepper"
    if not path.exists():
        write_private_file(path, secrets.token_hex(32))
    return path.read_text().strip().encode()


def rotate_key_file(
    path: Path, algorithm: str = "EdDSA", lead: timedelta = PUBLISH_LEAD
) -> KeyRing:
    """Put a new key first in the embedded key file, signing `lead` from now (the first key of a
    new file signs at once), keeping the previous ones published."""
    old = KeyRing.from_json(path.read_text()).keys if path.exists() else ()
    signs_from = datetime.now(UTC) + lead if old else None
    ring = KeyRing([SigningKey.generate(algorithm, signs_from), *old][:KEYS_KEPT])
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(ring.to_json())
    os.replace(temporary, path)
    return ring


def main(argv: list[str]) -> int:
    from services.users.settings import UsersSettings

    if argv[:1] != ["rotate"]:
        print("usage: python -m services.users.keys rotate   (embedded key file only)")
        return 2
    ring = rotate_key_file(_state_dir(UsersSettings()) / KEY_FILE)
    new = ring.keys[0]
    when = new.signs_from.strftime("%H:%M:%S UTC") if new.signs_from else "now"
    print(f"published {new.kid}, which signs from {when} (restart users to load it);")
    print(f"signing with {ring.current.kid} until then; published: {[k.kid for k in ring.keys]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
