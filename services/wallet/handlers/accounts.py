"""Handlers: wallets, prices, quotes, statements, limits (proto ⇄ domain only)."""

from __future__ import annotations

from bitsacco.wallet.v1 import wallet_pb2, wallet_service_pb2

from services.runtime.auth import current_caller
from services.wallet.handlers import convert
from services.wallet.rules.limits import reset_time
from services.wallet.rules.names import child_of, wallet_name, wallet_of
from services.wallet.storage.store import now


class AccountHandlers:
    app = None  # the WalletApp, set by WalletHandlers

    async def GetWallet(self, request, context):
        account = await self.app.wallets.readable(wallet_of(request.name))
        view = await self.app.wallets.view(account, await self.app.prices.optional())
        return wallet_service_pb2.GetWalletResponse(wallet=convert.wallet(view))

    async def GetPrice(self, request, context):
        return wallet_service_pb2.GetPriceResponse(
            price=convert.current_price(await self.app.quotes.price())
        )

    async def CreateQuote(self, request, context):
        wallet_id = wallet_of(request.parent, "parent")
        given = request.quote
        if given.HasField("fiat_amount"):
            currency, fiat, sats = given.fiat_amount.currency_code, given.fiat_amount.minor_units, 0
        else:
            currency, fiat, sats = given.currency_code or "KES", 0, given.amount_sats
        row = await self.app.quotes.create(
            wallet_id, given.side, currency, fiat, sats, request.request_id, request
        )
        return wallet_service_pb2.CreateQuoteResponse(quote=convert.quote(row))

    async def GetQuote(self, request, context):
        name = child_of(request.name, "quotes")
        account = await self.app.wallets.own(name.wallet)
        row = await self.app.quotes.get(account, name.ident)
        return wallet_service_pb2.GetQuoteResponse(quote=convert.quote(row))

    async def ListTransactions(self, request, context):
        account = await self.app.wallets.readable(wallet_of(request.parent, "parent"))
        start = (
            request.start_time.ToDatetime(tzinfo=None) if request.HasField("start_time") else None
        )
        end = request.end_time.ToDatetime(tzinfo=None) if request.HasField("end_time") else None
        rows, token = await self.app.statements.list(
            account,
            request.page_size,
            request.page_token,
            list(request.types),
            start,
            end,
        )
        return wallet_service_pb2.ListTransactionsResponse(
            transactions=[convert.transaction(row) for row in rows], next_page_token=token
        )

    async def GetTransaction(self, request, context):
        name = child_of(request.name, "transactions")
        account = await self.app.wallets.readable(name.wallet)
        row = await self.app.statements.get(account, name.ident)
        return wallet_service_pb2.GetTransactionResponse(transaction=convert.transaction(row))

    async def GetSavingsSummary(self, request, context):
        account = await self.app.wallets.own(wallet_of(request.name))
        summary = await self.app.statements.summary(account, now())
        return wallet_service_pb2.GetSavingsSummaryResponse(
            savings_summary=convert.savings_summary(account, summary)
        )

    async def GetLimitUsage(self, request, context):
        account = await self.app.wallets.own(wallet_of(request.name))
        caller = current_caller()
        limits = await self.app.limits.of(caller.tier)
        at = now()
        usage = await self.app.limits.usage(account.id, limits, at)

        def operation(key: str) -> wallet_pb2.OperationLimit:
            limit, used, remaining = usage[key]
            return wallet_pb2.OperationLimit(
                limit=convert.money("USD", limit),
                used=convert.money("USD", used),
                remaining=convert.money("USD", remaining),
            )

        return wallet_service_pb2.GetLimitUsageResponse(
            limit_usage=wallet_pb2.LimitUsage(
                name=f"{wallet_name(account.id)}/limitUsage",
                save=operation("save"),
                withdraw=operation("withdraw"),
                transfer=operation("transfer"),
                step_up_threshold=convert.money("USD", limits.step_up_threshold),
                reset_time=convert.timestamp(reset_time(at)),
            )
        )
