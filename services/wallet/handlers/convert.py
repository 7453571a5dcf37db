"""Stored rows and domain values → wallet.v1 messages."""

from __future__ import annotations

from datetime import datetime

from bitsacco.common.v1 import common_pb2
from bitsacco.wallet.v1 import wallet_pb2
from google.protobuf.timestamp_pb2 import Timestamp

from services.wallet.flows.quotes import PriceView
from services.wallet.flows.wallets import WalletView
from services.wallet.rules.names import child_name, wallet_name
from services.wallet.storage.store import utc
from services.wallet.storage.tables import CHAMA

DEPOSIT_STATES = {
    "PENDING": wallet_pb2.DEPOSIT_STATE_PENDING,
    "COMPLETED": wallet_pb2.DEPOSIT_STATE_COMPLETED,
    "FAILED": wallet_pb2.DEPOSIT_STATE_FAILED,
    "EXPIRED": wallet_pb2.DEPOSIT_STATE_EXPIRED,
}
WITHDRAWAL_STATES = {
    "PENDING": wallet_pb2.WITHDRAWAL_STATE_PENDING,
    "RESERVED": wallet_pb2.WITHDRAWAL_STATE_RESERVED,
    "SENDING": wallet_pb2.WITHDRAWAL_STATE_RESERVED,  # a B2C request is out; not yet accepted
    "SUBMITTED": wallet_pb2.WITHDRAWAL_STATE_SUBMITTED,
    "COMPLETED": wallet_pb2.WITHDRAWAL_STATE_COMPLETED,
    "FAILED": wallet_pb2.WITHDRAWAL_STATE_FAILED,
    "UNKNOWN": wallet_pb2.WITHDRAWAL_STATE_UNKNOWN,
}


def timestamp(moment: datetime | None) -> Timestamp | None:
    if moment is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(utc(moment))
    return stamp


def money(currency: str, minor: int) -> common_pb2.Money:
    return common_pb2.Money(currency_code=currency, minor_units=minor)


def price(currency: str, minor_per_btc: int) -> common_pb2.BtcPrice:
    return common_pb2.BtcPrice(currency_code=currency, minor_units_per_btc=minor_per_btc)


def wallet(view: WalletView) -> wallet_pb2.Wallet:
    message = wallet_pb2.Wallet(
        name=wallet_name(view.account.id),
        owner=view.account.owner,
        kind=wallet_pb2.WALLET_KIND_CHAMA_TREASURY
        if view.account.kind == CHAMA
        else wallet_pb2.WALLET_KIND_USER,
        balance_sats=view.balance,
        available_sats=view.available,
        pending_in_sats=view.pending_in,
        pending_out_sats=view.pending_out,
        create_time=timestamp(view.account.created_at),
    )
    if view.price is not None:
        message.value_kes.CopyFrom(money("KES", view.value_kes))
        message.value_usd.CopyFrom(money("USD", view.value_usd))
        message.price_kes.CopyFrom(price("KES", view.price.kes_mid))
        message.price_usd.CopyFrom(price("USD", view.price.usd_mid))
        message.price_time.CopyFrom(timestamp(view.price.as_of))
    return message


def current_price(view: PriceView) -> wallet_pb2.Price:
    snap = view.snapshot
    return wallet_pb2.Price(
        mid_kes=price("KES", snap.kes_mid),
        buy_kes=price("KES", view.buy(snap.kes_mid)),
        sell_kes=price("KES", view.sell(snap.kes_mid)),
        mid_usd=price("USD", snap.usd_mid),
        buy_usd=price("USD", view.buy(snap.usd_mid)),
        sell_usd=price("USD", view.sell(snap.usd_mid)),
        source=snap.source,
        as_of_time=timestamp(snap.as_of),
        spread_bps=view.spread_bps,
    )


