"""WhatsApp Cloud API: the verification handshake, POSTs verified over the raw bytes, batched
entries (text, interactive replies, audio, statuses), and sending through the Graph API."""

from __future__ import annotations

import asyncio
import json
import uuid

import grpc
import pytest
from bitsacco.notification.v1 import notification_pb2 as pb
from bitsacco.notification.v1 import notification_service_pb2 as api
from bitsacco.notification.v1 import notification_service_pb2_grpc
from google.rpc import error_details_pb2

from tests.conftest import SHARED
from tests.harness import details_of
from tests.integration.notification.channel import messages_of, post_whatsapp, settled
from tests.integration.notification.conftest import new_phone
from tests.integration.notification.fake_providers import FakeGraph, FakeMediaHost
from tests.integration.notification.identities import bearer, service_token
from tests.integration.notification.tls import make_tls

VECTORS = json.loads((SHARED / "vectors" / "webhooks.json").read_text())
APP_SECRET = "meta-app-secret"
ACCESS_TOKEN = "EAAG-test-access-token"
PHONE_NUMBER_ID = "106540352242922"
BUSINESS = "+15550783881"


@pytest.fixture
async def graph(tmp_path):
    ca_file, server_tls = make_tls(tmp_path)
    graph = await FakeGraph(ACCESS_TOKEN, host="127.0.0.1", ssl_context=server_tls).start()
    lookaside = await FakeMediaHost(
        needs_auth=f"Bearer {ACCESS_TOKEN}", host="127.0.0.3", ssl_context=server_tls
    ).start()
    graph.lookaside = lookaside
    graph.ca_file = ca_file
    try:
        yield graph
    finally:
        await graph.stop()
        await lookaside.stop()


@pytest.fixture
async def stub(serve_notification, scripted, graph):
    settings = {
        **scripted.settings,
        "whatsapp_verify_token": VECTORS["meta_verification_get"]["query"]["hub.verify_token"],
        "whatsapp_app_secret": APP_SECRET,
        "whatsapp_access_token": ACCESS_TOKEN,
        "whatsapp_phone_number_id": PHONE_NUMBER_ID,
        "whatsapp_graph_base_url": graph.base_url,
        "whatsapp_media_hosts": ["127.0.0.1", "127.0.0.3"],
        "whatsapp_media_credential_hosts": ["127.0.0.1", "127.0.0.3"],
        "provider_ca_file": str(graph.ca_file),
        "business_phone": BUSINESS,
    }
    async with serve_notification(**settings) as svc:
        yield notification_service_pb2_grpc.NotificationServiceStub(svc.channel)


def webhook(*changes: dict) -> dict:
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": "102290129340398", "changes": [c]} for c in changes],
    }


def change(messages=(), statuses=(), contacts=()) -> dict:
    value = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": BUSINESS[1:], "phone_number_id": PHONE_NUMBER_ID},
    }
    if contacts:
        value["contacts"] = list(contacts)
    if messages:
        value["messages"] = list(messages)
    if statuses:
        value["statuses"] = list(statuses)
    return {"field": "messages", "value": value}


def wamid() -> str:
    return "wamid.HBgM" + uuid.uuid4().hex


def text_message(phone: str, body: str, message_id: str | None = None) -> dict:
    return {
        "from": phone[1:],
        "id": message_id or wamid(),
        "timestamp": "1700000000",
        "type": "text",
        "text": {"body": body},
    }


