import datetime

from bitsacco.common.v1 import common_pb2 as _common_pb2
from bitsacco.wallet.v1 import wallet_pb2 as _wallet_pb2
from buf.validate import validate_pb2 as _validate_pb2
from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import httpbody_pb2 as _httpbody_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetWalletRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetWalletResponse(_message.Message):
    __slots__ = ("wallet",)
    WALLET_FIELD_NUMBER: _ClassVar[int]
    wallet: _wallet_pb2.Wallet
    def __init__(self, wallet: _Optional[_Union[_wallet_pb2.Wallet, _Mapping]] = ...) -> None: ...

class CreateChamaTreasuryRequest(_message.Message):
    __slots__ = ("request_id", "chama")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    CHAMA_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    chama: str
    def __init__(self, request_id: _Optional[str] = ..., chama: _Optional[str] = ...) -> None: ...

class CreateChamaTreasuryResponse(_message.Message):
    __slots__ = ("wallet",)
    WALLET_FIELD_NUMBER: _ClassVar[int]
    wallet: _wallet_pb2.Wallet
    def __init__(self, wallet: _Optional[_Union[_wallet_pb2.Wallet, _Mapping]] = ...) -> None: ...

class GetPriceRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetPriceResponse(_message.Message):
    __slots__ = ("price",)
    PRICE_FIELD_NUMBER: _ClassVar[int]
    price: _wallet_pb2.Price
    def __init__(self, price: _Optional[_Union[_wallet_pb2.Price, _Mapping]] = ...) -> None: ...

