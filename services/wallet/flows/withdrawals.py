"""Withdraw: sell sats for KES paid by M-Pesa B2C; reserved first, never refunded on a timeout.

Life of a withdrawal:
1. One transaction (the account row locked) checks available funds, counts the daily limit,
   uses the quote, reserves the sats (pending_out) and records the withdrawal RESERVED with our
   OriginatorConversationID — so every later callback can be matched, even one that arrives
   before we record Daraja's answer.
2. The B2C request, SENDING while it is out (one attempt at a time). Unreachable (certainly
   not sent): back to RESERVED, sent again later with a backoff; after the attempts or the time
   allowed (rules/payout_checks.py) FAILED PROVIDER_UNAVAILABLE, reservation released — so
   RESERVED always means no request of ours can have reached Daraja. Refused: FAILED REJECTED,
   reservation released. Accepted: SUBMITTED. Ambiguous (timeout, 5xx): UNKNOWN, reservation
   kept. An attempt that never reports back (the process died) may have reached Daraja: once its
   time is up it is treated as UNKNOWN, never sent again nor released.
3. The result callback: ResultCode 0 posts the debit (settling the reservation); any other code
   is a definite failure: the reservation is released. The queue-timeout callback, a SUBMITTED
   payout that stays silent, or an answer that does not add up make it UNKNOWN, and only a
   Transaction Status result ever resolves an UNKNOWN one (Completed → COMPLETED, a definite
   failed status → FAILED); anything else keeps it reserved and asks again later, less and
   less often (rules/payout_checks.py).
4. An outcome still unknown after the status queries allowed (by count or age) is handed to
   operations once (`review_at`, the event WITHDRAWAL_REVIEW_NEEDED). Nothing is refunded — the
   member may have been paid — and it is still asked about, rarely, so a late answer (a status
   result or the B2C result itself) completes or releases it as usual.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.runtime.auth import Caller
from services.runtime.db import insert_for
from services.runtime.errors import FieldViolation, InvalidArgument
from services.runtime.events import publish
from services.wallet.adapters.daraja import (
    DarajaAmbiguous,
    DarajaClient,
    DarajaError,
    DarajaRefused,
    DarajaUnreachable,
)
from services.wallet.adapters.prices import PriceFeed
from services.wallet.events import (
    WITHDRAWAL_COMPLETED,
    WITHDRAWAL_FAILED,
    WITHDRAWAL_PAID_AFTER_FAILURE,
    WITHDRAWAL_REVIEW_NEEDED,
)
from services.wallet.flows.deposits import CallbackUrls, _get, _owner
from services.wallet.flows.limits import (
    Limits,
    Valuation,
    insufficient_funds,
    limit_exceeded,
)
from services.wallet.flows.once import Refused, once
from services.wallet.flows.quotes import SELL, use_quote
from services.wallet.flows.wallets import Account
from services.wallet.rules import mpesa
from services.wallet.rules.idempotency import fingerprint
from services.wallet.rules.limits import WITHDRAW, limit_day, usd_for_kes
from services.wallet.rules.money import (
    KES_MINOR,
    Trade,
    ledger_split,
    sell_for_fiat,
    sell_sats_for_whole_shillings,
)
from services.wallet.rules.names import child_name
from services.wallet.rules.payout_checks import PayoutChecks, UnsentPayouts
from services.wallet.storage import ledger, payments, usage
from services.wallet.storage.ledger import Line, Posting
from services.wallet.storage.pages import account_page
from services.wallet.storage.store import Store, now, utc
from services.wallet.storage.tables import (
    HOUSE_MPESA_CLEARING,
    HOUSE_SPREAD_REVENUE,
    outbox,
    quotes,
    status_queries,
    withdrawals,
)

log = logging.getLogger("bitsacco.wallet.withdrawals")

WITHDRAWAL_LINE = 2  # TransactionType WITHDRAWAL
MIN_PAYOUT, MAX_PAYOUT = 10 * KES_MINOR, 250_000 * KES_MINOR
IN_FLIGHT = ("RESERVED", "SENDING", "SUBMITTED", "UNKNOWN")


def withdrawal_name(row) -> str:
    return child_name(row.account_id, "withdrawals", row.id)


class Withdrawals:
    def __init__(
        self,
        store: Store,
        prices: PriceFeed,
        limits: Limits,
        daraja: DarajaClient,
        urls: CallbackUrls,
        spread_bps: int,
        checks: PayoutChecks,
        unsent: UnsentPayouts,
        retry_seconds: int = 30,
    ) -> None:
        self._store = store
        self._prices = prices
        self._limits = limits
        self._daraja = daraja
        self._urls = urls
        self._spread = spread_bps
        self._checks = checks
        self._unsent = unsent
        self._retry = timedelta(seconds=retry_seconds)

    async def create(
        self,
        caller: Caller,
        account: Account,
        *,
        fiat_minor: int,
        sats: int,
        phone: str,
        quote_name: str,
        request_id: str,
        step_up_token: str,
        method: str,
        request,
        memo: str = "",
        apply_limits: bool = True,
        amount_field: str = "withdrawal",
    ):
        """A member's withdrawal (limits and step-up) or a treasury payout (neither)."""
        price = await self._prices.current()
        if fiat_minor:
            trade = sell_for_fiat(fiat_minor, price.kes_mid, "KES", self._spread)
        else:
            trade = sell_sats_for_whole_shillings(sats, price.kes_mid, self._spread)
            if trade.fiat_minor < MIN_PAYOUT or trade.fiat_minor > MAX_PAYOUT:
                raise InvalidArgument(
                    "AMOUNT_OUT_OF_RANGE",
                    "A payout must be between KES 10 and KES 250,000.",
                    violations=[
                        FieldViolation(
                            f"{amount_field}.amount_sats",
                            "pays out less than KES 10 or more than KES 250,000",
                            "range",
                        )
                    ],
                )
        value = Valuation(
            usd_for_kes(trade.fiat_minor, price.kes_mid, price.usd_mid), "KES", trade.fiat_minor
        )
        digest = fingerprint(
            method,
            request,
            **{"parent": f"wallets/{account.id}"}
            if "parent" in request.DESCRIPTOR.fields_by_name
            else {},
        )
        limits = await self._limits.of(caller.tier) if apply_limits else None
        if limits is not None:
            await self._limits.require_step_up_unless_retry(
                caller, request_id, digest, WITHDRAW, value, step_up_token, limits
            )

        async def body(conn: AsyncConnection, at: datetime) -> str:
            ident = uuid.uuid4().hex
            name = child_name(account.id, "withdrawals", ident)
            locked = await ledger.lock_accounts(conn, [account.id])
            row = locked[account.id]
            rate, mid, quote_id, the_trade = trade.rate, trade.mid, None, trade
            if quote_name:
                quote = await use_quote(
                    conn,
                    account,
                    quote_name,
                    side=SELL,
                    fiat_minor=fiat_minor or None,
                    sats=sats or None,
                    used_by=name,
                    at=at,
                )
                if quote.fiat_minor % KES_MINOR:
                    raise InvalidArgument(
                        "QUOTE_MISMATCH",
                        "A withdrawal quote must be for whole shillings.",
                        violations=[FieldViolation("quote", "not whole shillings", "QUOTE")],
                    )
                rate, mid, quote_id = quote.rate, quote.mid, quote.id
                the_trade = Trade(
                    "SELL", "KES", quote.fiat_minor, quote.sats, mid, rate, self._spread, 0
                )
            available = row.balance - row.pending_out
            if available < the_trade.sats:
                if quote_id:
                    await _unuse_quote(conn, quote_id)
                raise Refused(insufficient_funds(available, the_trade.sats))
            day = limit_day(at)
            if limits is not None:
                used = await usage.consume(
                    conn, account.id, day, WITHDRAW, value.usd_minor, limits.withdraw
                )
                if used is None:
                    if quote_id:
                        await _unuse_quote(conn, quote_id)
                    remaining = limits.withdraw - await usage.used(conn, account.id, day, WITHDRAW)
                    raise Refused(limit_exceeded(WITHDRAW, remaining, at))
            await ledger.reserve(conn, account.id, the_trade.sats)
            await conn.execute(
                withdrawals.insert().values(
                    id=ident,
                    account_id=account.id,
                    fiat_minor=the_trade.fiat_minor,
                    amount_sats=the_trade.sats,
                    quote_id=quote_id,
                    phone=phone,
                    state="RESERVED",
                    rate=rate,
                    mid=mid,
                    originator_conversation_id=str(uuid.uuid4()),
                    memo=memo or None,
                    submit_attempts=0,
                    status_queries=0,
                    next_check_at=at + self._retry,
                    created_at=at,
                    usage_day=day if limits is not None else None,
                    usage_usd_minor=value.usd_minor if limits is not None else 0,
                )
            )
            return name

        resource, made = await once(self._store, caller.subject, request_id, method, digest, body)
        ident = resource.rsplit("/", 1)[1]
        if made:
            await self.submit(ident)
        return await self.get_by_id(ident)

    # -- reads -------------------------------------------------------------------------------

    async def get_by_id(self, withdrawal_id: str):
        return await _get(self._store, withdrawals, withdrawal_id, "withdrawal")

    async def get(self, account: Account, withdrawal_id: str):
        return await _get(self._store, withdrawals, withdrawal_id, "withdrawal", account)

    async def list(self, account: Account, size: int, token: str):
        return await account_page(self._store, withdrawals, account.id, size, token, "withdrawals")

    # -- B2C ---------------------------------------------------------------------------------

    async def submit(self, withdrawal_id: str) -> None:
        """Send (or send again) the B2C request of a RESERVED withdrawal."""
        row = await self._start_sending(withdrawal_id)
        if row is None:
            return
        try:
            accepted = await self._daraja.b2c(
                originator_conversation_id=row.originator_conversation_id,
                amount_kes=row.fiat_minor // KES_MINOR,
                phone_e164=row.phone,
                result_url=self._urls.b2c_result,
                timeout_url=self._urls.b2c_timeout,
                remarks="Bitsacco withdrawal",
                occasion=row.id,
            )
        except DarajaUnreachable as exc:
            log.warning("B2C for %s not sent: %s", withdrawal_id, exc)
            await self._not_sent(withdrawal_id, str(exc))
            return
        except DarajaRefused as exc:
            async with self._store.write() as conn:
                locked = await payments.lock_withdrawal(conn, id=withdrawal_id)
                if locked.state == "SENDING":
                    await self._fail(conn, locked, "REJECTED", None, str(exc)[:500], now())
            return
        except DarajaAmbiguous as exc:
            log.error("B2C for %s: outcome unknown (%s)", withdrawal_id, exc)
            await self._set(withdrawal_id, ("SENDING",), state="UNKNOWN", next_check_at=now())
            return
        await self._set(
            withdrawal_id,
            ("SENDING",),
            state="SUBMITTED",
            conversation_id=accepted.conversation_id or None,
            next_check_at=now() + self._checks.first_interval,
        )

    async def _start_sending(self, withdrawal_id: str):
        """Take a RESERVED withdrawal for one attempt (None if it is not RESERVED: another
        worker's attempt is out, or it has moved on). Should the attempt never report back, the
        worker finds it due after the first status-check interval and asks M-Pesa about it."""
        async with self._store.write() as conn:
            at = now()
            row = await payments.lock_withdrawal(conn, id=withdrawal_id)
            if row is None or row.state != "RESERVED":
                return None
            await conn.execute(
                update(withdrawals)
                .where(withdrawals.c.id == row.id)
                .values(
                    state="SENDING",
                    submit_attempts=row.submit_attempts + 1,
                    next_check_at=at + self._checks.first_interval,
                )
            )
            return row

    async def _not_sent(self, withdrawal_id: str, error: str) -> None:
        """Daraja certainly did not get this attempt, nor (the withdrawal being SENDING) any
        earlier one: send it again later, or once the member has waited long enough, give
        them their sats back."""
        async with self._store.write() as conn:
            at = now()
            row = await payments.lock_withdrawal(conn, id=withdrawal_id)
            if row.state != "SENDING":
                return  # its time ran out and it is being asked about: it may have been sent
            age = at - utc(row.created_at)
            if self._unsent.give_up(row.submit_attempts, age):
                description = f"M-Pesa not reached in {row.submit_attempts} attempts: {error}"
                await self._fail(conn, row, "PROVIDER_UNAVAILABLE", None, description[:500], at)
                return
            await conn.execute(
                update(withdrawals)
                .where(withdrawals.c.id == row.id)
                .values(
                    state="RESERVED",
                    next_check_at=at + self._unsent.retry_after(row.submit_attempts, age),
                )
            )

    async def _set(self, withdrawal_id: str, states: tuple[str, ...], **values) -> None:
        async with self._store.write() as conn:
            await conn.execute(
                update(withdrawals)
                .where(withdrawals.c.id == withdrawal_id, withdrawals.c.state.in_(states))
                .values(**values)
            )

    async def on_b2c_result(self, body: bytes) -> None:
        result = mpesa.parse_result(body)
        key = result.originator_conversation_id or result.conversation_id
        async with self._store.write() as conn:
            at = now()
            await payments.store_callback(conn, "b2c_result", key, body, at)
            row = await self._find(conn, result)
            if row is None:
                return
            verdict = mpesa.judge_b2c_result(result, row.fiat_minor // KES_MINOR)
            if row.state not in IN_FLIGHT:
                await self._contradicted(conn, row, verdict, result, at)
                await payments.mark_applied(conn, "b2c_result", key, at, f"already {row.state}")
                return
            await self._resolve(conn, row, verdict, result, at)
            await payments.mark_applied(conn, "b2c_result", key, at, verdict.outcome)

    async def on_b2c_timeout(self, body: bytes) -> None:
        result = mpesa.parse_result(body)
        key = result.originator_conversation_id or result.conversation_id
        async with self._store.write() as conn:
            at = now()
            await payments.store_callback(conn, "b2c_timeout", key, body, at)
            row = await self._find(conn, result)
            if row is not None and row.state in ("RESERVED", "SENDING", "SUBMITTED"):
                await conn.execute(
                    update(withdrawals)
                    .where(withdrawals.c.id == row.id)
                    .values(state="UNKNOWN", next_check_at=at)
                )
            await payments.mark_applied(conn, "b2c_timeout", key, at, "unknown")

    async def on_status_result(self, body: bytes) -> None:
        result = mpesa.parse_result(body)
        async with self._store.write() as conn:
            await payments.store_callback(
                conn, "status_result", result.originator_conversation_id, body, now()
            )
        await self._apply_status_result(result.originator_conversation_id)

    async def _apply_status_result(self, key: str) -> None:
        """Apply the stored result of the status query named `key` — kept until we know which
        withdrawal that query was about (Daraja's name for it may reach us after its result)."""
        async with self._store.write() as conn:
            at = now()
            mapping = (
                await conn.execute(
                    select(status_queries.c.withdrawal_id).where(
                        status_queries.c.originator_conversation_id == key
                    )
                )
            ).scalar_one_or_none()
            stored = await payments.unapplied_callbacks(conn, "status_result", key)
            if mapping is None or not stored:
                return
            result = mpesa.parse_result(stored[0].body.encode())
            row = await payments.lock_withdrawal(conn, id=mapping)
            verdict = mpesa.judge_status_result(result)
            if row.state not in IN_FLIGHT:
                await self._contradicted(conn, row, verdict, result, at)
                await payments.mark_applied(conn, "status_result", key, at, f"already {row.state}")
                return
            await self._resolve(conn, row, verdict, result, at)
            await payments.mark_applied(conn, "status_result", key, at, verdict.outcome)

    async def on_status_timeout(self, body: bytes) -> None:
        result = mpesa.parse_result(body)
        async with self._store.write() as conn:
            await payments.store_callback(
                conn, "status_timeout", result.originator_conversation_id, body, now()
            )

    async def _find(self, conn: AsyncConnection, result: mpesa.Result):
        row = None
        if result.originator_conversation_id:
            row = await payments.lock_withdrawal(
                conn, originator_conversation_id=result.originator_conversation_id
            )
        if row is None and result.conversation_id:
            row = await payments.lock_withdrawal(conn, conversation_id=result.conversation_id)
        return row

    async def _resolve(
        self, conn: AsyncConnection, row, verdict: mpesa.PayoutCheck, result: mpesa.Result, at
    ) -> None:
        if verdict.outcome == "paid":
            await self._complete(conn, row, verdict, result, at)
        elif verdict.outcome == "failed":
            await self._fail(
                conn,
                row,
                verdict.failure_reason or "UNKNOWN",
                result.result_code,
                result.result_description,
                at,
            )
        else:
            later = self._checks.next_check(row.status_queries, row.review_at is not None)
            await conn.execute(
                update(withdrawals)
                .where(withdrawals.c.id == row.id)
                .values(state="UNKNOWN", next_check_at=at + later)
            )

    async def _complete(self, conn, row, verdict: mpesa.PayoutCheck, result, at) -> None:
        name = withdrawal_name(row)
        trade = Trade("SELL", "KES", row.fiat_minor, row.amount_sats, row.mid, row.rate, 0, 0)
        at_mid, spread = ledger_split(trade)
        lines = [
            Line(
                row.account_id,
                -row.amount_sats,
                line_type=WITHDRAWAL_LINE,
                fiat_minor=-row.fiat_minor,
                price_minor=row.rate,
                counterparty_name="M-Pesa",
                counterparty_phone=row.phone,
                reference=verdict.receipt or row.originator_conversation_id,
                source=name,
                memo=row.memo,
                release=row.amount_sats,
            ),
            Line(HOUSE_MPESA_CLEARING, at_mid, source=name),
        ]
        if spread:
            lines.append(Line(HOUSE_SPREAD_REVENUE, spread, source=name))
        posting = Posting("withdrawal", name, lines)
        after = await ledger.post(conn, posting, at)
        await conn.execute(
            update(withdrawals)
            .where(withdrawals.c.id == row.id)
            .values(
                state="COMPLETED",
                result_code=0,
                result_description=result.result_description,
                receipt=verdict.receipt or None,
                recipient_name=verdict.recipient_name or None,
                conversation_id=row.conversation_id or result.conversation_id or None,
                resolve_at=at,
                txn_id=posting.txn_id,
            )
        )
        await publish(
            conn,
            outbox,
            WITHDRAWAL_COMPLETED,
            {
                "withdrawal": name,
                "wallet": f"wallets/{row.account_id}",
                "owner": await _owner(conn, row.account_id),
                "amount": {"currency_code": "KES", "minor_units": row.fiat_minor},
                "amount_sats": row.amount_sats,
                "mpesa_receipt_number": verdict.receipt,
                "phone_number": row.phone,
                "balance_sats": after[row.account_id],
                "complete_time": at.isoformat(),
            },
        )

    async def _fail(self, conn, row, reason: str, code: int | None, description: str, at) -> None:
        await ledger.release(conn, row.account_id, row.amount_sats)
        await usage.give_back(conn, row.account_id, row.usage_day, WITHDRAW, row.usage_usd_minor)
        await conn.execute(
            update(withdrawals)
            .where(withdrawals.c.id == row.id)
            .values(
                state="FAILED",
                failure_reason=reason,
                result_code=code,
                result_description=description,
                resolve_at=at,
            )
        )
        english, swahili = mpesa.WITHDRAWAL_MESSAGES.get(
            reason, mpesa.WITHDRAWAL_MESSAGES["UNKNOWN"]
        )
        await publish(
            conn,
            outbox,
            WITHDRAWAL_FAILED,
            {
                "withdrawal": withdrawal_name(row),
                "wallet": f"wallets/{row.account_id}",
                "owner": await _owner(conn, row.account_id),
                "amount": {"currency_code": "KES", "minor_units": row.fiat_minor},
                "amount_sats": row.amount_sats,
                "failure_reason": reason,
                "result_code": code,
                "message": {"en": english, "sw": swahili},
            },
        )

    # -- reconciliation ----------------------------------------------------------------------

    async def query_status(self, withdrawal_id: str) -> None:
        """Send a Transaction Status query for an UNKNOWN (or silent SUBMITTED, or an attempt
        that never reported back) withdrawal, first handing it to operations if the queries so
        far have not told us its outcome."""
        ocid = str(uuid.uuid4())
        async with self._store.write() as conn:
            at = now()
            row = await payments.lock_withdrawal(conn, id=withdrawal_id)
            if row is None or row.state not in ("SENDING", "SUBMITTED", "UNKNOWN"):
                return
            review_at = row.review_at
            if review_at is None and self._checks.needs_review(
                row.status_queries, at - utc(row.created_at)
            ):
                review_at = at
                await self._escalate(conn, row, at)
            queries = row.status_queries + 1
            await conn.execute(
                status_queries.insert().values(
                    originator_conversation_id=ocid, withdrawal_id=row.id, created_at=at
                )
            )
            await conn.execute(
                update(withdrawals)
                .where(withdrawals.c.id == row.id)
                .values(
                    state="UNKNOWN",
                    status_queries=queries,
                    review_at=review_at,
                    next_check_at=at + self._checks.next_check(queries, review_at is not None),
                )
            )
        try:
            accepted = await self._daraja.transaction_status(
                originator_conversation_id=ocid,
                original_conversation_id=row.originator_conversation_id,
                transaction_id=row.receipt or "",
                result_url=self._urls.status_result,
                timeout_url=self._urls.status_timeout,
            )
        except DarajaError as exc:
            log.warning("status query for %s failed: %s", withdrawal_id, exc)
            return
        named = accepted.originator_conversation_id
        if named != ocid:  # Daraja named the query itself: its result will carry that name
            async with self._store.write() as conn:
                alias = {"originator_conversation_id": named, "withdrawal_id": row.id}
                await conn.execute(
                    insert_for(conn)(status_queries)
                    .values(**alias, created_at=now())
                    .on_conflict_do_nothing()
                )
            await self._apply_status_result(named)

    async def _contradicted(self, conn: AsyncConnection, row, verdict, result, at) -> None:
        """M-Pesa says it paid a withdrawal we failed (its sats already went back): nothing is
        taken from the member on our own; operations are told, once (`review_at`)."""
        if row.state != "FAILED" or verdict.outcome != "paid" or row.review_at is not None:
            return
        log.error("withdrawal %s: M-Pesa says paid after it FAILED; needs recovery", row.id)
        await conn.execute(
            update(withdrawals).where(withdrawals.c.id == row.id).values(review_at=at)
        )
        await publish(
            conn,
            outbox,
            WITHDRAWAL_PAID_AFTER_FAILURE,
            await _for_operations(conn, row, at)
            | {
                "mpesa_receipt_number": verdict.receipt or result.transaction_id or "",
                "conversation_id": row.conversation_id or result.conversation_id or "",
            },
        )

    async def _escalate(self, conn: AsyncConnection, row, at: datetime) -> None:
        """Tell operations (once: the caller sets review_at under the row lock)."""
        log.error(
            "withdrawal %s: outcome still unknown after %d status queries; manual review needed",
            row.id,
            row.status_queries,
        )
        await publish(
            conn,
            outbox,
            WITHDRAWAL_REVIEW_NEEDED,
            await _for_operations(conn, row, at)
            | {
                "status_queries": row.status_queries,
                "create_time": utc(row.created_at).isoformat(),
            },
        )

    async def reconcile_once(self, limit: int = 50) -> int:
        async with self._store.write() as conn:
            at = now()
            due = await payments.claim_due(conn, withdrawals, IN_FLIGHT, at, self._retry, limit)
        for row in due:
            if row.state == "RESERVED":
                await self.submit(row.id)
            else:
                await self.query_status(row.id)
        return len(due)


async def _for_operations(conn: AsyncConnection, row, at: datetime) -> dict:
    """What operations need to look a payout up with Safaricom."""
    return {
        "withdrawal": withdrawal_name(row),
        "wallet": f"wallets/{row.account_id}",
        "owner": await _owner(conn, row.account_id),
        "amount": {"currency_code": "KES", "minor_units": row.fiat_minor},
        "amount_sats": row.amount_sats,
        "phone_number": row.phone,
        "originator_conversation_id": row.originator_conversation_id,
        "conversation_id": row.conversation_id or "",
        "review_time": at.isoformat(),
    }


async def _unuse_quote(conn: AsyncConnection, quote_id: str) -> None:
    await conn.execute(update(quotes).where(quotes.c.id == quote_id).values(used_by=None))
