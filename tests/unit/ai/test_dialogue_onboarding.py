"""First contact: consent, language, name — nothing is created before the member agrees, and the
WhatsApp number is the only identity."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.ai.dialogue import requests as rq
from services.ai.dialogue.context import CONSENT, LANGUAGE, NAME, READY
from tests.unit.ai.dialogue_world import World, member


def test_first_contact_welcomes_and_asks_for_consent_without_creating_anything():
    world = World()
    replies = world.send("hi")
    assert replies[0].startswith("Good morning! 👋 I'm the Bitsacco assistant")
    assert "terms" in replies[-1] and "Reply *YES* to agree" in replies[-1]
    assert [b.id for b in world.last_replies[-1].buttons] == ["consent:yes", "consent:no"]
    assert world.calls == []
    assert world.context.stage == CONSENT


def test_first_contact_in_swahili_is_answered_in_swahili():
    world = World()
    replies = world.send("Habari yako, nataka kujiunga")
    assert replies[0].startswith("Habari za asubuhi! 👋 Mimi ni msaidizi wa Bitsacco")
    assert "Jibu *NDIO* kukubali" in replies[-1]
    assert world.context.language == "sw"


def test_declining_keeps_no_account():
    world = World()
    world.send("hi")
    replies = world.press("consent:no")
    assert replies == [
        "No problem. I can't open an account without your agreement, and I've kept nothing. "
        "Message me any time if you change your mind."
    ]
    assert world.calls == [] and world.member is None
    assert world.context.stage == CONSENT


def test_full_onboarding_consent_language_name():
    world = World()
    world.send("hello")
    replies = world.send("yes")
    assert world.calls_of(rq.CreateAccount) == [rq.CreateAccount("en", "2025-01")]
    assert replies == ["Thank you! 🎉 Which language would you like me to use?"]
    assert [b.id for b in world.last_replies[0].buttons] == ["lang:en", "lang:sw"]
    assert world.context.stage == LANGUAGE and world.context.user == "users/u1"

    replies = world.press("lang:sw", "Kiswahili", profile_name="Amina W")
    assert world.calls_of(rq.UpdateProfile)[-1].language == "sw"
    assert replies == [
        "Vizuri. Nikuite nani? Jibu na jina lako, au bonyeza hapa chini kutumia *Amina W*."
    ]
    assert world.context.stage == NAME and world.context.language == "sw"

    replies = world.send("naitwa Amina")
    assert world.calls_of(rq.UpdateProfile)[-1].display_name == "Amina"
    assert replies[0].startswith("Karibu, Amina! Akaunti yako ya Bitsacco iko tayari. ✅")
    assert "*weka 500*" in replies[0]
    assert world.context.stage == READY


def test_the_whatsapp_profile_name_is_only_a_suggestion_until_accepted():
    world = World()
    world.send("hi")
    world.send("I agree")
    world.press("lang:en", "English", profile_name="JOHN K")
    assert world.calls_of(rq.UpdateProfile)[-1].display_name is None
    replies = world.press("name:profile", "John K", profile_name="JOHN K")
    assert world.calls_of(rq.UpdateProfile)[-1].display_name == "John K"
    assert replies[0].startswith("Karibu, John K!")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Amina", "Amina"),
        ("my name is wanjiku kamau", "Wanjiku Kamau"),
        ("call me Otieno", "Otieno"),
        ("jina langu ni Achieng'", "Achieng'"),
        ("Jabari", "Jabari"),
        ("imani", "Imani"),
    ],
)
def test_names_are_read_from_how_people_introduce_themselves(text, name):
    world = World()
    world.send("hi")
    world.send("yes")
    world.press("lang:en")
    world.send(text)
    assert world.calls_of(rq.UpdateProfile)[-1].display_name == name


@pytest.mark.parametrize(
    "text", ["balance", "send 200 to 0712345678", "12345", "what is bitcoin?", "hi", "Habari yako"]
)
def test_a_request_is_not_taken_for_a_name(text):
    world = World()
    world.send("hi")
    world.send("yes")
    world.press("lang:en")
    replies = world.send(text)
    assert replies == [
        "Sorry, I didn't get your name. Please reply with the name you'd like me to use."
    ]
    assert world.context.stage == NAME


def test_an_existing_member_with_consent_and_name_goes_straight_to_business():
    world = World(member=member())
    world.send("balance")
    assert world.calls == [rq.FetchBalance()]
    assert world.context.stage == READY


def test_an_existing_member_without_a_name_is_asked_for_one():
    world = World(member=member(display_name=""))
    assert world.send("hi") == ["Great. What should I call you?"]
    assert world.context.stage == NAME
    world.send("Amina")
    assert world.calls_of(rq.UpdateProfile)[-1].display_name == "Amina"
    assert world.context.stage == READY


def test_a_suspended_member_is_told_plainly_and_nothing_runs():
    world = World(member=member(suspended=True))
    replies = world.send("send 200 to 0712345678")
    assert replies == [
        "Your account is on hold, so I can't do that right now. Say *talk to a human* and our "
        "team will help you."
    ]
    assert world.calls == []
    world.send("talk to a human")
    assert world.flagged


@pytest.mark.parametrize(
    ("utc_hour", "greeting"),
    [(4, "Good morning"), (11, "Good afternoon"), (16, "Good evening"), (20, "Hello")],
)
def test_greeting_follows_the_time_of_day_in_nairobi(utc_hour, greeting):
    world = World(member=member(), now=datetime(2025, 5, 12, utc_hour, 30, tzinfo=UTC))
    assert world.send("hi") == [f"{greeting}, Amina! 😊 How can I help you today?"]
