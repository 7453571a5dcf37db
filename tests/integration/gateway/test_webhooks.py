"""Provider webhooks pass through the gateway without a token and reach the service byte for byte
(so their signatures still verify), with the headers the services check; bodies over 3 MiB are
refused with 413 before any service sees them."""

from __future__ import annotations

import hashlib
import hmac
import json
from urllib.parse import urlencode

from twilio.request_validator import RequestValidator

from tests.integration.gateway.scripted_services import (
    MEDIA_BYTES,
    MEDIA_ID,
    MPESA_TOKEN,
    STORAGE_DOWN,
    TWILIO_AUTH_TOKEN,
    TWILIO_PUBLIC_URL,
    WHATSAPP_APP_SECRET,
    WHATSAPP_VERIFY_TOKEN,
)

FORM = "application/x-www-form-urlencoded"
MAX_BODY = 3 * 1024 * 1024


def _twilio_form(body_text: str) -> tuple[bytes, str]:
    params = {
        "SmsMessageSid": "SM0123456789abcdef0123456789abcdef",
        "MessageSid": "SM0123456789abcdef0123456789abcdef",
        "From": "whatsapp:+254712345678",
        "To": "whatsapp:+14155238886",
        "Body": body_text,
        "NumMedia": "0",
        "ProfileName": "Wanjiru",
    }
    signature = RequestValidator(TWILIO_AUTH_TOKEN).compute_signature(TWILIO_PUBLIC_URL, params)
    return urlencode(params).encode(), signature


def _meta_signature(body: bytes) -> str:
    digest = hmac.new(WHATSAPP_APP_SECRET.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


async def test_twilio_webhook_arrives_byte_for_byte_and_verifies(rest, upstreams):
    body, signature = _twilio_form("Nataka kuweka 500 bob 💰 & save+more=yes%")
    answer = await rest.post(
        "/v1/webhooks/twilio",
        content=body,
        headers={"content-type": FORM, "x-twilio-signature": signature},
    )
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "text/xml"
    assert answer.content == b'<?xml version="1.0" encoding="UTF-8"?><Response/>'
    seen = upstreams.inbox.last("TwilioInbound")
    assert seen.request.http_body.data == body
    assert seen.request.http_body.content_type == FORM
    assert seen.metadata["x-twilio-signature"] == signature
    assert seen.metadata["x-envoy-original-path"] == "/v1/webhooks/twilio"


async def test_tampered_twilio_body_is_refused_by_the_service(rest, upstreams):
    body, signature = _twilio_form("send 100 to 0712345678")
    tampered = body.replace(b"100", b"900")
    answer = await rest.post(
        "/v1/webhooks/twilio",
        content=tampered,
        headers={"content-type": FORM, "x-twilio-signature": signature},
    )
    assert answer.status_code == 403
    assert answer.json()["details"][0]["reason"] == "INVALID_SIGNATURE"
    assert upstreams.inbox.last("TwilioInbound").request.http_body.data == tampered


async def test_whatsapp_verification_handshake(rest, upstreams):
    answer = await rest.get(
        "/v1/webhooks/whatsapp",
        params={
            "hub.mode": "subscribe",
            "hub.verify_token": WHATSAPP_VERIFY_TOKEN,
            "hub.challenge": "1158201444",
        },
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/plain"
    assert answer.text == "1158201444"
    hub = upstreams.inbox.last("WhatsAppVerify").request.hub
    assert (hub.mode, hub.verify_token) == ("subscribe", WHATSAPP_VERIFY_TOKEN)


async def test_whatsapp_wrong_verify_token_is_403(rest):
    answer = await rest.get(
        "/v1/webhooks/whatsapp",
        params={"hub.mode": "subscribe", "hub.verify_token": "wrong", "hub.challenge": "1"},
    )
    assert answer.status_code == 403
    assert answer.json()["details"][0]["reason"] == "VERIFY_TOKEN_MISMATCH"


async def test_whatsapp_payload_up_to_3_mib_arrives_intact(rest, upstreams):
    envelope = b'{"object":"whatsapp_business_account","entry":[{"padding":"'
    body = envelope + b"x" * (MAX_BODY - len(envelope) - 4) + b'"}]}'
    assert len(body) == MAX_BODY
    answer = await rest.post(
        "/v1/webhooks/whatsapp",
        content=body,
        headers={"content-type": "application/json", "x-hub-signature-256": _meta_signature(body)},
    )
    assert answer.status_code == 200, answer.text
    seen = upstreams.inbox.last("WhatsAppInbound")
    assert seen.request.http_body.data == body
    assert seen.metadata["x-hub-signature-256"] == _meta_signature(body)


async def test_over_size_body_is_413_and_never_reaches_the_service(rest, upstreams):
    body = b"{" + b" " * MAX_BODY + b"}"
    before = len(upstreams.inbox.requests())
    answer = await rest.post(
        "/v1/webhooks/whatsapp",
        content=body,
        headers={"content-type": "application/json", "x-hub-signature-256": _meta_signature(body)},
    )
    assert answer.status_code == 413
    assert len(upstreams.inbox.requests()) == before


async def test_daraja_callback_keeps_its_path_token_and_body(rest, upstreams):
    body = json.dumps(
        {
            "Body": {
                "stkCallback": {
                    "MerchantRequestID": "29115-34620561-1",
                    "CheckoutRequestID": "ws_CO_191220191020363925",
                    "ResultCode": 0,
                    "ResultDesc": "The service request is processed successfully.",
                }
            }
        },
        separators=(",", ":"),
    ).encode()
    answer = await rest.post(
        f"/v1/webhooks/mpesa/stk/{MPESA_TOKEN}",
        content=body,
        headers={"content-type": "application/json"},
    )
    assert answer.status_code == 200
    assert answer.json() == {"ResultCode": 0, "ResultDesc": "Accepted"}
    seen = upstreams.inbox.last("MpesaStkCallback")
    assert seen.request.token == MPESA_TOKEN
    assert seen.request.http_body.data == body


async def test_webhook_failure_is_not_retried_by_the_gateway(rest, upstreams):
    """STORAGE_UNAVAILABLE → 503 so the provider retries; the gateway itself does not."""
    before = len([c for c in upstreams.inbox.calls if c.method == "WhatsAppInbound"])
    answer = await rest.post(
        "/v1/webhooks/whatsapp",
        content=STORAGE_DOWN,
        headers={
            "content-type": "application/json",
            "x-hub-signature-256": _meta_signature(STORAGE_DOWN),
        },
    )
    assert answer.status_code == 503
    after = len([c for c in upstreams.inbox.calls if c.method == "WhatsAppInbound"])
    assert after - before == 1


async def test_media_is_served_raw_without_a_token(rest):
    answer = await rest.get(f"/v1/media/{MEDIA_ID}")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "audio/ogg"
    assert answer.content == MEDIA_BYTES
    missing = await rest.get("/v1/media/doesNotExist_0123456789")
    assert missing.status_code == 404
