"""Full conversations through the gateway, in English and in Swahili: onboarding, saving with
(simulated) M-Pesa, the balance, sending to another member, the statement — with a cancellation,
a correction, a limit hit and a step-up code on the way."""

from __future__ import annotations

import re

from services.runtime.phone_numbers import display_phone
from tests.e2e.conversation import ask, m_pesa_paid, notice, onboard, press, sats_in, sms


async def test_a_conversation_in_english(system):
    async with system.phone("Amina") as amina, system.phone("Baraka") as baraka:
        await onboard(amina, "Amina")
        await onboard(baraka, "Baraka", "sw")

        replies = await ask(amina, "I want to save 1000 bob")
        assert re.fullmatch(
            r"Save KES 1,000 \(≈ [\d,]+ sats\) with M-Pesa\? Reply YES or NO", replies[0]
        )
        mark = len(amina.received)
        replies = await press(amina, "Yes")
        assert replies[0].startswith("📲 Check your phone: enter your M-Pesa PIN to pay KES 1,000")
        assert "KES 1,000 paid to BITSACCO" in await m_pesa_paid(amina, mark)
        receipt = await notice(amina, "✅ You saved KES 1,000:", mark)

        (balance,) = await ask(amina, "what's my balance?")
        saved = sats_in(balance)
        assert balance.startswith("💰 Your balance:") and saved == sats_in(receipt)

        # A transfer, corrected before it is confirmed.
        to_baraka = display_phone(baraka.config.phone)
        replies = await ask(amina, f"send 200 to {baraka.config.phone}")
        assert replies[0].startswith("Send KES 200 (≈") and replies[0].endswith(
            f"to {to_baraka}? Reply YES or NO"
        )
        replies = await ask(amina, "change it to 300")
        assert replies[0].startswith("Send KES 300 (≈")
        replies = await ask(amina, "YES")
        assert (
            replies[0].startswith("✅ Sent") and f"(KES 300) to Baraka ({to_baraka})" in replies[0]
        )
        sent = sats_in(replies[0])

        # A cancellation moves nothing.
        await ask(amina, f"send 100 to {baraka.config.phone}")
        assert await ask(amina, "cancel") == ["Cancelled. Nothing was sent. 👍"]
        assert sats_in(await notice(baraka, "💰 Umepokea sats")) == sent
        (received,) = await ask(baraka, "salio")
        assert received.startswith("💰 Salio lako:") and sats_in(received) == sent

        # The daily transfer limit (tier 1: USD 25) is explained, with when it resets.
        await ask(amina, "save 4000")
        mark = len(amina.received)
        await press(amina, "Yes")
        await m_pesa_paid(amina, mark)
        await ask(amina, f"send 4000 to {baraka.config.phone}")
        (limit,) = await ask(amina, "yes")
        assert limit.startswith("That's more than your daily sending limit allows.")
        assert "resets at midnight" in limit
        assert await ask(amina, "cancel") == ["Cancelled. Nothing was sent. 👍"]

        (statement,) = await ask(amina, "statement")
        lines = statement.splitlines()
        assert lines[0].startswith("🧾 Your last 3 transactions:")
        assert lines[1].endswith("· Saved via M-Pesa · +" + lines[1].split("+")[1])
        assert "(KES 4,000)" in lines[1]
        assert "Sent · Baraka" in lines[2] and f"−{sent:,} sats (KES " in lines[2]
        assert "Saved via M-Pesa" in lines[3] and "(KES 1,000)" in lines[3]
        assert lines[-1].startswith("Balance now:")


async def test_a_conversation_in_swahili_with_a_step_up_code(system):
    async with system.phone("Wanjiku") as wanjiku, system.phone("Otieno") as otieno:
        await onboard(wanjiku, "Wanjiku", "sw")
        await onboard(otieno, "Otieno")
        await system.set_tier(wanjiku.config.phone, 2)

        # A large save needs the step-up code, sent by SMS (a second channel).
        replies = await ask(wanjiku, "weka elfu kumi na tano")
        assert replies[0].startswith("Uweke KES 15,000 (≈")
        assert "nitakutumia pia nambari ya siri kwa SMS" in replies[0]
        mark = len(wanjiku.received)
        replies = await ask(wanjiku, "ndio")
        assert replies[0].startswith("🔐 Kwa usalama wako")
        code = re.search(r"\b\d{6}\b", await sms(wanjiku, mark)).group(0)
        mark = len(wanjiku.received)
        replies = await ask(wanjiku, code)
        assert replies[0].startswith(
            "📲 Angalia simu yako: weka PIN yako ya M-Pesa kulipa KES 15,000"
        )
        await m_pesa_paid(wanjiku, mark)
        (balance,) = await ask(wanjiku, "salio langu ni ngapi?")
        assert balance.startswith("💰 Salio lako:") and sats_in(balance) > 0

        # A correction, a cancellation, then a transfer.
        to_otieno = display_phone(otieno.config.phone)
        replies = await ask(wanjiku, f"tuma 500 kwa {otieno.config.phone}")
        assert replies[0].startswith("Utume KES 500 (≈") and to_otieno in replies[0]
        replies = await ask(wanjiku, "hapana, badilisha iwe 700")
        assert replies[0].startswith("Utume KES 700 (≈")
        assert await ask(wanjiku, "hapana") == ["Imesitishwa. Hakuna kilichotumwa. 👍"]
        await ask(wanjiku, f"tuma 700 kwa {otieno.config.phone}")
        replies = await ask(wanjiku, "ndio")
        assert replies[0].startswith("✅ Umetuma sats") and "(KES 700) kwa Otieno" in replies[0]

        (statement,) = await ask(wanjiku, "nipe statement")
        lines = statement.splitlines()
        assert lines[0] == "🧾 Miamala yako 2 ya mwisho:"
        assert "Umetuma · Otieno" in lines[1] and "Akiba kupitia M-Pesa" in lines[2]
        (theirs,) = await ask(otieno, "balance")
        assert theirs.startswith("💰 Your balance:") and sats_in(theirs) > 0