def quote(row) -> wallet_pb2.Quote:
    return wallet_pb2.Quote(
        name=child_name(row.account_id, "quotes", row.id),
        side=row.side,
        fiat_amount=money(row.currency, row.fiat_minor),
        amount_sats=row.sats,
        currency_code=row.currency,
        rate=price(row.currency, row.rate),
        mid_price=price(row.currency, row.mid),
        spread_bps=row.spread_bps,
        spread=money(row.currency, row.spread_minor),
        fee=money(row.currency, row.fee_minor),
        price_time=timestamp(row.price_time),
        create_time=timestamp(row.created_at),
        expire_time=timestamp(row.expire_at),
        used_by=row.used_by or "",
    )


def transfer(row) -> wallet_pb2.Transfer:
    return wallet_pb2.Transfer(
        name=child_name(row.account_id, "transfers", row.id),
        recipient_phone_number=row.recipient_phone,
        recipient_display_name=row.recipient_name,
        amount_sats=row.amount_sats,
        fiat_amount=money(row.fiat_currency, row.fiat_minor),
        rate=price(row.rate_currency, row.rate),
        note=row.note,
        create_time=timestamp(row.created_at),
        transaction=child_name(row.account_id, "transactions", row.txn_id),
    )


def transaction(row) -> wallet_pb2.Transaction:
    message = wallet_pb2.Transaction(
        name=child_name(row.account_id, "transactions", row.txn_id),
        type=row.line_type,
        amount_sats=row.amount,
        balance_sats=row.balance_after,
        counterparty=wallet_pb2.Counterparty(
            display_name=row.counterparty_name or "",
            phone_number=row.counterparty_phone or "",
            chama=row.counterparty_chama or "",
        ),
        reference=row.reference or "",
        source=row.source or "",
        memo=row.memo or "",
        create_time=timestamp(row.created_at),
    )
    if row.fiat_minor is not None:
        message.fiat_value.CopyFrom(money("KES", row.fiat_minor))
    if row.price_minor is not None:
        message.price.CopyFrom(price("KES", row.price_minor))
    return message


def utc_of(moment: datetime | None) -> datetime | None:
    return utc(moment) if moment is not None else None


def savings_summary(account, summary) -> wallet_pb2.SavingsSummary:
    message = wallet_pb2.SavingsSummary(
        name=f"{wallet_name(account.id)}/savingsSummary",
        total_saved_sats=summary.saved_sats,
        total_saved=money("KES", summary.saved_kes),
        total_withdrawn_sats=summary.withdrawn_sats,
        total_withdrawn=money("KES", summary.withdrawn_kes),
        total_sent_sats=summary.sent_sats,
        total_sent=money("KES", summary.sent_kes),
        total_received_sats=summary.received_sats,
        total_received=money("KES", summary.received_kes),
        balance_sats=summary.balance,
        current_price=price("KES", summary.price.kes_mid),
        current_value=money("KES", summary.current_value),
        gain=money("KES", summary.gain),
        gain_bps=summary.gain_bps,
        compute_time=timestamp(summary.computed_at),
    )
    if summary.average_buy_price is not None:
        message.average_buy_price.CopyFrom(price("KES", summary.average_buy_price))
    return message


def deposit(row) -> wallet_pb2.Deposit:
    message = wallet_pb2.Deposit(
        name=child_name(row.account_id, "deposits", row.id),
        amount=money("KES", row.amount_minor),
        phone_number=row.phone,
        quote=child_name(row.account_id, "quotes", row.quote_id) if row.quote_id else "",
        state=DEPOSIT_STATES[row.state],
        failure_reason=(
            wallet_pb2.DepositFailureReason.Value(f"DEPOSIT_FAILURE_REASON_{row.failure_reason}")
            if row.failure_reason
            else 0
        ),
        result_description=row.result_description or "",
        rate=price("KES", row.rate),
        amount_sats=row.amount_sats,
        merchant_request_id=row.merchant_request_id or "",
        checkout_request_id=row.checkout_request_id or "",
        mpesa_receipt_number=row.mpesa_receipt or "",
        create_time=timestamp(row.created_at),
        expire_time=timestamp(row.expire_at),
        resolve_time=timestamp(row.resolve_at),
        transaction=child_name(row.account_id, "transactions", row.txn_id) if row.txn_id else "",
        savings_plan=(
            child_name(row.account_id, "savingsPlans", row.savings_plan_id)
            if row.savings_plan_id
            else ""
        ),
    )
    if row.result_code is not None:
        message.result_code = row.result_code
    return message


