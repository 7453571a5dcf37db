import datetime

from bitsacco.common.v1 import common_pb2 as _common_pb2
from buf.validate import validate_pb2 as _validate_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class WalletKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    WALLET_KIND_UNSPECIFIED: _ClassVar[WalletKind]
    WALLET_KIND_USER: _ClassVar[WalletKind]
    WALLET_KIND_CHAMA_TREASURY: _ClassVar[WalletKind]

class QuoteSide(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    QUOTE_SIDE_UNSPECIFIED: _ClassVar[QuoteSide]
    QUOTE_SIDE_BUY: _ClassVar[QuoteSide]
    QUOTE_SIDE_SELL: _ClassVar[QuoteSide]

class DepositState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DEPOSIT_STATE_UNSPECIFIED: _ClassVar[DepositState]
    DEPOSIT_STATE_PENDING: _ClassVar[DepositState]
    DEPOSIT_STATE_COMPLETED: _ClassVar[DepositState]
    DEPOSIT_STATE_FAILED: _ClassVar[DepositState]
    DEPOSIT_STATE_EXPIRED: _ClassVar[DepositState]

class DepositFailureReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DEPOSIT_FAILURE_REASON_UNSPECIFIED: _ClassVar[DepositFailureReason]
    DEPOSIT_FAILURE_REASON_CANCELLED_BY_USER: _ClassVar[DepositFailureReason]
    DEPOSIT_FAILURE_REASON_UNREACHABLE: _ClassVar[DepositFailureReason]
    DEPOSIT_FAILURE_REASON_INSUFFICIENT_FUNDS: _ClassVar[DepositFailureReason]
    DEPOSIT_FAILURE_REASON_WRONG_PIN: _ClassVar[DepositFailureReason]
    DEPOSIT_FAILURE_REASON_SUBSCRIBER_BUSY: _ClassVar[DepositFailureReason]
    DEPOSIT_FAILURE_REASON_REJECTED: _ClassVar[DepositFailureReason]
    DEPOSIT_FAILURE_REASON_EXPIRED: _ClassVar[DepositFailureReason]
    DEPOSIT_FAILURE_REASON_MISMATCH: _ClassVar[DepositFailureReason]
    DEPOSIT_FAILURE_REASON_UNKNOWN: _ClassVar[DepositFailureReason]

class WithdrawalState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    WITHDRAWAL_STATE_UNSPECIFIED: _ClassVar[WithdrawalState]
    WITHDRAWAL_STATE_PENDING: _ClassVar[WithdrawalState]
    WITHDRAWAL_STATE_RESERVED: _ClassVar[WithdrawalState]
    WITHDRAWAL_STATE_SUBMITTED: _ClassVar[WithdrawalState]
    WITHDRAWAL_STATE_COMPLETED: _ClassVar[WithdrawalState]
    WITHDRAWAL_STATE_FAILED: _ClassVar[WithdrawalState]
    WITHDRAWAL_STATE_UNKNOWN: _ClassVar[WithdrawalState]

class WithdrawalFailureReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    WITHDRAWAL_FAILURE_REASON_UNSPECIFIED: _ClassVar[WithdrawalFailureReason]
    WITHDRAWAL_FAILURE_REASON_RECIPIENT_NOT_ELIGIBLE: _ClassVar[WithdrawalFailureReason]
    WITHDRAWAL_FAILURE_REASON_RECIPIENT_LIMIT: _ClassVar[WithdrawalFailureReason]
    WITHDRAWAL_FAILURE_REASON_PROVIDER_UNAVAILABLE: _ClassVar[WithdrawalFailureReason]
    WITHDRAWAL_FAILURE_REASON_REJECTED: _ClassVar[WithdrawalFailureReason]
    WITHDRAWAL_FAILURE_REASON_UNKNOWN: _ClassVar[WithdrawalFailureReason]

class TransactionType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TRANSACTION_TYPE_UNSPECIFIED: _ClassVar[TransactionType]
    TRANSACTION_TYPE_DEPOSIT: _ClassVar[TransactionType]
    TRANSACTION_TYPE_WITHDRAWAL: _ClassVar[TransactionType]
    TRANSACTION_TYPE_TRANSFER_IN: _ClassVar[TransactionType]
    TRANSACTION_TYPE_TRANSFER_OUT: _ClassVar[TransactionType]
    TRANSACTION_TYPE_CHAMA_CONTRIBUTION: _ClassVar[TransactionType]
    TRANSACTION_TYPE_CHAMA_PENALTY: _ClassVar[TransactionType]
    TRANSACTION_TYPE_CHAMA_DISBURSEMENT: _ClassVar[TransactionType]
    TRANSACTION_TYPE_FEE: _ClassVar[TransactionType]
    TRANSACTION_TYPE_ADJUSTMENT: _ClassVar[TransactionType]

class GoalMilestone(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GOAL_MILESTONE_UNSPECIFIED: _ClassVar[GoalMilestone]
    GOAL_MILESTONE_25_PERCENT: _ClassVar[GoalMilestone]
    GOAL_MILESTONE_50_PERCENT: _ClassVar[GoalMilestone]
    GOAL_MILESTONE_75_PERCENT: _ClassVar[GoalMilestone]
    GOAL_MILESTONE_100_PERCENT: _ClassVar[GoalMilestone]

class SavingsPlanFrequency(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SAVINGS_PLAN_FREQUENCY_UNSPECIFIED: _ClassVar[SavingsPlanFrequency]
    SAVINGS_PLAN_FREQUENCY_DAILY: _ClassVar[SavingsPlanFrequency]
    SAVINGS_PLAN_FREQUENCY_WEEKLY: _ClassVar[SavingsPlanFrequency]
    SAVINGS_PLAN_FREQUENCY_MONTHLY: _ClassVar[SavingsPlanFrequency]

class SavingsPlanState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SAVINGS_PLAN_STATE_UNSPECIFIED: _ClassVar[SavingsPlanState]
    SAVINGS_PLAN_STATE_ACTIVE: _ClassVar[SavingsPlanState]
    SAVINGS_PLAN_STATE_PAUSED: _ClassVar[SavingsPlanState]

class SavingsPlanPauseReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SAVINGS_PLAN_PAUSE_REASON_UNSPECIFIED: _ClassVar[SavingsPlanPauseReason]
    SAVINGS_PLAN_PAUSE_REASON_USER_REQUESTED: _ClassVar[SavingsPlanPauseReason]
    SAVINGS_PLAN_PAUSE_REASON_REPEATED_FAILURES: _ClassVar[SavingsPlanPauseReason]

class PriceAlertDirection(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PRICE_ALERT_DIRECTION_UNSPECIFIED: _ClassVar[PriceAlertDirection]
    PRICE_ALERT_DIRECTION_ABOVE: _ClassVar[PriceAlertDirection]
    PRICE_ALERT_DIRECTION_BELOW: _ClassVar[PriceAlertDirection]

class PriceAlertState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PRICE_ALERT_STATE_UNSPECIFIED: _ClassVar[PriceAlertState]
    PRICE_ALERT_STATE_ACTIVE: _ClassVar[PriceAlertState]
    PRICE_ALERT_STATE_TRIGGERED: _ClassVar[PriceAlertState]
    PRICE_ALERT_STATE_CANCELLED: _ClassVar[PriceAlertState]

class WalletTransferPurpose(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    WALLET_TRANSFER_PURPOSE_UNSPECIFIED: _ClassVar[WalletTransferPurpose]
    WALLET_TRANSFER_PURPOSE_CHAMA_CONTRIBUTION: _ClassVar[WalletTransferPurpose]
    WALLET_TRANSFER_PURPOSE_CHAMA_PENALTY: _ClassVar[WalletTransferPurpose]
    WALLET_TRANSFER_PURPOSE_CHAMA_DISBURSEMENT: _ClassVar[WalletTransferPurpose]
WALLET_KIND_UNSPECIFIED: WalletKind
WALLET_KIND_USER: WalletKind
WALLET_KIND_CHAMA_TREASURY: WalletKind
QUOTE_SIDE_UNSPECIFIED: QuoteSide
QUOTE_SIDE_BUY: QuoteSide
QUOTE_SIDE_SELL: QuoteSide
DEPOSIT_STATE_UNSPECIFIED: DepositState
DEPOSIT_STATE_PENDING: DepositState
DEPOSIT_STATE_COMPLETED: DepositState
DEPOSIT_STATE_FAILED: DepositState
DEPOSIT_STATE_EXPIRED: DepositState
DEPOSIT_FAILURE_REASON_UNSPECIFIED: DepositFailureReason
DEPOSIT_FAILURE_REASON_CANCELLED_BY_USER: DepositFailureReason
DEPOSIT_FAILURE_REASON_UNREACHABLE: DepositFailureReason
DEPOSIT_FAILURE_REASON_INSUFFICIENT_FUNDS: DepositFailureReason
DEPOSIT_FAILURE_REASON_WRONG_PIN: DepositFailureReason
DEPOSIT_FAILURE_REASON_SUBSCRIBER_BUSY: DepositFailureReason
DEPOSIT_FAILURE_REASON_REJECTED: DepositFailureReason
DEPOSIT_FAILURE_REASON_EXPIRED: DepositFailureReason
DEPOSIT_FAILURE_REASON_MISMATCH: DepositFailureReason
DEPOSIT_FAILURE_REASON_UNKNOWN: DepositFailureReason
WITHDRAWAL_STATE_UNSPECIFIED: WithdrawalState
WITHDRAWAL_STATE_PENDING: WithdrawalState
WITHDRAWAL_STATE_RESERVED: WithdrawalState
WITHDRAWAL_STATE_SUBMITTED: WithdrawalState
WITHDRAWAL_STATE_COMPLETED: WithdrawalState
WITHDRAWAL_STATE_FAILED: WithdrawalState
WITHDRAWAL_STATE_UNKNOWN: WithdrawalState
WITHDRAWAL_FAILURE_REASON_UNSPECIFIED: WithdrawalFailureReason
WITHDRAWAL_FAILURE_REASON_RECIPIENT_NOT_ELIGIBLE: WithdrawalFailureReason
WITHDRAWAL_FAILURE_REASON_RECIPIENT_LIMIT: WithdrawalFailureReason
WITHDRAWAL_FAILURE_REASON_PROVIDER_UNAVAILABLE: WithdrawalFailureReason
WITHDRAWAL_FAILURE_REASON_REJECTED: WithdrawalFailureReason
WITHDRAWAL_FAILURE_REASON_UNKNOWN: WithdrawalFailureReason
TRANSACTION_TYPE_UNSPECIFIED: TransactionType
TRANSACTION_TYPE_DEPOSIT: TransactionType
TRANSACTION_TYPE_WITHDRAWAL: TransactionType
TRANSACTION_TYPE_TRANSFER_IN: TransactionType
TRANSACTION_TYPE_TRANSFER_OUT: TransactionType
TRANSACTION_TYPE_CHAMA_CONTRIBUTION: TransactionType
TRANSACTION_TYPE_CHAMA_PENALTY: TransactionType
TRANSACTION_TYPE_CHAMA_DISBURSEMENT: TransactionType
TRANSACTION_TYPE_FEE: TransactionType
TRANSACTION_TYPE_ADJUSTMENT: TransactionType
GOAL_MILESTONE_UNSPECIFIED: GoalMilestone
GOAL_MILESTONE_25_PERCENT: GoalMilestone
GOAL_MILESTONE_50_PERCENT: GoalMilestone
GOAL_MILESTONE_75_PERCENT: GoalMilestone
GOAL_MILESTONE_100_PERCENT: GoalMilestone
SAVINGS_PLAN_FREQUENCY_UNSPECIFIED: SavingsPlanFrequency
SAVINGS_PLAN_FREQUENCY_DAILY: SavingsPlanFrequency
SAVINGS_PLAN_FREQUENCY_WEEKLY: SavingsPlanFrequency
SAVINGS_PLAN_FREQUENCY_MONTHLY: SavingsPlanFrequency
SAVINGS_PLAN_STATE_UNSPECIFIED: SavingsPlanState
SAVINGS_PLAN_STATE_ACTIVE: SavingsPlanState
SAVINGS_PLAN_STATE_PAUSED: SavingsPlanState
SAVINGS_PLAN_PAUSE_REASON_UNSPECIFIED: SavingsPlanPauseReason
SAVINGS_PLAN_PAUSE_REASON_USER_REQUESTED: SavingsPlanPauseReason
SAVINGS_PLAN_PAUSE_REASON_REPEATED_FAILURES: SavingsPlanPauseReason
PRICE_ALERT_DIRECTION_UNSPECIFIED: PriceAlertDirection
PRICE_ALERT_DIRECTION_ABOVE: PriceAlertDirection
PRICE_ALERT_DIRECTION_BELOW: PriceAlertDirection
PRICE_ALERT_STATE_UNSPECIFIED: PriceAlertState
PRICE_ALERT_STATE_ACTIVE: PriceAlertState
PRICE_ALERT_STATE_TRIGGERED: PriceAlertState
PRICE_ALERT_STATE_CANCELLED: PriceAlertState
WALLET_TRANSFER_PURPOSE_UNSPECIFIED: WalletTransferPurpose
WALLET_TRANSFER_PURPOSE_CHAMA_CONTRIBUTION: WalletTransferPurpose
WALLET_TRANSFER_PURPOSE_CHAMA_PENALTY: WalletTransferPurpose
WALLET_TRANSFER_PURPOSE_CHAMA_DISBURSEMENT: WalletTransferPurpose

class Wallet(_message.Message):
    __slots__ = ("name", "owner", "kind", "balance_sats", "available_sats", "pending_in_sats", "pending_out_sats", "value_kes", "value_usd", "price_kes", "price_usd", "price_time", "create_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    BALANCE_SATS_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_SATS_FIELD_NUMBER: _ClassVar[int]
    PENDING_IN_SATS_FIELD_NUMBER: _ClassVar[int]
    PENDING_OUT_SATS_FIELD_NUMBER: _ClassVar[int]
    VALUE_KES_FIELD_NUMBER: _ClassVar[int]
    VALUE_USD_FIELD_NUMBER: _ClassVar[int]
    PRICE_KES_FIELD_NUMBER: _ClassVar[int]
    PRICE_USD_FIELD_NUMBER: _ClassVar[int]
    PRICE_TIME_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    owner: str
    kind: WalletKind
    balance_sats: int
    available_sats: int
    pending_in_sats: int
    pending_out_sats: int
    value_kes: _common_pb2.Money
    value_usd: _common_pb2.Money
    price_kes: _common_pb2.BtcPrice
    price_usd: _common_pb2.BtcPrice
    price_time: _timestamp_pb2.Timestamp
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., owner: _Optional[str] = ..., kind: _Optional[_Union[WalletKind, str]] = ..., balance_sats: _Optional[int] = ..., available_sats: _Optional[int] = ..., pending_in_sats: _Optional[int] = ..., pending_out_sats: _Optional[int] = ..., value_kes: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., value_usd: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., price_kes: _Optional[_Union[_common_pb2.BtcPrice, _Mapping]] = ..., price_usd: _Optional[_Union[_common_pb2.BtcPrice, _Mapping]] = ..., price_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Price(_message.Message):
    __slots__ = ("mid_kes", "buy_kes", "sell_kes", "mid_usd", "buy_usd", "sell_usd", "source", "as_of_time", "spread_bps")
    MID_KES_FIELD_NUMBER: _ClassVar[int]
    BUY_KES_FIELD_NUMBER: _ClassVar[int]
    SELL_KES_FIELD_NUMBER: _ClassVar[int]
    MID_USD_FIELD_NUMBER: _ClassVar[int]
    BUY_USD_FIELD_NUMBER: _ClassVar[int]
    SELL_USD_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    AS_OF_TIME_FIELD_NUMBER: _ClassVar[int]
    SPREAD_BPS_FIELD_NUMBER: _ClassVar[int]
    mid_kes: _common_pb2.BtcPrice
    buy_kes: _common_pb2.BtcPrice
    sell_kes: _common_pb2.BtcPrice
    mid_usd: _common_pb2.BtcPrice
    buy_usd: _common_pb2.BtcPrice
    sell_usd: _common_pb2.BtcPrice
    source: str
    as_of_time: _timestamp_pb2.Timestamp
    spread_bps: int
    def __init__(self, mid_kes: _Optional[_Union[_common_pb2.BtcPrice, _Mapping]] = ..., buy_kes: _Optional[_Union[_common_pb2.BtcPrice, _Mapping]] = ..., sell_kes: _Optional[_Union[_common_pb2.BtcPrice, _Mapping]] = ..., mid_usd: _Optional[_Union[_common_pb2.BtcPrice, _Mapping]] = ..., buy_usd: _Optional[_Union[_common_pb2.BtcPrice, _Mapping]] = ..., sell_usd: _Optional[_Union[_common_pb2.BtcPrice, _Mapping]] = ..., source: _Optional[str] = ..., as_of_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., spread_bps: _Optional[int] = ...) -> None: ...

class Quote(_message.Message):
    __slots__ = ("name", "side", "fiat_amount", "amount_sats", "currency_code", "rate", "mid_price", "spread_bps", "spread", "fee", "price_time", "create_time", "expire_time", "used_by")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    FIAT_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_SATS_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_CODE_FIELD_NUMBER: _ClassVar[int]
    RATE_FIELD_NUMBER: _ClassVar[int]
    MID_PRICE_FIELD_NUMBER: _ClassVar[int]
    SPREAD_BPS_FIELD_NUMBER: _ClassVar[int]
    SPREAD_FIELD_NUMBER: _ClassVar[int]
    FEE_FIELD_NUMBER: _ClassVar[int]
    PRICE_TIME_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    USED_BY_FIELD_NUMBER: _ClassVar[int]
    name: str
    side: QuoteSide
    fiat_amount: _common_pb2.Money
    amount_sats: int
    currency_code: str
    rate: _common_pb2.BtcPrice
    mid_price: _common_pb2.BtcPrice
    spread_bps: int
    spread: _common_pb2.Money
    fee: _common_pb2.Money
    price_time: _timestamp_pb2.Timestamp
    create_time: _timestamp_pb2.Timestamp
    expire_time: _timestamp_pb2.Timestamp
    used_by: str
    def __init__(self, name: _Optional[str] = ..., side: _Optional[_Union[QuoteSide, str]] = ..., fiat_amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., amount_sats: _Optional[int] = ..., currency_code: _Optional[str] = ..., rate: _Optional[_Union[_common_pb2.BtcPrice, _Mapping]] = ..., mid_price: _Optional[_Union[_common_pb2.BtcPrice, _Mapping]] = ..., spread_bps: _Optional[int] = ..., spread: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., fee: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., price_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., used_by: _Optional[str] = ...) -> None: ...

class Deposit(_message.Message):
    __slots__ = ("name", "amount", "phone_number", "quote", "state", "failure_reason", "result_code", "result_description", "rate", "amount_sats", "merchant_request_id", "checkout_request_id", "mpesa_receipt_number", "create_time", "expire_time", "resolve_time", "transaction", "savings_plan")
    NAME_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    QUOTE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    FAILURE_REASON_FIELD_NUMBER: _ClassVar[int]
    RESULT_CODE_FIELD_NUMBER: _ClassVar[int]
    RESULT_DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    RATE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_SATS_FIELD_NUMBER: _ClassVar[int]
    MERCHANT_REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    CHECKOUT_REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    MPESA_RECEIPT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    RESOLVE_TIME_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_FIELD_NUMBER: _ClassVar[int]
    SAVINGS_PLAN_FIELD_NUMBER: _ClassVar[int]
    name: str
    amount: _common_pb2.Money
    phone_number: str
    quote: str
    state: DepositState
    failure_reason: DepositFailureReason
    result_code: int
    result_description: str
    rate: _common_pb2.BtcPrice
    amount_sats: int
    merchant_request_id: str
    checkout_request_id: str
    mpesa_receipt_number: str
    create_time: _timestamp_pb2.Timestamp
    expire_time: _timestamp_pb2.Timestamp
    resolve_time: _timestamp_pb2.Timestamp
    transaction: str
    savings_plan: str
    def __init__(self, name: _Optional[str] = ..., amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., phone_number: _Optional[str] = ..., quote: _Optional[str] = ..., state: _Optional[_Union[DepositState, str]] = ..., failure_reason: _Optional[_Union[DepositFailureReason, str]] = ..., result_code: _Optional[int] = ..., result_description: _Optional[str] = ..., rate: _Optional[_Union[_common_pb2.BtcPrice, _Mapping]] = ..., amount_sats: _Optional[int] = ..., merchant_request_id: _Optional[str] = ..., checkout_request_id: _Optional[str] = ..., mpesa_receipt_number: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resolve_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., transaction: _Optional[str] = ..., savings_plan: _Optional[str] = ...) -> None: ...

class Withdrawal(_message.Message):
    __slots__ = ("name", "fiat_amount", "amount_sats", "quote", "phone_number", "state", "failure_reason", "result_code", "result_description", "rate", "conversation_id", "originator_conversation_id", "mpesa_receipt_number", "recipient_public_name", "create_time", "resolve_time", "transaction", "review_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    FIAT_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_SATS_FIELD_NUMBER: _ClassVar[int]
    QUOTE_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    FAILURE_REASON_FIELD_NUMBER: _ClassVar[int]
    RESULT_CODE_FIELD_NUMBER: _ClassVar[int]
    RESULT_DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    RATE_FIELD_NUMBER: _ClassVar[int]
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    ORIGINATOR_CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    MPESA_RECEIPT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_PUBLIC_NAME_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    RESOLVE_TIME_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_FIELD_NUMBER: _ClassVar[int]
    REVIEW_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    fiat_amount: _common_pb2.Money
    amount_sats: int
    quote: str
    phone_number: str
    state: WithdrawalState
    failure_reason: WithdrawalFailureReason
    result_code: int
    result_description: str
    rate: _common_pb2.BtcPrice
    conversation_id: str
    originator_conversation_id: str
    mpesa_receipt_number: str
    recipient_public_name: str
    create_time: _timestamp_pb2.Timestamp
    resolve_time: _timestamp_pb2.Timestamp
    transaction: str
    review_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., fiat_amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., amount_sats: _Optional[int] = ..., quote: _Optional[str] = ..., phone_number: _Optional[str] = ..., state: _Optional[_Union[WithdrawalState, str]] = ..., failure_reason: _Optional[_Union[WithdrawalFailureReason, str]] = ..., result_code: _Optional[int] = ..., result_description: _Optional[str] = ..., rate: _Optional[_Union[_common_pb2.BtcPrice, _Mapping]] = ..., conversation_id: _Optional[str] = ..., originator_conversation_id: _Optional[str] = ..., mpesa_receipt_number: _Optional[str] = ..., recipient_public_name: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resolve_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., transaction: _Optional[str] = ..., review_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Transfer(_message.Message):
    __slots__ = ("name", "recipient_phone_number", "recipient_display_name", "amount_sats", "fiat_amount", "rate", "note", "create_time", "transaction")
    NAME_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_SATS_FIELD_NUMBER: _ClassVar[int]
    FIAT_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    RATE_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_FIELD_NUMBER: _ClassVar[int]
    name: str
    recipient_phone_number: str
    recipient_display_name: str
    amount_sats: int
    fiat_amount: _common_pb2.Money
    rate: _common_pb2.BtcPrice
    note: str
    create_time: _timestamp_pb2.Timestamp
    transaction: str
    def __init__(self, name: _Optional[str] = ..., recipient_phone_number: _Optional[str] = ..., recipient_display_name: _Optional[str] = ..., amount_sats: _Optional[int] = ..., fiat_amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., rate: _Optional[_Union[_common_pb2.BtcPrice, _Mapping]] = ..., note: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., transaction: _Optional[str] = ...) -> None: ...

class Counterparty(_message.Message):
    __slots__ = ("display_name", "phone_number", "chama")
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    CHAMA_FIELD_NUMBER: _ClassVar[int]
    display_name: str
    phone_number: str
    chama: str
    def __init__(self, display_name: _Optional[str] = ..., phone_number: _Optional[str] = ..., chama: _Optional[str] = ...) -> None: ...

class Transaction(_message.Message):
    __slots__ = ("name", "type", "amount_sats", "balance_sats", "fiat_value", "price", "counterparty", "reference", "source", "memo", "create_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_SATS_FIELD_NUMBER: _ClassVar[int]
    BALANCE_SATS_FIELD_NUMBER: _ClassVar[int]
    FIAT_VALUE_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    COUNTERPARTY_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    MEMO_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    type: TransactionType
    amount_sats: int
    balance_sats: int
    fiat_value: _common_pb2.Money
    price: _common_pb2.BtcPrice
    counterparty: Counterparty
    reference: str
    source: str
    memo: str
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., type: _Optional[_Union[TransactionType, str]] = ..., amount_sats: _Optional[int] = ..., balance_sats: _Optional[int] = ..., fiat_value: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., price: _Optional[_Union[_common_pb2.BtcPrice, _Mapping]] = ..., counterparty: _Optional[_Union[Counterparty, _Mapping]] = ..., reference: _Optional[str] = ..., source: _Optional[str] = ..., memo: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SavingsSummary(_message.Message):
    __slots__ = ("name", "total_saved_sats", "total_saved", "total_withdrawn_sats", "total_withdrawn", "total_sent_sats", "total_sent", "total_received_sats", "total_received", "average_buy_price", "balance_sats", "current_price", "current_value", "gain", "gain_bps", "compute_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SAVED_SATS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SAVED_FIELD_NUMBER: _ClassVar[int]
    TOTAL_WITHDRAWN_SATS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_WITHDRAWN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SENT_SATS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SENT_FIELD_NUMBER: _ClassVar[int]
    TOTAL_RECEIVED_SATS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_RECEIVED_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_BUY_PRICE_FIELD_NUMBER: _ClassVar[int]
    BALANCE_SATS_FIELD_NUMBER: _ClassVar[int]
    CURRENT_PRICE_FIELD_NUMBER: _ClassVar[int]
    CURRENT_VALUE_FIELD_NUMBER: _ClassVar[int]
    GAIN_FIELD_NUMBER: _ClassVar[int]
    GAIN_BPS_FIELD_NUMBER: _ClassVar[int]
    COMPUTE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    total_saved_sats: int
    total_saved: _common_pb2.Money
    total_withdrawn_sats: int
    total_withdrawn: _common_pb2.Money
    total_sent_sats: int
    total_sent: _common_pb2.Money
    total_received_sats: int
    total_received: _common_pb2.Money
    average_buy_price: _common_pb2.BtcPrice
    balance_sats: int
    current_price: _common_pb2.BtcPrice
    current_value: _common_pb2.Money
    gain: _common_pb2.Money
    gain_bps: int
    compute_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., total_saved_sats: _Optional[int] = ..., total_saved: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., total_withdrawn_sats: _Optional[int] = ..., total_withdrawn: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., total_sent_sats: _Optional[int] = ..., total_sent: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., total_received_sats: _Optional[int] = ..., total_received: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., average_buy_price: _Optional[_Union[_common_pb2.BtcPrice, _Mapping]] = ..., balance_sats: _Optional[int] = ..., current_price: _Optional[_Union[_common_pb2.BtcPrice, _Mapping]] = ..., current_value: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., gain: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., gain_bps: _Optional[int] = ..., compute_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Goal(_message.Message):
    __slots__ = ("name", "display_name", "target_amount", "target_sats", "target_date", "progress_percent", "reached_milestones", "reach_time", "create_time", "update_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    TARGET_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TARGET_SATS_FIELD_NUMBER: _ClassVar[int]
    TARGET_DATE_FIELD_NUMBER: _ClassVar[int]
    PROGRESS_PERCENT_FIELD_NUMBER: _ClassVar[int]
    REACHED_MILESTONES_FIELD_NUMBER: _ClassVar[int]
    REACH_TIME_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    target_amount: _common_pb2.Money
    target_sats: int
    target_date: str
    progress_percent: int
    reached_milestones: _containers.RepeatedScalarFieldContainer[GoalMilestone]
    reach_time: _timestamp_pb2.Timestamp
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., target_amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., target_sats: _Optional[int] = ..., target_date: _Optional[str] = ..., progress_percent: _Optional[int] = ..., reached_milestones: _Optional[_Iterable[_Union[GoalMilestone, str]]] = ..., reach_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SavingsPlan(_message.Message):
    __slots__ = ("name", "amount", "frequency", "phone_number", "start_time", "state", "pause_reason", "next_run_time", "last_run_time", "last_deposit", "consecutive_failures", "create_time", "update_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    FREQUENCY_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    PAUSE_REASON_FIELD_NUMBER: _ClassVar[int]
    NEXT_RUN_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_RUN_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_DEPOSIT_FIELD_NUMBER: _ClassVar[int]
    CONSECUTIVE_FAILURES_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    amount: _common_pb2.Money
    frequency: SavingsPlanFrequency
    phone_number: str
    start_time: _timestamp_pb2.Timestamp
    state: SavingsPlanState
    pause_reason: SavingsPlanPauseReason
    next_run_time: _timestamp_pb2.Timestamp
    last_run_time: _timestamp_pb2.Timestamp
    last_deposit: str
    consecutive_failures: int
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., frequency: _Optional[_Union[SavingsPlanFrequency, str]] = ..., phone_number: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., state: _Optional[_Union[SavingsPlanState, str]] = ..., pause_reason: _Optional[_Union[SavingsPlanPauseReason, str]] = ..., next_run_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_run_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_deposit: _Optional[str] = ..., consecutive_failures: _Optional[int] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PriceAlert(_message.Message):
    __slots__ = ("name", "direction", "price", "state", "trigger_time", "trigger_price", "create_time", "cancel_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_TIME_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_PRICE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    CANCEL_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    direction: PriceAlertDirection
    price: _common_pb2.BtcPrice
    state: PriceAlertState
    trigger_time: _timestamp_pb2.Timestamp
    trigger_price: _common_pb2.BtcPrice
    create_time: _timestamp_pb2.Timestamp
    cancel_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., direction: _Optional[_Union[PriceAlertDirection, str]] = ..., price: _Optional[_Union[_common_pb2.BtcPrice, _Mapping]] = ..., state: _Optional[_Union[PriceAlertState, str]] = ..., trigger_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., trigger_price: _Optional[_Union[_common_pb2.BtcPrice, _Mapping]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., cancel_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class OperationLimit(_message.Message):
    __slots__ = ("limit", "used", "remaining")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    USED_FIELD_NUMBER: _ClassVar[int]
    REMAINING_FIELD_NUMBER: _ClassVar[int]
    limit: _common_pb2.Money
    used: _common_pb2.Money
    remaining: _common_pb2.Money
    def __init__(self, limit: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., used: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., remaining: _Optional[_Union[_common_pb2.Money, _Mapping]] = ...) -> None: ...

class LimitUsage(_message.Message):
    __slots__ = ("name", "save", "withdraw", "transfer", "step_up_threshold", "reset_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SAVE_FIELD_NUMBER: _ClassVar[int]
    WITHDRAW_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_FIELD_NUMBER: _ClassVar[int]
    STEP_UP_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    RESET_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    save: OperationLimit
    withdraw: OperationLimit
    transfer: OperationLimit
    step_up_threshold: _common_pb2.Money
    reset_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., save: _Optional[_Union[OperationLimit, _Mapping]] = ..., withdraw: _Optional[_Union[OperationLimit, _Mapping]] = ..., transfer: _Optional[_Union[OperationLimit, _Mapping]] = ..., step_up_threshold: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., reset_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
