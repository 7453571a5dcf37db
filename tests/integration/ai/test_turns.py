"""CreateTurn against the real users and wallet services: onboarding creates the member, money
moves only after YES and as that member, a retried or duplicated turn runs nothing twice, step-up
codes travel by SMS, and service refusals come back as plain replies."""

from __future__ import annotations

import asyncio
import re
import uuid

import grpc
import pytest
from bitsacco.ai.v1 import ai_pb2, ai_service_pb2
from bitsacco.users.v1 import users_pb2

from tests.harness import details_of
from tests.integration.ai.stack import ai_stack, as_service, conversation_of
from tests.integration.users.serving import code_in


@pytest.fixture(scope="module")
async def stack(pg_url, redis_url, namespace):
    async with ai_stack(pg_url, redis_url, namespace) as running:
        yield running


async def funded(stack, chat, kes: int) -> int:
    """Save `kes` through the chat (M-Pesa paid by the fake Daraja); the new balance."""
    before = (await stack.wallet_of(chat.phone)).balance_sats
    replies = await chat.say(f"save {kes}")
    assert replies[0].startswith(f"Save KES {kes:,} (≈"), replies
    replies = await chat.say("yes")
    assert replies[0].startswith("📲 Check your phone"), replies

    async def credited():
        balance = (await stack.wallet_of(chat.phone)).balance_sats
        return balance if balance > before else 0

    return await stack.settle(credited)


async def test_onboarding_creates_the_member_with_consent_language_and_name(stack):
    chat = stack.chat()
    replies = await chat.say("Habari")
    assert replies[0].startswith("Habari") and "NDIO" in replies[-1]
    assert await stack.user_of(chat.phone) is None  # nothing before consent
    assert await chat.say(reply_id="consent:yes") == ["Asante! 🎉 Ungependa nitumie lugha gani?"]
    await chat.say(reply_id="lang:sw", profile_name="Achieng O")
    replies = await chat.say("naitwa Achieng")
    assert replies[0].startswith("Karibu, Achieng!")
    user = await stack.user_of(chat.phone)
    assert user.display_name == "Achieng" and user.language_code == "sw"
    granted = {c.type for c in user.consents if c.granted}
    assert {
        users_pb2.CONSENT_TYPE_TERMS_OF_SERVICE,
        users_pb2.CONSENT_TYPE_DATA_PROCESSING,
    } <= granted
    assert [c.policy_version for c in user.consents if c.granted] == ["2025-01", "2025-01"]


async def test_save_with_m_pesa_then_check_the_balance(stack):
    chat = stack.chat()
    await chat.onboard("Wanjiru")
    balance = await funded(stack, chat, 500)
    replies = await chat.say("balance")
    assert replies[0].startswith(f"💰 Your balance: *{balance:,} sats*")


async def test_send_to_another_member_moves_sats_once_even_when_the_turn_is_retried(stack):
    alice, bob = stack.chat(), stack.chat()
    await alice.onboard("Alice")
    await bob.onboard("Bob")
    await funded(stack, alice, 1000)
    replies = await alice.say(f"send 200 to {bob.phone}")
    assert re.fullmatch(
        r"Send KES 200 \(≈ [\d,]+ sats\) to \+254 \d{3} \d{3} \d{3}\? Reply YES or NO", replies[0]
    )
    assert (await stack.wallet_of(bob.phone)).balance_sats == 0

    yes = alice.turn("yes")
    request_id = str(uuid.uuid4())
    first = await alice.create(yes, request_id)
    assert first.replies[0].text.startswith("✅ Sent")
    received = (await stack.wallet_of(bob.phone)).balance_sats
    assert received > 0

    again = await alice.create(yes, request_id)  # the worker retries after a lost answer
    assert again == first
    assert (await stack.wallet_of(bob.phone)).balance_sats == received

    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await alice.create(alice.turn("no"), request_id)
    assert caught.value.code() == grpc.StatusCode.ALREADY_EXISTS
    assert details_of(caught.value)["ErrorInfo"].reason == "REQUEST_ID_REUSED"

    statement = await alice.say("statement")
    assert "Sent" in statement[0] and f"−{received:,} sats" in statement[0]
    bob_balance = await bob.say("balance")
    assert f"*{received:,} sats*" in bob_balance[0]


