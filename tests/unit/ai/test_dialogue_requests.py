"""Everything else a member asks: balance, price, statement, language, voice, a human, learning,
and what the assistant says when it did not understand."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest

from services.ai.dialogue import requests as rq
from services.ai.dialogue.context import Context, Pending
from services.ai.dialogue.explanations import explain
from tests.unit.ai.dialogue_world import ready_world


def test_balance():
    world = ready_world()
    assert world.send("salio langu ni ngapi?") == [
        "💰 Your balance: *12,345 sats* (≈ KES 1,496.36)."
    ]
    world.answer = lambda request: rq.Balance(0, 0, 0, None)
    assert world.send("balance") == [
        "Your wallet is empty for now. Say *save 500* to buy your first sats. 🌱"
    ]
    world.answer = lambda request: rq.Balance(4100, 4100, 8200, 50000)
    assert world.send("balance") == [
        "💰 Your balance: *4,100 sats* (≈ KES 500). 8,200 sats more are on the way from M-Pesa."
    ]
    world.answer = lambda request: rq.Balance(0, 0, 3985, 0)
    assert world.send("balance") == [
        "💰 Your balance: *0 sats*. 3,985 sats are on the way from M-Pesa."
    ]


def test_price():
    world = ready_world(language_code="sw")
    assert world.send("bei ya bitcoin ni ngapi") == [
        "📈 Bitcoin 1 ≈ *KES 12,121,212.12* (USD 93,962.88). Unanunua kwa KES 12,181,818.18 na "
        "kuuza kwa KES 12,060,606.06."
    ]


def test_statement():
    world = ready_world()
    lines = (
        rq.StatementLine(
            "transfer_out",
            -1650,
            20000,
            "KES",
            datetime(2025, 5, 12, 6, 14, tzinfo=UTC),
            "+254 712 345 678",
        ),
        rq.StatementLine("deposit", 4104, 50000, "KES", datetime(2025, 5, 11, 15, 2, tzinfo=UTC)),
    )
    world.answer = lambda request: (
        rq.Statement(lines, 2454) if isinstance(request, rq.FetchStatement) else None
    )
    assert world.send("nipe statement ya mwezi huu") == [
        "🧾 Your last 2 transactions:\n"
        "• 12 May, 09:14 · Sent · +254 712 345 678 · −1,650 sats (KES 200)\n"
        "• 11 May, 18:02 · Saved via M-Pesa · +4,104 sats (KES 500)\n"
        "Balance now: 2,454 sats"
    ]
    assert world.calls_of(rq.FetchStatement) == [rq.FetchStatement(page_size=5)]


def test_changing_the_language_answers_in_the_new_one():
    world = ready_world()
    assert world.send("ongea Kiswahili") == ["Sawa! Nitakujibu kwa Kiswahili kuanzia sasa. 🇰🇪"]
    assert world.calls_of(rq.UpdateProfile)[-1].language == "sw"
    assert world.send("balance")[0].startswith("💰 Salio lako")


def test_voice_replies_on_then_every_reply_is_also_a_voice_note():
    world = ready_world()
    assert world.send("reply with voice notes") == [
        "🔊 Voice replies are on. I'll send a voice note with my answers."
    ]
    assert world.member.voice_replies
    world.send("balance")
    assert all(r.voice_note for r in world.last_replies)
    world.send("stop voice notes")
    assert world.last_replies[0].text.startswith("🔇")
    world.send("balance")
    assert not any(r.voice_note for r in world.last_replies)


def test_asking_for_a_human_flags_the_conversation():
    world = ready_world()
    assert world.send("I want to talk to a human") == [
        "🙋 I've asked someone from our team to help you. They'll reply here soon."
    ]
    assert world.flagged and world.calls == []


def test_learn_is_answered_from_the_knowledge_base_in_the_members_language():
    world = ready_world()
    (answer,) = world.send("what is bitcoin?")
    assert "bitcoin" in answer.lower() and len(answer) > 40
    world = ready_world(language_code="sw")
    (jibu,) = world.send("DCA ni nini")
    assert jibu != answer and len(jibu) > 40


def test_not_understood_offers_examples():
    world = ready_world()
    assert world.send("blorp zzz") == [
        "Sorry, I didn't catch that. You can say *balance*, *save 500* or "
        "*send 200 to 0712 345 678*, or *help* for more."
    ]


def test_a_voice_note_with_no_words_asks_to_type():
    world = ready_world()
    assert world.send("", voice_note=True) == [
        "Sorry, I couldn't make out your voice note. Could you type it instead?"
    ]


def test_chama_requests_are_answered_honestly():
    world = ready_world()
    assert world.send("anzisha chama inaitwa Tujenge")[0].startswith(
        "Chamas on WhatsApp are coming"
    )


def test_thanks_gets_you_are_welcome():
    world = ready_world()
    assert world.send("asante sana") == [
        "You're welcome, Amina! 😊 Anything else I can do for you?"
    ]


def test_help_and_already_registered():
    world = ready_world()
    assert world.send("help")[0].startswith("You can say things like:")
    assert world.send("nataka kujiunga na bitsacco") == [
        "You're already a member, Amina 🙂 How can I help?"
    ]


FAILURES = [
    rq.Failure("LIMIT_EXCEEDED", "RESOURCE_EXHAUSTED", {"operation": "save"}),
    rq.Failure("INSUFFICIENT_FUNDS", "FAILED_PRECONDITION", {"available_sats": "1200"}),
    rq.Failure("RECIPIENT_NOT_FOUND", "INVALID_ARGUMENT"),
    rq.Failure("SELF_TRANSFER", "INVALID_ARGUMENT"),
    rq.Failure("INVALID_PHONE_NUMBER", "INVALID_ARGUMENT"),
    rq.Failure("PRICE_UNAVAILABLE", "UNAVAILABLE"),
    rq.Failure("MPESA_UNAVAILABLE", "UNAVAILABLE"),
    rq.Failure("USER_SUSPENDED", "PERMISSION_DENIED"),
    rq.Failure("TOO_MANY_GOALS", "FAILED_PRECONDITION"),
    rq.Failure("PRICE_ALREADY_CROSSED", "FAILED_PRECONDITION"),
    rq.Failure("STEP_UP_SEND_THROTTLED", "RESOURCE_EXHAUSTED"),
    rq.Failure("INVALID_ARGUMENT", "INVALID_ARGUMENT"),
    rq.Failure("UNAVAILABLE", "UNAVAILABLE"),
    rq.Failure("DEADLINE_EXCEEDED", "DEADLINE_EXCEEDED"),
    rq.Failure("SOMETHING_NEW", "INTERNAL"),
]


@pytest.mark.parametrize("failure", FAILURES, ids=lambda f: f.reason)
@pytest.mark.parametrize("language", ["en", "sw"])
def test_failures_become_plain_explanations_never_codes(failure, language):
    now = datetime(2025, 5, 12, 7, 0, tzinfo=UTC)
    text = explain(failure, language, now, "INTENT_SEND", "+254712345678")
    assert text and not re.search(r"[A-Z]{3,}_[A-Z_]+", text), text
    assert "error" not in text.lower() and "exception" not in text.lower()
    for word in ("code", "status"):
        assert word not in text.lower() or failure.reason == "STEP_UP_SEND_THROTTLED"


def test_the_context_survives_json():
    context = Context(
        phone="+254700111222",
        language="sw",
        stage="ready",
        pending=Pending(
            "INTENT_SEND",
            "confirming",
            {"amount": "200"},
            summary="Send?",
            expires_at=datetime(2025, 5, 12, 7, 5, tzinfo=UTC),
            request_id="r",
        ),
    )
    assert Context.from_dict(json.loads(json.dumps(context.to_dict()))) == context
    assert context.pending.expired(datetime(2025, 5, 12, 7, 5, tzinfo=UTC))
    assert not context.pending.expired(
        datetime(2025, 5, 12, 7, 5, tzinfo=UTC) - timedelta(seconds=1)
    )
