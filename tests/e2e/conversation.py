"""Talking to the assistant through the simulator, as a member does, with waits that end as soon
as what a step expects has arrived."""

from __future__ import annotations

import re

from services.chat_simulator import Shown, Simulator

# What the notification service sends on its own when the wallet reports something (receipts,
# money received, alerts): they arrive whenever the event does, between the assistant's replies.
NOTICES = (
    "✅ You saved ",
    "✅ Umeweka ",
    "💰 You received ",
    "💰 Umepokea ",
    "📈 Price alert",
    "📉 Price alert",
    "Tahadhari ya bei",
    "🎯 ",
    "🎉 ",
)


def is_notice(shown: Shown) -> bool:
    return shown.kind == "whatsapp" and shown.text.startswith(NOTICES)


def whatsapp(shown: list[Shown]) -> list[str]:
    """The assistant's replies among what arrived."""
    return [s.text for s in shown if s.kind == "whatsapp" and not is_notice(s)]


def notices(phone: Simulator, since: int = 0) -> list[str]:
    return [s.text for s in phone.received[since:] if is_notice(s)]


async def notice(phone: Simulator, start: str, since: int = 0) -> str:
    """Wait for a notice beginning with `start` (arrived after `since`)."""

    def found() -> list[str]:
        return [text for text in notices(phone, since) if text.startswith(start)]

    if not found():
        await phone.wait_for_replies(until=lambda _: bool(found()), within=30)
    assert found(), phone.received[since:]
    return found()[0]


async def ask(phone: Simulator, text: str, replies: int = 1) -> list[str]:
    """Send `text`; the assistant's WhatsApp replies (at least `replies` of them)."""
    arrived = await phone.say(text, until=lambda shown: len(whatsapp(shown)) >= replies, within=30)
    found = whatsapp(arrived)
    assert len(found) >= replies, f"{text!r} got {arrived}"
    return found


async def press(phone: Simulator, title: str, replies: int = 1) -> list[str]:
    """Tap the button titled `title` on the last message that had buttons."""
    button = next((b for b in phone.last_buttons if b[1] == title), None)
    assert button is not None, f"no button {title!r} in {phone.last_buttons}: {phone.received[-3:]}"
    arrived = await phone.say(
        button=button, until=lambda shown: len(whatsapp(shown)) >= replies, within=30
    )
    found = whatsapp(arrived)
    assert len(found) >= replies, f"{title!r} got {arrived}"
    return found


async def m_pesa_paid(phone: Simulator, since: int = 0) -> str:
    """Wait for the (simulated) M-Pesa confirmation on the phone (arrived after `since`, an
    index into everything the phone received)."""

    def confirmed() -> list[str]:
        return [
            s.text for s in phone.received[since:] if s.kind == "mpesa" and "Confirmed" in s.text
        ]

    if not confirmed():
        await phone.wait_for_replies(until=lambda _: bool(confirmed()), within=30)
    assert confirmed(), phone.received[since:]
    return confirmed()[0]


async def sms(phone: Simulator, since: int = 0) -> str:
    def texts() -> list[str]:
        return [s.text for s in phone.received[since:] if s.kind == "sms"]

    if not texts():
        await phone.wait_for_replies(until=lambda _: bool(texts()), within=30)
    assert texts(), phone.received[since:]
    return texts()[0]


def sats_in(text: str) -> int:
    found = re.search(r"([\d,]+) sats|sats ([\d,]+)", text)
    assert found, text
    return int((found.group(1) or found.group(2)).replace(",", ""))


async def onboard(phone: Simulator, name: str, language: str = "en") -> None:
    greeting = "hi" if language == "en" else "Habari"
    replies = await ask(phone, greeting, replies=2)
    assert "Bitsacco" in replies[0]
    agree = "Yes, I agree" if language == "en" else "Ndio, nakubali"
    await press(phone, agree)
    await press(phone, "English" if language == "en" else "Kiswahili")
    replies = await ask(phone, name)
    assert replies[0].startswith(f"Karibu, {name}!"), replies