def withdrawal(row) -> wallet_pb2.Withdrawal:
    message = wallet_pb2.Withdrawal(
        name=child_name(row.account_id, "withdrawals", row.id),
        fiat_amount=money("KES", row.fiat_minor),
        amount_sats=row.amount_sats,
        quote=child_name(row.account_id, "quotes", row.quote_id) if row.quote_id else "",
        phone_number=row.phone,
        state=WITHDRAWAL_STATES[row.state],
        failure_reason=(
            wallet_pb2.WithdrawalFailureReason.Value(
                f"WITHDRAWAL_FAILURE_REASON_{row.failure_reason}"
            )
            if row.failure_reason
            else 0
        ),
        result_description=row.result_description or "",
        rate=price("KES", row.rate),
        conversation_id=row.conversation_id or "",
        originator_conversation_id=row.originator_conversation_id,
        mpesa_receipt_number=row.receipt or "",
        recipient_public_name=row.recipient_name or "",
        create_time=timestamp(row.created_at),
        resolve_time=timestamp(row.resolve_at),
        transaction=child_name(row.account_id, "transactions", row.txn_id) if row.txn_id else "",
        review_time=timestamp(row.review_at),
    )
    if row.result_code is not None:
        message.result_code = row.result_code
    return message


def goal(view) -> wallet_pb2.Goal:
    row = view.row
    message = wallet_pb2.Goal(
        name=child_name(row.account_id, "goals", row.id),
        display_name=row.display_name,
        target_date=row.target_date or "",
        progress_percent=view.progress,
        reached_milestones=[value for value, _ in view.reached],
        create_time=timestamp(row.created_at),
        update_time=timestamp(row.updated_at),
    )
    if row.target_sats is not None:
        message.target_sats = row.target_sats
    else:
        message.target_amount.CopyFrom(money(row.target_currency, row.target_minor))
    if view.reach_time is not None:
        message.reach_time.CopyFrom(timestamp(view.reach_time))
    return message


def savings_plan(row) -> wallet_pb2.SavingsPlan:
    return wallet_pb2.SavingsPlan(
        name=child_name(row.account_id, "savingsPlans", row.id),
        amount=money("KES", row.amount_minor),
        frequency=row.frequency,
        phone_number=row.phone or "",
        start_time=timestamp(row.anchor_at),
        state=wallet_pb2.SAVINGS_PLAN_STATE_ACTIVE
        if row.state == "ACTIVE"
        else wallet_pb2.SAVINGS_PLAN_STATE_PAUSED,
        pause_reason=row.pause_reason,
        next_run_time=timestamp(row.next_run_at),
        last_run_time=timestamp(row.last_run_at),
        last_deposit=(
            child_name(row.account_id, "deposits", row.last_deposit_id)
            if row.last_deposit_id
            else ""
        ),
        consecutive_failures=row.consecutive_failures,
        create_time=timestamp(row.created_at),
        update_time=timestamp(row.updated_at),
    )


def price_alert(row) -> wallet_pb2.PriceAlert:
    message = wallet_pb2.PriceAlert(
        name=child_name(row.account_id, "priceAlerts", row.id),
        direction=row.direction,
        price=price(row.currency, row.level),
        state=row.state,
        trigger_time=timestamp(row.trigger_at),
        create_time=timestamp(row.created_at),
        cancel_time=timestamp(row.cancelled_at),
    )
    if row.trigger_price is not None:
        message.trigger_price.CopyFrom(price(row.currency, row.trigger_price))
    return message
