"""Webhook signatures: Twilio's published vectors through our verification (the SDK's
RequestValidator over the form body as sent), our own URL, and Meta's raw-bytes HMAC."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from twilio.request_validator import RequestValidator

from services.notification.webhooks import twilio_form, whatsapp_cloud
from tests.conftest import SHARED

VECTORS = json.loads((SHARED / "vectors" / "webhooks.json").read_text())
FORM_VECTORS = [v for v in VECTORS["twilio_signature"] if "params" in v]


def form_body(params: dict) -> bytes:
    return urlencode(params, doseq=True).encode()


@pytest.mark.parametrize("vector", FORM_VECTORS, ids=lambda v: v["note"][:30])
def test_twilio_published_vectors(vector):
    body = form_body(vector["params"])
    assert twilio_form.signature_valid(
        vector["url"], body, vector["signature"], "", vector["auth_token"], None
    )
    # The validator also accepts the URL with the default port written out.
    with_port = vector["url"].replace("mycompany.com", "mycompany.com:443")
    assert twilio_form.signature_valid(
        with_port, body, vector["signature"], "", vector["auth_token"], None
    )


@pytest.mark.parametrize("vector", FORM_VECTORS, ids=lambda v: v["note"][:30])
def test_twilio_vectors_fail_when_anything_changes(vector):
    body = form_body(vector["params"])
    token, url, signature = vector["auth_token"], vector["url"], vector["signature"]
    assert not twilio_form.signature_valid(url, body, signature, "", "54321", None)
    assert not twilio_form.signature_valid(url + "&baz=3", body, signature, "", token, None)
    assert not twilio_form.signature_valid(
        url.replace("https://", "http://"), body, signature, "", token, None
    )
    assert not twilio_form.signature_valid(url, body + b"&Extra=1", signature, "", token, None)
    assert not twilio_form.signature_valid(url, body, "", "", token, None)
    assert not twilio_form.signature_valid(url, body, signature, "", None, None)


def test_twilio_repeated_keys_are_signed_sorted_and_deduplicated():
    vector = next(v for v in FORM_VECTORS if isinstance(v["params"].get("Digits"), list))
    shuffled = dict(vector["params"], Digits=["1234", "5678"])
    assert twilio_form.signature_valid(
        vector["url"], form_body(shuffled), vector["signature"], "", vector["auth_token"], None
    )


OUR_URL = "https://chat.bitsacco.africa/v1/webhooks/twilio"


def test_our_own_url_with_a_whatsapp_message():
    params = {
        "MessageSid": "SM" + "a" * 32,
        "From": "whatsapp:+254712345678",
        "To": "whatsapp:+14155238886",
        "Body": "Tuma 500 kwa Wanjiku & asante!",  # '&' and spaces survive form encoding
        "NumMedia": "0",
        "ProfileName": "Wanjiku N.",
    }
    signature = RequestValidator("our-token").compute_signature(OUR_URL, params)
    body = form_body(params)
    assert twilio_form.signature_valid(OUR_URL, body, signature, "", "our-token", None)
    # The same request rebuilt from a Host/X-Forwarded-* guess does not verify.
    for guess in (
        "http://chat.bitsacco.africa/v1/webhooks/twilio",
        "https://notification:50056/v1/webhooks/twilio",
        OUR_URL + "/",
    ):
        assert not twilio_form.signature_valid(guess, body, signature, "", "our-token", None)
    # Nothing is trimmed: a trailing space in the body is a different message.
    spaced = form_body({**params, "Body": params["Body"] + " "})
    assert not twilio_form.signature_valid(OUR_URL, spaced, signature, "", "our-token", None)


def test_twilio_shared_key_signatures_use_the_named_algorithm():
    params = {"MessageSid": "SM1", "From": "whatsapp:+254712345678", "Body": "hi"}
    signature = RequestValidator("shared-secret").compute_signature(
        OUR_URL, params, algorithm="HMAC_SHA256"
    )
    settings_header = "key=webhooks_sharedkey_1,algorithm=HMAC_SHA256"
    body = form_body(params)
    assert twilio_form.signature_valid(
        OUR_URL, body, signature, settings_header, "auth-token", "shared-secret"
    )
    # Without the shared key configured, or verified as SHA-1 with the auth token: refused.
    assert not twilio_form.signature_valid(
        OUR_URL, body, signature, settings_header, "auth-token", None
    )
    assert not twilio_form.signature_valid(OUR_URL, body, signature, "", "shared-secret", None)


@pytest.mark.parametrize("vector", VECTORS["meta_x_hub_signature_256"])
def test_meta_signature_is_over_the_raw_bytes(vector):
    raw = vector["raw_body"].encode()
    assert whatsapp_cloud.signature_valid(raw, vector["header"], vector["app_secret"])
    assert whatsapp_cloud.signature_valid(
        raw, vector["header"].upper().replace("SHA256=", "sha256="), vector["app_secret"]
    )
    assert not whatsapp_cloud.signature_valid(raw + b" ", vector["header"], vector["app_secret"])
    assert not whatsapp_cloud.signature_valid(raw, vector["header"], "other-secret")
    assert not whatsapp_cloud.signature_valid(
        raw, vector["header"].removeprefix("sha256="), vector["app_secret"]
    )
    assert not whatsapp_cloud.signature_valid(raw, vector["header"], None)


def test_meta_signature_of_a_json_body_depends_on_its_exact_bytes():
    import hashlib
    import hmac

    payload = {"object": "whatsapp_business_account", "entry": []}
    raw = json.dumps(payload, indent=2).encode()
    header = "sha256=" + hmac.new(b"s3cret", raw, hashlib.sha256).hexdigest()
    assert whatsapp_cloud.signature_valid(raw, header, "s3cret")
    assert not whatsapp_cloud.signature_valid(json.dumps(payload).encode(), header, "s3cret")


def test_meta_verify_token_is_compared_exactly():
    assert whatsapp_cloud.verify_token_matches("meatyhamhock", "meatyhamhock")
    assert not whatsapp_cloud.verify_token_matches("meatyhamhoc", "meatyhamhock")
    assert not whatsapp_cloud.verify_token_matches("", None)
