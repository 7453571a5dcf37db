"""Replies that show what a service answered: balance, price, statement."""

from __future__ import annotations

from services.ai.dialogue import amounts
from services.ai.dialogue.clock import short_date_time
from services.ai.dialogue.phrases import has, say
from services.ai.dialogue.requests import Balance, Price, Statement


def balance_text(balance: Balance, language: str) -> str:
    if balance.balance_sats == 0 and balance.pending_in_sats == 0:
        return say(language, "balance.empty")
    value = (
        say(language, "balance.value", kes=amounts.fiat_minor_text(balance.value_kes_minor))
        if balance.value_kes_minor is not None and balance.balance_sats
        else ""
    )
    text = say(
        language, "balance", sats=amounts.sats_text(balance.balance_sats, language), value=value
    )
    if balance.pending_in_sats:
        incoming = amounts.sats_text(balance.pending_in_sats, language)
        key = "balance.incoming" if balance.balance_sats else "balance.incoming_first"
        text += " " + say(language, key, sats=incoming)
    return text


def price_text(price: Price, language: str) -> str:
    return say(
        language,
        "price",
        mid_kes=amounts.fiat_minor_text(price.mid_kes),
        mid_usd=amounts.fiat_minor_text(price.mid_usd, "USD"),
        buy_kes=amounts.fiat_minor_text(price.buy_kes),
        sell_kes=amounts.fiat_minor_text(price.sell_kes),
    )


def statement_text(statement: Statement, language: str) -> str:
    if not statement.lines:
        return say(language, "statement.empty")
    lines = [say(language, "statement.header", count=len(statement.lines))]
    for line in statement.lines:
        kind = f"kind.{line.kind}" if has(f"kind.{line.kind}") else "kind.other"
        sign = "+" if line.amount_sats > 0 else "−"
        sats = amounts.sats_text(abs(line.amount_sats), language)
        fiat = (
            f" ({amounts.fiat_minor_text(abs(line.fiat_minor), line.fiat_code or 'KES')})"
            if line.fiat_minor
            else ""
        )
        who = f" · {line.counterparty}" if line.counterparty else ""
        lines.append(
            f"• {short_date_time(line.time, language)} · {say(language, kind)}{who} · "
            f"{sign}{sats}{fiat}"
        )
    if statement.balance_sats is not None:
        balance = amounts.sats_text(statement.balance_sats, language)
        lines.append(say(language, "statement.balance", sats=balance))
    return "\n".join(lines)
