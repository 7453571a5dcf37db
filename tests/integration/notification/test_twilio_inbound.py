"""Twilio inbound webhooks: verified against the configured public URL, stored once, processed in
order per member by the worker (scripted ai behind the real contract), replies queued once."""

from __future__ import annotations

import asyncio

import grpc
import pytest
from bitsacco.notification.v1 import notification_pb2 as pb
from bitsacco.notification.v1 import notification_service_pb2 as api
from google.api import httpbody_pb2

from tests.harness import details_of
from tests.integration.notification.channel import (
    FORM,
    messages_of,
    new_sid,
    post_twilio,
    settled,
    signed_twilio,
    texts_sent,
    twilio_params,
)
from tests.integration.notification.conftest import new_phone
from tests.integration.notification.identities import bearer, service_token


@pytest.fixture
async def chat(serve_notification, scripted):
    async with serve_notification(**scripted.settings) as svc:
        from bitsacco.notification.v1 import notification_service_pb2_grpc

        yield notification_service_pb2_grpc.NotificationServiceStub(svc.channel), scripted


async def test_a_text_message_is_answered_once(chat):
    stub, scripted = chat
    phone = new_phone()
    answer = await post_twilio(stub, twilio_params(phone, "habari"))
    assert answer.http_body.content_type == "text/xml"
    assert b"<Response/>" in answer.http_body.data

    found = await settled(stub, phone, inbound=1, outbound=1)
    inbound, reply = found
    assert inbound.state == pb.MESSAGE_STATE_PROCESSED
    assert (inbound.sender_phone, inbound.content.text) == (phone, "habari")
    assert inbound.sender_profile_name == "Wanjiku"
    assert reply.content.text == "You said: habari"
    assert reply.state == pb.MESSAGE_STATE_DELIVERED  # the dev outbox

    [turn] = scripted.ai.runs
    assert turn.name == f"conversations/{phone[1:]}/turns/{inbound.name.split('/')[1]}"
    assert turn.channel_message_id == inbound.provider_message_id
    assert turn.profile_name == "Wanjiku"
    assert scripted.ai.callers == {"services/notification"}


@pytest.mark.parametrize(
    "signed_url",
    [
        # What a handler that trusted Host / X-Forwarded-* would have rebuilt.
        "https://attacker.example/v1/webhooks/twilio",
        "http://chat.bitsacco.test/v1/webhooks/twilio",
        "https://chat.bitsacco.test/v1/webhooks/twilio/status",
    ],
)
async def test_a_signature_for_another_url_is_refused_and_nothing_is_stored(chat, signed_url):
    stub, _ = chat
    phone = new_phone()
    body, metadata = signed_twilio(twilio_params(phone, "hi"), url=signed_url)
    forwarded = (("x-forwarded-host", "attacker.example"), ("x-forwarded-proto", "https"))
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.TwilioInbound(
            api.TwilioInboundRequest(http_body=httpbody_pb2.HttpBody(content_type=FORM, data=body)),
            metadata=metadata + forwarded,
        )
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert details_of(caught.value)["ErrorInfo"].reason == "INVALID_SIGNATURE"
    assert await messages_of(stub, phone) == []


async def test_missing_or_tampered_signatures_are_refused(chat):
    stub, _ = chat
    phone = new_phone()
    body, metadata = signed_twilio(twilio_params(phone, "send 100"))
    for data, md in [
        (body, ()),  # no signature
        (body.replace(b"send+100", b"send+900"), metadata),  # the body changed after signing
        (body + b"&Extra=1", metadata),  # a field added
        (body.replace(b"Body=", b"Body=+"), metadata),  # not trimmed: a space changes it
    ]:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await stub.TwilioInbound(
                api.TwilioInboundRequest(
                    http_body=httpbody_pb2.HttpBody(content_type=FORM, data=data)
                ),
                metadata=md,
            )
        assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert await messages_of(stub, phone) == []


async def test_a_signed_but_unreadable_webhook_is_malformed(chat):
    stub, _ = chat
    params = twilio_params(new_phone(), "hi")
    del params["From"]
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await post_twilio(stub, params)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert details_of(caught.value)["ErrorInfo"].reason == "MALFORMED_WEBHOOK"


async def test_retried_and_concurrent_duplicates_are_processed_once(chat):
    stub, scripted = chat
    phone = new_phone()
    params = twilio_params(phone, "salio", sid=new_sid())
    await post_twilio(stub, params)
    await asyncio.gather(*(post_twilio(stub, params) for _ in range(10)))
    await post_twilio(stub, params)
    found = await settled(stub, phone, inbound=1, outbound=1)
    await asyncio.sleep(0.3)  # a second turn or reply would have time to show up
    found = await messages_of(stub, phone)
    assert len(found) == 2
    inbound_id = found[0].name.split("/")[1]
    assert scripted.ai.calls[inbound_id] == 1
    assert texts_sent(found) == ["You said: salio"]


