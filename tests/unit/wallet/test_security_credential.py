"""Daraja's SecurityCredential: pre-encrypted, or the initiator password encrypted at start-up
with Safaricom's certificate (RSA, PKCS#1 v1.5, base64)."""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID

from services.wallet.app import security_credential
from services.wallet.settings import WalletSettings

PASSWORD = "Safaricom999!*!"


def certificate(key) -> bytes:
    """A self-signed certificate for `key`, PEM (what Safaricom publishes, for our own key)."""
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "apicrypt.safaricom.co.ke")])
    moment = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(moment - timedelta(days=1))
        .not_valid_after(moment + timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM)


def live(**values) -> WalletSettings:
    return WalletSettings(service_name="wallet", mpesa_mode="live", **values)


def test_the_password_is_encrypted_with_the_certificate(tmp_path):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path = tmp_path / "ProductionCertificate.cer"
    path.write_bytes(certificate(key))
    settings = live(mpesa_initiator_password=PASSWORD, mpesa_certificate_path=path)
    credential = security_credential(settings)
    encrypted = base64.b64decode(credential, validate=True)
    assert len(encrypted) == 256  # one RSA-2048 block
    assert key.decrypt(encrypted, padding.PKCS1v15()).decode() == PASSWORD
    # PKCS#1 v1.5 padding is random: each start-up encrypts afresh, to the same password.
    assert security_credential(settings) != credential


def test_a_pre_encrypted_credential_is_used_as_given():
    assert security_credential(live(mpesa_security_credential="Zm9vYmFy")) == "Zm9vYmFy"


def test_a_missing_or_half_or_double_configuration_refuses_to_start(tmp_path):
    path = tmp_path / "cert.pem"
    path.write_bytes(certificate(rsa.generate_private_key(public_exponent=65537, key_size=2048)))
    with pytest.raises(ValueError, match=r"MPESA_SECURITY_CREDENTIAL.*MPESA_INITIATOR_PASSWORD"):
        security_credential(live())
    with pytest.raises(ValueError, match="MPESA_CERTIFICATE_PATH"):
        security_credential(live(mpesa_initiator_password=PASSWORD))
    with pytest.raises(ValueError, match="not both"):
        security_credential(
            live(
                mpesa_security_credential="Zm9vYmFy",
                mpesa_initiator_password=PASSWORD,
                mpesa_certificate_path=path,
            )
        )


def test_an_unreadable_or_unsuitable_certificate_refuses_to_start(tmp_path):
    cases = {
        tmp_path / "missing.pem": None,
        tmp_path / "garbage.pem": b"not a certificate",
        tmp_path / "ec.pem": certificate(ec.generate_private_key(ec.SECP256R1())),
    }
    for path, content in cases.items():
        if content is not None:
            path.write_bytes(content)
        settings = live(mpesa_initiator_password=PASSWORD, mpesa_certificate_path=path)
        with pytest.raises(ValueError, match=re.escape(f"MPESA_CERTIFICATE_PATH={path}:")):
            security_credential(settings)
