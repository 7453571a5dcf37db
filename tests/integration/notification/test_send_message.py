"""SendMessage: idempotent by request_id, checked, queued, delivered into the dev outbox while no
provider is configured, readable with GetMessage and ListOutboxMessages; CreateMedia/GetMedia."""

from __future__ import annotations

import asyncio
import uuid

import grpc
import pytest
from bitsacco.notification.v1 import notification_pb2 as pb
from bitsacco.notification.v1 import notification_service_pb2 as api

from tests.harness import details_of
from tests.integration.notification.conftest import new_phone
from tests.integration.notification.identities import (
    ServiceBearer,
    bearer,
    member_token,
    service_token,
)

USERS = ServiceBearer("users")


def code_template(code: str = "123456", language: str = "en") -> pb.TemplateContent:
    return pb.TemplateContent(name="verification_code", language_code=language, parameters=[code])


async def outbox_for(stub, phone: str, count: int = 1) -> list[pb.OutboxMessage]:
    """The dev outbox's messages for `phone`, once there are `count` of them."""
    for _ in range(1500):
        answer = await stub.ListOutboxMessages(
            api.ListOutboxMessagesRequest(recipient_phone=phone), metadata=USERS
        )
        if len(answer.outbox_messages) >= count:
            return list(answer.outbox_messages)
        await asyncio.sleep(0.02)
    raise AssertionError(f"the outbox never had {count} messages for {phone}")


async def test_template_goes_to_the_dev_outbox_once(stub):
    phone = new_phone()
    request = api.SendMessageRequest(
        request_id=str(uuid.uuid4()),
        recipient_phone=phone,
        channel=pb.CHANNEL_WHATSAPP,
        content=pb.MessageContent(template=code_template()),
    )
    first = (await stub.SendMessage(request, metadata=USERS)).message
    assert first.state == pb.MESSAGE_STATE_QUEUED
    assert first.direction == pb.MESSAGE_DIRECTION_OUTBOUND
    assert first.recipient_phone == phone
    again = (await stub.SendMessage(request, metadata=USERS)).message
    assert again.name == first.name

    [captured] = await outbox_for(stub, phone)
    assert captured.message == first.name
    assert captured.content.template.parameters == ["123456"]
    await asyncio.sleep(0.2)  # give a duplicate every chance to appear
    assert len(await outbox_for(stub, phone)) == 1

    message = (
        await stub.GetMessage(api.GetMessageRequest(name=first.name), metadata=USERS)
    ).message
    assert message.state == pb.MESSAGE_STATE_DELIVERED
    assert message.provider == pb.PROVIDER_DEV_OUTBOX
    assert message.attempt_count == 1
    assert message.HasField("send_time") and message.HasField("deliver_time")


async def test_a_reused_request_id_with_another_message_is_refused(stub):
    request_id = str(uuid.uuid4())
    phone = new_phone()
    await stub.SendMessage(
        api.SendMessageRequest(
            request_id=request_id,
            recipient_phone=phone,
            channel=pb.CHANNEL_WHATSAPP,
            content=pb.MessageContent(template=code_template("111111")),
        ),
        metadata=USERS,
    )
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.SendMessage(
            api.SendMessageRequest(
                request_id=request_id,
                recipient_phone=phone,
                channel=pb.CHANNEL_WHATSAPP,
                content=pb.MessageContent(template=code_template("222222")),
            ),
            metadata=USERS,
        )
    assert caught.value.code() == grpc.StatusCode.ALREADY_EXISTS
    assert details_of(caught.value)["ErrorInfo"].reason == "REQUEST_ID_REUSED"


async def test_concurrent_identical_requests_queue_one_message(stub):
    phone = new_phone()
    request = api.SendMessageRequest(
        request_id=str(uuid.uuid4()),
        recipient_phone=phone,
        channel=pb.CHANNEL_SMS,
        content=pb.MessageContent(text="Your code is 987654"),
    )
    answers = await asyncio.gather(*(stub.SendMessage(request, metadata=USERS) for _ in range(8)))
    assert len({a.message.name for a in answers}) == 1
    await outbox_for(stub, phone)
    await asyncio.sleep(0.2)
    assert len(await outbox_for(stub, phone)) == 1


