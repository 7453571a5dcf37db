"""Asking the wallet service whether a member still holds funds (EraseUser refuses erasure then).

`GrpcWalletCheck` calls WalletService.GetWallet(`wallets/me`) with a short token for the member;
`NoWalletCheck` is for a deployment without a wallet service (WALLET_TARGET="").
"""

from __future__ import annotations

from typing import Protocol

import grpc
from bitsacco.wallet.v1 import wallet_pb2, wallet_service_pb2, wallet_service_pb2_grpc

from services.runtime.clients import call_metadata, channel
from services.runtime.errors import Unavailable

EXPORT_MAX_LINES = 100_000


def _line(line: wallet_pb2.Transaction) -> dict:
    """One statement line with integer amounts (sats, minor units), never floats."""
    return {
        "name": line.name,
        "type": wallet_pb2.TransactionType.Name(line.type),
        "amount_sats": line.amount_sats,
        "balance_sats": line.balance_sats,
        "fiat_value": {
            "currency_code": line.fiat_value.currency_code,
            "minor_units": line.fiat_value.minor_units,
        },
        "reference": line.reference,
        "memo": line.memo,
        "create_time": line.create_time.ToJsonString() if line.HasField("create_time") else None,
    }


class WalletCheck(Protocol):
    async def holds_funds(self, member_token: str) -> bool:
        """True when the member's wallet has a balance or money in flight."""

    async def export(self, member_token: str) -> dict:
        """The wallet's section of a data export (balances; integers only)."""

    async def close(self) -> None: ...


class GrpcWalletCheck:
    def __init__(self, target: str, timeout: float = 5.0) -> None:
        self._channel = channel(target)
        self._stub = wallet_service_pb2_grpc.WalletServiceStub(self._channel)
        self._timeout = timeout

    async def holds_funds(self, member_token: str) -> bool:
        try:
            answer = await self._stub.GetWallet(
                wallet_service_pb2.GetWalletRequest(name="wallets/me"),
                metadata=call_metadata(member_token),
                timeout=self._timeout,
            )
        except grpc.aio.AioRpcError as error:
            raise Unavailable(
                "WALLET_UNAVAILABLE",
                "The wallet could not be checked; nothing was erased. Try again later.",
                retry_after_seconds=30,
            ) from error
        wallet = answer.wallet
        return bool(wallet.balance_sats or wallet.pending_in_sats or wallet.pending_out_sats)

    async def export(self, member_token: str) -> dict:
        metadata = call_metadata(member_token)
        try:
            wallet = (
                await self._stub.GetWallet(
                    wallet_service_pb2.GetWalletRequest(name="wallets/me"),
                    metadata=metadata,
                    timeout=self._timeout,
                )
            ).wallet
            lines, page_token = [], ""
            while len(lines) < EXPORT_MAX_LINES:
                page = await self._stub.ListTransactions(
                    wallet_service_pb2.ListTransactionsRequest(
                        parent="wallets/me", page_size=1000, page_token=page_token
                    ),
                    metadata=metadata,
                    timeout=self._timeout,
                )
                lines.extend(_line(t) for t in page.transactions)
                page_token = page.next_page_token
                if not page_token:
                    break
        except grpc.aio.AioRpcError as error:
            return {"included": False, "reason": f"wallet unavailable ({error.code().name})"}
        return {
            "included": True,
            "wallet": wallet.name,
            "balance_sats": wallet.balance_sats,
            "pending_in_sats": wallet.pending_in_sats,
            "pending_out_sats": wallet.pending_out_sats,
            "transactions": lines,
        }

    async def close(self) -> None:
        await self._channel.close()


class NoWalletCheck:
    async def holds_funds(self, member_token: str) -> bool:
        return False

    async def export(self, member_token: str) -> dict:
        return {"included": False, "reason": "no wallet service in this deployment"}

    async def close(self) -> None:
        return None