async def test_the_verification_handshake_echoes_the_challenge(stub):
    query = VECTORS["meta_verification_get"]["query"]
    answer = await stub.WhatsAppVerify(
        api.WhatsAppVerifyRequest(
            hub=api.WhatsAppVerifyHub(
                mode=query["hub.mode"],
                verify_token=query["hub.verify_token"],
                challenge=query["hub.challenge"],
            )
        )
    )
    assert answer.http_body.content_type == "text/plain"
    assert answer.http_body.data.decode() == VECTORS["meta_verification_get"]["expect_body"]

    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.WhatsAppVerify(
            api.WhatsAppVerifyRequest(
                hub=api.WhatsAppVerifyHub(mode="subscribe", verify_token="nope", challenge="1")
            )
        )
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert details_of(caught.value)["ErrorInfo"].reason == "VERIFY_TOKEN_MISMATCH"
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.WhatsAppVerify(
            api.WhatsAppVerifyRequest(
                hub=api.WhatsAppVerifyHub(
                    mode="unsubscribe", verify_token=query["hub.verify_token"], challenge="1"
                )
            )
        )
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_a_batch_is_verified_over_its_raw_bytes_and_stored_once(stub, scripted, graph):
    alice, bob = new_phone(), new_phone()
    payload = webhook(
        change(
            contacts=[{"profile": {"name": "Alice"}, "wa_id": alice[1:]}],
            messages=[
                text_message(alice, "habari"),
                {
                    "from": alice[1:],
                    "id": wamid(),
                    "timestamp": "1700000001",
                    "type": "interactive",
                    "interactive": {
                        "type": "button_reply",
                        "button_reply": {"id": "confirm:yes", "title": "Yes"},
                    },
                },
            ],
        ),
        change(
            messages=[
                {
                    "from": bob[1:],
                    "id": wamid(),
                    "timestamp": "1700000002",
                    "type": "interactive",
                    "interactive": {
                        "type": "list_reply",
                        "list_reply": {"id": "chama:umoja", "title": "Umoja", "description": "x"},
                    },
                }
            ]
        ),
    )
    # Meta's own bytes (indented, key order as sent): the signature covers exactly these.
    raw = json.dumps(payload, indent=2).encode()
    reserialized = json.dumps(payload, separators=(",", ":")).encode()
    signature = "sha256=" + __import__("hmac").new(APP_SECRET.encode(), raw, "sha256").hexdigest()
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await post_whatsapp(stub, reserialized, APP_SECRET, signature=signature)
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert details_of(caught.value)["ErrorInfo"].reason == "INVALID_SIGNATURE"
    assert await messages_of(stub, alice) == []

    answer = await post_whatsapp(stub, raw, APP_SECRET, signature=signature)
    assert answer.http_body.data == b""
    await post_whatsapp(stub, raw, APP_SECRET, signature=signature)  # Meta retries
    alice_found = await settled(stub, alice, inbound=2, outbound=2)
    bob_found = await settled(stub, bob, inbound=1, outbound=1)
    assert alice_found[0].sender_profile_name == "Alice"
    assert alice_found[0].recipient_phone == BUSINESS
    turns = {(t.text, t.reply_id) for t in scripted.ai.runs}
    assert turns == {("habari", ""), ("Yes", "confirm:yes"), ("Umoja", "chama:umoja")}
    assert len(scripted.ai.runs) == 3
    assert len(graph.sent) == 3
    assert bob_found[1].provider == pb.PROVIDER_WHATSAPP_CLOUD


async def test_replies_go_out_through_the_graph_api(stub, graph):
    phone = new_phone()
    await post_whatsapp(
        stub,
        webhook(change(messages=[text_message(phone, t) for t in ("buttons", "many buttons")])),
        APP_SECRET,
    )
    found = await settled(stub, phone, inbound=2, outbound=2)
    buttons, listed = graph.sent
    assert buttons["to"] == phone[1:]
    assert buttons["interactive"]["type"] == "button"
    assert [b["reply"]["id"] for b in buttons["interactive"]["action"]["buttons"]] == [
        "confirm:yes",
        "confirm:no",
        "confirm:later",
    ]
    assert listed["interactive"]["type"] == "list"
    assert listed["interactive"]["action"]["button"] == "Choose"
    assert len(listed["interactive"]["action"]["sections"][0]["rows"]) == 5
    assert {m.state for m in found[2:]} == {pb.MESSAGE_STATE_SENT}
    assert all(m.provider_message_id.startswith("wamid.") for m in found[2:])


