"""Twilio as the provider: the real SDK sends to a local server speaking Twilio's REST API;
retries with backoff, permanent failures, interactive Content, templates, status callbacks that
only move forward, and voice notes downloaded over HTTPS from Twilio's own hosts only."""

from __future__ import annotations

import asyncio
import functools
import itertools
import json
import uuid

import pytest
from bitsacco.notification.v1 import notification_pb2 as pb
from bitsacco.notification.v1 import notification_service_pb2 as api
from bitsacco.notification.v1 import notification_service_pb2_grpc
from google.rpc import error_details_pb2

from services.notification.service import build
from tests.integration.notification.channel import (
    messages_of,
    post_twilio,
    post_twilio_status,
    settled,
    twilio_params,
)
from tests.integration.notification.conftest import STATUS_URL, TWILIO_TOKEN, new_phone
from tests.integration.notification.fake_providers import FakeMediaHost, FakeTwilio, basic_auth
from tests.integration.notification.identities import ServiceBearer
from tests.integration.notification.test_crash_recovery import crash_at
from tests.integration.notification.tls import make_tls

ACCOUNT = "AC" + "1" * 32
BUSINESS = "+14155238886"
WALLET = ServiceBearer("wallet")


class World:
    def __init__(self, twilio, api_media, cdn, evil, ca_file, scripted) -> None:
        self.twilio = twilio
        self.api_media = api_media  # Twilio's own media URLs (credentials required)
        self.cdn = cdn  # where Twilio redirects media downloads (no credentials)
        self.evil = evil  # a host that is not Twilio's
        self.scripted = scripted
        self.settings = {
            **scripted.settings,
            "twilio_account_sid": ACCOUNT,
            "twilio_auth_token": TWILIO_TOKEN,
            "twilio_api_base_url": twilio.base_url,
            "twilio_content_base_url": twilio.base_url,
            "business_phone": BUSINESS,
            "twilio_template_content_sids": {"verification_code:en": "HXverificationcode"},
            "twilio_media_hosts": ["127.0.0.1", "127.0.0.3"],
            "twilio_media_credential_hosts": ["127.0.0.1"],
            "provider_ca_file": str(ca_file),
        }


@pytest.fixture
async def world(scripted, tmp_path):
    ca_file, server_tls = make_tls(tmp_path)
    twilio = await FakeTwilio(ACCOUNT, TWILIO_TOKEN).start()
    api_media = await FakeMediaHost(
        needs_auth=basic_auth(ACCOUNT, TWILIO_TOKEN), host="127.0.0.1", ssl_context=server_tls
    ).start()
    cdn = await FakeMediaHost(host="127.0.0.3", ssl_context=server_tls).start()
    evil = await FakeMediaHost(host="127.0.0.2", ssl_context=server_tls).start()
    try:
        yield World(twilio, api_media, cdn, evil, ca_file, scripted)
    finally:
        for server in (twilio, api_media, cdn, evil):
            await server.stop()


@pytest.fixture
async def stub(serve_notification, world):
    async with serve_notification(**world.settings) as svc:
        yield notification_service_pb2_grpc.NotificationServiceStub(svc.channel)


async def sent_state(stub, name: str, state: int, tries: int = 1500) -> pb.Message:
    for _ in range(tries):
        message = (await stub.GetMessage(api.GetMessageRequest(name=name), metadata=WALLET)).message
        if message.state == state:
            return message
        await asyncio.sleep(0.02)
    raise AssertionError(f"{name} is {pb.MessageState.Name(message.state)}")


def reason_of(message: pb.Message) -> tuple[str, dict]:
    info = error_details_pb2.ErrorInfo()
    message.error.details[0].Unpack(info)
    return info.reason, dict(info.metadata)


async def send(stub, phone: str, content: pb.MessageContent, **kw) -> pb.Message:
    request = api.SendMessageRequest(
        request_id=str(uuid.uuid4()),
        recipient_phone=phone,
        channel=kw.pop("channel", pb.CHANNEL_WHATSAPP),
        content=content,
        **kw,
    )
    return (await stub.SendMessage(request, metadata=WALLET)).message


