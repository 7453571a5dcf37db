"""Asking the wallet service whether a member still holds funds (EraseUser refuses erasure then).

`GrpcWalletCheck` calls WalletService.GetWallet(`wallets/me`) with a short token for the member;
`NoWalletCheck` is for a deployment without a wallet service (WALLET_TARGET="").
"""

from __future__ import annotations

from typing import Protocol

import grpc
from bitsacco.wallet.v1 import wallet_service_pb2, wallet_service_pb2_grpc

from services.runtime.clients import call_metadata, channel
from services.runtime.errors import Unavailable


class WalletCheck(Protocol):
    async def holds_funds(self, member_token: str) -> bool:
        """True when the member's wallet has a balance or money in flight."""

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

    async def close(self) -> None:
        await self._channel.close()


class NoWalletCheck:
    async def holds_funds(self, member_token: str) -> bool:
        return False

    async def close(self) -> None:
        return None
