"""Assembles the wallet service for the runtime."""

from __future__ import annotations

from bitsacco.wallet.v1 import wallet_service_pb2_grpc

from services.runtime.bootstrap import Resources
from services.runtime.server import Service


class WalletHandlers(wallet_service_pb2_grpc.WalletServiceServicer):
    """The contract's RPCs; each answers UNIMPLEMENTED until its issue implements it."""


async def build(resources: Resources) -> Service:
    return Service(name="wallet", servicers=[WalletHandlers()])