class CreateQuoteRequest(_message.Message):
    __slots__ = ("parent", "quote", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    QUOTE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    quote: _wallet_pb2.Quote
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., quote: _Optional[_Union[_wallet_pb2.Quote, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class CreateQuoteResponse(_message.Message):
    __slots__ = ("quote",)
    QUOTE_FIELD_NUMBER: _ClassVar[int]
    quote: _wallet_pb2.Quote
    def __init__(self, quote: _Optional[_Union[_wallet_pb2.Quote, _Mapping]] = ...) -> None: ...

class GetQuoteRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetQuoteResponse(_message.Message):
    __slots__ = ("quote",)
    QUOTE_FIELD_NUMBER: _ClassVar[int]
    quote: _wallet_pb2.Quote
    def __init__(self, quote: _Optional[_Union[_wallet_pb2.Quote, _Mapping]] = ...) -> None: ...

class CreateDepositRequest(_message.Message):
    __slots__ = ("parent", "deposit", "request_id", "step_up_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    DEPOSIT_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    STEP_UP_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    deposit: _wallet_pb2.Deposit
    request_id: str
    step_up_token: str
    def __init__(self, parent: _Optional[str] = ..., deposit: _Optional[_Union[_wallet_pb2.Deposit, _Mapping]] = ..., request_id: _Optional[str] = ..., step_up_token: _Optional[str] = ...) -> None: ...

class CreateDepositResponse(_message.Message):
    __slots__ = ("deposit",)
    DEPOSIT_FIELD_NUMBER: _ClassVar[int]
    deposit: _wallet_pb2.Deposit
    def __init__(self, deposit: _Optional[_Union[_wallet_pb2.Deposit, _Mapping]] = ...) -> None: ...

class GetDepositRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetDepositResponse(_message.Message):
    __slots__ = ("deposit",)
    DEPOSIT_FIELD_NUMBER: _ClassVar[int]
    deposit: _wallet_pb2.Deposit
    def __init__(self, deposit: _Optional[_Union[_wallet_pb2.Deposit, _Mapping]] = ...) -> None: ...

class ListDepositsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListDepositsResponse(_message.Message):
    __slots__ = ("deposits", "next_page_token")
    DEPOSITS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    deposits: _containers.RepeatedCompositeFieldContainer[_wallet_pb2.Deposit]
    next_page_token: str
    def __init__(self, deposits: _Optional[_Iterable[_Union[_wallet_pb2.Deposit, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreateWithdrawalRequest(_message.Message):
    __slots__ = ("parent", "withdrawal", "request_id", "step_up_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWAL_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    STEP_UP_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    withdrawal: _wallet_pb2.Withdrawal
    request_id: str
    step_up_token: str
    def __init__(self, parent: _Optional[str] = ..., withdrawal: _Optional[_Union[_wallet_pb2.Withdrawal, _Mapping]] = ..., request_id: _Optional[str] = ..., step_up_token: _Optional[str] = ...) -> None: ...

class CreateWithdrawalResponse(_message.Message):
    __slots__ = ("withdrawal",)
    WITHDRAWAL_FIELD_NUMBER: _ClassVar[int]
    withdrawal: _wallet_pb2.Withdrawal
    def __init__(self, withdrawal: _Optional[_Union[_wallet_pb2.Withdrawal, _Mapping]] = ...) -> None: ...

class GetWithdrawalRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetWithdrawalResponse(_message.Message):
    __slots__ = ("withdrawal",)
    WITHDRAWAL_FIELD_NUMBER: _ClassVar[int]
    withdrawal: _wallet_pb2.Withdrawal
    def __init__(self, withdrawal: _Optional[_Union[_wallet_pb2.Withdrawal, _Mapping]] = ...) -> None: ...

class ListWithdrawalsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListWithdrawalsResponse(_message.Message):
    __slots__ = ("withdrawals", "next_page_token")
    WITHDRAWALS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    withdrawals: _containers.RepeatedCompositeFieldContainer[_wallet_pb2.Withdrawal]
    next_page_token: str
    def __init__(self, withdrawals: _Optional[_Iterable[_Union[_wallet_pb2.Withdrawal, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreateTransferRequest(_message.Message):
    __slots__ = ("parent", "transfer", "request_id", "step_up_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    STEP_UP_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    transfer: _wallet_pb2.Transfer
    request_id: str
    step_up_token: str
    def __init__(self, parent: _Optional[str] = ..., transfer: _Optional[_Union[_wallet_pb2.Transfer, _Mapping]] = ..., request_id: _Optional[str] = ..., step_up_token: _Optional[str] = ...) -> None: ...

class CreateTransferResponse(_message.Message):
    __slots__ = ("transfer",)
    TRANSFER_FIELD_NUMBER: _ClassVar[int]
    transfer: _wallet_pb2.Transfer
    def __init__(self, transfer: _Optional[_Union[_wallet_pb2.Transfer, _Mapping]] = ...) -> None: ...

class GetTransferRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetTransferResponse(_message.Message):
    __slots__ = ("transfer",)
    TRANSFER_FIELD_NUMBER: _ClassVar[int]
    transfer: _wallet_pb2.Transfer
    def __init__(self, transfer: _Optional[_Union[_wallet_pb2.Transfer, _Mapping]] = ...) -> None: ...

class ListTransfersRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListTransfersResponse(_message.Message):
    __slots__ = ("transfers", "next_page_token")
    TRANSFERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    transfers: _containers.RepeatedCompositeFieldContainer[_wallet_pb2.Transfer]
    next_page_token: str
    def __init__(self, transfers: _Optional[_Iterable[_Union[_wallet_pb2.Transfer, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class TransferBetweenWalletsRequest(_message.Message):
    __slots__ = ("request_id", "source_wallet", "destination_wallet", "amount_sats", "purpose", "memo", "reference")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_WALLET_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_WALLET_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_SATS_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    MEMO_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    source_wallet: str
    destination_wallet: str
    amount_sats: int
    purpose: _wallet_pb2.WalletTransferPurpose
    memo: str
    reference: str
    def __init__(self, request_id: _Optional[str] = ..., source_wallet: _Optional[str] = ..., destination_wallet: _Optional[str] = ..., amount_sats: _Optional[int] = ..., purpose: _Optional[_Union[_wallet_pb2.WalletTransferPurpose, str]] = ..., memo: _Optional[str] = ..., reference: _Optional[str] = ...) -> None: ...

class TransferBetweenWalletsResponse(_message.Message):
    __slots__ = ("source_transaction", "destination_transaction")
    SOURCE_TRANSACTION_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_TRANSACTION_FIELD_NUMBER: _ClassVar[int]
    source_transaction: _wallet_pb2.Transaction
    destination_transaction: _wallet_pb2.Transaction
    def __init__(self, source_transaction: _Optional[_Union[_wallet_pb2.Transaction, _Mapping]] = ..., destination_transaction: _Optional[_Union[_wallet_pb2.Transaction, _Mapping]] = ...) -> None: ...

class CreateTreasuryPayoutRequest(_message.Message):
    __slots__ = ("request_id", "wallet", "phone_number", "fiat_amount", "amount_sats", "memo")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    WALLET_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    FIAT_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_SATS_FIELD_NUMBER: _ClassVar[int]
    MEMO_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    wallet: str
    phone_number: str
    fiat_amount: _common_pb2.Money
    amount_sats: int
    memo: str
    def __init__(self, request_id: _Optional[str] = ..., wallet: _Optional[str] = ..., phone_number: _Optional[str] = ..., fiat_amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., amount_sats: _Optional[int] = ..., memo: _Optional[str] = ...) -> None: ...

class CreateTreasuryPayoutResponse(_message.Message):
    __slots__ = ("withdrawal",)
    WITHDRAWAL_FIELD_NUMBER: _ClassVar[int]
    withdrawal: _wallet_pb2.Withdrawal
    def __init__(self, withdrawal: _Optional[_Union[_wallet_pb2.Withdrawal, _Mapping]] = ...) -> None: ...

class ListTransactionsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "types", "start_time", "end_time")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TYPES_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    types: _containers.RepeatedScalarFieldContainer[_wallet_pb2.TransactionType]
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., types: _Optional[_Iterable[_Union[_wallet_pb2.TransactionType, str]]] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListTransactionsResponse(_message.Message):
    __slots__ = ("transactions", "next_page_token")
    TRANSACTIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    transactions: _containers.RepeatedCompositeFieldContainer[_wallet_pb2.Transaction]
    next_page_token: str
    def __init__(self, transactions: _Optional[_Iterable[_Union[_wallet_pb2.Transaction, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetTransactionRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetTransactionResponse(_message.Message):
    __slots__ = ("transaction",)
    TRANSACTION_FIELD_NUMBER: _ClassVar[int]
    transaction: _wallet_pb2.Transaction
    def __init__(self, transaction: _Optional[_Union[_wallet_pb2.Transaction, _Mapping]] = ...) -> None: ...

class GetSavingsSummaryRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetSavingsSummaryResponse(_message.Message):
    __slots__ = ("savings_summary",)
    SAVINGS_SUMMARY_FIELD_NUMBER: _ClassVar[int]
    savings_summary: _wallet_pb2.SavingsSummary
    def __init__(self, savings_summary: _Optional[_Union[_wallet_pb2.SavingsSummary, _Mapping]] = ...) -> None: ...

class CreateGoalRequest(_message.Message):
    __slots__ = ("parent", "goal", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    GOAL_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    goal: _wallet_pb2.Goal
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., goal: _Optional[_Union[_wallet_pb2.Goal, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class CreateGoalResponse(_message.Message):
    __slots__ = ("goal",)
    GOAL_FIELD_NUMBER: _ClassVar[int]
    goal: _wallet_pb2.Goal
    def __init__(self, goal: _Optional[_Union[_wallet_pb2.Goal, _Mapping]] = ...) -> None: ...

class GetGoalRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetGoalResponse(_message.Message):
    __slots__ = ("goal",)
    GOAL_FIELD_NUMBER: _ClassVar[int]
    goal: _wallet_pb2.Goal
    def __init__(self, goal: _Optional[_Union[_wallet_pb2.Goal, _Mapping]] = ...) -> None: ...

class ListGoalsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListGoalsResponse(_message.Message):
    __slots__ = ("goals", "next_page_token")
    GOALS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    goals: _containers.RepeatedCompositeFieldContainer[_wallet_pb2.Goal]
    next_page_token: str
    def __init__(self, goals: _Optional[_Iterable[_Union[_wallet_pb2.Goal, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpdateGoalRequest(_message.Message):
    __slots__ = ("goal", "update_mask", "request_id")
    GOAL_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    goal: _wallet_pb2.Goal
    update_mask: _field_mask_pb2.FieldMask
    request_id: str
    def __init__(self, goal: _Optional[_Union[_wallet_pb2.Goal, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class UpdateGoalResponse(_message.Message):
    __slots__ = ("goal",)
    GOAL_FIELD_NUMBER: _ClassVar[int]
    goal: _wallet_pb2.Goal
    def __init__(self, goal: _Optional[_Union[_wallet_pb2.Goal, _Mapping]] = ...) -> None: ...

class DeleteGoalRequest(_message.Message):
    __slots__ = ("name", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class DeleteGoalResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class CreateSavingsPlanRequest(_message.Message):
    __slots__ = ("parent", "savings_plan", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    SAVINGS_PLAN_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    savings_plan: _wallet_pb2.SavingsPlan
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., savings_plan: _Optional[_Union[_wallet_pb2.SavingsPlan, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class CreateSavingsPlanResponse(_message.Message):
    __slots__ = ("savings_plan",)
    SAVINGS_PLAN_FIELD_NUMBER: _ClassVar[int]
    savings_plan: _wallet_pb2.SavingsPlan
    def __init__(self, savings_plan: _Optional[_Union[_wallet_pb2.SavingsPlan, _Mapping]] = ...) -> None: ...

class GetSavingsPlanRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetSavingsPlanResponse(_message.Message):
    __slots__ = ("savings_plan",)
    SAVINGS_PLAN_FIELD_NUMBER: _ClassVar[int]
    savings_plan: _wallet_pb2.SavingsPlan
    def __init__(self, savings_plan: _Optional[_Union[_wallet_pb2.SavingsPlan, _Mapping]] = ...) -> None: ...

class ListSavingsPlansRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListSavingsPlansResponse(_message.Message):
    __slots__ = ("savings_plans", "next_page_token")
    SAVINGS_PLANS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    savings_plans: _containers.RepeatedCompositeFieldContainer[_wallet_pb2.SavingsPlan]
    next_page_token: str
    def __init__(self, savings_plans: _Optional[_Iterable[_Union[_wallet_pb2.SavingsPlan, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpdateSavingsPlanRequest(_message.Message):
    __slots__ = ("savings_plan", "update_mask", "request_id")
    SAVINGS_PLAN_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    savings_plan: _wallet_pb2.SavingsPlan
    update_mask: _field_mask_pb2.FieldMask
    request_id: str
    def __init__(self, savings_plan: _Optional[_Union[_wallet_pb2.SavingsPlan, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class UpdateSavingsPlanResponse(_message.Message):
    __slots__ = ("savings_plan",)
    SAVINGS_PLAN_FIELD_NUMBER: _ClassVar[int]
    savings_plan: _wallet_pb2.SavingsPlan
    def __init__(self, savings_plan: _Optional[_Union[_wallet_pb2.SavingsPlan, _Mapping]] = ...) -> None: ...

class DeleteSavingsPlanRequest(_message.Message):
    __slots__ = ("name", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class DeleteSavingsPlanResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class PauseSavingsPlanRequest(_message.Message):
    __slots__ = ("name", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class PauseSavingsPlanResponse(_message.Message):
    __slots__ = ("savings_plan",)
    SAVINGS_PLAN_FIELD_NUMBER: _ClassVar[int]
    savings_plan: _wallet_pb2.SavingsPlan
    def __init__(self, savings_plan: _Optional[_Union[_wallet_pb2.SavingsPlan, _Mapping]] = ...) -> None: ...

class ResumeSavingsPlanRequest(_message.Message):
    __slots__ = ("name", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class ResumeSavingsPlanResponse(_message.Message):
    __slots__ = ("savings_plan",)
    SAVINGS_PLAN_FIELD_NUMBER: _ClassVar[int]
    savings_plan: _wallet_pb2.SavingsPlan
    def __init__(self, savings_plan: _Optional[_Union[_wallet_pb2.SavingsPlan, _Mapping]] = ...) -> None: ...

class CreatePriceAlertRequest(_message.Message):
    __slots__ = ("parent", "price_alert", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PRICE_ALERT_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    price_alert: _wallet_pb2.PriceAlert
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., price_alert: _Optional[_Union[_wallet_pb2.PriceAlert, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class CreatePriceAlertResponse(_message.Message):
    __slots__ = ("price_alert",)
    PRICE_ALERT_FIELD_NUMBER: _ClassVar[int]
    price_alert: _wallet_pb2.PriceAlert
    def __init__(self, price_alert: _Optional[_Union[_wallet_pb2.PriceAlert, _Mapping]] = ...) -> None: ...

class GetPriceAlertRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetPriceAlertResponse(_message.Message):
    __slots__ = ("price_alert",)
    PRICE_ALERT_FIELD_NUMBER: _ClassVar[int]
    price_alert: _wallet_pb2.PriceAlert
    def __init__(self, price_alert: _Optional[_Union[_wallet_pb2.PriceAlert, _Mapping]] = ...) -> None: ...

class ListPriceAlertsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "states")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATES_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    states: _containers.RepeatedScalarFieldContainer[_wallet_pb2.PriceAlertState]
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., states: _Optional[_Iterable[_Union[_wallet_pb2.PriceAlertState, str]]] = ...) -> None: ...

class ListPriceAlertsResponse(_message.Message):
    __slots__ = ("price_alerts", "next_page_token")
    PRICE_ALERTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    price_alerts: _containers.RepeatedCompositeFieldContainer[_wallet_pb2.PriceAlert]
    next_page_token: str
    def __init__(self, price_alerts: _Optional[_Iterable[_Union[_wallet_pb2.PriceAlert, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class DeletePriceAlertRequest(_message.Message):
    __slots__ = ("name", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class DeletePriceAlertResponse(_message.Message):
    __slots__ = ("price_alert",)
    PRICE_ALERT_FIELD_NUMBER: _ClassVar[int]
    price_alert: _wallet_pb2.PriceAlert
    def __init__(self, price_alert: _Optional[_Union[_wallet_pb2.PriceAlert, _Mapping]] = ...) -> None: ...

class GetLimitUsageRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetLimitUsageResponse(_message.Message):
    __slots__ = ("limit_usage",)
    LIMIT_USAGE_FIELD_NUMBER: _ClassVar[int]
    limit_usage: _wallet_pb2.LimitUsage
    def __init__(self, limit_usage: _Optional[_Union[_wallet_pb2.LimitUsage, _Mapping]] = ...) -> None: ...

class MpesaStkCallbackRequest(_message.Message):
    __slots__ = ("http_body", "token")
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    http_body: _httpbody_pb2.HttpBody
    token: str
    def __init__(self, http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ..., token: _Optional[str] = ...) -> None: ...

class MpesaStkCallbackResponse(_message.Message):
    __slots__ = ("http_body",)
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class MpesaB2cResultRequest(_message.Message):
    __slots__ = ("http_body", "token")
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    http_body: _httpbody_pb2.HttpBody
    token: str
    def __init__(self, http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ..., token: _Optional[str] = ...) -> None: ...

class MpesaB2cResultResponse(_message.Message):
    __slots__ = ("http_body",)
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class MpesaB2cTimeoutRequest(_message.Message):
    __slots__ = ("http_body", "token")
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    http_body: _httpbody_pb2.HttpBody
    token: str
    def __init__(self, http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ..., token: _Optional[str] = ...) -> None: ...

class MpesaB2cTimeoutResponse(_message.Message):
    __slots__ = ("http_body",)
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class MpesaTransactionStatusResultRequest(_message.Message):
    __slots__ = ("http_body", "token")
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    http_body: _httpbody_pb2.HttpBody
    token: str
    def __init__(self, http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ..., token: _Optional[str] = ...) -> None: ...

class MpesaTransactionStatusResultResponse(_message.Message):
    __slots__ = ("http_body",)
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class MpesaTransactionStatusTimeoutRequest(_message.Message):
    __slots__ = ("http_body", "token")
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    http_body: _httpbody_pb2.HttpBody
    token: str
    def __init__(self, http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ..., token: _Optional[str] = ...) -> None: ...

class MpesaTransactionStatusTimeoutResponse(_message.Message):
    __slots__ = ("http_body",)
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...