async def test_concurrent_duplicates_of_a_turn_run_once(stack):
    alice, bob = stack.chat(), stack.chat()
    await alice.onboard("Amani")
    await bob.onboard("Baraka")
    await funded(stack, alice, 1000)
    await alice.say(f"send 100 to {bob.phone}")
    yes, request_id = alice.turn("yes"), str(uuid.uuid4())
    results = await asyncio.gather(
        *(alice.create(yes, request_id) for _ in range(5)), return_exceptions=True
    )
    answered = [r for r in results if isinstance(r, ai_pb2.Turn)]
    refused = [r for r in results if not isinstance(r, ai_pb2.Turn)]
    assert answered and all(turn == answered[0] for turn in answered)
    for error in refused:
        assert error.code() == grpc.StatusCode.ABORTED
        assert details_of(error)["ErrorInfo"].reason == "TURN_IN_PROGRESS"
    settled = await alice.create(yes, request_id)
    assert settled == answered[0]
    one_transfer = (await stack.wallet_of(bob.phone)).balance_sats
    assert one_transfer > 0
    statement = await bob.say("statement")
    assert statement[0].count("Received") == 1


async def test_a_large_save_needs_the_step_up_code_sent_by_sms(stack):
    chat = stack.chat()
    await chat.onboard("Kamau")
    await stack.set_tier(chat.phone, 2)
    replies = await chat.say("save 15000")
    assert "I'll also text you a code" in replies[0]
    replies = await chat.say("yes")
    assert replies[0].startswith("🔐 For your security, I've sent a 6-digit code by SMS")
    message = await stack.users.outbox.next_for(chat.phone)
    assert message.channel == 2  # SMS: a second channel
    replies = await chat.say(f"the code is {code_in(message)}")
    assert replies[0].startswith("📲 Check your phone: enter your M-Pesa PIN to pay KES 15,000")

    async def credited():
        return (await stack.wallet_of(chat.phone)).balance_sats

    assert await stack.settle(credited) > 0


async def test_a_limit_hit_is_explained_with_when_it_resets(stack):
    alice, bob = stack.chat(), stack.chat()
    await alice.onboard("Otieno")
    await bob.onboard("Njeri")
    await funded(stack, alice, 8000)
    await alice.say(f"send 5000 to {bob.phone}")
    replies = await alice.say("yes")
    assert replies[0].startswith("That's more than your daily sending limit allows.")
    assert "resets at midnight" in replies[0] and "USD" in replies[0]
    assert (await stack.wallet_of(bob.phone)).balance_sats == 0
    replies = await alice.say("change it to 1000")
    assert replies[0].startswith("Send KES 1,000 (≈")
    assert (await alice.say("yes"))[0].startswith("✅ Sent")


async def test_turns_and_conversations_can_be_read_back(stack):
    chat = stack.chat()
    await chat.onboard("Mwangi")
    await chat.say("send 200 to 0712345678")
    last = chat.turns[-1]
    got = await stack.stub.GetTurn(
        ai_service_pb2.GetTurnRequest(name=last.name), metadata=as_service("notification")
    )
    assert got.turn == last
    assert last.interpretation.intent == ai_pb2.INTENT_SEND

    token = await stack.member_token(chat.phone)
    member = (("authorization", f"Bearer {token}"),)
    conversation = (
        await stack.stub.GetConversation(
            ai_service_pb2.GetConversationRequest(name="conversations/me"), metadata=member
        )
    ).conversation
    assert conversation.name == conversation_of(chat.phone)
    assert conversation.phone_number == chat.phone
    assert conversation.user == (await stack.user_of(chat.phone)).name
    assert conversation.last_intent == ai_pb2.INTENT_SEND
    pending = conversation.pending_action
    assert pending.state == ai_pb2.PENDING_ACTION_STATE_AWAITING_CONFIRMATION
    assert pending.summary.startswith("Send KES 200") and pending.details.amount == "200"
    assert not conversation.flagged_for_support

    other = stack.chat()
    await other.say("hi")
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stack.stub.GetConversation(
            ai_service_pb2.GetConversationRequest(name=conversation_of(other.phone)),
            metadata=member,
        )
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
    assert details_of(caught.value)["ErrorInfo"].reason == "CONVERSATION_NOT_FOUND"

    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stack.stub.ListConversations(
            ai_service_pb2.ListConversationsRequest(), metadata=member
        )
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED

    replies = await chat.say("I want to talk to a human")
    assert replies[0].startswith("🙋")
    admin = (
        (
            "authorization",
            f"Bearer {(await stack.users.sign_in(stack_admin())).tokens.access_token}",
        ),
    )
    flagged = await stack.stub.ListConversations(
        ai_service_pb2.ListConversationsRequest(
            filter="flagged_for_support = true", page_size=1000
        ),
        metadata=admin,
    )
    names = [c.name for c in flagged.conversations]
    assert conversation_of(chat.phone) in names and conversation_of(other.phone) not in names
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stack.stub.ListConversations(
            ai_service_pb2.ListConversationsRequest(filter="phone = 1"), metadata=admin
        )
    assert details_of(caught.value)["ErrorInfo"].reason == "INVALID_FILTER"

    first = await stack.stub.ListConversations(
        ai_service_pb2.ListConversationsRequest(page_size=1), metadata=admin
    )
    second = await stack.stub.ListConversations(
        ai_service_pb2.ListConversationsRequest(page_size=1, page_token=first.next_page_token),
        metadata=admin,
    )
    assert first.next_page_token and first.conversations[0].name != second.conversations[0].name
    assert (
        first.conversations[0].update_time.ToDatetime()
        >= second.conversations[0].update_time.ToDatetime()
    )