async def test_free_form_whatsapp_outside_the_window_needs_a_template(stub):
    phone = new_phone()
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.SendMessage(
            api.SendMessageRequest(
                request_id=str(uuid.uuid4()),
                recipient_phone=phone,
                channel=pb.CHANNEL_WHATSAPP,
                content=pb.MessageContent(text="Bitcoin is up!"),
            ),
            metadata=USERS,
        )
    assert caught.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    details = details_of(caught.value)
    assert details["ErrorInfo"].reason == "OUTSIDE_SERVICE_WINDOW"
    assert details["PreconditionFailure"].violations[0].subject == f"phones/{phone}"

    fallback = pb.TemplateContent(
        name="account_notice", language_code="en", parameters=["Bitcoin is up!"]
    )
    sent = (
        await stub.SendMessage(
            api.SendMessageRequest(
                request_id=str(uuid.uuid4()),
                recipient_phone=phone,
                channel=pb.CHANNEL_WHATSAPP,
                content=pb.MessageContent(text="Bitcoin is up!"),
                fallback_template=fallback,
            ),
            metadata=USERS,
        )
    ).message
    assert sent.content.template == fallback
    [captured] = await outbox_for(stub, phone)
    assert captured.content.template.name == "account_notice"


async def test_sms_has_no_window(stub):
    phone = new_phone()
    await stub.SendMessage(
        api.SendMessageRequest(
            request_id=str(uuid.uuid4()),
            recipient_phone=phone,
            channel=pb.CHANNEL_SMS,
            content=pb.MessageContent(text="Your code is 123456"),
        ),
        metadata=USERS,
    )
    [captured] = await outbox_for(stub, phone)
    assert (captured.channel, captured.content.text) == (pb.CHANNEL_SMS, "Your code is 123456")


@pytest.mark.parametrize(
    ("template", "reason"),
    [
        (pb.TemplateContent(name="no_such_template", language_code="en"), "UNKNOWN_TEMPLATE"),
        (pb.TemplateContent(name="verification_code", language_code="fr"), "UNKNOWN_TEMPLATE"),
        (
            pb.TemplateContent(name="verification_code", language_code="en"),
            "TEMPLATE_PARAMETERS_MISMATCH",
        ),
    ],
)
async def test_templates_must_be_registered_with_their_parameters(stub, template, reason):
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.SendMessage(
            api.SendMessageRequest(
                request_id=str(uuid.uuid4()),
                recipient_phone=new_phone(),
                channel=pb.CHANNEL_WHATSAPP,
                content=pb.MessageContent(template=template),
            ),
            metadata=USERS,
        )
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert details_of(caught.value)["ErrorInfo"].reason == reason


async def test_only_services_may_send(stub):
    request = api.SendMessageRequest(
        request_id=str(uuid.uuid4()),
        recipient_phone=new_phone(),
        channel=pb.CHANNEL_WHATSAPP,
        content=pb.MessageContent(template=code_template()),
    )
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.SendMessage(request)
    assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.SendMessage(request, metadata=bearer(member_token()))
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert details_of(caught.value)["ErrorInfo"].reason == "CALLER_NOT_A_SERVICE"
    # A member's token that a service obtained to act for them (`act`) is a service call.
    acting = bearer(member_token(actor="services/ai"))
    assert (await stub.SendMessage(request, metadata=acting)).message.name


