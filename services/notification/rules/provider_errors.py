"""Providers' error codes, as our failure reasons and as "retry" or "give up"."""

from __future__ import annotations

from bitsacco.notification.v1 import notification_pb2 as pb

# Twilio: https://www.twilio.com/docs/api/errors
_TWILIO = {
    "63016": "OUTSIDE_SERVICE_WINDOW",  # free-form message outside the 24-hour window
    "63003": "RECIPIENT_NOT_ON_WHATSAPP",  # channel could not find the To address
    "63024": "RECIPIENT_NOT_ON_WHATSAPP",  # invalid message recipient
    "21614": "RECIPIENT_NOT_ON_WHATSAPP",  # not a mobile number
    "21211": "RECIPIENT_NOT_ON_WHATSAPP",  # invalid To number
}
TWILIO_TRANSIENT = frozenset({"20429", "20500", "20503", "63038", "30001"})

# Meta: https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes
_WHATSAPP = {
    "131047": "OUTSIDE_SERVICE_WINDOW",  # re-engagement message
    "131026": "RECIPIENT_NOT_ON_WHATSAPP",  # message undeliverable
    "131030": "RECIPIENT_NOT_ON_WHATSAPP",  # recipient not in allowed list
}
WHATSAPP_TRANSIENT = frozenset(
    {"1", "2", "4", "80007", "130429", "131000", "131016", "131048", "131056", "133004"}
)


def failure_reason(provider: int, code: str) -> str:
    table = _TWILIO if provider == pb.PROVIDER_TWILIO else _WHATSAPP
    return table.get(code, "PROVIDER_REJECTED")


def is_transient(provider: int, http_status: int, code: str) -> bool:
    if http_status >= 500 or http_status == 429 or http_status == 0:
        return True
    transient = TWILIO_TRANSIENT if provider == pb.PROVIDER_TWILIO else WHATSAPP_TRANSIENT
    return code in transient
