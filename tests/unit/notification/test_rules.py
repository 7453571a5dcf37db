"""The channel's rules: forward-only delivery states, the 24-hour window, rate limits, media
hosts, templates, filters and page tokens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from bitsacco.notification.v1 import notification_pb2 as pb
from pydantic import ValidationError

from services.notification.rules import rate_limit
from services.notification.rules.delivery_status import (
    DELIVERED,
    FAILED,
    PROCESSED,
    QUEUED,
    READ,
    RECEIVED,
    SENT,
    moves_forward,
    predecessors,
)
from services.notification.rules.media_policy import (
    MediaRefused,
    checked_url,
    host_matches,
    sends_credentials,
)
from services.notification.rules.message_filter import parse_filter
from services.notification.rules.page_tokens import decode_page_token, encode_page_token
from services.notification.rules.retry import backoff_seconds
from services.notification.rules.routing import provider_for
from services.notification.rules.service_window import content_to_send, window_open
from services.notification.rules.wallet_notices import notices_for, operations_alert
from services.notification.service import load_templates
from services.notification.settings import NotificationSettings
from services.runtime.errors import InvalidArgument

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("current", "new", "moves"),
    [
        (QUEUED, SENT, True),
        (SENT, DELIVERED, True),
        (DELIVERED, READ, True),
        (SENT, READ, True),
        (QUEUED, FAILED, True),
        (SENT, FAILED, True),
        (READ, DELIVERED, False),  # a late "delivered" after "read"
        (READ, SENT, False),
        (DELIVERED, SENT, False),
        (DELIVERED, FAILED, False),
        (READ, FAILED, False),
        (FAILED, DELIVERED, False),
        (FAILED, READ, False),
        (READ, READ, False),
        (RECEIVED, READ, False),
        (PROCESSED, FAILED, False),
    ],
)
def test_states_only_move_forward(current, new, moves):
    assert moves_forward(current, new) is moves
    assert (current in predecessors(new)) is moves


TEXT = pb.MessageContent(text="Bitcoin is up")
TEMPLATE = pb.TemplateContent(name="account_notice", language_code="en", parameters=["x"])


@pytest.mark.parametrize(
    ("last", "open_"),
    [
        (None, False),
        (NOW - timedelta(hours=23, minutes=59, seconds=59), True),
        (NOW - timedelta(hours=24), False),
        (NOW - timedelta(days=3), False),
        (NOW - timedelta(seconds=1), True),
    ],
)
def test_the_24_hour_window(last, open_):
    assert window_open(last, NOW) is open_
    decision = content_to_send(pb.CHANNEL_WHATSAPP, TEXT, None, last, NOW)
    assert (decision.content == TEXT) is open_
    assert (decision.content is None) is (not open_)


def test_outside_the_window_free_form_goes_as_the_fallback_template():
    decision = content_to_send(pb.CHANNEL_WHATSAPP, TEXT, TEMPLATE, NOW - timedelta(days=2), NOW)
    assert decision.used_fallback
    assert decision.content == pb.MessageContent(template=TEMPLATE)
    inside = content_to_send(pb.CHANNEL_WHATSAPP, TEXT, TEMPLATE, NOW - timedelta(hours=1), NOW)
    assert inside.content == TEXT and not inside.used_fallback


def test_templates_need_no_window_and_sms_has_none():
    template = pb.MessageContent(template=TEMPLATE)
    assert content_to_send(pb.CHANNEL_WHATSAPP, template, None, None, NOW).content == template
    assert content_to_send(pb.CHANNEL_SMS, TEXT, None, None, NOW).content == TEXT


def test_rate_limit_answers_once_then_stays_quiet():
    assert [rate_limit.decide(n, 100) for n in (1, 100, 101, 102, 500)] == [
        rate_limit.WITHIN,
        rate_limit.WITHIN,
        rate_limit.NOTIFY,
        rate_limit.SKIP,
        rate_limit.SKIP,
    ]


HOSTS = ["api.twilio.com", "*.twiliocdn.com"]


@pytest.mark.parametrize(
    "url",
    [
        "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1",
        "https://media.twiliocdn.com/abc",
        "https://API.TWILIO.COM/x",
    ],
)
def test_media_from_the_providers_hosts_over_https(url):
    assert checked_url(url, HOSTS)


@pytest.mark.parametrize(
    "url",
    [
        "http://api.twilio.com/x",  # not HTTPS
        "https://api.twilio.com.evil.example/x",  # a suffix is not the host
        "https://evilapi.twilio.com/x",  # not listed
        "https://twiliocdn.com/x",  # the wildcard needs a subdomain
        "https://169.254.169.254/latest/meta-data/",  # cloud metadata
        "https://127.0.0.1/x",
        "https://user:pass@api.twilio.com/x",  # credentials in the URL
        "file:///etc/passwd",
        "ftp://api.twilio.com/x",
        "",
    ],
)
def test_media_from_anywhere_else_is_refused(url):
    with pytest.raises(MediaRefused):
        checked_url(url, HOSTS)


def test_credentials_go_only_to_credential_hosts():
    assert sends_credentials("api.twilio.com", ["api.twilio.com"])
    assert not sends_credentials("media.twiliocdn.com", ["api.twilio.com"])
    assert host_matches("a.b.twiliocdn.com", ["*.twiliocdn.com"])
    assert not host_matches("xtwiliocdn.com", ["*.twiliocdn.com"])


def test_backoff_grows_and_is_capped():
    delays = [backoff_seconds(n, 1.0, 60.0, jitter=0) for n in range(1, 9)]
    assert delays == [1, 2, 4, 8, 16, 32, 60, 60]
    assert 0.8 <= backoff_seconds(1, 1.0, 60.0) <= 1.2


def test_routing():
    dev = pb.PROVIDER_DEV_OUTBOX
    assert provider_for(pb.CHANNEL_WHATSAPP, False, False, "") == dev
    assert provider_for(pb.CHANNEL_SMS, False, False, "") == dev
    assert provider_for(pb.CHANNEL_SMS, False, True, "") is None
    assert provider_for(pb.CHANNEL_SMS, True, True, "whatsapp_cloud") == pb.PROVIDER_TWILIO
    assert provider_for(pb.CHANNEL_WHATSAPP, True, True, "whatsapp_cloud") == 2
    assert provider_for(pb.CHANNEL_WHATSAPP, True, True, "") == pb.PROVIDER_TWILIO
    assert provider_for(pb.CHANNEL_WHATSAPP, False, True, "") == pb.PROVIDER_WHATSAPP_CLOUD


def test_shipped_templates_and_their_parameters():
    registry = load_templates()
    code = registry.find("verification_code", "sw")
    assert code is not None and code.parameter_count == 1
    assert code.render(["123456"]).startswith("123456 ni nambari")
    assert registry.find("verification_code", "en_US") == registry.find("verification_code", "en")
    assert registry.find("nothing", "en") is None
    for name in ("price_alert", "deposit_received", "savings_reminder", "dca_receipt"):
        assert registry.find(name, "en") and registry.find(name, "sw"), name
    with pytest.raises(InvalidArgument) as caught:
        registry.check(
            pb.TemplateContent(name="verification_code", language_code="en"), "content.template"
        )
    assert caught.value.reason == "TEMPLATE_PARAMETERS_MISMATCH"


def test_message_filter():
    parsed = parse_filter(
        'phone_number = "+254712345678" AND direction = MESSAGE_DIRECTION_INBOUND AND '
        'state = MESSAGE_STATE_FAILED AND create_time >= "2025-01-01T00:00:00Z"'
    )
    assert parsed.phone_number == "+254712345678"
    assert parsed.equals == {
        "direction": pb.MESSAGE_DIRECTION_INBOUND,
        "state": pb.MESSAGE_STATE_FAILED,
    }
    assert parsed.create_time == [(">=", datetime(2025, 1, 1, tzinfo=UTC))]
    for bad in ("state = NOPE", "body = x", "create_time >= yesterday", "phone_number > 1", "("):
        with pytest.raises(InvalidArgument) as caught:
            parse_filter(bad)
        assert caught.value.reason == "INVALID_FILTER"


def test_page_tokens_belong_to_their_query():
    token = encode_page_token(42, "q1")
    assert decode_page_token(token, "q1") == 42
    assert decode_page_token("", "q1") is None
    for bad in (token, "garbage!", "e30"):
        with pytest.raises(InvalidArgument):
            decode_page_token(bad, "q2")


def test_operations_hear_of_what_needs_a_person_and_nothing_else():
    payload = {
        "withdrawal": "wallets/w1/withdrawals/x1",
        "amount": {"currency_code": "KES", "minor_units": 250000},
        "phone_number": "+254712345678",
        "mpesa_receipt_number": "TK41XYZ0AB",
        "originator_conversation_id": "bitsacco-x1",
        "conversation_id": "AG_20261130_0000123",
        "status_queries": 12,
    }
    contradicted = operations_alert("wallet.withdrawal.paid_after_failure", payload)
    assert "TK41XYZ0AB" in contradicted and "KES 2,500" in contradicted
    assert "bitsacco-x1" in operations_alert("wallet.withdrawal.review_needed", payload)
    assert operations_alert("wallet.withdrawal.failed", payload) is None
    assert notices_for("wallet.withdrawal.paid_after_failure", payload | {"owner": "u"}) == []


def test_operations_phones_are_read_as_e164_and_a_wrong_one_stops_the_start():
    settings = NotificationSettings(service_name="notification", operations_phones=["0712 345 678"])
    assert settings.operations_phones == ["+254712345678"]
    with pytest.raises(ValidationError, match="'12' is not a valid phone number"):
        NotificationSettings(service_name="notification", operations_phones=["12"])