def stack_admin() -> str:
    from tests.integration.ai.stack import ADMIN_PHONE

    return ADMIN_PHONE


async def test_only_the_channel_creates_turns(stack):
    chat = stack.chat()
    await chat.onboard("Zawadi")
    token = await stack.member_token(chat.phone)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stack.stub.CreateTurn(
            ai_service_pb2.CreateTurnRequest(
                parent=conversation_of(chat.phone),
                turn=chat.turn("send 100 to 0712345678"),
                request_id=str(uuid.uuid4()),
            ),
            metadata=(("authorization", f"Bearer {token}"),),
        )
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stack.stub.CreateTurn(
            ai_service_pb2.CreateTurnRequest(
                parent=conversation_of(chat.phone), turn=ai_pb2.Turn(text="hi"), request_id="x"
            ),
            metadata=as_service("notification"),
        )
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def _crash(stack, request_id: str) -> None:
    """Leave a finished turn as a runner that died after saving the context but before recording
    the turn would: claimed, its lease run out, not done."""
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    from services.ai.storage.tables import turns

    async with stack.ai.resources.db.transaction() as session:
        await session.execute(
            update(turns)
            .where(turns.c.id == request_id)
            .values(
                done=False,
                turn=None,
                lease_token="dead-runner",
                lease_until=datetime.now(UTC) - timedelta(seconds=1),
            )
        )


async def test_a_turn_whose_runner_died_after_saving_is_finished_not_run_again(stack):
    alice, bob = stack.chat(), stack.chat()
    await alice.onboard("Imani")
    await bob.onboard("Jabari")
    await funded(stack, alice, 1000)
    await alice.say(f"send 100 to {bob.phone}")
    yes, request_id = alice.turn("yes"), str(uuid.uuid4())
    first = await alice.create(yes, request_id)
    received = (await stack.wallet_of(bob.phone)).balance_sats
    await _crash(stack, request_id)

    again = await alice.create(yes, request_id)
    assert again == first
    assert (await stack.wallet_of(bob.phone)).balance_sats == received


async def test_a_turn_still_running_is_refused_and_a_dead_one_is_taken_over(stack):
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    from services.ai.storage import turns as turn_store
    from services.ai.storage.tables import turns

    chat = stack.chat()
    await chat.onboard("Kioko")
    message, request_id = chat.turn("balance"), str(uuid.uuid4())
    from services.ai.turns import fingerprint

    claim = await turn_store.claim(
        stack.ai.resources.db,
        request_id,
        chat.phone,
        fingerprint(chat.phone, message),
        datetime.now(UTC),
        timedelta(minutes=5),
    )
    assert claim.status == turn_store.NEW
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await chat.create(message, request_id)
    assert caught.value.code() == grpc.StatusCode.ABORTED
    assert details_of(caught.value)["ErrorInfo"].reason == "TURN_IN_PROGRESS"
    with pytest.raises(grpc.aio.AioRpcError) as caught:  # GetTurn: not there until done
        await stack.stub.GetTurn(
            ai_service_pb2.GetTurnRequest(name=f"{conversation_of(chat.phone)}/turns/{request_id}"),
            metadata=as_service("notification"),
        )
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND

    async with stack.ai.resources.db.transaction() as session:  # the runner dies
        await session.execute(
            update(turns)
            .where(turns.c.id == request_id)
            .values(lease_until=datetime.now(UTC) - timedelta(seconds=1))
        )
    taken_over = await chat.create(message, request_id)
    assert taken_over.replies[0].text.startswith("Your wallet is empty for now.")
