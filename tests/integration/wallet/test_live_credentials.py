"""The live M-Pesa mode: the initiator password is encrypted with Safaricom's certificate when the
wallet starts and goes out as the SecurityCredential; without a credential the wallet does not
start. Daraja is the local fake, reached through the real client as Safaricom would be."""

from __future__ import annotations

import base64
import uuid

import pytest
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from services.runtime.bootstrap import open_resources
from services.wallet.adapters.fake_daraja import FakeDaraja
from services.wallet.app import assemble
from services.wallet.settings import WalletSettings
from tests.unit.wallet.test_security_credential import PASSWORD, certificate


@pytest.fixture
async def daraja():
    fake = FakeDaraja()
    await fake.start()
    yield fake
    await fake.stop()


def live_settings(fake: FakeDaraja, tmp_path, **credential) -> WalletSettings:
    return WalletSettings(
        service_name="wallet",
        state_dir=tmp_path,
        mpesa_mode="live",
        daraja_base_url=fake.url,
        mpesa_consumer_key=fake.consumer_key,
        mpesa_consumer_secret=fake.consumer_secret,
        mpesa_shortcode=fake.shortcode,
        mpesa_passkey=fake.passkey,
        mpesa_b2c_shortcode=fake.b2c_shortcode,
        mpesa_initiator_name=fake.initiator_name,
        mpesa_callback_token="token",
        **credential,
    )


async def test_the_payout_carries_the_password_encrypted_at_start_up(daraja, tmp_path):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path = tmp_path / "SandboxCertificate.cer"
    path.write_bytes(certificate(key))
    settings = live_settings(
        daraja, tmp_path, mpesa_initiator_password=PASSWORD, mpesa_certificate_path=path
    )
    async with open_resources(settings) as resources:
        app = await assemble(resources, settings)
        try:
            assert app.fake_daraja is None  # the live mode: Daraja is only reached over HTTP
            await app.daraja.b2c(
                originator_conversation_id=str(uuid.uuid4()),
                amount_kes=100,
                phone_e164="+254712345678",
                result_url=app.urls.b2c_result,
                timeout_url=app.urls.b2c_timeout,
                remarks="Bitsacco withdrawal",
            )
        finally:
            await app.close()
    sent = next(body for kind, body in daraja.requests if kind == "b2c")
    encrypted = base64.b64decode(sent["SecurityCredential"], validate=True)
    assert key.decrypt(encrypted, padding.PKCS1v15()).decode() == PASSWORD


async def test_a_live_wallet_without_a_credential_does_not_start(daraja, tmp_path):
    settings = live_settings(daraja, tmp_path)
    async with open_resources(settings) as resources:
        with pytest.raises(ValueError, match="MPESA_MODE=live needs"):
            await assemble(resources, settings)
    assert daraja.requests == []
