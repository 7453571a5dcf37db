import datetime

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

class Intent(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INTENT_UNSPECIFIED: _ClassVar[Intent]
    INTENT_GREETING: _ClassVar[Intent]
    INTENT_HELP: _ClassVar[Intent]
    INTENT_REGISTER: _ClassVar[Intent]
    INTENT_CHECK_BALANCE: _ClassVar[Intent]
    INTENT_BTC_PRICE: _ClassVar[Intent]
    INTENT_SAVE: _ClassVar[Intent]
    INTENT_WITHDRAW: _ClassVar[Intent]
    INTENT_SEND: _ClassVar[Intent]
    INTENT_STATEMENT: _ClassVar[Intent]
    INTENT_SET_GOAL: _ClassVar[Intent]
    INTENT_DCA_SETUP: _ClassVar[Intent]
    INTENT_PRICE_ALERT: _ClassVar[Intent]
    INTENT_CHAMA_CREATE: _ClassVar[Intent]
    INTENT_CHAMA_CONTRIBUTE: _ClassVar[Intent]
    INTENT_CHAMA_BALANCE: _ClassVar[Intent]
    INTENT_CHAMA_INVITE: _ClassVar[Intent]
    INTENT_CHAMA_PROPOSE: _ClassVar[Intent]
    INTENT_CHAMA_VOTE: _ClassVar[Intent]
    INTENT_SET_LANGUAGE: _ClassVar[Intent]
    INTENT_SET_VOICE: _ClassVar[Intent]
    INTENT_CONFIRM: _ClassVar[Intent]
    INTENT_CANCEL: _ClassVar[Intent]
    INTENT_TALK_TO_AGENT: _ClassVar[Intent]
    INTENT_LEARN: _ClassVar[Intent]
    INTENT_UNKNOWN: _ClassVar[Intent]

class Currency(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CURRENCY_UNSPECIFIED: _ClassVar[Currency]
    CURRENCY_KES: _ClassVar[Currency]
    CURRENCY_USD: _ClassVar[Currency]
    CURRENCY_SATS: _ClassVar[Currency]
    CURRENCY_BTC: _ClassVar[Currency]

class Frequency(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FREQUENCY_UNSPECIFIED: _ClassVar[Frequency]
    FREQUENCY_DAILY: _ClassVar[Frequency]
    FREQUENCY_WEEKLY: _ClassVar[Frequency]
    FREQUENCY_MONTHLY: _ClassVar[Frequency]

class Direction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DIRECTION_UNSPECIFIED: _ClassVar[Direction]
    DIRECTION_ABOVE: _ClassVar[Direction]
    DIRECTION_BELOW: _ClassVar[Direction]

class Choice(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CHOICE_UNSPECIFIED: _ClassVar[Choice]
    CHOICE_YES: _ClassVar[Choice]
    CHOICE_NO: _ClassVar[Choice]

class PendingActionState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PENDING_ACTION_STATE_UNSPECIFIED: _ClassVar[PendingActionState]
    PENDING_ACTION_STATE_COLLECTING_DETAILS: _ClassVar[PendingActionState]
    PENDING_ACTION_STATE_AWAITING_CONFIRMATION: _ClassVar[PendingActionState]
    PENDING_ACTION_STATE_AWAITING_STEP_UP: _ClassVar[PendingActionState]
INTENT_UNSPECIFIED: Intent
INTENT_GREETING: Intent
INTENT_HELP: Intent
INTENT_REGISTER: Intent
INTENT_CHECK_BALANCE: Intent
INTENT_BTC_PRICE: Intent
INTENT_SAVE: Intent
INTENT_WITHDRAW: Intent
INTENT_SEND: Intent
INTENT_STATEMENT: Intent
INTENT_SET_GOAL: Intent
INTENT_DCA_SETUP: Intent
INTENT_PRICE_ALERT: Intent
INTENT_CHAMA_CREATE: Intent
INTENT_CHAMA_CONTRIBUTE: Intent
INTENT_CHAMA_BALANCE: Intent
INTENT_CHAMA_INVITE: Intent
INTENT_CHAMA_PROPOSE: Intent
INTENT_CHAMA_VOTE: Intent
INTENT_SET_LANGUAGE: Intent
INTENT_SET_VOICE: Intent
INTENT_CONFIRM: Intent
INTENT_CANCEL: Intent
INTENT_TALK_TO_AGENT: Intent
INTENT_LEARN: Intent
INTENT_UNKNOWN: Intent
CURRENCY_UNSPECIFIED: Currency
CURRENCY_KES: Currency
CURRENCY_USD: Currency
CURRENCY_SATS: Currency
CURRENCY_BTC: Currency
FREQUENCY_UNSPECIFIED: Frequency
FREQUENCY_DAILY: Frequency
FREQUENCY_WEEKLY: Frequency
FREQUENCY_MONTHLY: Frequency
DIRECTION_UNSPECIFIED: Direction
DIRECTION_ABOVE: Direction
DIRECTION_BELOW: Direction
CHOICE_UNSPECIFIED: Choice
CHOICE_YES: Choice
CHOICE_NO: Choice
PENDING_ACTION_STATE_UNSPECIFIED: PendingActionState
PENDING_ACTION_STATE_COLLECTING_DETAILS: PendingActionState
PENDING_ACTION_STATE_AWAITING_CONFIRMATION: PendingActionState
PENDING_ACTION_STATE_AWAITING_STEP_UP: PendingActionState

class Interpretation(_message.Message):
    __slots__ = ("intent", "confidence", "language_code", "amount", "currency", "recipient_phone", "recipient_name", "frequency", "direction", "requested_language", "choice", "goal_name", "chama_name")
    INTENT_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_PHONE_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_NAME_FIELD_NUMBER: _ClassVar[int]
    FREQUENCY_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    CHOICE_FIELD_NUMBER: _ClassVar[int]
    GOAL_NAME_FIELD_NUMBER: _ClassVar[int]
    CHAMA_NAME_FIELD_NUMBER: _ClassVar[int]
    intent: Intent
    confidence: float
    language_code: str
    amount: str
    currency: Currency
    recipient_phone: str
    recipient_name: str
    frequency: Frequency
    direction: Direction
    requested_language: str
    choice: Choice
    goal_name: str
    chama_name: str
    def __init__(self, intent: _Optional[_Union[Intent, str]] = ..., confidence: _Optional[float] = ..., language_code: _Optional[str] = ..., amount: _Optional[str] = ..., currency: _Optional[_Union[Currency, str]] = ..., recipient_phone: _Optional[str] = ..., recipient_name: _Optional[str] = ..., frequency: _Optional[_Union[Frequency, str]] = ..., direction: _Optional[_Union[Direction, str]] = ..., requested_language: _Optional[str] = ..., choice: _Optional[_Union[Choice, str]] = ..., goal_name: _Optional[str] = ..., chama_name: _Optional[str] = ...) -> None: ...

class Conversation(_message.Message):
    __slots__ = ("name", "phone_number", "user", "language_code", "last_intent", "pending_action", "flagged_for_support", "flag_time", "create_time", "update_time", "expire_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    LAST_INTENT_FIELD_NUMBER: _ClassVar[int]
    PENDING_ACTION_FIELD_NUMBER: _ClassVar[int]
    FLAGGED_FOR_SUPPORT_FIELD_NUMBER: _ClassVar[int]
    FLAG_TIME_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    phone_number: str
    user: str
    language_code: str
    last_intent: Intent
    pending_action: PendingAction
    flagged_for_support: bool
    flag_time: _timestamp_pb2.Timestamp
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    expire_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., phone_number: _Optional[str] = ..., user: _Optional[str] = ..., language_code: _Optional[str] = ..., last_intent: _Optional[_Union[Intent, str]] = ..., pending_action: _Optional[_Union[PendingAction, _Mapping]] = ..., flagged_for_support: _Optional[bool] = ..., flag_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PendingAction(_message.Message):
    __slots__ = ("intent", "state", "details", "awaiting_detail", "summary", "step_up_required", "expire_time")
    INTENT_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    DETAILS_FIELD_NUMBER: _ClassVar[int]
    AWAITING_DETAIL_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    STEP_UP_REQUIRED_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    intent: Intent
    state: PendingActionState
    details: Interpretation
    awaiting_detail: str
    summary: str
    step_up_required: bool
    expire_time: _timestamp_pb2.Timestamp
    def __init__(self, intent: _Optional[_Union[Intent, str]] = ..., state: _Optional[_Union[PendingActionState, str]] = ..., details: _Optional[_Union[Interpretation, _Mapping]] = ..., awaiting_detail: _Optional[str] = ..., summary: _Optional[str] = ..., step_up_required: _Optional[bool] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Turn(_message.Message):
    __slots__ = ("name", "channel_message_id", "text", "reply_id", "audio", "profile_name", "receive_time", "interpretation", "replies", "create_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    REPLY_ID_FIELD_NUMBER: _ClassVar[int]
    AUDIO_FIELD_NUMBER: _ClassVar[int]
    PROFILE_NAME_FIELD_NUMBER: _ClassVar[int]
    RECEIVE_TIME_FIELD_NUMBER: _ClassVar[int]
    INTERPRETATION_FIELD_NUMBER: _ClassVar[int]
    REPLIES_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    channel_message_id: str
    text: str
    reply_id: str
    audio: str
    profile_name: str
    receive_time: _timestamp_pb2.Timestamp
    interpretation: Interpretation
    replies: _containers.RepeatedCompositeFieldContainer[OutboundReply]
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., channel_message_id: _Optional[str] = ..., text: _Optional[str] = ..., reply_id: _Optional[str] = ..., audio: _Optional[str] = ..., profile_name: _Optional[str] = ..., receive_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., interpretation: _Optional[_Union[Interpretation, _Mapping]] = ..., replies: _Optional[_Iterable[_Union[OutboundReply, _Mapping]]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class OutboundReply(_message.Message):
    __slots__ = ("text", "buttons", "list", "voice_note", "language_code")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    BUTTONS_FIELD_NUMBER: _ClassVar[int]
    LIST_FIELD_NUMBER: _ClassVar[int]
    VOICE_NOTE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    text: str
    buttons: _containers.RepeatedCompositeFieldContainer[ReplyButton]
    list: ReplyList
    voice_note: bool
    language_code: str
    def __init__(self, text: _Optional[str] = ..., buttons: _Optional[_Iterable[_Union[ReplyButton, _Mapping]]] = ..., list: _Optional[_Union[ReplyList, _Mapping]] = ..., voice_note: _Optional[bool] = ..., language_code: _Optional[str] = ...) -> None: ...

class ReplyButton(_message.Message):
    __slots__ = ("id", "title")
    ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    id: str
    title: str
    def __init__(self, id: _Optional[str] = ..., title: _Optional[str] = ...) -> None: ...

class ReplyList(_message.Message):
    __slots__ = ("button_label", "rows")
    BUTTON_LABEL_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    button_label: str
    rows: _containers.RepeatedCompositeFieldContainer[ReplyListRow]
    def __init__(self, button_label: _Optional[str] = ..., rows: _Optional[_Iterable[_Union[ReplyListRow, _Mapping]]] = ...) -> None: ...

class ReplyListRow(_message.Message):
    __slots__ = ("id", "title", "description")
    ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    id: str
    title: str
    description: str
    def __init__(self, id: _Optional[str] = ..., title: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...
