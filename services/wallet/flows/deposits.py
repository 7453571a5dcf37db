"""Save: buy sats with KES through an M-Pesa STK push, credited only on a confirmed payment.

Life of a deposit:
1. One transaction records the request id (RUNNING), counts the daily save limit, uses the quote
   and inserts the deposit PENDING — before Daraja is asked, so nothing Daraja does can be lost.
2. The STK push. Unreachable (nothing sent): the deposit, the limit use and the request id are
   removed and the caller gets UNAVAILABLE MPESA_UNAVAILABLE (it may retry with the same id).
   Refused: FAILED REJECTED. Accepted: the CheckoutRequestID is recorded and any callback that
   arrived before (stored, unapplied) is applied. Ambiguous: stays PENDING without one.
3. Callbacks are stored byte for byte first, then applied under the deposit's row lock:
   ResultCode 0 with our amount, our phone and an unused receipt credits once; any other
   ResultCode fails it with a reason the member understands; a success that does not match marks
   the deposit for an STK Push Query, which alone can then complete it (MISMATCH otherwise).
4. The reconciler queries deposits that stay silent, keeps "still processing" ones pending, and
   expires those that never resolve. A payment confirmed after expiry is still credited (the
   member's money arrived; losing it would be worse than reopening a final state): its success
   callback stays unapplied, and is asked about again on every pass, until the STK Push Query
   says paid or not paid — a failed query, or a restart, loses nothing.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from bitsacco.wallet.v1 import wallet_service_pb2
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.runtime.auth import Caller
from services.runtime.errors import (
    FieldViolation,
    InvalidArgument,
    NotFound,
    Unavailable,
)
from services.runtime.events import publish
from services.wallet.adapters.daraja import (
    DarajaAmbiguous,
    DarajaClient,
    DarajaError,
    DarajaRefused,
    DarajaUnreachable,
)
from services.wallet.adapters.prices import PriceFeed
from services.wallet.events import DEPOSIT_COMPLETED, DEPOSIT_FAILED
from services.wallet.flows.limits import Limits, Valuation, limit_exceeded
from services.wallet.flows.once import Refused
from services.wallet.flows.quotes import BUY, use_quote
from services.wallet.flows.transfers import phone_or_invalid
from services.wallet.flows.wallets import Account
from services.wallet.rules import mpesa
from services.wallet.rules.idempotency import fingerprint
from services.wallet.rules.limits import SAVE, limit_day, usd_for_kes
from services.wallet.rules.money import Trade, buy_with_fiat, ledger_split, sats_for_fiat_down
from services.wallet.rules.names import child_name
from services.wallet.storage import idempotency as keys
from services.wallet.storage import ledger, payments, usage
from services.wallet.storage.ledger import Line, Posting
from services.wallet.storage.pages import account_page
from services.wallet.storage.store import Store, now, utc
from services.wallet.storage.tables import (
    HOUSE_MPESA_CLEARING,
    HOUSE_SPREAD_REVENUE,
    deposits,
    idempotency,
    outbox,
    quotes,
)

log = logging.getLogger("bitsacco.wallet.deposits")

METHOD = "CreateDeposit"
DEPOSIT_LINE = 1  # TransactionType DEPOSIT
RUNNING_WAIT_SECONDS = 10.0
# Unapplied callbacks are retried for RETRY_WINDOW: a late payment waits that long for its STK
# query to answer, and one for an unknown CheckoutRequestID to be matched to an unanswered push
# (after ORPHAN_GRACE: our own record may still be committing).
RETRY_WINDOW = timedelta(days=7)
ORPHAN_GRACE = timedelta(seconds=5)
QUERY_FAILURE_GRACE = timedelta(minutes=30)
LATE = "late: querying"  # the note of a late success callback, which stays unapplied


@dataclass(frozen=True)
class CallbackUrls:
    base: str
    token: str

    def _url(self, path: str) -> str:
        return f"{self.base.rstrip('/')}/v1/webhooks/mpesa/{path}/{self.token}"

    @property
    def stk(self) -> str:
        return self._url("stk")

    @property
    def b2c_result(self) -> str:
        return self._url("b2c/result")

    @property
    def b2c_timeout(self) -> str:
        return self._url("b2c/timeout")

    @property
    def status_result(self) -> str:
        return self._url("status/result")

    @property
    def status_timeout(self) -> str:
        return self._url("status/timeout")


def deposit_name(row) -> str:
    return child_name(row.account_id, "deposits", row.id)


class Deposits:
    def __init__(
        self,
        store: Store,
        prices: PriceFeed,
        limits: Limits,
        daraja: DarajaClient,
        urls: CallbackUrls,
        spread_bps: int,
        expiry_seconds: int,
        query_after_seconds: int,
        on_failed_plan_run=None,
    ) -> None:
        self._store = store
        self._prices = prices
        self._limits = limits
        self._daraja = daraja
        self._urls = urls
        self._spread = spread_bps
        self._expiry = timedelta(seconds=expiry_seconds)
        self._query_after = timedelta(seconds=query_after_seconds)
        self._tasks: set[asyncio.Task] = set()
        self.plan_outcome = on_failed_plan_run  # set by the plans flow

    # -- create ------------------------------------------------------------------------------

    async def create(
        self,
        caller: Caller,
        account: Account,
        amount_minor: int,
        phone_raw: str,
        quote_name: str,
        request_id: str,
        step_up_token: str,
        request: wallet_service_pb2.CreateDepositRequest,
        savings_plan_id: str | None = None,
    ):
        phone = phone_or_invalid(phone_raw, "deposit.phone_number") if phone_raw else caller.phone
        if not phone:
            raise InvalidArgument(
                "INVALID_PHONE_NUMBER",
                "Give the M-Pesa number to charge.",
                violations=[FieldViolation("deposit.phone_number", "required", "required")],
            )
        price = await self._prices.current()
        trade = buy_with_fiat(amount_minor, price.kes_mid, "KES", self._spread)
        value = Valuation(
            usd_for_kes(amount_minor, price.kes_mid, price.usd_mid), "KES", amount_minor
        )
        canonical = wallet_service_pb2.CreateDepositRequest()
        canonical.CopyFrom(request)
        canonical.parent = f"wallets/{account.id}"
        canonical.deposit.phone_number = phone
        digest = fingerprint(METHOD, canonical)
        limits = await self._limits.of(caller.tier)
        if savings_plan_id is None:
            await self._limits.require_step_up_unless_retry(
                caller, request_id, digest, SAVE, value, step_up_token, limits
            )

        deposit_id = uuid.uuid4().hex
        name = child_name(account.id, "deposits", deposit_id)
        refused = None
        async with self._store.write() as conn:
            at = now()
            existing = await keys.claim(conn, caller.subject, request_id, METHOD, digest, at)
            if existing is None:
                try:
                    await self._record(
                        conn,
                        account,
                        deposit_id,
                        name,
                        amount_minor,
                        phone,
                        quote_name,
                        trade,
                        value,
                        limits.save,
                        savings_plan_id,
                        at,
                    )
                except Refused as refusal:
                    refused = refusal.error
                    await keys.finish_with_error(conn, caller.subject, request_id, refused, at)
        if refused is not None:
            raise refused
        if existing is not None:
            return await self._replay(caller, request_id, existing, digest)
        await self._push(caller, request_id, deposit_id, amount_minor, phone)
        return await self.get_by_id(deposit_id)

    async def _record(
        self,
        conn: AsyncConnection,
        account: Account,
        deposit_id: str,
        name: str,
        amount_minor: int,
        phone: str,
        quote_name: str,
        trade: Trade,
        value: Valuation,
        limit: int,
        savings_plan_id: str | None,
        at: datetime,
    ) -> None:
        day = limit_day(at)
        if await usage.consume(conn, account.id, day, SAVE, value.usd_minor, limit) is None:
            remaining = limit - await usage.used(conn, account.id, day, SAVE)
            raise Refused(limit_exceeded(SAVE, remaining, at))
        rate, mid = trade.rate, trade.mid
        sats = trade.sats
        quote_id = None
        if quote_name:
            try:
                quote = await use_quote(
                    conn,
                    account,
                    quote_name,
                    side=BUY,
                    fiat_minor=amount_minor,
                    sats=None,
                    used_by=name,
                    at=at,
                )
            except Refused:
                await usage.give_back(conn, account.id, day, SAVE, value.usd_minor)
                raise
            rate, mid, quote_id = quote.rate, quote.mid, quote.id
            sats = sats_for_fiat_down(amount_minor, rate)
        await conn.execute(
            deposits.insert().values(
                id=deposit_id,
                account_id=account.id,
                amount_minor=amount_minor,
                phone=phone,
                quote_id=quote_id,
                state="PENDING",
                rate=rate,
                mid=mid,
                amount_sats=sats,
                pushed=False,
                needs_query=False,
                query_attempts=0,
                next_check_at=at + self._query_after,
                created_at=at,
                expire_at=at + self._expiry,
                savings_plan_id=savings_plan_id,
                usage_day=day,
                usage_usd_minor=value.usd_minor,
            )
        )

    async def _replay(self, caller: Caller, request_id: str, row, digest: str):
        deadline = asyncio.get_running_loop().time() + RUNNING_WAIT_SECONDS
        while row.state == "RUNNING" and row.fingerprint == digest:
            if asyncio.get_running_loop().time() > deadline:
                break
            await asyncio.sleep(0.1)
            async with self._store.read() as conn:
                row = await keys.lookup(conn, caller.subject, request_id)
            if row is None:  # the first attempt could not reach M-Pesa and recorded nothing
                raise _mpesa_unavailable()
        resource = keys.replay(row, digest)
        return await self.get_by_id(resource.rsplit("/", 1)[1])

    async def _push(
        self, caller: Caller, request_id: str, deposit_id: str, amount_minor: int, phone: str
    ) -> None:
        name = None
        try:
            accepted = await self._daraja.stk_push(
                amount_kes=amount_minor // 100,
                phone_e164=phone,
                callback_url=self._urls.stk,
                account_reference="Bitsacco",
                description="Save",
                now=now(),
            )
        except DarajaUnreachable as exc:
            log.warning("STK push not sent: %s", exc)
            await self._forget(caller, request_id, deposit_id)
            raise _mpesa_unavailable() from exc
        except DarajaRefused as exc:
            async with self._store.write() as conn:
                row = await payments.lock_deposit(conn, id=deposit_id)
                name = deposit_name(row)
                if row.state == "PENDING":  # not already resolved by a callback matched to it
                    await self._fail(conn, row, "REJECTED", None, str(exc)[:500], now())
                await keys.finish(conn, caller.subject, request_id, name, now())
            return
        except DarajaAmbiguous as exc:
            log.error("STK push outcome unknown for deposit %s: %s", deposit_id, exc)
            async with self._store.write() as conn:
                row = await payments.lock_deposit(conn, id=deposit_id)
                await keys.finish(conn, caller.subject, request_id, deposit_name(row), now())
            return
        async with self._store.write() as conn:
            row = await payments.lock_deposit(conn, id=deposit_id)
            await conn.execute(
                update(deposits)
                .where(deposits.c.id == deposit_id)
                .values(
                    checkout_request_id=accepted.checkout_request_id,
                    merchant_request_id=accepted.merchant_request_id,
                    pushed=True,
                )
            )
            await keys.finish(conn, caller.subject, request_id, deposit_name(row), now())
        # A callback may have come in before the CheckoutRequestID was ours to match.
        await self.apply_stored(accepted.checkout_request_id)

    async def _forget(self, caller: Caller, request_id: str, deposit_id: str) -> None:
        """Nothing was sent to M-Pesa: undo the deposit's record entirely (the contract: an
        UNAVAILABLE answer records nothing, so the same request_id may be retried)."""
        async with self._store.write() as conn:
            row = await payments.lock_deposit(conn, id=deposit_id)
            await usage.give_back(conn, row.account_id, row.usage_day, SAVE, row.usage_usd_minor)
            if row.quote_id:
                await conn.execute(
                    update(quotes).where(quotes.c.id == row.quote_id).values(used_by=None)
                )
            await conn.execute(delete(deposits).where(deposits.c.id == deposit_id))
            await conn.execute(
                delete(idempotency).where(
                    idempotency.c.caller == caller.subject, idempotency.c.request_id == request_id
                )
            )

    # -- reads -------------------------------------------------------------------------------

    async def get_by_id(self, deposit_id: str):
        return await _get(self._store, deposits, deposit_id, "deposit")

    async def get(self, account: Account, deposit_id: str):
        return await _get(self._store, deposits, deposit_id, "deposit", account)

    async def list(self, account: Account, size: int, token: str):
        return await account_page(self._store, deposits, account.id, size, token, "deposits")

    # -- callbacks ---------------------------------------------------------------------------

    async def on_stk_callback(self, body: bytes) -> None:
        """Store Daraja's STK callback, then apply it (raises mpesa.MalformedCallback)."""
        callback = mpesa.parse_stk_callback(body)
        async with self._store.write() as conn:
            await payments.store_callback(conn, "stk", callback.checkout_request_id, body, now())
        await self.apply_stored(callback.checkout_request_id)

    async def apply_stored(self, checkout_request_id: str) -> None:
        """Apply the stored, unapplied callbacks of one CheckoutRequestID to its deposit."""
        query_needed, late = False, None
        async with self._store.write() as conn:
            at = now()
            row = await payments.lock_deposit(conn, checkout_request_id=checkout_request_id)
            if row is None:
                return  # not ours yet (our record may still be committing): kept for later
            for stored in await payments.unapplied_callbacks(conn, "stk", checkout_request_id):
                callback = mpesa.parse_stk_callback(stored.body.encode())
                row = await payments.lock_deposit(conn, id=row.id)
                note = await self._apply_one(conn, row, callback, at)
                query_needed = query_needed or note == "mismatch"
                if note == LATE:
                    late = callback
                await conn.execute(
                    payments.callbacks.update()
                    .where(payments.callbacks.c.id == stored.id)
                    .values(applied_at=None if note == LATE else at, note=note)
                )
        if query_needed:
            self._spawn(self.check(row.id))
        if late is not None:
            self._spawn(self.confirm_late(row.id, late))

    async def _apply_one(self, conn: AsyncConnection, row, callback, at: datetime) -> str:
        verdict = mpesa.judge_stk_callback(callback, row.amount_minor // 100, row.phone)
        if verdict.outcome == "paid" and await self._receipt_taken(conn, callback.receipt, row.id):
            verdict = mpesa.DepositCheck("mismatch")
        if row.state == "COMPLETED":
            return "duplicate"
        if verdict.outcome == "paid" and row.state != "PENDING":
            # Paid after we gave up on it: believed only once the STK Push Query confirms.
            return LATE
        if verdict.outcome == "paid":
            await self._complete(
                conn, row, callback.receipt, callback.result_code, callback.result_description, at
            )
            return "credited"
        if row.state != "PENDING":
            return f"ignored: deposit {row.state}"
        if verdict.outcome == "failed":
            await self._fail(
                conn,
                row,
                verdict.failure_reason or "UNKNOWN",
                callback.result_code,
                callback.result_description,
                at,
            )
            return "failed"
        await conn.execute(
            update(deposits)
            .where(deposits.c.id == row.id)
            .values(needs_query=True, next_check_at=at)
        )
        log.warning("deposit %s: callback does not match the request; querying", row.id)
        return "mismatch"

    async def _receipt_taken(self, conn: AsyncConnection, receipt: str | None, own_id: str):
        if not receipt:
            return False
        other = (
            await conn.execute(
                select(deposits.c.id).where(
                    deposits.c.mpesa_receipt == receipt, deposits.c.id != own_id
                )
            )
        ).first()
        return other is not None

    # -- outcomes (in the caller's transaction, deposit row locked) ---------------------------

    async def _complete(
        self,
        conn: AsyncConnection,
        row,
        receipt: str | None,
        result_code: int,
        description: str,
        at: datetime,
    ) -> None:
        name = deposit_name(row)
        trade = Trade("BUY", "KES", row.amount_minor, row.amount_sats, row.mid, row.rate, 0, 0)
        at_mid, spread = ledger_split(trade)
        lines = [
            Line(
                row.account_id,
                row.amount_sats,
                line_type=DEPOSIT_LINE,
                fiat_minor=row.amount_minor,
                price_minor=row.rate,
                counterparty_name="M-Pesa",
                counterparty_phone=row.phone,
                reference=receipt or row.checkout_request_id,
                source=name,
            ),
            Line(HOUSE_MPESA_CLEARING, -at_mid, source=name),
        ]
        if spread:
            lines.append(Line(HOUSE_SPREAD_REVENUE, spread, source=name))
        posting = Posting("deposit", name, lines)
        after = await ledger.post(conn, posting, at, mids=self._prices.last_mids)
        txn_id = posting.txn_id
        await conn.execute(
            update(deposits)
            .where(deposits.c.id == row.id)
            .values(
                state="COMPLETED",
                failure_reason=None,
                result_code=result_code,
                result_description=description,
                mpesa_receipt=receipt,
                resolve_at=at,
                txn_id=txn_id,
            )
        )
        if row.state in ("FAILED", "EXPIRED"):  # a late payment: it counts again
            await usage.consume(
                conn, row.account_id, row.usage_day, SAVE, row.usage_usd_minor, 2**62
            )
        owner = await _owner(conn, row.account_id)
        await publish(
            conn,
            outbox,
            DEPOSIT_COMPLETED,
            {
                "deposit": name,
                "wallet": f"wallets/{row.account_id}",
                "user": owner,
                "amount": {"currency_code": "KES", "minor_units": row.amount_minor},
                "amount_sats": row.amount_sats,
                "rate": {"currency_code": "KES", "minor_units_per_btc": row.rate},
                "mpesa_receipt_number": receipt or "",
                "phone_number": row.phone,
                "balance_sats": after[row.account_id],
                "savings_plan": _plan_name(row),
                "complete_time": at.isoformat(),
            },
        )
        if row.savings_plan_id and self.plan_outcome:
            await self.plan_outcome(conn, row.savings_plan_id, True, at)

    async def _fail(
        self,
        conn: AsyncConnection,
        row,
        reason: str,
        result_code: int | None,
        description: str,
        at: datetime,
        state: str = "FAILED",
    ) -> None:
        await conn.execute(
            update(deposits)
            .where(deposits.c.id == row.id)
            .values(
                state=state,
                failure_reason=reason,
                result_code=result_code,
                result_description=description,
                resolve_at=at,
            )
        )
        await usage.give_back(conn, row.account_id, row.usage_day, SAVE, row.usage_usd_minor)
        english, swahili = mpesa.DEPOSIT_MESSAGES.get(reason, mpesa.DEPOSIT_MESSAGES["UNKNOWN"])
        await publish(
            conn,
            outbox,
            DEPOSIT_FAILED,
            {
                "deposit": deposit_name(row),
                "wallet": f"wallets/{row.account_id}",
                "user": await _owner(conn, row.account_id),
                "amount": {"currency_code": "KES", "minor_units": row.amount_minor},
                "state": state,
                "failure_reason": reason,
                "result_code": result_code,
                "message": {"en": english, "sw": swahili},
                "savings_plan": _plan_name(row),
            },
        )
        if row.savings_plan_id and self.plan_outcome:
            await self.plan_outcome(conn, row.savings_plan_id, False, at)

    # -- reconciliation ----------------------------------------------------------------------

    async def check(self, deposit_id: str) -> None:
        """Ask Daraja (STK Push Query) about one pending deposit and act on the answer."""
        row = await self.get_by_id(deposit_id)
        if row.state != "PENDING" or not row.checkout_request_id:
            return
        try:
            answer = await self._daraja.stk_query(row.checkout_request_id, now())
        except DarajaError as exc:
            log.warning("STK query for deposit %s failed: %s", deposit_id, exc)
            answer = None
        verdict = mpesa.judge_stk_query(answer) if answer is not None else None
        async with self._store.write() as conn:
            at = now()
            row = await payments.lock_deposit(conn, id=deposit_id)
            if row.state != "PENDING":
                return
            if verdict is not None and verdict.outcome == "paid":
                await self._complete(conn, row, None, 0, str(answer.get("ResultDesc", "")), at)
            elif verdict is not None and verdict.outcome == "failed":
                reason = "MISMATCH" if row.needs_query else verdict.failure_reason or "UNKNOWN"
                code = mpesa.as_integer(answer.get("ResultCode"))
                await self._fail(conn, row, reason, code, str(answer.get("ResultDesc", "")), at)
            elif at >= utc(row.expire_at) and (
                verdict is not None or at >= utc(row.expire_at) + QUERY_FAILURE_GRACE
            ):
                # Expired only once Daraja said it is still not paid (or could not be asked for
                # a long while): a deposit whose status we cannot learn is not given up early.
                await self._fail(
                    conn,
                    row,
                    "EXPIRED",
                    None,
                    "Expired without a confirmed outcome.",
                    at,
                    state="EXPIRED",
                )
            else:
                await conn.execute(
                    update(deposits)
                    .where(deposits.c.id == row.id)
                    .values(
                        query_attempts=row.query_attempts + 1, next_check_at=at + self._query_after
                    )
                )

    async def expire_unpushed(self, deposit_id: str) -> None:
        """A deposit whose STK push never got an answer cannot be queried: it expires."""
        async with self._store.write() as conn:
            at = now()
            row = await payments.lock_deposit(conn, id=deposit_id)
            if row.state == "PENDING" and not row.pushed and at >= utc(row.expire_at):
                await self._fail(
                    conn,
                    row,
                    "EXPIRED",
                    None,
                    "The STK push was never confirmed.",
                    at,
                    state="EXPIRED",
                )

    async def reconcile_once(self, limit: int = 50) -> int:
        """One pass: query due deposits, apply stored callbacks that can now be matched, and
        match callbacks for pushes whose answer we never got."""
        async with self._store.write() as conn:
            at = now()
            due = await payments.claim_due(
                conn, deposits, ("PENDING",), at, self._query_after, limit
            )
        for row in due:
            if row.pushed:
                await self.check(row.id)
            elif at >= utc(row.expire_at):
                await self.expire_unpushed(row.id)
        async with self._store.read() as conn:
            waiting = await payments.unapplied_callbacks(conn, "stk", since=at - RETRY_WINDOW)
        for key in {s.key for s in waiting}:
            await self.apply_stored(key)
        for stored in waiting:
            if utc(stored.received_at) <= at - ORPHAN_GRACE:
                await self.match_orphan(stored)
        return len(due)

    async def confirm_late(self, deposit_id: str, callback: mpesa.StkCallback) -> None:
        """A success callback for a deposit already FAILED or EXPIRED: credited only if the STK
        Push Query confirms the payment (the member's money must not be lost). Until the query
        answers paid or not paid, the callback stays unapplied and the next pass asks again."""
        try:
            answer = await self._daraja.stk_query(callback.checkout_request_id, now())
        except DarajaError as exc:
            log.warning("late payment of %s not confirmed yet: %s", deposit_id, exc)
            return
        outcome = mpesa.judge_stk_query(answer).outcome
        if outcome not in ("paid", "failed"):
            return
        async with self._store.write() as conn:
            at = now()
            row = await payments.lock_deposit(conn, id=deposit_id)
            note = f"late: {outcome}, deposit {row.state}"
            if outcome == "paid" and row.state in ("FAILED", "EXPIRED"):
                receipt = callback.receipt
                if await self._receipt_taken(conn, receipt, row.id):
                    receipt = None
                log.error("deposit %s paid after it was %s; crediting it", row.id, row.state)
                await self._complete(conn, row, receipt, 0, callback.result_description, at)
                note = "late: credited"
            await payments.mark_applied(conn, "stk", callback.checkout_request_id, at, note)

    async def match_orphan(self, stored) -> None:
        """A successful callback for a CheckoutRequestID we never recorded: the STK push was sent
        but its answer was lost. It belongs to the oldest unanswered push to the same phone for the
        same amount made shortly before, once the STK Push Query confirms the payment."""
        callback = mpesa.parse_stk_callback(stored.body.encode())
        if callback.result_code != 0 or not callback.phone or callback.amount_kes is None:
            return
        async with self._store.read() as conn:
            if await payments.lock_deposit(conn, checkout_request_id=callback.checkout_request_id):
                return
            received = utc(stored.received_at)
            candidate = (
                await conn.execute(
                    select(deposits)
                    .where(
                        deposits.c.pushed.is_(False),
                        deposits.c.checkout_request_id.is_(None),
                        deposits.c.phone == f"+{callback.phone}",
                        deposits.c.amount_minor == callback.amount_kes * 100,
                        deposits.c.state.in_(("PENDING", "EXPIRED")),
                        deposits.c.created_at <= received,
                        deposits.c.created_at >= received - self._expiry,
                    )
                    .order_by(deposits.c.created_at)
                    .limit(1)
                )
            ).one_or_none()
        if candidate is None:
            return
        try:
            answer = await self._daraja.stk_query(callback.checkout_request_id, now())
        except DarajaError as exc:
            log.warning("orphan callback %s not confirmed yet: %s", stored.key, exc)
            return
        outcome = mpesa.judge_stk_query(answer).outcome
        if outcome != "paid":
            if outcome == "failed":  # not a payment after all: nothing to match it to
                async with self._store.write() as conn:
                    await payments.mark_applied(
                        conn, "stk", callback.checkout_request_id, now(), "orphan: not paid"
                    )
            return
        async with self._store.write() as conn:
            at = now()
            row = await payments.lock_deposit(conn, id=candidate.id)
            if row.checkout_request_id is not None or row.state not in ("PENDING", "EXPIRED"):
                return
            await conn.execute(
                update(deposits)
                .where(deposits.c.id == row.id)
                .values(
                    checkout_request_id=callback.checkout_request_id,
                    merchant_request_id=callback.merchant_request_id,
                    pushed=True,
                )
            )
            receipt = callback.receipt
            if await self._receipt_taken(conn, receipt, row.id):
                receipt = None
            await self._complete(conn, row, receipt, 0, callback.result_description, at)
            await payments.mark_applied(
                conn, "stk", callback.checkout_request_id, at, "matched to an unanswered push"
            )

    def _spawn(self, coro) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def settled(self) -> None:
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)


def _mpesa_unavailable() -> Unavailable:
    return Unavailable(
        "MPESA_UNAVAILABLE",
        "M-Pesa could not be reached; nothing was sent. Try again shortly.",
        retry_after_seconds=10,
    )


def _plan_name(row) -> str:
    if not row.savings_plan_id:
        return ""
    return child_name(row.account_id, "savingsPlans", row.savings_plan_id)


async def _owner(conn: AsyncConnection, account_id: str) -> str:
    row = await ledger.get_account(conn, account_id)
    return row.owner


async def _get(store: Store, table, ident: str, kind: str, account: Account | None = None):
    """The row `ident` of `table` (with `account`: only if it is that account's); NotFound
    `<KIND>_NOT_FOUND` otherwise."""
    query = select(table).where(table.c.id == ident)
    if account is not None:
        query = query.where(table.c.account_id == account.id)
    async with store.read() as conn:
        row = (await conn.execute(query)).one_or_none()
    if row is None:
        raise NotFound(f"{kind.upper()}_NOT_FOUND", f"No such {kind}.")
    return row