def code_template() -> pb.MessageContent:
    return pb.MessageContent(
        template=pb.TemplateContent(
            name="verification_code", language_code="en", parameters=["123456"]
        )
    )


async def test_a_reply_goes_out_through_twilio_with_a_status_callback(stub, world):
    phone = new_phone()
    await post_twilio(stub, twilio_params(phone, "habari"))
    found = await settled(stub, phone, inbound=1, outbound=1)
    reply = found[1]
    assert reply.state == pb.MESSAGE_STATE_SENT
    assert reply.provider == pb.PROVIDER_TWILIO
    [created] = world.twilio.created
    assert created["To"] == [f"whatsapp:{phone}"]
    assert created["From"] == [f"whatsapp:{BUSINESS}"]
    assert created["Body"] == ["You said: habari"]
    assert created["StatusCallback"] == [STATUS_URL]
    assert reply.provider_message_id.startswith("SM")


async def test_templates_go_by_content_sid_with_their_variables(stub, world):
    message = await send(stub, new_phone(), code_template())
    await sent_state(stub, message.name, pb.MESSAGE_STATE_SENT)
    [created] = world.twilio.created
    assert created["ContentSid"] == ["HXverificationcode"]
    assert json.loads(created["ContentVariables"][0]) == {"1": "123456"}
    assert "Body" not in created


async def test_buttons_become_a_content_resource_created_once(stub, world):
    phone = new_phone()
    await post_twilio(stub, twilio_params(phone, "buttons"))
    await post_twilio(stub, twilio_params(phone, "buttons"))
    await settled(stub, phone, inbound=2, outbound=2)
    [content] = world.twilio.contents
    assert content["types"]["twilio/quick-reply"] == {
        "body": "Confirm?",
        "actions": [
            {"title": "Yes", "id": "confirm:yes"},
            {"title": "No", "id": "confirm:no"},
            {"title": "Later", "id": "confirm:later"},
        ],
    }
    sids = [c["ContentSid"] for c in world.twilio.created]
    assert len(sids) == 2 and sids[0] == sids[1] and sids[0][0].startswith("HX")


async def test_provider_errors_are_retried_with_backoff_until_accepted(stub, world):
    world.twilio.failures.extend([(503, 20500), (429, 20429)])
    message = await send(stub, new_phone(), code_template())
    sent = await sent_state(stub, message.name, pb.MESSAGE_STATE_SENT)
    assert sent.attempt_count == 3
    assert len(world.twilio.created) == 1


async def test_a_permanent_error_fails_at_once_with_the_providers_code(stub, world):
    world.twilio.failures.append((400, 63016))
    message = await send(stub, new_phone(), code_template())
    failed = await sent_state(stub, message.name, pb.MESSAGE_STATE_FAILED)
    assert failed.attempt_count == 1
    assert reason_of(failed) == ("OUTSIDE_SERVICE_WINDOW", {"provider_error_code": "63016"})
    assert failed.HasField("fail_time")


async def test_retries_end_as_retries_exhausted(serve_notification, world):
    async with serve_notification(**world.settings, send_max_attempts=3) as svc:
        stub = notification_service_pb2_grpc.NotificationServiceStub(svc.channel)
        world.twilio.failures.extend([(503, 20500)] * 3)
        message = await send(stub, new_phone(), code_template())
        failed = await sent_state(stub, message.name, pb.MESSAGE_STATE_FAILED)
        assert failed.attempt_count == 3
        assert reason_of(failed)[0] == "RETRIES_EXHAUSTED"


async def status(stub, sid: str, value: str, **extra) -> None:
    await post_twilio_status(
        stub,
        {"MessageSid": sid, "MessageStatus": value, "AccountSid": ACCOUNT, **extra},
        STATUS_URL,
    )


