"""Handlers: M-Pesa deposits and withdrawals, and Daraja's webhooks (proto ⇄ domain only)."""

from __future__ import annotations

import hmac
import logging

from bitsacco.wallet.v1 import wallet_service_pb2
from google.api import httpbody_pb2

from services.runtime.auth import Caller, current_caller
from services.runtime.errors import InvalidArgument, NotFound
from services.wallet.flows.transfers import phone_or_invalid
from services.wallet.flows.wallets import CHAMA_SERVICE, require_chama
from services.wallet.handlers import convert
from services.wallet.rules.mpesa import MalformedCallback
from services.wallet.rules.names import child_of, wallet_of

log = logging.getLogger("bitsacco.wallet.webhooks")

ACCEPTED = b'{"ResultCode":0,"ResultDesc":"Accepted"}'


def _accepted() -> httpbody_pb2.HttpBody:
    return httpbody_pb2.HttpBody(content_type="application/json", data=ACCEPTED)


class PaymentHandlers:
    app = None

    # -- deposits ----------------------------------------------------------------------------

    async def CreateDeposit(self, request, context):
        caller = current_caller()
        account = await self.app.wallets.own(wallet_of(request.parent, "parent"))
        given = request.deposit
        row = await self.app.deposits.create(
            caller,
            account,
            given.amount.minor_units,
            given.phone_number,
            given.quote,
            request.request_id,
            request.step_up_token,
            request,
        )
        return wallet_service_pb2.CreateDepositResponse(deposit=convert.deposit(row))

    async def GetDeposit(self, request, context):
        name = child_of(request.name, "deposits")
        account = await self.app.wallets.own(name.wallet)
        row = await self.app.deposits.get(account, name.ident)
        return wallet_service_pb2.GetDepositResponse(deposit=convert.deposit(row))

    async def ListDeposits(self, request, context):
        account = await self.app.wallets.own(wallet_of(request.parent, "parent"))
        rows, token = await self.app.deposits.list(account, request.page_size, request.page_token)
        return wallet_service_pb2.ListDepositsResponse(
            deposits=[convert.deposit(row) for row in rows], next_page_token=token
        )

    # -- withdrawals -------------------------------------------------------------------------

    async def CreateWithdrawal(self, request, context):
        caller = current_caller()
        account = await self.app.wallets.own(wallet_of(request.parent, "parent"))
        if not caller.phone:
            raise InvalidArgument(
                "INVALID_PHONE_NUMBER", "Your account has no verified M-Pesa number to pay."
            )
        given = request.withdrawal
        row = await self.app.withdrawals.create(
            caller,
            account,
            fiat_minor=given.fiat_amount.minor_units if given.HasField("fiat_amount") else 0,
            sats=given.amount_sats,
            phone=caller.phone,
            quote_name=given.quote,
            request_id=request.request_id,
            step_up_token=request.step_up_token,
            method="CreateWithdrawal",
            request=request,
        )
        return wallet_service_pb2.CreateWithdrawalResponse(withdrawal=convert.withdrawal(row))

    async def CreateTreasuryPayout(self, request, context):
        require_chama()
        treasury = await self.app.chamas.treasury(request.wallet)
        phone = phone_or_invalid(request.phone_number, "phone_number")
        row = await self.app.withdrawals.create(
            Caller(subject=CHAMA_SERVICE),
            treasury,
            fiat_minor=request.fiat_amount.minor_units if request.HasField("fiat_amount") else 0,
            sats=request.amount_sats,
            phone=phone,
            quote_name="",
            request_id=request.request_id,
            step_up_token="",
            method="CreateTreasuryPayout",
            request=request,
            memo=request.memo,
            apply_limits=False,
            amount_field="",
        )
        return wallet_service_pb2.CreateTreasuryPayoutResponse(withdrawal=convert.withdrawal(row))

    async def GetWithdrawal(self, request, context):
        name = child_of(request.name, "withdrawals")
        account = await self.app.wallets.readable(name.wallet)
        row = await self.app.withdrawals.get(account, name.ident)
        return wallet_service_pb2.GetWithdrawalResponse(withdrawal=convert.withdrawal(row))

    async def ListWithdrawals(self, request, context):
        account = await self.app.wallets.readable(wallet_of(request.parent, "parent"))
        rows, token = await self.app.withdrawals.list(
            account, request.page_size, request.page_token
        )
        return wallet_service_pb2.ListWithdrawalsResponse(
            withdrawals=[convert.withdrawal(row) for row in rows], next_page_token=token
        )

    # -- Daraja webhooks (no JWT: the secret path token authenticates them) ------------------

    def _check_token(self, token: str) -> None:
        given = token.encode()
        if not any(
            hmac.compare_digest(given, known.encode()) for known in self.app.callback_tokens
        ):
            raise NotFound("WEBHOOK_NOT_FOUND", "Not found.")

    async def _webhook(self, request, apply) -> httpbody_pb2.HttpBody:
        self._check_token(request.token)
        try:
            await apply(request.http_body.data)
        except MalformedCallback as exc:
            raise InvalidArgument("MALFORMED_CALLBACK", f"Not a Daraja callback: {exc}") from exc
        return _accepted()

    async def MpesaStkCallback(self, request, context):
        body = await self._webhook(request, self.app.deposits.on_stk_callback)
        return wallet_service_pb2.MpesaStkCallbackResponse(http_body=body)

    async def MpesaB2cResult(self, request, context):
        body = await self._webhook(request, self.app.withdrawals.on_b2c_result)
        return wallet_service_pb2.MpesaB2cResultResponse(http_body=body)

    async def MpesaB2cTimeout(self, request, context):
        body = await self._webhook(request, self.app.withdrawals.on_b2c_timeout)
        return wallet_service_pb2.MpesaB2cTimeoutResponse(http_body=body)

    async def MpesaTransactionStatusResult(self, request, context):
        body = await self._webhook(request, self.app.withdrawals.on_status_result)
        return wallet_service_pb2.MpesaTransactionStatusResultResponse(http_body=body)

    async def MpesaTransactionStatusTimeout(self, request, context):
        body = await self._webhook(request, self.app.withdrawals.on_status_timeout)
        return wallet_service_pb2.MpesaTransactionStatusTimeoutResponse(http_body=body)


WEBHOOKS = frozenset(
    f"/bitsacco.wallet.v1.WalletService/{method}"
    for method in (
        "MpesaStkCallback",
        "MpesaB2cResult",
        "MpesaB2cTimeout",
        "MpesaTransactionStatusResult",
        "MpesaTransactionStatusTimeout",
    )
)