async def test_media_is_stored_served_and_sent_by_its_public_uri(stub):
    audio = b"OggS" + bytes(range(256)) * 8
    created = (
        await stub.CreateMedia(
            api.CreateMediaRequest(
                request_id=str(uuid.uuid4()),
                media=pb.Media(content_type="audio/ogg; codecs=opus", data=audio),
            ),
            metadata=bearer(service_token("ai")),
        )
    ).media
    assert created.name.startswith("media/") and len(created.name) >= len("media/") + 22
    assert created.uri == f"https://chat.bitsacco.test/v1/{created.name}"
    assert created.size_bytes == len(audio)
    served = await stub.GetMedia(api.GetMediaRequest(name=created.name))  # no token needed
    assert (served.http_body.content_type, served.http_body.data) == (
        "audio/ogg; codecs=opus",
        audio,
    )

    phone = new_phone()
    await stub.SendMessage(
        api.SendMessageRequest(
            request_id=str(uuid.uuid4()),
            recipient_phone=phone,
            channel=pb.CHANNEL_WHATSAPP,
            content=pb.MessageContent(
                media=pb.MediaContent(media=created.name, content_type="audio/ogg; codecs=opus")
            ),
            fallback_template=code_template(),
        ),
        metadata=USERS,
    )
    # Outside the window the fallback template went instead; inside it the uri is public.
    [captured] = await outbox_for(stub, phone)
    assert captured.content.WhichOneof("content") == "template"


async def test_create_media_is_idempotent_and_unknown_media_is_not_found(stub):
    ai = bearer(service_token("ai"))
    request = api.CreateMediaRequest(
        request_id=str(uuid.uuid4()), media=pb.Media(content_type="image/png", data=b"\x89PNG1")
    )
    first = (await stub.CreateMedia(request, metadata=ai)).media
    assert (await stub.CreateMedia(request, metadata=ai)).media.name == first.name
    request.media.data = b"\x89PNG2"
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.CreateMedia(request, metadata=ai)
    assert details_of(caught.value)["ErrorInfo"].reason == "REQUEST_ID_REUSED"

    missing = "media/" + "A" * 32
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.GetMedia(api.GetMediaRequest(name=missing))
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
    assert details_of(caught.value)["ErrorInfo"].reason == "MEDIA_NOT_FOUND"
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.SendMessage(
            api.SendMessageRequest(
                request_id=str(uuid.uuid4()),
                recipient_phone=new_phone(),
                channel=pb.CHANNEL_WHATSAPP,
                content=pb.MessageContent(
                    media=pb.MediaContent(media=missing, content_type="audio/ogg")
                ),
            ),
            metadata=USERS,
        )
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
    assert details_of(caught.value)["ErrorInfo"].reason == "MEDIA_NOT_FOUND"


async def test_get_message_of_an_unknown_id_is_not_found_and_needs_a_service(stub):
    name = f"messages/{uuid.uuid4()}"
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.GetMessage(api.GetMessageRequest(name=name), metadata=bearer(member_token()))
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.GetMessage(api.GetMessageRequest(name=name), metadata=USERS)
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
    assert details_of(caught.value)["ErrorInfo"].reason == "MESSAGE_NOT_FOUND"
    support = bearer(member_token(roles=("ROLE_SUPPORT",)))
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.GetMessage(api.GetMessageRequest(name=name), metadata=support)
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND


async def test_outbox_pages_in_sequence_order(stub):
    phone = new_phone()
    names = []
    for i in range(5):
        sent = await stub.SendMessage(
            api.SendMessageRequest(
                request_id=str(uuid.uuid4()),
                recipient_phone=phone,
                channel=pb.CHANNEL_SMS,
                content=pb.MessageContent(text=f"message {i}"),
            ),
            metadata=USERS,
        )
        names.append(sent.message.name)
    everything = await outbox_for(stub, phone, 5)
    assert [m.message for m in everything] == names  # one member's messages keep their order
    sequences = [m.sequence for m in everything]
    assert sequences == sorted(sequences)

    page = await stub.ListOutboxMessages(
        api.ListOutboxMessagesRequest(recipient_phone=phone, page_size=2), metadata=USERS
    )
    seen = [m.sequence for m in page.outbox_messages]
    while page.next_page_token:
        page = await stub.ListOutboxMessages(
            api.ListOutboxMessagesRequest(
                recipient_phone=phone, page_size=2, page_token=page.next_page_token
            ),
            metadata=USERS,
        )
        seen += [m.sequence for m in page.outbox_messages]
    assert seen == sequences
    later = await stub.ListOutboxMessages(
        api.ListOutboxMessagesRequest(recipient_phone=phone, after_sequence=sequences[2]),
        metadata=USERS,
    )
    assert [m.sequence for m in later.outbox_messages] == sequences[3:]
