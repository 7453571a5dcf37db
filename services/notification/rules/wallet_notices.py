"""What a member is told when the wallet reports something (stream `events.wallet`): a short
text in their language inside the 24-hour window, the matching approved template outside it.

Topics (services/wallet/events.py): wallet.deposit.completed, wallet.deposit.failed,
wallet.withdrawal.completed, wallet.withdrawal.failed, wallet.withdrawal.review_needed (also
operations are told: `operations_alert`; only they hear of wallet.withdrawal.paid_after_failure),
wallet.transfer.completed (the recipient is told),
wallet.goal.milestone_reached, wallet.price_alert.triggered, wallet.savings_plan.paused. Any other
topic is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Notice:
    user: str  # `users/{id}`: whose number and language the notice goes to
    template: str
    parameters: dict[str, list[str]]  # by language: the template's {{1}}, {{2}}…
    text: dict[str, str]  # by language: the free-form text inside the window


def _money(amount: dict | None) -> str:
    """`{"currency_code": "KES", "minor_units": 150000}` → `KES 1,500`."""
    amount = amount or {}
    minor = int(amount.get("minor_units", 0))
    whole, cents = divmod(abs(minor), 100)
    text = f"{whole:,}" + (f".{cents:02d}" if cents else "")
    return f"{amount.get('currency_code', 'KES')} {'-' if minor < 0 else ''}{text}"


def _price(price: dict | None) -> str:
    price = price or {}
    return _money(
        {
            "currency_code": price.get("currency_code", "KES"),
            "minor_units": int(price.get("minor_units_per_btc", 0)),
        }
    )


def _sats(value) -> str:
    return f"{int(value or 0):,}"


def _both(en: str, sw: str) -> dict[str, str]:
    return {"en": en, "sw": sw}


def notices_for(topic: str, payload: dict) -> list[Notice]:
    if topic == "wallet.deposit.completed":
        amount, sats = _money(payload.get("amount")), _sats(payload.get("amount_sats"))
        receipt = payload.get("mpesa_receipt_number") or "-"
        return [
            Notice(
                payload["user"],
                "deposit_received",
                {"en": [amount, sats, receipt], "sw": [amount, sats, receipt]},
                _both(
                    f"✅ You saved {amount}: {sats} sats are now in your wallet. "
                    f"M-Pesa ref {receipt}.",
                    f"✅ Umeweka {amount}: sats {sats} sasa ziko kwenye pochi yako. "
                    f"Kumbukumbu ya M-Pesa {receipt}.",
                ),
            )
        ]
    if topic == "wallet.withdrawal.completed":
        amount = _money(payload.get("amount"))
        receipt = payload.get("mpesa_receipt_number") or "-"
        return [
            Notice(
                payload["owner"],
                "withdrawal_sent",
                {"en": [amount, receipt], "sw": [amount, receipt]},
                _both(
                    f"✅ {amount} has been sent to your M-Pesa. M-Pesa ref {receipt}.",
                    f"✅ {amount} zimetumwa kwa M-Pesa yako. Kumbukumbu ya M-Pesa {receipt}.",
                ),
            )
        ]
    if topic in ("wallet.deposit.failed", "wallet.withdrawal.failed"):
        message = payload.get("message") or {}
        en = message.get("en") or "A payment did not go through. Nothing was taken."
        sw = message.get("sw") or "Malipo hayakufanikiwa. Hakuna kilichochukuliwa."
        user = payload.get("user") or payload.get("owner")
        return [Notice(user, "account_notice", {"en": [en], "sw": [sw]}, _both(en, sw))]
    if topic == "wallet.withdrawal.review_needed":
        amount = _money(payload.get("amount"))
        en = (
            f"⏳ Your withdrawal of {amount} is taking longer than usual. Your money is safe: "
            "our team is checking with M-Pesa and will let you know the outcome."
        )
        sw = (
            f"⏳ Utoaji wako wa {amount} unachukua muda kuliko kawaida. Pesa yako iko salama: "
            "timu yetu inafuatilia na M-Pesa na itakujulisha matokeo."
        )
        return [Notice(payload["owner"], "account_notice", {"en": [en], "sw": [sw]}, _both(en, sw))]
    if topic == "wallet.transfer.completed":
        sats = _sats(payload.get("amount_sats"))
        sender = payload.get("sender_display_name") or payload.get("sender_phone") or "-"
        return [
            Notice(
                payload["recipient"],
                "transfer_received",
                {"en": [sats, sender], "sw": [sats, sender]},
                _both(
                    f"💰 You received {sats} sats from {sender}.",
                    f"💰 Umepokea sats {sats} kutoka kwa {sender}.",
                ),
            )
        ]
    if topic == "wallet.price_alert.triggered":
        above = payload.get("direction") == "ABOVE"
        price, trigger = _price(payload.get("price")), _price(payload.get("trigger_price"))
        en_word, sw_word = ("above", "juu") if above else ("below", "chini")
        return [
            Notice(
                payload["user"],
                "price_alert",
                {"en": [price, en_word, trigger], "sw": [price, sw_word, trigger]},
                _both(
                    f"📈 Price alert: bitcoin is now {price}, {en_word} your alert at {trigger}."
                    if above
                    else f"📉 Price alert: bitcoin is now {price}, {en_word} your alert at "
                    f"{trigger}.",
                    f"Tahadhari ya bei: bitcoin sasa ni {price}, {sw_word} ya tahadhari yako "
                    f"ya {trigger}.",
                ),
            )
        ]
    if topic == "wallet.goal.milestone_reached":
        milestone = int(payload.get("milestone", 0))
        en = f"🎯 You've reached {milestone}% of your savings goal. Keep going!"
        sw = f"🎯 Umefikia {milestone}% ya lengo lako la akiba. Endelea hivyo!"
        if milestone >= 100:
            en, sw = "🎉 You've reached your savings goal!", "🎉 Umefikia lengo lako la akiba!"
        return [Notice(payload["user"], "account_notice", {"en": [en], "sw": [sw]}, _both(en, sw))]
    if topic == "wallet.savings_plan.paused":
        en = (
            "Your automatic savings plan is paused after payments failed. Reply to set it up again."
        )
        sw = (
            "Mpango wako wa akiba wa kiotomatiki umesimamishwa baada ya malipo kushindwa. "
            "Jibu ili uuanzishe tena."
        )
        return [Notice(payload["user"], "account_notice", {"en": [en], "sw": [sw]}, _both(en, sw))]
    return []


def operations_alert(topic: str, payload: dict) -> str | None:
    """The SMS for the operations numbers, for what someone must check by hand; None otherwise."""
    conversation = payload.get("conversation_id") or "none"
    if topic == "wallet.withdrawal.paid_after_failure":
        return (
            f"Bitsacco: M-Pesa says withdrawal {payload.get('withdrawal')} of "
            f"{_money(payload.get('amount'))} to {payload.get('phone_number')} was paid "
            f"(receipt {payload.get('mpesa_receipt_number') or 'none'}) after it had failed and "
            f"its sats went back to the member. Check with Safaricom and recover by hand: "
            f"OriginatorConversationID {payload.get('originator_conversation_id')}, "
            f"ConversationID {conversation}."
        )
    if topic != "wallet.withdrawal.review_needed":
        return None
    return (
        f"Bitsacco: withdrawal {payload.get('withdrawal')} of {_money(payload.get('amount'))} "
        f"to {payload.get('phone_number')} is still unresolved after "
        f"{payload.get('status_queries')} status queries; its sats stay reserved. Check with "
        f"Safaricom: OriginatorConversationID {payload.get('originator_conversation_id')}, "
        f"ConversationID {conversation}."
    )