async def test_status_callbacks_only_move_forward(stub, world):
    message = await send(stub, new_phone(), code_template())
    sent = await sent_state(stub, message.name, pb.MESSAGE_STATE_SENT)
    sid = sent.provider_message_id
    await status(stub, sid, "read")
    for late in ("delivered", "sent", "failed", "undelivered", "queued"):
        await status(stub, sid, late)
    final = await sent_state(stub, message.name, pb.MESSAGE_STATE_READ)
    assert final.HasField("read_time") and final.HasField("deliver_time")
    assert not final.HasField("fail_time")

    other = await send(stub, new_phone(), code_template())
    sid = (await sent_state(stub, other.name, pb.MESSAGE_STATE_SENT)).provider_message_id
    await status(stub, sid, "undelivered", ErrorCode="63003")
    await status(stub, sid, "delivered")
    failed = await sent_state(stub, other.name, pb.MESSAGE_STATE_FAILED)
    assert reason_of(failed) == ("RECIPIENT_NOT_ON_WHATSAPP", {"provider_error_code": "63003"})


async def test_concurrent_callbacks_end_in_the_furthest_state(stub, world):
    for order in itertools.permutations(["sent", "delivered", "read"]):
        message = await send(stub, new_phone(), code_template())
        sid = (await sent_state(stub, message.name, pb.MESSAGE_STATE_SENT)).provider_message_id
        await asyncio.gather(*(status(stub, sid, value) for value in order))
        assert (await sent_state(stub, message.name, pb.MESSAGE_STATE_READ)).state == 4, order


async def test_a_status_that_arrives_before_the_send_is_recorded_still_counts(stub, world):
    sid = "SM" + uuid.uuid4().hex
    await status(stub, sid, "delivered")  # Twilio was faster than our bookkeeping
    world.twilio.next_sids.append(sid)
    message = await send(stub, new_phone(), code_template())
    delivered = await sent_state(stub, message.name, pb.MESSAGE_STATE_DELIVERED)
    assert delivered.provider_message_id == sid


async def test_unknown_and_unsigned_status_callbacks(stub, world):
    await status(stub, "SM" + uuid.uuid4().hex, "delivered")  # acknowledged, ignored
    import grpc

    from tests.integration.notification.channel import FORM, signed_twilio

    body, metadata = signed_twilio(
        {"MessageSid": "SMx", "MessageStatus": "read"}, url="https://evil.example/status"
    )
    from google.api import httpbody_pb2

    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.TwilioStatus(
            api.TwilioStatusRequest(http_body=httpbody_pb2.HttpBody(content_type=FORM, data=body)),
            metadata=metadata,
        )
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED


# Voice notes -----------------------------------------------------------------------------

VOICE = b"OggS" + bytes(range(200)) * 20


def voice_note(world: World, phone: str, url: str) -> dict:
    return twilio_params(
        phone,
        "",
        sid=f"MM{uuid.uuid4().hex}",
        NumMedia="1",
        MediaUrl0=url,
        MediaContentType0="audio/ogg",
    )


def twilio_media(world: World, name: str) -> str:
    """A media URL on Twilio's API host that redirects to its CDN, as Twilio's do."""
    path = f"/2010-04-01/Accounts/{ACCOUNT}/Messages/MM1/Media/{name}"
    world.api_media.redirects[path] = f"{world.cdn.base_url}/cdn/{name}"
    world.cdn.files[f"/cdn/{name}"] = (VOICE, "audio/ogg")
    return world.api_media.base_url + path


async def test_a_voice_note_is_downloaded_transcribed_and_handed_over(stub, world):
    phone = new_phone()
    await post_twilio(stub, voice_note(world, phone, twilio_media(world, "ME1")))
    found = await settled(stub, phone, inbound=1, outbound=1)
    inbound = found[0]
    assert inbound.state == pb.MESSAGE_STATE_PROCESSED
    media_name = inbound.content.media.media
    assert media_name.startswith("media/")
    served = await stub.GetMedia(api.GetMediaRequest(name=media_name))
    assert served.http_body.data == VOICE
    assert world.scripted.voice.transcribed == [(VOICE, "audio/ogg")]
    [turn] = world.scripted.ai.runs
    assert (turn.audio, turn.text) == (media_name, "salio langu")
    # Twilio's credentials went to Twilio's API host only, not to the CDN it redirected to.
    [api_request] = world.api_media.seen
    [cdn_request] = world.cdn.seen
    assert api_request.headers["Authorization"] == basic_auth(ACCOUNT, TWILIO_TOKEN)
    assert "Authorization" not in cdn_request.headers


