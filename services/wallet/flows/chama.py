"""Internal paths for the chama service: treasuries, member ⇄ treasury transfers, payouts.

Only the chama service reaches them: its own service identity, or a member's token it obtained
(`act` = services/chama). Their request ids are scoped to the chama service. A member's wallet is
debited only with that member's token (contributions and penalties).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from bitsacco.wallet.v1 import wallet_pb2
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from services.runtime.auth import Caller
from services.runtime.errors import AlreadyExists, FailedPrecondition, NotFound
from services.wallet.adapters.prices import PriceFeed
from services.wallet.flows.limits import insufficient_funds
from services.wallet.flows.once import Refused, once
from services.wallet.flows.wallets import CHAMA_SERVICE, Account, Wallets, denied
from services.wallet.rules.idempotency import fingerprint
from services.wallet.rules.names import wallet_of
from services.wallet.storage import ledger
from services.wallet.storage.ledger import Line, Posting
from services.wallet.storage.store import Store
from services.wallet.storage.tables import CHAMA, USER, entries

CONTRIBUTION = wallet_pb2.WALLET_TRANSFER_PURPOSE_CHAMA_CONTRIBUTION
PENALTY = wallet_pb2.WALLET_TRANSFER_PURPOSE_CHAMA_PENALTY
DISBURSEMENT = wallet_pb2.WALLET_TRANSFER_PURPOSE_CHAMA_DISBURSEMENT
LINE_TYPES = {
    CONTRIBUTION: wallet_pb2.TRANSACTION_TYPE_CHAMA_CONTRIBUTION,
    PENALTY: wallet_pb2.TRANSACTION_TYPE_CHAMA_PENALTY,
    DISBURSEMENT: wallet_pb2.TRANSACTION_TYPE_CHAMA_DISBURSEMENT,
}


def wallet_not_found() -> NotFound:
    return NotFound("WALLET_NOT_FOUND", "No such wallet.")


class Chamas:
    def __init__(self, store: Store, wallets: Wallets, prices: PriceFeed) -> None:
        self._store = store
        self._wallets = wallets
        self._prices = prices

    async def create_treasury(self, chama: str, request_id: str, request) -> Account:
        owner = chama
        digest = fingerprint("CreateChamaTreasury", request)

        async def body(conn: AsyncConnection, at: datetime) -> str:
            if await ledger.account_id_of(conn, owner):
                raise Refused(
                    AlreadyExists("TREASURY_EXISTS", "That chama already has a treasury.")
                )
            ident = await ledger.open_account(conn, CHAMA, owner, at)
            return f"wallets/{ident}"

        resource, _ = await once(
            self._store, CHAMA_SERVICE, request_id, "CreateChamaTreasury", digest, body
        )
        account = await self._wallets.by_id(wallet_of(resource))
        assert account is not None
        return account

    async def treasury(self, wallet_name: str) -> Account:
        account = await self._wallets.by_id(wallet_of(wallet_name, "wallet"))
        if account is None:
            raise wallet_not_found()
        if account.kind != CHAMA:
            raise FailedPrecondition("WALLET_KIND_MISMATCH", "That wallet is not a treasury.")
        return account

    async def move(self, caller: Caller, request, purpose: int):
        """TransferBetweenWallets: one balanced posting between a member and a treasury."""
        source = await self._wallets.by_id(wallet_of(request.source_wallet, "source_wallet"))
        destination = await self._wallets.by_id(
            wallet_of(request.destination_wallet, "destination_wallet")
        )
        if source is not None and source.kind == USER and source.owner != caller.subject:
            raise denied()  # a member's wallet is debited only with that member's token
        if source is None or destination is None:
            raise wallet_not_found()
        expected = (USER, CHAMA) if purpose in (CONTRIBUTION, PENALTY) else (CHAMA, USER)
        if (source.kind, destination.kind) != expected:
            raise FailedPrecondition(
                "WALLET_KIND_MISMATCH", "Those wallets do not fit the transfer's purpose."
            )
        treasury = destination if destination.kind == CHAMA else source
        member = source if source.kind == USER else destination
        line_type = LINE_TYPES[purpose]
        amount = request.amount_sats
        digest = fingerprint("TransferBetweenWallets", request)

        async def body(conn: AsyncConnection, at: datetime) -> str:
            locked = await ledger.lock_accounts(conn, [source.id, destination.id])
            available = locked[source.id].balance - locked[source.id].pending_out
            if available < amount:
                raise Refused(insufficient_funds(available, amount))
            txn_id = uuid.uuid4().hex
            common = {
                "line_type": line_type,
                "counterparty_chama": treasury.owner,
                "reference": txn_id[:12].upper(),
                "source": request.reference or None,
                "memo": request.memo or None,
            }
            await ledger.post(
                conn,
                Posting(
                    "chama",
                    request.reference or f"wallets/{treasury.id}",
                    [
                        Line(source.id, -amount, counterparty_phone=None, **common),
                        Line(destination.id, amount, **common),
                    ],
                    txn_id=txn_id,
                ),
                at,
                locked,
                mids=self._prices.last_mids,
            )
            return f"wallets/{member.id}/transactions/{txn_id}"

        resource, _ = await once(
            self._store, CHAMA_SERVICE, request.request_id, "TransferBetweenWallets", digest, body
        )
        txn_id = resource.rsplit("/", 1)[1]
        async with self._store.read() as conn:
            rows = {
                row.account_id: row
                for row in (
                    await conn.execute(select(entries).where(entries.c.txn_id == txn_id))
                ).all()
            }
        return rows[source.id], rows[destination.id]
