"""Wallet events (stream events.wallet) become messages to the member: text inside the 24-hour
window, the approved template outside it, each event once however often it is delivered."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from bitsacco.notification.v1 import notification_pb2 as pb
from bitsacco.notification.v1 import notification_service_pb2_grpc
from bitsacco.users.v1 import users_pb2, users_service_pb2, users_service_pb2_grpc

from services.runtime.errors import NotFound
from services.runtime.events import Event, stream_name
from tests.integration.notification.channel import post_twilio, settled, twilio_params
from tests.integration.notification.conftest import new_phone
from tests.integration.notification.scripted_assistant import serve_scripted
from tests.integration.notification.test_send_message import outbox_for


class ScriptedUsers(users_service_pb2_grpc.UsersServiceServicer):
    def __init__(self, users: dict[str, users_pb2.User]) -> None:
        self.users = users

    async def GetUser(self, request, context):
        if request.name not in self.users:
            raise NotFound("USER_NOT_FOUND", "No such user.")
        return users_service_pb2.GetUserResponse(user=self.users[request.name])


@pytest.fixture
async def users():
    amina, brian = new_phone(), new_phone()
    servicer = ScriptedUsers(
        {
            "users/amina": users_pb2.User(
                name="users/amina", phone_number=amina, language_code="sw"
            ),
            "users/brian": users_pb2.User(
                name="users/brian", phone_number=brian, language_code="en"
            ),
        }
    )
    server = await serve_scripted(servicer, "users")
    try:
        yield servicer, f"127.0.0.1:{server.port}", amina, brian
    finally:
        await server.stop()


async def test_wallet_events_reach_the_member_once(serve_notification, scripted, users, namespace):
    _, users_target, amina, brian = users
    settings = {**scripted.settings, "users_target": users_target, "wallet_events_enabled": True}
    async with serve_notification(**settings) as svc:
        stub = notification_service_pb2_grpc.NotificationServiceStub(svc.channel)
        await post_twilio(stub, twilio_params(brian, "hi"))  # Brian's window is open
        await settled(stub, brian, inbound=1, outbound=1)

        bus = svc.resources.bus
        stream = stream_name("wallet", svc.resources.settings.namespace)
        deposit = Event(
            str(uuid.uuid4()),
            "wallet.deposit.completed",
            {
                "deposit": "deposits/d1",
                "user": "users/amina",
                "amount": {"currency_code": "KES", "minor_units": 150000},
                "amount_sats": 12345,
                "mpesa_receipt_number": "NLJ7RT61SV",
            },
            "wallet",
        )
        alert = Event(
            str(uuid.uuid4()),
            "wallet.price_alert.triggered",
            {
                "price_alert": "priceAlerts/p1",
                "user": "users/brian",
                "direction": "ABOVE",
                "price": {"currency_code": "KES", "minor_units_per_btc": 1250000000},
                "trigger_price": {"currency_code": "KES", "minor_units_per_btc": 1200000000},
            },
            "wallet",
        )
        gone = Event(
            str(uuid.uuid4()), "wallet.deposit.completed", {"user": "users/nobody"}, "wallet"
        )
        unknown = Event(str(uuid.uuid4()), "wallet.something.new", {"user": "x"}, "wallet")
        for seq, event in enumerate([deposit, gone, unknown, alert, deposit], start=1):
            await bus.append(stream, seq, event)  # the deposit twice: a redelivery

        [to_amina] = await outbox_for(stub, amina)
        assert to_amina.content.template == pb.TemplateContent(
            name="deposit_received",
            language_code="sw",
            parameters=["KES 1,500", "12,345", "NLJ7RT61SV"],
        )
        to_brian = await outbox_for(stub, brian, 2)
        assert to_brian[1].content.text == (
            "📈 Price alert: bitcoin is now KES 12,500,000, above your alert at KES 12,000,000."
        )
        await asyncio.sleep(0.5)
        assert len(await outbox_for(stub, amina)) == 1
        assert len(await outbox_for(stub, brian, 2)) == 2


async def test_a_payout_under_review_reassures_the_member_and_alerts_operations_once(
    serve_notification, scripted, users
):
    _, users_target, amina, _ = users
    operations = new_phone()
    settings = {
        **scripted.settings,
        "users_target": users_target,
        "wallet_events_enabled": True,
        "operations_phones": [operations],
    }
    async with serve_notification(**settings) as svc:
        stub = notification_service_pb2_grpc.NotificationServiceStub(svc.channel)
        review = Event(
            str(uuid.uuid4()),
            "wallet.withdrawal.review_needed",
            {
                "withdrawal": "wallets/w1/withdrawals/x1",
                "wallet": "wallets/w1",
                "owner": "users/amina",
                "amount": {"currency_code": "KES", "minor_units": 250000},
                "amount_sats": 20000,
                "phone_number": amina,
                "originator_conversation_id": "bitsacco-x1",
                "conversation_id": "AG_20261130_0000123",
                "status_queries": 12,
                "create_time": "2026-11-30T08:00:00+00:00",
                "review_time": "2026-11-30T20:00:00+00:00",
            },
            "wallet",
        )
        stream = stream_name("wallet", svc.resources.settings.namespace)
        for seq in (1, 2):  # delivered twice
            await svc.resources.bus.append(stream, seq, review)

        [to_amina] = await outbox_for(stub, amina)
        assert to_amina.content.template == pb.TemplateContent(
            name="account_notice",
            language_code="sw",
            parameters=[
                "⏳ Utoaji wako wa KES 2,500 unachukua muda kuliko kawaida. Pesa yako iko salama: "
                "timu yetu inafuatilia na M-Pesa na itakujulisha matokeo."
            ],
        )
        [alert] = await outbox_for(stub, operations)
        assert alert.channel == pb.CHANNEL_SMS
        assert "wallets/w1/withdrawals/x1" in alert.content.text
        assert "bitsacco-x1" in alert.content.text and "AG_20261130_0000123" in alert.content.text
        await asyncio.sleep(0.5)
        assert len(await outbox_for(stub, amina)) == 1
        assert len(await outbox_for(stub, operations)) == 1
