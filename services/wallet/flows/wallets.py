"""Whose wallet is this: opening wallets, `wallets/me`, and who may address which wallet.

A member acts only on their own USER wallet (`wallets/me` or its canonical id); the chama service
(its own service identity, or a member's token it obtained, `act` = services/chama) may also read
CHAMA treasuries. Everything else is PERMISSION_DENIED WALLET_ACCESS_DENIED, whether the wallet
exists or not (permission before existence).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from services.runtime.auth import Caller, current_caller
from services.runtime.errors import PermissionDenied
from services.wallet.adapters.prices import PriceSnapshot
from services.wallet.rules.money import fiat_for_sats_down
from services.wallet.rules.names import ME
from services.wallet.storage import ledger
from services.wallet.storage.store import Store, now, utc
from services.wallet.storage.tables import CHAMA, USER, accounts, deposits

CHAMA_SERVICE = "services/chama"


def denied() -> PermissionDenied:
    return PermissionDenied("WALLET_ACCESS_DENIED", "You cannot use that wallet.")


def not_allowed() -> PermissionDenied:
    return PermissionDenied("CALLER_NOT_ALLOWED", "Only the chama service may call this.")


def is_chama_service(caller: Caller) -> bool:
    return caller.subject == CHAMA_SERVICE or caller.actor == CHAMA_SERVICE


def require_chama() -> Caller:
    caller = current_caller()
    if not is_chama_service(caller):
        raise not_allowed()
    return caller


@dataclass(frozen=True)
class Account:
    id: str
    kind: str
    owner: str
    created_at: datetime


@dataclass(frozen=True)
class WalletView:
    account: Account
    balance: int
    pending_out: int
    pending_in: int
    price: PriceSnapshot | None

    @property
    def available(self) -> int:
        return max(self.balance - self.pending_out, 0)

    @property
    def value_kes(self) -> int | None:
        return fiat_for_sats_down(self.balance, self.price.kes_mid) if self.price else None

    @property
    def value_usd(self) -> int | None:
        return fiat_for_sats_down(self.balance, self.price.usd_mid) if self.price else None


class Wallets:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._by_owner: dict[str, Account] = {}
        self._by_id: dict[str, Account] = {}

    def _remember(self, row) -> Account:
        account = Account(row.id, row.kind, row.owner, utc(row.created_at))
        self._by_owner[account.owner] = account
        self._by_id[account.id] = account
        return account

    async def of_owner(self, owner: str, kind: str = USER, create: bool = True) -> Account | None:
        """`owner`'s account (users/{id} or chamas/{id}); opened now for a user who has none."""
        if owner in self._by_owner:
            return self._by_owner[owner]
        async with self._store.read() as conn:
            row = (
                await conn.execute(select(accounts).where(accounts.c.owner == owner))
            ).one_or_none()
        if row is None:
            if not create:
                return None
            async with self._store.write() as conn:
                ident = await ledger.open_account(conn, kind, owner, now())
                row = (await conn.execute(select(accounts).where(accounts.c.id == ident))).one()
        return self._remember(row)

    async def by_id(self, account_id: str) -> Account | None:
        if account_id in self._by_id:
            return self._by_id[account_id]
        async with self._store.read() as conn:
            row = (
                await conn.execute(select(accounts).where(accounts.c.id == account_id))
            ).one_or_none()
        return self._remember(row) if row is not None else None

    async def of_user(self, user_id: str) -> Account:
        account = await self.of_owner(f"users/{user_id}")
        assert account is not None
        return account

    async def own(self, wallet_id: str) -> Account:
        """The caller's own USER wallet, addressed as `me` or by its id."""
        caller = current_caller()
        if caller.user_id is None:
            raise denied()
        account = await self.of_user(caller.user_id)
        if wallet_id not in (ME, account.id):
            raise denied()
        return account

    async def readable(self, wallet_id: str) -> Account:
        """The caller's own wallet, or (chama service only) a CHAMA treasury."""
        caller = current_caller()
        if caller.user_id is not None and (wallet_id == ME or not is_chama_service(caller)):
            return await self.own(wallet_id)
        if caller.user_id is not None:
            own = await self.of_user(caller.user_id)
            if wallet_id == own.id:
                return own
        if not is_chama_service(caller) or wallet_id == ME:
            raise denied()
        account = await self.by_id(wallet_id)
        if account is None or account.kind != CHAMA:
            raise denied()
        return account

    async def view(self, account: Account, price: PriceSnapshot | None) -> WalletView:
        async with self._store.read() as conn:
            row = await ledger.get_account(conn, account.id)
            pending_in = (
                await conn.execute(
                    select(func.coalesce(func.sum(deposits.c.amount_sats), 0)).where(
                        deposits.c.account_id == account.id, deposits.c.state == "PENDING"
                    )
                )
            ).scalar_one()
        return WalletView(account, row.balance, row.pending_out, int(pending_in), price)
