"""The wallet contract's gRPC servicer, assembled from one handler class per area."""

from __future__ import annotations

from bitsacco.wallet.v1 import wallet_service_pb2_grpc

from services.wallet.handlers.accounts import AccountHandlers
from services.wallet.handlers.payments import WEBHOOKS, PaymentHandlers
from services.wallet.handlers.planning import PlanningHandlers
from services.wallet.handlers.transfers import TransferHandlers

PUBLIC_METHODS = WEBHOOKS


class WalletHandlers(
    AccountHandlers,
    PaymentHandlers,
    PlanningHandlers,
    TransferHandlers,
    wallet_service_pb2_grpc.WalletServiceServicer,
):
    def __init__(self, app) -> None:
        self.app = app