async def test_concurrent_first_deliveries_store_one_message(chat):
    stub, scripted = chat
    phone = new_phone()
    params = twilio_params(phone, "moja", sid=new_sid())
    answers = await asyncio.gather(*(post_twilio(stub, params) for _ in range(20)))
    assert all(b"<Response/>" in a.http_body.data for a in answers)
    await settled(stub, phone, inbound=1, outbound=1)
    await asyncio.sleep(0.3)
    found = await messages_of(stub, phone)
    assert [m.direction for m in found] == [
        pb.MESSAGE_DIRECTION_INBOUND,
        pb.MESSAGE_DIRECTION_OUTBOUND,
    ]
    assert len(scripted.ai.runs) == 1


async def test_a_members_messages_are_processed_in_order(chat):
    stub, scripted = chat
    phone = new_phone()
    words = [f"message {i}" for i in range(8)]
    for word in words:
        await post_twilio(stub, twilio_params(phone, word))
    found = await settled(stub, phone, inbound=8, outbound=8)
    assert [t.text for t in scripted.ai.runs] == words
    assert texts_sent(found) == [f"You said: {w}" for w in words]


async def test_button_and_list_replies_reach_the_assistant_with_their_ids(chat):
    stub, scripted = chat
    phone = new_phone()
    await post_twilio(
        stub, twilio_params(phone, "Yes", ButtonPayload="confirm:yes", ButtonText="Yes")
    )
    await post_twilio(stub, twilio_params(phone, "Umoja", ListId="chama:umoja", ListTitle="Umoja"))
    found = await settled(stub, phone, inbound=2, outbound=2)
    assert [(t.reply_id, t.text) for t in scripted.ai.runs] == [
        ("confirm:yes", "Yes"),
        ("chama:umoja", "Umoja"),
    ]
    assert found[0].content.interactive_reply == pb.InteractiveReply(id="confirm:yes", title="Yes")


async def test_replies_are_rendered_within_whatsapp_limits(chat):
    stub, _ = chat
    phone = new_phone()
    for text in ("buttons", "many buttons", "long"):
        await post_twilio(stub, twilio_params(phone, text))
    found = await settled(stub, phone, inbound=3, outbound=4)
    outs = [m.content for m in found if m.direction == pb.MESSAGE_DIRECTION_OUTBOUND]
    assert [c.WhichOneof("content") for c in outs] == ["buttons", "list", "text", "text"]
    assert [b.id for b in outs[0].buttons.buttons] == ["confirm:yes", "confirm:no", "confirm:later"]
    assert [r.id for r in outs[1].list.sections[0].rows] == [f"b{i}" for i in range(5)]
    assert outs[1].list.button_label == "Choose"
    assert all(len(c.text) <= 4096 for c in outs[2:])
    assert " ".join(c.text for c in outs[2:]) == ("word " * 1000).strip()


async def test_sms_replies_number_their_options(chat):
    stub, _ = chat
    phone = new_phone()
    params = twilio_params(phone, "buttons")
    params["From"], params["To"] = phone, "+14155238886"
    await post_twilio(stub, params)
    found = await settled(stub, phone, inbound=1, outbound=1)
    assert found[0].channel == pb.CHANNEL_SMS
    assert texts_sent(found) == ["Confirm?\n\n1. Yes\n2. No\n3. Later"]


async def test_the_member_has_100_messages_a_minute_then_a_polite_reply(
    serve_notification, scripted
):
    async with serve_notification(**scripted.settings, inbound_rate_limit_per_minute=3) as svc:
        from bitsacco.notification.v1 import notification_service_pb2_grpc

        stub = notification_service_pb2_grpc.NotificationServiceStub(svc.channel)
        phone = new_phone()
        for i in range(6):
            await post_twilio(stub, twilio_params(phone, f"spam {i}"))
        found = await settled(stub, phone, inbound=6, outbound=4)
        assert [t.text for t in scripted.ai.runs] == ["spam 0", "spam 1", "spam 2"]
        sent = texts_sent(found)
        assert sent[:3] == ["You said: spam 0", "You said: spam 1", "You said: spam 2"]
        assert len(sent) == 4 and "Please wait" in sent[3] and "Tafadhali subiri" in sent[3]
        limited = [m for m in found if m.direction == pb.MESSAGE_DIRECTION_INBOUND][3:]
        assert {m.state for m in limited} == {pb.MESSAGE_STATE_FAILED}
        reasons = set()
        for m in limited:
            from google.rpc import error_details_pb2

            info = error_details_pb2.ErrorInfo()
            m.error.details[0].Unpack(info)
            reasons.add(info.reason)
        assert reasons == {"RATE_LIMITED"}


async def test_free_form_messages_may_go_inside_the_window(chat):
    stub, _ = chat
    phone = new_phone()
    await post_twilio(stub, twilio_params(phone, "hi"))
    await settled(stub, phone, inbound=1, outbound=1)
    import uuid

    sent = await stub.SendMessage(
        api.SendMessageRequest(
            request_id=str(uuid.uuid4()),
            recipient_phone=phone,
            channel=pb.CHANNEL_WHATSAPP,
            content=pb.MessageContent(text="Your deposit arrived."),
        ),
        metadata=bearer(service_token("wallet")),
    )
    assert sent.message.content.text == "Your deposit arrived."
