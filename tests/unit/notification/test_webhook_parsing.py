"""Reading Twilio's form fields and Meta's JSON into inbound messages and status updates."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from bitsacco.notification.v1 import notification_pb2 as pb

from services.notification.webhooks import twilio_form, whatsapp_cloud
from services.notification.webhooks.events import MalformedWebhook


def form(**fields) -> twilio_form.FormFields:
    return twilio_form.parse_form(urlencode(fields).encode())


BASE = {"MessageSid": "SM1", "From": "whatsapp:+254712345678", "To": "whatsapp:+14155238886"}


def test_twilio_text():
    message = twilio_form.inbound_message(form(**BASE, Body="Habari", ProfileName="Amina"))
    assert (message.sender_phone, message.recipient_phone) == ("+254712345678", "+14155238886")
    assert message.channel == pb.CHANNEL_WHATSAPP
    assert message.content == pb.MessageContent(text="Habari")
    assert message.profile_name == "Amina"
    assert message.dedupe_key == f"{pb.PROVIDER_TWILIO}:SM1"


def test_twilio_voice_note_and_sms():
    message = twilio_form.inbound_message(
        form(
            **BASE,
            Body="",
            NumMedia="1",
            MediaUrl0="https://api.twilio.com/m",
            MediaContentType0="audio/ogg",
        )
    )
    assert message.content.media.content_type == "audio/ogg"
    assert message.remote_media == "https://api.twilio.com/m"
    sms = twilio_form.inbound_message(form(MessageSid="SM2", From="0712345678", To="+14155238886"))
    assert sms.channel == pb.CHANNEL_SMS and sms.sender_phone == "+254712345678"


def test_twilio_button_and_list_replies():
    button = twilio_form.inbound_message(
        form(**BASE, Body="Ndio", ButtonPayload="confirm:yes", ButtonText="Ndio")
    )
    assert button.content.interactive_reply == pb.InteractiveReply(id="confirm:yes", title="Ndio")
    picked = twilio_form.inbound_message(form(**BASE, ListId="chama:1", ListTitle="Umoja"))
    assert picked.content.interactive_reply == pb.InteractiveReply(id="chama:1", title="Umoja")


@pytest.mark.parametrize(
    "fields",
    [
        {"From": "whatsapp:+254712345678"},  # no MessageSid
        {"MessageSid": "SM1"},  # no sender
        {"MessageSid": "SM1", "From": "whatsapp:hello"},  # not a number
        {**BASE, "NumMedia": "many"},
    ],
)
def test_twilio_malformed(fields):
    with pytest.raises(MalformedWebhook):
        twilio_form.inbound_message(form(**fields))


def test_twilio_status_values():
    assert twilio_form.status_update(form(MessageSid="SM1", MessageStatus="read")).state == 4
    failed = twilio_form.status_update(
        form(MessageSid="SM1", MessageStatus="undelivered", ErrorCode="63016")
    )
    assert (failed.state, failed.error_code) == (pb.MESSAGE_STATE_FAILED, "63016")
    assert twilio_form.status_update(form(MessageSid="SM1", MessageStatus="sending")) is None
    with pytest.raises(MalformedWebhook):
        twilio_form.status_update(form(MessageStatus="read"))


def test_a_non_form_body_is_malformed():
    with pytest.raises(MalformedWebhook):
        twilio_form.parse_form(b"\xff\xfe")
    with pytest.raises(MalformedWebhook):
        twilio_form.parse_form(b"no-equals-sign")


def meta(messages=(), statuses=()) -> bytes:
    value = {
        "metadata": {"display_phone_number": "15550783881"},
        "contacts": [{"wa_id": "254712345678", "profile": {"name": "Juma"}}],
    }
    value["messages"], value["statuses"] = list(messages), list(statuses)
    return json.dumps(
        {
            "object": "whatsapp_business_account",
            "entry": [{"changes": [{"field": "messages", "value": value}]}],
        }
    ).encode()


def test_meta_messages_of_each_kind():
    batch = whatsapp_cloud.parse_batch(
        meta(
            [
                {"from": "254712345678", "id": "w1", "type": "text", "text": {"body": "hi"}},
                {
                    "from": "254712345678",
                    "id": "w2",
                    "type": "audio",
                    "audio": {"id": "m1", "mime_type": "audio/ogg; codecs=opus"},
                },
                {
                    "from": "254712345678",
                    "id": "w3",
                    "type": "interactive",
                    "interactive": {"type": "list_reply", "list_reply": {"id": "r", "title": "R"}},
                },
                {
                    "from": "254712345678",
                    "id": "w4",
                    "type": "button",
                    "button": {"payload": "p", "text": "Stop"},
                },
                {"from": "254712345678", "id": "w5", "type": "location", "location": {}},
            ]
        )
    )
    text, audio, listed, button, location = batch.messages
    assert text.content.text == "hi" and text.profile_name == "Juma"
    assert text.recipient_phone == "+15550783881"  # a test number: kept as ours anyway
    assert (audio.remote_media, audio.content.media.content_type) == (
        "m1",
        "audio/ogg; codecs=opus",
    )
    assert listed.content.interactive_reply == pb.InteractiveReply(id="r", title="R")
    assert button.content.interactive_reply == pb.InteractiveReply(id="p", title="Stop")
    assert location.content.text == ""


def test_meta_statuses():
    batch = whatsapp_cloud.parse_batch(
        meta(
            statuses=[
                {"id": "w1", "status": "delivered", "timestamp": "1700000000"},
                {
                    "id": "w2",
                    "status": "failed",
                    "timestamp": "1700000001",
                    "errors": [{"code": 131047, "title": "Re-engagement message"}],
                },
                {"id": "w3", "status": "deleted"},
            ]
        )
    )
    delivered, failed = batch.statuses
    assert delivered.state == pb.MESSAGE_STATE_DELIVERED and delivered.at.timestamp() == 1700000000
    assert (failed.state, failed.error_code) == (pb.MESSAGE_STATE_FAILED, "131047")


@pytest.mark.parametrize(
    "body",
    [b"not json", b"[]", b'{"entry": "x"}', meta([{"id": "w1", "type": "text"}])],
)
def test_meta_malformed(body):
    with pytest.raises(MalformedWebhook):
        whatsapp_cloud.parse_batch(body)
