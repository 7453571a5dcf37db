"""Handlers: P2P transfers and the chama service's internal paths (proto ⇄ domain only)."""

from __future__ import annotations

from bitsacco.wallet.v1 import wallet_service_pb2

from services.wallet.flows.transfers import TransferInput
from services.wallet.flows.wallets import require_chama
from services.wallet.handlers import convert
from services.wallet.rules.names import child_of, wallet_of


class TransferHandlers:
    app = None

    async def CreateTransfer(self, request, context):
        given = request.transfer
        fiat = given.fiat_amount if given.HasField("fiat_amount") else None
        row = await self.app.transfers.create(
            TransferInput(
                wallet_id=wallet_of(request.parent, "parent"),
                recipient_phone=given.recipient_phone_number,
                amount_sats=given.amount_sats,
                fiat_currency=fiat.currency_code if fiat else "",
                fiat_minor=fiat.minor_units if fiat else 0,
                note=given.note,
                request_id=request.request_id,
                step_up_token=request.step_up_token,
                request=request,
            )
        )
        return wallet_service_pb2.CreateTransferResponse(transfer=convert.transfer(row))

    async def GetTransfer(self, request, context):
        name = child_of(request.name, "transfers")
        account = await self.app.wallets.own(name.wallet)
        row = await self.app.transfers.get(account, name.ident)
        return wallet_service_pb2.GetTransferResponse(transfer=convert.transfer(row))

    async def ListTransfers(self, request, context):
        account = await self.app.wallets.own(wallet_of(request.parent, "parent"))
        rows, token = await self.app.transfers.list(account, request.page_size, request.page_token)
        return wallet_service_pb2.ListTransfersResponse(
            transfers=[convert.transfer(row) for row in rows], next_page_token=token
        )

    async def CreateChamaTreasury(self, request, context):
        require_chama()
        account = await self.app.chamas.create_treasury(request.chama, request.request_id, request)
        view = await self.app.wallets.view(account, await self.app.prices.optional())
        return wallet_service_pb2.CreateChamaTreasuryResponse(wallet=convert.wallet(view))

    async def TransferBetweenWallets(self, request, context):
        caller = require_chama()
        source, destination = await self.app.chamas.move(caller, request, request.purpose)
        return wallet_service_pb2.TransferBetweenWalletsResponse(
            source_transaction=convert.transaction(source),
            destination_transaction=convert.transaction(destination),
        )
