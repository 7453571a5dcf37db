"""P2P: send sats to another member by phone number, instantly."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from types import SimpleNamespace

from bitsacco.wallet.v1 import wallet_service_pb2

from services.runtime.auth import current_caller
from services.runtime.errors import FieldViolation, InvalidArgument, NotFound
from services.runtime.phone_numbers import InvalidPhoneNumber, normalize_phone
from services.wallet.adapters.prices import PriceFeed
from services.wallet.adapters.users import Directory
from services.wallet.events import TRANSFER_COMPLETED
from services.wallet.flows.limits import Limits, Valuation, insufficient_funds, limit_exceeded
from services.wallet.flows.wallets import Account, Wallets
from services.wallet.rules.idempotency import fingerprint
from services.wallet.rules.limits import TRANSFER, limit_day, usd_for_sats
from services.wallet.rules.money import (
    fiat_for_sats_down,
    fiat_for_sats_up,
    sats_for_fiat_down,
)
from services.wallet.rules.names import child_name
from services.wallet.storage import idempotency as keys
from services.wallet.storage import transfers as storage
from services.wallet.storage.pages import account_page
from services.wallet.storage.store import Store, now
from services.wallet.storage.tables import transfers

METHOD = "CreateTransfer"


def bad_phone(field: str, message: str = "not a Kenyan mobile number") -> InvalidArgument:
    return InvalidArgument(
        "INVALID_PHONE_NUMBER",
        "That is not a Kenyan mobile number.",
        violations=[FieldViolation(field, message, "INVALID_PHONE_NUMBER")],
    )


def phone_or_invalid(raw: str, field: str) -> str:
    try:
        return normalize_phone(raw)
    except InvalidPhoneNumber as exc:
        raise bad_phone(field) from exc


@dataclass(frozen=True)
class TransferInput:
    wallet_id: str
    recipient_phone: str
    amount_sats: int  # 0 when fiat is given
    fiat_currency: str
    fiat_minor: int
    note: str
    request_id: str
    step_up_token: str
    request: wallet_service_pb2.CreateTransferRequest


class Transfers:
    def __init__(
        self,
        store: Store,
        wallets: Wallets,
        prices: PriceFeed,
        directory: Directory,
        limits: Limits,
    ) -> None:
        self._store = store
        self._wallets = wallets
        self._prices = prices
        self._directory = directory
        self._limits = limits

    async def create(self, given: TransferInput):
        caller = current_caller()
        sender = await self._wallets.own(given.wallet_id)
        field = "transfer.recipient_phone_number"
        phone = phone_or_invalid(given.recipient_phone, field)
        if phone == caller.phone:
            raise self_transfer()
        recipient = await self._directory.member_by_phone(phone)
        if recipient is None or not recipient.active:
            raise InvalidArgument(
                "RECIPIENT_NOT_FOUND",
                "No Bitsacco member has that phone number.",
                violations=[FieldViolation(field, "no member has this number", "NOT_FOUND")],
            )
        if recipient.name == caller.subject:
            raise self_transfer()
        price = await self._prices.current()
        if given.amount_sats:
            sats = given.amount_sats
            shown = Valuation(
                usd_for_sats(sats, price.usd_mid),
                "KES",
                fiat_for_sats_up(sats, price.kes_mid),
                from_sats=True,
            )
            fiat_currency, fiat_minor, rate = (
                "KES",
                fiat_for_sats_down(sats, price.kes_mid),
                ("KES", price.kes_mid),
            )
        else:
            mid = price.kes_mid if given.fiat_currency == "KES" else price.usd_mid
            sats = sats_for_fiat_down(given.fiat_minor, mid)
            if sats <= 0:
                raise InvalidArgument(
                    "AMOUNT_TOO_SMALL",
                    "That amount is less than one sat.",
                    violations=[
                        FieldViolation("transfer.fiat_amount", "worth less than 1 sat", "range")
                    ],
                )
            shown = Valuation(
                usd_for_sats(sats, price.usd_mid), given.fiat_currency, given.fiat_minor
            )
            fiat_currency, fiat_minor, rate = (
                given.fiat_currency,
                given.fiat_minor,
                (given.fiat_currency, mid),
            )
        destination = await self._wallets.of_user(recipient.user_id)

        canonical = wallet_service_pb2.CreateTransferRequest()
        canonical.CopyFrom(given.request)
        canonical.parent = f"wallets/{sender.id}"
        canonical.transfer.recipient_phone_number = phone
        digest = fingerprint(METHOD, canonical)

        limits = await self._limits.of(caller.tier)
        if shown.usd_minor > limits.step_up_threshold:
            # A retry of a request that already ran needs no grant: it replays.
            async with self._store.read() as conn:
                row = await keys.lookup(conn, caller.subject, given.request_id)
            if row is not None:
                return await self._replay(sender, row, digest)
            await self._limits.require_step_up(
                caller, given.request_id, TRANSFER, shown, given.step_up_token, limits
            )

        at = now()
        transfer_id = uuid.uuid4().hex
        txn_id = uuid.uuid4().hex
        name = child_name(sender.id, "transfers", transfer_id)
        sender_member = (
            await self._directory.member_by_phone(caller.phone) if caller.phone else None
        )
        sender_name = sender_member.display_name if sender_member else ""
        kes_value = fiat_for_sats_down(sats, price.kes_mid)
        reference = transfer_id[:12].upper()
        record = storage.TransferRecord(
            recipient_phone=phone,
            recipient_name=recipient.display_name,
            fiat_currency=fiat_currency,
            fiat_minor=fiat_minor,
            rate_currency=rate[0],
            rate=rate[1],
            note=given.note,
        )
        request = storage.TransferRequest(
            caller=caller.subject,
            request_id=given.request_id,
            method=METHOD,
            fingerprint=digest,
            transfer_id=transfer_id,
            txn_id=txn_id,
            source_account=sender.id,
            destination_account=destination.id,
            amount_sats=sats,
            day=limit_day(at),
            usd_minor=shown.usd_minor,
            usd_limit=limits.transfer,
            at=at,
            sender_line=storage.StatementLine(
                -kes_value,
                price.kes_mid,
                recipient.display_name,
                phone,
                reference,
                name,
                given.note or None,
            ),
            recipient_line=storage.StatementLine(
                kes_value,
                price.kes_mid,
                sender_name,
                caller.phone or None,
                reference,
                name,
                given.note or None,
            ),
            record=record,
            funds_error=insufficient_funds(0, sats),
            limit_error=limit_exceeded(TRANSFER, 0, at),
            event_id=str(uuid.uuid4()),
            topic=TRANSFER_COMPLETED,
            payload={
                "transfer": name,
                "sender": caller.subject,
                "sender_wallet": f"wallets/{sender.id}",
                "sender_phone": caller.phone,
                "sender_display_name": sender_name,
                "recipient": recipient.name,
                "recipient_wallet": f"wallets/{destination.id}",
                "recipient_phone": phone,
                "recipient_display_name": recipient.display_name,
                "amount_sats": sats,
                "fiat_amount": {"currency_code": fiat_currency, "minor_units": fiat_minor},
                "note": given.note,
                "create_time": at.isoformat(),
            },
            mids=price.mids,
        )
        outcome = await storage.post_transfer(self._store, request)
        if outcome.status == "OK":
            return SimpleNamespace(
                id=transfer_id,
                account_id=sender.id,
                recipient_account_id=destination.id,
                amount_sats=sats,
                txn_id=txn_id,
                created_at=at,
                **record.__dict__,
            )
        if outcome.status == "INSUFFICIENT_FUNDS":
            raise insufficient_funds(outcome.available or 0, sats)
        if outcome.status == "LIMIT_EXCEEDED":
            raise limit_exceeded(TRANSFER, limits.transfer - (outcome.used or 0), at)
        async with self._store.read() as conn:
            row = await keys.lookup(conn, caller.subject, given.request_id)
        return await self._replay(sender, row, digest)

    async def _replay(self, sender: Account, row, digest: str):
        resource = keys.replay(row, digest)
        transfer_id = resource.rsplit("/", 1)[1]
        found = await self.get(sender, transfer_id)
        return found

    async def get(self, account: Account, transfer_id: str):
        async with self._store.read() as conn:
            row = await storage.get_transfer(conn, account.id, transfer_id)
        if row is None:
            raise NotFound("TRANSFER_NOT_FOUND", "No such transfer.")
        return row

    async def list(self, account: Account, size: int, token: str):
        return await account_page(self._store, transfers, account.id, size, token, "transfers")


def self_transfer() -> InvalidArgument:
    return InvalidArgument(
        "SELF_TRANSFER",
        "You cannot send to your own number.",
        violations=[
            FieldViolation("transfer.recipient_phone_number", "is your own number", "SELF")
        ],
    )
