"""The knowledge base answers questions in either language from the right entry, in the
language asked for, and stays silent when it has nothing relevant."""

import pytest

from services.ai.knowledge import answer
from services.ai.knowledge.entries import LANGUAGES, load_entries


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("what is bitcoin?", "bitcoin"),
        ("what is bitcon", "bitcoin"),  # typo
        ("I want to learn about bitcoin", "bitcoin"),
        ("blockchain ni nini", "bitcoin"),
        ("nifundishe kuhusu bitcoin", "bitcoin"),
        ("what are sats", "sats"),
        ("satoshi ni nini", "sats"),
        ("how many sats make one bitcoin", "sats"),
        ("maana ya sats ni nini", "sats"),
        ("why should I save in bitcoin", "why_save_in_bitcoin"),
        ("mfumuko wa bei ni nini", "why_save_in_bitcoin"),
        ("is bitcoin safe?", "risks"),
        ("why does the price go up and down", "risks"),
        ("naweza kupoteza pesa yangu?", "risks"),
        ("bitcoin ni salama?", "risks"),
        ("DCA ni nini", "dca"),
        ("whats dca", "dca"),
        ("akiba ya kiotomatiki ni nini", "dca"),
        ("what are your fees", "fees"),
        ("what is the spread", "fees"),
        ("makato ni ngapi", "fees"),
        ("ada ya bitsacco ni ngapi", "fees"),
        ("how do I buy bitcoin", "deposit_mpesa"),
        ("nawezaje kuweka pesa kutoka mpesa", "deposit_mpesa"),
        ("how do withdrawals work", "withdraw_mpesa"),
        ("nawezaje kutoa pesa", "withdraw_mpesa"),
        ("how do I send money to my friend", "send_to_member"),
        ("what is a chama?", "chama"),
        ("eleza kuhusu chama", "chama"),
        ("how do I start a chama", "chama"),
        ("sacco ni nini", "sacco"),
        ("what does sacco mean", "sacco"),
        ("how does voting work in a chama", "chama_voting"),
        ("kura inafanyaje kazi", "chama_voting"),
        ("what happens if I pay my chama contribution late", "chama_contributions"),
        ("is my money safe", "security"),
        ("someone is asking for my pin", "security"),
        ("is this a ponzi scheme", "scams"),
        ("bitcoin ni utapeli?", "scams"),
        ("what is KYC", "limits"),
        ("what is the daily limit", "limits"),
        ("how do i set a savings goal", "goals"),
        ("how do price alerts work", "price_alerts"),
        ("where is my bitcoin stored", "custody"),
        ("wallet ni nini", "custody"),
        ("how do i join", "bitsacco"),
    ],
)
def test_questions_find_their_entry(question: str, entry_id: str) -> None:
    found = answer(question, "en")
    assert found is not None, question
    assert found.entry_id == entry_id


def test_answer_comes_in_the_language_asked_for() -> None:
    english = answer("DCA ni nini", "en")
    swahili = answer("what is dca", "sw")
    assert english is not None and swahili is not None
    assert english.entry_id == swahili.entry_id == "dca"
    assert english.language_code == "en" and "every week" in english.text
    assert swahili.language_code == "sw" and "kila wiki" in swahili.text


def test_unknown_language_falls_back_to_english() -> None:
    found = answer("what are sats", "fr")
    assert found is not None and found.language_code == "en"


@pytest.mark.parametrize(
    "question",
    [
        "asdf qwerty",
        "",
        "hello",
        "what is the weather today",
        "who won the football match",
        "nipe chakula",
        "tell me a joke",
        "how old are you",
    ],
)
def test_nonsense_and_off_topic_get_no_answer(question: str) -> None:
    assert answer(question, "en") is None


def test_entries_are_complete_and_short() -> None:
    entries = load_entries()
    assert 15 <= len(entries) <= 25
    assert len({entry.id for entry in entries}) == len(entries)
    for entry in entries:
        for language in LANGUAGES:
            assert len(entry.answers[language]) <= 600, entry.id  # one WhatsApp message
        assert entry.keywords and entry.questions


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        (text, entry.id)
        for entry in load_entries()
        for text in (*entry.questions, *entry.titles.values())
    ],
)
def test_every_sample_question_and_title_finds_its_own_entry(question: str, entry_id: str) -> None:
    found = answer(question, "sw")
    assert found is not None and found.entry_id == entry_id
