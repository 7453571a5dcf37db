"""Doing what the dialogue asks, as the member: every call carries the member's own token, so a
message can only ever touch the wallet of the number that sent it. Refusals come back as
Failures for the rules to explain; nothing here decides what to say."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC
from decimal import Decimal

import grpc
from bitsacco.common.v1 import common_pb2
from bitsacco.users.v1 import users_pb2, users_service_pb2
from bitsacco.wallet.v1 import wallet_pb2, wallet_service_pb2, wallet_service_pb2_grpc
from google.protobuf import field_mask_pb2

from services.ai.adapters.errors import failure_of
from services.ai.adapters.members import Identity, MemberDirectory
from services.ai.dialogue import amounts
from services.ai.dialogue import requests as rq
from services.runtime.clients import call_metadata, channel

log = logging.getLogger("bitsacco.ai.fulfilment")

_FREQUENCIES = {
    "FREQUENCY_DAILY": wallet_pb2.SAVINGS_PLAN_FREQUENCY_DAILY,
    "FREQUENCY_WEEKLY": wallet_pb2.SAVINGS_PLAN_FREQUENCY_WEEKLY,
    "FREQUENCY_MONTHLY": wallet_pb2.SAVINGS_PLAN_FREQUENCY_MONTHLY,
}
_DIRECTIONS = {
    "DIRECTION_ABOVE": wallet_pb2.PRICE_ALERT_DIRECTION_ABOVE,
    "DIRECTION_BELOW": wallet_pb2.PRICE_ALERT_DIRECTION_BELOW,
}


# Statement lines whose other side is a person (deposits and withdrawals are M-Pesa's).
_PEER_TYPES = frozenset(
    {wallet_pb2.TRANSACTION_TYPE_TRANSFER_IN, wallet_pb2.TRANSACTION_TYPE_TRANSFER_OUT}
)


def _suffix(name: str, prefix: str) -> str:
    return name.removeprefix(prefix).lower()


class Fulfilment:
    def __init__(self, members: MemberDirectory, wallet_target: str, timeout: float) -> None:
        self._members = members
        self._wallet_channel = channel(wallet_target)
        self._wallet = wallet_service_pb2_grpc.WalletServiceStub(self._wallet_channel)
        self._timeout = timeout

    async def perform(
        self, request: object, phone: str, identity: Identity, turn_id: str
    ) -> tuple[object, Identity]:
        """The outcome of `request`, and the member's identity after it (an account may have just
        been created, or a profile changed)."""
        request_id = str(uuid.uuid5(uuid.UUID(turn_id), request.label))
        try:
            if isinstance(request, rq.CreateAccount):
                return await self._create_account(request, phone, request_id)
            if not identity.token:
                return rq.Failure("USER_NOT_FOUND", "NOT_FOUND"), identity
            if isinstance(request, rq.UpdateProfile):
                return await self._update_profile(request, phone, identity, request_id)
            outcome = await self._as_member(request, identity.token, request_id)
            return outcome, identity
        except grpc.aio.AioRpcError as error:
            failure = failure_of(error)
            log.info("%s refused: %s %s", type(request).__name__, failure.code, failure.reason)
            return failure, identity

    # --- users ----------------------------------------------------------------------------------

    def _metadata(self, token: str) -> tuple[tuple[str, str], ...]:
        return call_metadata(token)

    async def _create_account(
        self, request: rq.CreateAccount, phone: str, request_id: str
    ) -> tuple[object, Identity]:
        created = await self._members.create(phone, str(uuid.uuid5(uuid.UUID(request_id), "user")))
        assert created.member is not None
        consents = [
            users_pb2.Consent(type=kind, granted=True, policy_version=request.policy_version)
            for kind in (
                users_pb2.CONSENT_TYPE_TERMS_OF_SERVICE,
                users_pb2.CONSENT_TYPE_DATA_PROCESSING,
            )
        ]
        answer = await self._members.users.stub.UpdateUser(
            users_service_pb2.UpdateUserRequest(
                request_id=request_id,
                user=users_pb2.User(
                    name="users/me", consents=consents, language_code=request.language
                ),
                update_mask=field_mask_pb2.FieldMask(paths=["consents", "language_code"]),
            ),
            metadata=self._metadata(created.token),
            timeout=self._timeout,
        )
        identity = self._members.remember(phone, answer.user, created.token)
        assert identity.member is not None
        return rq.AccountReady(identity.member), identity

    async def _update_profile(
        self, request: rq.UpdateProfile, phone: str, identity: Identity, request_id: str
    ) -> tuple[object, Identity]:
        user = users_pb2.User(name="users/me")
        paths = []
        if request.display_name is not None:
            user.display_name, _ = request.display_name, paths.append("display_name")
        if request.language is not None:
            user.language_code, _ = request.language, paths.append("language_code")
        if request.voice_replies is not None:
            user.voice_replies, _ = request.voice_replies, paths.append("voice_replies")
        answer = await self._members.users.stub.UpdateUser(
            users_service_pb2.UpdateUserRequest(
                request_id=request_id,
                user=user,
                update_mask=field_mask_pb2.FieldMask(paths=paths),
            ),
            metadata=self._metadata(identity.token),
            timeout=self._timeout,
        )
        return rq.Done(), self._members.remember(phone, answer.user, identity.token)

    # --- as the member ----------------------------------------------------------------------------

    async def _as_member(self, request: object, token: str, request_id: str) -> object:
        metadata = self._metadata(token)
        timeout = self._timeout
        users = self._members.users.stub
        wallet = self._wallet
        if isinstance(request, rq.FetchBalance):
            found = (
                await wallet.GetWallet(
                    wallet_service_pb2.GetWalletRequest(name="wallets/me"),
                    metadata=metadata,
                    timeout=timeout,
                )
            ).wallet
            return rq.Balance(
                balance_sats=found.balance_sats,
                available_sats=found.available_sats,
                pending_in_sats=found.pending_in_sats,
                value_kes_minor=found.value_kes.minor_units
                if found.HasField("value_kes")
                else None,
            )
        if isinstance(request, rq.FetchPrice):
            price = (
                await wallet.GetPrice(
                    wallet_service_pb2.GetPriceRequest(), metadata=metadata, timeout=timeout
                )
            ).price
            return rq.Price(
                mid_kes=price.mid_kes.minor_units_per_btc,
                buy_kes=price.buy_kes.minor_units_per_btc,
                sell_kes=price.sell_kes.minor_units_per_btc,
                mid_usd=price.mid_usd.minor_units_per_btc,
                as_of=price.as_of_time.ToDatetime(tzinfo=UTC)
                if price.HasField("as_of_time")
                else None,
            )
        if isinstance(request, rq.FetchStatement):
            answer = await wallet.ListTransactions(
                wallet_service_pb2.ListTransactionsRequest(
                    parent="wallets/me", page_size=request.page_size
                ),
                metadata=metadata,
                timeout=timeout,
            )
            lines = tuple(
                rq.StatementLine(
                    kind=_suffix(wallet_pb2.TransactionType.Name(line.type), "TRANSACTION_TYPE_"),
                    amount_sats=line.amount_sats,
                    fiat_minor=line.fiat_value.minor_units if line.HasField("fiat_value") else None,
                    fiat_code=line.fiat_value.currency_code or "KES",
                    time=line.create_time.ToDatetime(tzinfo=UTC),
                    counterparty=(
                        line.counterparty.display_name or line.counterparty.phone_number
                        if line.type in _PEER_TYPES
                        else ""
                    ),
                )
                for line in answer.transactions
            )
            balance = answer.transactions[0].balance_sats if answer.transactions else None
            return rq.Statement(lines, balance)
        if isinstance(request, rq.Execute):
            return await self._execute(request, metadata, request_id)
        if isinstance(request, rq.StartStepUp):
            challenge = (
                await users.StartStepUp(
                    users_service_pb2.StartStepUpRequest(
                        request_id=request_id,
                        parent="users/me",
                        transaction_request_id=request.transaction_request_id,
                        action=users_pb2.StepUpAction.Value(request.action),
                        amount=common_pb2.Money(
                            currency_code=request.currency_code, minor_units=request.minor_units
                        ),
                    ),
                    metadata=metadata,
                    timeout=timeout,
                )
            ).step_up_challenge
            expires = (
                challenge.expire_time.ToDatetime(tzinfo=UTC)
                if challenge.HasField("expire_time")
                else None
            )
            return rq.StepUpStarted(challenge.name, expires)
        if isinstance(request, rq.VerifyStepUp):
            answer = await users.VerifyStepUp(
                users_service_pb2.VerifyStepUpRequest(
                    request_id=request_id, name=request.challenge, code=request.code
                ),
                metadata=metadata,
                timeout=timeout,
            )
            return rq.StepUpGranted(answer.grant.token)
        raise TypeError(f"unknown request {request!r}")

    async def _execute(self, request: rq.Execute, metadata, fallback_request_id: str) -> object:
        pending = request.pending
        details = pending.details
        request_id = pending.request_id or fallback_request_id
        value = amounts.parse(details.get("amount")) or Decimal(0)
        currency = details.get("currency", amounts.KES)
        sats = amounts.sats_of(value, currency)
        minor = amounts.to_minor(value)
        code = amounts.FIAT_CODES.get(currency, "KES")
        timeout = self._timeout
        wallet = self._wallet
        step_up = request.step_up_token
        if pending.intent == "INTENT_SAVE":
            deposit = (
                await wallet.CreateDeposit(
                    wallet_service_pb2.CreateDepositRequest(
                        parent="wallets/me",
                        deposit=wallet_pb2.Deposit(
                            amount=common_pb2.Money(currency_code="KES", minor_units=minor)
                        ),
                        request_id=request_id,
                        step_up_token=step_up,
                    ),
                    metadata=metadata,
                    timeout=timeout,
                )
            ).deposit
            return rq.DepositStarted(
                name=deposit.name,
                state=_suffix(wallet_pb2.DepositState.Name(deposit.state), "DEPOSIT_STATE_"),
                failure_reason=_suffix(
                    wallet_pb2.DepositFailureReason.Name(deposit.failure_reason),
                    "DEPOSIT_FAILURE_REASON_",
                ),
                amount_sats=deposit.amount_sats,
            )
        if pending.intent == "INTENT_WITHDRAW":
            withdrawal = wallet_pb2.Withdrawal()
            if sats is not None:
                withdrawal.amount_sats = sats
            else:
                withdrawal.fiat_amount.CopyFrom(
                    common_pb2.Money(currency_code="KES", minor_units=minor)
                )
            made = (
                await wallet.CreateWithdrawal(
                    wallet_service_pb2.CreateWithdrawalRequest(
                        parent="wallets/me",
                        withdrawal=withdrawal,
                        request_id=request_id,
                        step_up_token=step_up,
                    ),
                    metadata=metadata,
                    timeout=timeout,
                )
            ).withdrawal
            return rq.WithdrawalStarted(
                state=_suffix(wallet_pb2.WithdrawalState.Name(made.state), "WITHDRAWAL_STATE_"),
                fiat_minor=made.fiat_amount.minor_units,
                amount_sats=made.amount_sats,
                failure_reason=_suffix(
                    wallet_pb2.WithdrawalFailureReason.Name(made.failure_reason),
                    "WITHDRAWAL_FAILURE_REASON_",
                ),
            )
        if pending.intent == "INTENT_SEND":
            transfer = wallet_pb2.Transfer(recipient_phone_number=details["recipient_phone"])
            if sats is not None:
                transfer.amount_sats = sats
            else:
                transfer.fiat_amount.CopyFrom(
                    common_pb2.Money(currency_code=code, minor_units=minor)
                )
            sent = (
                await wallet.CreateTransfer(
                    wallet_service_pb2.CreateTransferRequest(
                        parent="wallets/me",
                        transfer=transfer,
                        request_id=request_id,
                        step_up_token=step_up,
                    ),
                    metadata=metadata,
                    timeout=timeout,
                )
            ).transfer
            return rq.Transferred(
                amount_sats=sent.amount_sats,
                fiat_minor=sent.fiat_amount.minor_units,
                fiat_code=sent.fiat_amount.currency_code or "KES",
                recipient_phone=sent.recipient_phone_number or details["recipient_phone"],
                recipient_name=sent.recipient_display_name,
            )
        if pending.intent == "INTENT_DCA_SETUP":
            plan = (
                await wallet.CreateSavingsPlan(
                    wallet_service_pb2.CreateSavingsPlanRequest(
                        parent="wallets/me",
                        savings_plan=wallet_pb2.SavingsPlan(
                            amount=common_pb2.Money(currency_code="KES", minor_units=minor),
                            frequency=_FREQUENCIES[details["frequency"]],
                        ),
                        request_id=request_id,
                    ),
                    metadata=metadata,
                    timeout=timeout,
                )
            ).savings_plan
            next_run = (
                plan.next_run_time.ToDatetime(tzinfo=UTC)
                if plan.HasField("next_run_time")
                else None
            )
            return rq.PlanCreated(next_run)
        if pending.intent == "INTENT_SET_GOAL":
            goal = wallet_pb2.Goal(display_name=details["goal_name"][:60])
            if sats is not None:
                goal.target_sats = sats
            else:
                goal.target_amount.CopyFrom(common_pb2.Money(currency_code=code, minor_units=minor))
            made = (
                await wallet.CreateGoal(
                    wallet_service_pb2.CreateGoalRequest(
                        parent="wallets/me", goal=goal, request_id=request_id
                    ),
                    metadata=metadata,
                    timeout=timeout,
                )
            ).goal
            return rq.GoalCreated(made.progress_percent)
        if pending.intent == "INTENT_PRICE_ALERT":
            await wallet.CreatePriceAlert(
                wallet_service_pb2.CreatePriceAlertRequest(
                    parent="wallets/me",
                    price_alert=wallet_pb2.PriceAlert(
                        direction=_DIRECTIONS[details["direction"]],
                        price=common_pb2.BtcPrice(currency_code=code, minor_units_per_btc=minor),
                    ),
                    request_id=request_id,
                ),
                metadata=metadata,
                timeout=timeout,
            )
            return rq.AlertCreated()
        raise TypeError(f"cannot execute {pending.intent}")

    async def close(self) -> None:
        await self._wallet_channel.close()
