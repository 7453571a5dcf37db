"""A crash between any two steps of the inbound worker loses nothing, and the restarted worker
runs nothing twice: exactly one CreateTurn per message, each reply queued and sent once.

The crash: the service is stopped (its worker task cancelled) while the worker is held at a step
boundary, or while CreateTurn is in flight; a new service instance on the same database then
finishes the work."""

from __future__ import annotations

import asyncio
import functools

import pytest
from bitsacco.notification.v1 import notification_pb2 as pb
from bitsacco.notification.v1 import notification_service_pb2_grpc

from services.notification.service import build
from tests.integration.notification.channel import (
    messages_of,
    post_twilio,
    settled,
    texts_sent,
    twilio_params,
)
from tests.integration.notification.conftest import new_phone
from tests.integration.notification.test_send_message import outbox_for


def crash_at(step: str, reached: asyncio.Event):
    """A checkpoint that holds the worker forever at `step` (until the service is stopped)."""

    async def checkpoint(name: str, message_id: str) -> None:
        if name == step:
            reached.set()
            await asyncio.Event().wait()

    return checkpoint


@pytest.mark.parametrize("step", ["turn_requested", "turn_created", "replies_queued"])
async def test_a_crash_between_steps_loses_nothing_and_repeats_nothing(
    serve_notification, scripted, step
):
    phone = new_phone()
    reached = asyncio.Event()
    builder = functools.partial(build, checkpoint=crash_at(step, reached))
    async with serve_notification(builder, **scripted.settings) as svc:
        stub = notification_service_pb2_grpc.NotificationServiceStub(svc.channel)
        await post_twilio(stub, twilio_params(phone, "first"))
        await post_twilio(stub, twilio_params(phone, "second"))
        await asyncio.wait_for(reached.wait(), 10)
    # The process is gone mid-message. A new one takes over.
    async with serve_notification(**scripted.settings) as svc:
        stub = notification_service_pb2_grpc.NotificationServiceStub(svc.channel)
        found = await settled(stub, phone, inbound=2, outbound=2)
        await asyncio.sleep(0.3)  # room for anything that would run twice
        found = await messages_of(stub, phone)
        inbound = [m for m in found if m.direction == pb.MESSAGE_DIRECTION_INBOUND]
        assert [m.state for m in inbound] == [pb.MESSAGE_STATE_PROCESSED] * 2
        for message in inbound:
            message_id = message.name.split("/")[1]
            assert scripted.ai.calls[message_id] == 1
            assert scripted.ai.runs_of(message_id) == 1
        assert texts_sent(found) == ["You said: first", "You said: second"]
        outbox = await outbox_for(stub, phone, 2)
        assert [m.content.text for m in outbox] == ["You said: first", "You said: second"]


async def test_a_crash_while_create_turn_is_in_flight_picks_the_turn_up(
    serve_notification, scripted
):
    phone = new_phone()
    scripted.ai.hold = asyncio.Event()  # CreateTurn runs the turn, then does not answer
    async with serve_notification(**scripted.settings) as svc:
        stub = notification_service_pb2_grpc.NotificationServiceStub(svc.channel)
        await post_twilio(stub, twilio_params(phone, "tuma 500"))
        for _ in range(500):
            if scripted.ai.runs:
                break
            await asyncio.sleep(0.01)
        assert len(scripted.ai.runs) == 1
    scripted.ai.hold.set()
    async with serve_notification(**scripted.settings) as svc:
        stub = notification_service_pb2_grpc.NotificationServiceStub(svc.channel)
        found = await settled(stub, phone, inbound=1, outbound=1)
        message_id = found[0].name.split("/")[1]
        assert scripted.ai.calls[message_id] == 1  # the restart asked GetTurn, not CreateTurn
        assert texts_sent(found) == ["You said: tuma 500"]


async def test_messages_wait_while_the_assistant_is_down_then_go_in_order(
    serve_notification, scripted
):
    phone = new_phone()
    scripted.ai.unavailable = True
    async with serve_notification(**scripted.settings) as svc:
        stub = notification_service_pb2_grpc.NotificationServiceStub(svc.channel)
        for word in ("one", "two", "three"):
            await post_twilio(stub, twilio_params(phone, word))
        for _ in range(1500):
            if sum(scripted.ai.calls.values()) >= 3:
                break
            await asyncio.sleep(0.02)
        assert all(m.state == pb.MESSAGE_STATE_RECEIVED for m in await messages_of(stub, phone))
        scripted.ai.unavailable = False
        found = await settled(stub, phone, inbound=3, outbound=3)
        assert [t.text for t in scripted.ai.runs] == ["one", "two", "three"]
        assert texts_sent(found) == ["You said: one", "You said: two", "You said: three"]