@pytest.mark.parametrize(
    "where",
    ["not twilio's host", "plain http", "redirect elsewhere", "too large"],
)
async def test_media_is_fetched_only_from_twilio_over_https_and_size_capped(
    serve_notification, world, where
):
    phone = new_phone()
    world.evil.files["/media/x"] = (VOICE, "audio/ogg")
    url = {
        "not twilio's host": f"{world.evil.base_url}/media/x",
        "plain http": twilio_media(world, "ME2").replace("https://", "http://"),
        "redirect elsewhere": world.api_media.base_url + "/go-elsewhere",
        "too large": twilio_media(world, "ME3"),
    }[where]
    world.api_media.redirects["/go-elsewhere"] = f"{world.evil.base_url}/media/x"
    async with serve_notification(**world.settings, media_max_bytes=len(VOICE) - 1) as svc:
        stub = notification_service_pb2_grpc.NotificationServiceStub(svc.channel)
        await post_twilio(stub, voice_note(world, phone, url))
        found = await settled(stub, phone, inbound=1, outbound=1)
    assert world.evil.seen == []  # never contacted
    assert world.scripted.ai.runs == [] and world.scripted.voice.transcribed == []
    inbound, reply = found
    assert inbound.state == pb.MESSAGE_STATE_FAILED
    assert reason_of(inbound)[0] == "MEDIA_UNAVAILABLE"
    assert "type your message" in world.twilio.created[0]["Body"][0]
    assert reply.state == pb.MESSAGE_STATE_SENT


@pytest.mark.parametrize("step", ["media_stored", "transcribed"])
async def test_a_crash_after_the_voice_steps_repeats_neither(serve_notification, world, step):
    phone = new_phone()
    reached = asyncio.Event()
    builder = functools.partial(build, checkpoint=crash_at(step, reached))
    async with serve_notification(builder, **world.settings) as svc:
        stub = notification_service_pb2_grpc.NotificationServiceStub(svc.channel)
        await post_twilio(stub, voice_note(world, phone, twilio_media(world, "ME4")))
        await asyncio.wait_for(reached.wait(), 10)
    async with serve_notification(**world.settings) as svc:
        stub = notification_service_pb2_grpc.NotificationServiceStub(svc.channel)
        found = await settled(stub, phone, inbound=1, outbound=1)
        await asyncio.sleep(0.3)
        assert len(await messages_of(stub, phone)) == 2
    assert len(world.cdn.seen) == 1  # downloaded once
    assert len(world.scripted.voice.transcribed) == 1
    assert len(world.scripted.ai.runs) == 1
    assert [c["Body"] for c in world.twilio.created] == [["You said: salio langu"]]
    assert found[0].content.media.media


async def test_a_voice_reply_is_synthesized_and_sent_as_media(stub, world):
    phone = new_phone()
    await post_twilio(stub, twilio_params(phone, "voice"))
    found = await settled(stub, phone, inbound=1, outbound=2)
    text, audio = world.twilio.created
    assert text["Body"] == ["Habari!"]
    [url] = audio["MediaUrl"]
    assert url.startswith("https://chat.bitsacco.test/v1/media/")
    name = url.removeprefix("https://chat.bitsacco.test/v1/")
    served = await stub.GetMedia(api.GetMediaRequest(name=name))
    assert served.http_body.data == b"OggS-voice-Habari!"
    assert served.http_body.content_type == "audio/ogg; codecs=opus"
    assert found[2].content.media.content_type == "audio/ogg; codecs=opus"