async def test_statuses_in_a_batch_only_move_forward(stub, graph):
    phone = new_phone()
    sent = await stub.SendMessage(
        api.SendMessageRequest(
            request_id=str(uuid.uuid4()),
            recipient_phone=phone,
            channel=pb.CHANNEL_WHATSAPP,
            content=pb.MessageContent(
                template=pb.TemplateContent(
                    name="price_alert",
                    language_code="sw",
                    parameters=["KES 9,000,000", "juu", "KES 8,500,000"],
                )
            ),
        ),
        metadata=bearer(service_token("wallet")),
    )
    for _ in range(1500):
        message = (
            await stub.GetMessage(
                api.GetMessageRequest(name=sent.message.name),
                metadata=bearer(service_token("wallet")),
            )
        ).message
        if message.state == pb.MESSAGE_STATE_SENT:
            break
        await asyncio.sleep(0.02)
    assert graph.sent[0]["template"] == {
        "name": "price_alert",
        "language": {"code": "sw"},
        "components": [
            {
                "type": "body",
                "parameters": [
                    {"type": "text", "text": "KES 9,000,000"},
                    {"type": "text", "text": "juu"},
                    {"type": "text", "text": "KES 8,500,000"},
                ],
            }
        ],
    }
    wid = message.provider_message_id

    def status(value: str, ts: int) -> dict:
        return {"id": wid, "status": value, "timestamp": str(ts), "recipient_id": phone[1:]}

    await post_whatsapp(
        stub, webhook(change(statuses=[status("sent", 1), status("read", 3)])), APP_SECRET
    )
    await post_whatsapp(
        stub, webhook(change(statuses=[status("delivered", 2), status("failed", 4)])), APP_SECRET
    )
    final = (
        await stub.GetMessage(
            api.GetMessageRequest(name=sent.message.name), metadata=bearer(service_token("wallet"))
        )
    ).message
    assert final.state == pb.MESSAGE_STATE_READ
    assert final.read_time.seconds == 3
    assert final.deliver_time.seconds == 3  # read implies delivered; the late one changed nothing


async def test_a_voice_note_comes_through_the_graph_media_api(stub, scripted, graph):
    phone = new_phone()
    audio = b"OggS-meta-voice" * 50
    graph.media_urls["1037543291543636"] = f"{graph.lookaside.base_url}/whatsapp_business/m1"
    graph.lookaside.files["/whatsapp_business/m1"] = (audio, "audio/ogg")
    message = {
        "from": phone[1:],
        "id": wamid(),
        "timestamp": "1700000000",
        "type": "audio",
        "audio": {"id": "1037543291543636", "mime_type": "audio/ogg; codecs=opus", "voice": True},
    }
    await post_whatsapp(stub, webhook(change(messages=[message])), APP_SECRET)
    found = await settled(stub, phone, inbound=1, outbound=1)
    assert scripted.voice.transcribed == [(audio, "audio/ogg; codecs=opus")]
    assert scripted.ai.runs[0].audio == found[0].content.media.media
    assert graph.lookaside.seen[0].headers["Authorization"] == f"Bearer {ACCESS_TOKEN}"


async def test_failed_status_records_metas_reason(stub, graph):
    graph.failures.append((400, 131047))
    phone = new_phone()
    await post_whatsapp(stub, webhook(change(messages=[text_message(phone, "hi")])), APP_SECRET)
    found = await settled(stub, phone, inbound=1, outbound=1)
    reply = found[1]
    assert reply.state == pb.MESSAGE_STATE_FAILED
    info = error_details_pb2.ErrorInfo()
    reply.error.details[0].Unpack(info)
    assert (info.reason, dict(info.metadata)) == (
        "OUTSIDE_SERVICE_WINDOW",
        {"provider_error_code": "131047"},
    )
