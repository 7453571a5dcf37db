import datetime

from buf.validate import validate_pb2 as _validate_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.rpc import status_pb2 as _status_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Channel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CHANNEL_UNSPECIFIED: _ClassVar[Channel]
    CHANNEL_WHATSAPP: _ClassVar[Channel]
    CHANNEL_SMS: _ClassVar[Channel]

class MessageDirection(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MESSAGE_DIRECTION_UNSPECIFIED: _ClassVar[MessageDirection]
    MESSAGE_DIRECTION_INBOUND: _ClassVar[MessageDirection]
    MESSAGE_DIRECTION_OUTBOUND: _ClassVar[MessageDirection]

class MessageState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MESSAGE_STATE_UNSPECIFIED: _ClassVar[MessageState]
    MESSAGE_STATE_QUEUED: _ClassVar[MessageState]
    MESSAGE_STATE_SENT: _ClassVar[MessageState]
    MESSAGE_STATE_DELIVERED: _ClassVar[MessageState]
    MESSAGE_STATE_READ: _ClassVar[MessageState]
    MESSAGE_STATE_FAILED: _ClassVar[MessageState]
    MESSAGE_STATE_RECEIVED: _ClassVar[MessageState]
    MESSAGE_STATE_PROCESSED: _ClassVar[MessageState]

class Provider(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PROVIDER_UNSPECIFIED: _ClassVar[Provider]
    PROVIDER_TWILIO: _ClassVar[Provider]
    PROVIDER_WHATSAPP_CLOUD: _ClassVar[Provider]
    PROVIDER_DEV_OUTBOX: _ClassVar[Provider]
CHANNEL_UNSPECIFIED: Channel
CHANNEL_WHATSAPP: Channel
CHANNEL_SMS: Channel
MESSAGE_DIRECTION_UNSPECIFIED: MessageDirection
MESSAGE_DIRECTION_INBOUND: MessageDirection
MESSAGE_DIRECTION_OUTBOUND: MessageDirection
MESSAGE_STATE_UNSPECIFIED: MessageState
MESSAGE_STATE_QUEUED: MessageState
MESSAGE_STATE_SENT: MessageState
MESSAGE_STATE_DELIVERED: MessageState
MESSAGE_STATE_READ: MessageState
MESSAGE_STATE_FAILED: MessageState
MESSAGE_STATE_RECEIVED: MessageState
MESSAGE_STATE_PROCESSED: MessageState
PROVIDER_UNSPECIFIED: Provider
PROVIDER_TWILIO: Provider
PROVIDER_WHATSAPP_CLOUD: Provider
PROVIDER_DEV_OUTBOX: Provider

class Message(_message.Message):
    __slots__ = ("name", "direction", "channel", "sender_phone", "recipient_phone", "content", "state", "provider", "provider_message_id", "error", "attempt_count", "sender_profile_name", "create_time", "send_time", "deliver_time", "read_time", "fail_time", "process_time", "update_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    SENDER_PHONE_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_PHONE_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_COUNT_FIELD_NUMBER: _ClassVar[int]
    SENDER_PROFILE_NAME_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    SEND_TIME_FIELD_NUMBER: _ClassVar[int]
    DELIVER_TIME_FIELD_NUMBER: _ClassVar[int]
    READ_TIME_FIELD_NUMBER: _ClassVar[int]
    FAIL_TIME_FIELD_NUMBER: _ClassVar[int]
    PROCESS_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    direction: MessageDirection
    channel: Channel
    sender_phone: str
    recipient_phone: str
    content: MessageContent
    state: MessageState
    provider: Provider
    provider_message_id: str
    error: _status_pb2.Status
    attempt_count: int
    sender_profile_name: str
    create_time: _timestamp_pb2.Timestamp
    send_time: _timestamp_pb2.Timestamp
    deliver_time: _timestamp_pb2.Timestamp
    read_time: _timestamp_pb2.Timestamp
    fail_time: _timestamp_pb2.Timestamp
    process_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., direction: _Optional[_Union[MessageDirection, str]] = ..., channel: _Optional[_Union[Channel, str]] = ..., sender_phone: _Optional[str] = ..., recipient_phone: _Optional[str] = ..., content: _Optional[_Union[MessageContent, _Mapping]] = ..., state: _Optional[_Union[MessageState, str]] = ..., provider: _Optional[_Union[Provider, str]] = ..., provider_message_id: _Optional[str] = ..., error: _Optional[_Union[_status_pb2.Status, _Mapping]] = ..., attempt_count: _Optional[int] = ..., sender_profile_name: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., send_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., deliver_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., read_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., fail_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., process_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class MessageContent(_message.Message):
    __slots__ = ("text", "buttons", "list", "template", "media", "interactive_reply")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    BUTTONS_FIELD_NUMBER: _ClassVar[int]
    LIST_FIELD_NUMBER: _ClassVar[int]
    TEMPLATE_FIELD_NUMBER: _ClassVar[int]
    MEDIA_FIELD_NUMBER: _ClassVar[int]
    INTERACTIVE_REPLY_FIELD_NUMBER: _ClassVar[int]
    text: str
    buttons: ButtonsContent
    list: ListContent
    template: TemplateContent
    media: MediaContent
    interactive_reply: InteractiveReply
    def __init__(self, text: _Optional[str] = ..., buttons: _Optional[_Union[ButtonsContent, _Mapping]] = ..., list: _Optional[_Union[ListContent, _Mapping]] = ..., template: _Optional[_Union[TemplateContent, _Mapping]] = ..., media: _Optional[_Union[MediaContent, _Mapping]] = ..., interactive_reply: _Optional[_Union[InteractiveReply, _Mapping]] = ...) -> None: ...

class ButtonsContent(_message.Message):
    __slots__ = ("body", "buttons")
    BODY_FIELD_NUMBER: _ClassVar[int]
    BUTTONS_FIELD_NUMBER: _ClassVar[int]
    body: str
    buttons: _containers.RepeatedCompositeFieldContainer[Button]
    def __init__(self, body: _Optional[str] = ..., buttons: _Optional[_Iterable[_Union[Button, _Mapping]]] = ...) -> None: ...

class Button(_message.Message):
    __slots__ = ("id", "title")
    ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    id: str
    title: str
    def __init__(self, id: _Optional[str] = ..., title: _Optional[str] = ...) -> None: ...

class ListContent(_message.Message):
    __slots__ = ("body", "button_label", "sections")
    BODY_FIELD_NUMBER: _ClassVar[int]
    BUTTON_LABEL_FIELD_NUMBER: _ClassVar[int]
    SECTIONS_FIELD_NUMBER: _ClassVar[int]
    body: str
    button_label: str
    sections: _containers.RepeatedCompositeFieldContainer[ListSection]
    def __init__(self, body: _Optional[str] = ..., button_label: _Optional[str] = ..., sections: _Optional[_Iterable[_Union[ListSection, _Mapping]]] = ...) -> None: ...

class ListSection(_message.Message):
    __slots__ = ("title", "rows")
    TITLE_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    title: str
    rows: _containers.RepeatedCompositeFieldContainer[ListRow]
    def __init__(self, title: _Optional[str] = ..., rows: _Optional[_Iterable[_Union[ListRow, _Mapping]]] = ...) -> None: ...

class ListRow(_message.Message):
    __slots__ = ("id", "title", "description")
    ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    id: str
    title: str
    description: str
    def __init__(self, id: _Optional[str] = ..., title: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class TemplateContent(_message.Message):
    __slots__ = ("name", "language_code", "parameters")
    NAME_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    name: str
    language_code: str
    parameters: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, name: _Optional[str] = ..., language_code: _Optional[str] = ..., parameters: _Optional[_Iterable[str]] = ...) -> None: ...

class MediaContent(_message.Message):
    __slots__ = ("uri", "media", "content_type", "caption")
    URI_FIELD_NUMBER: _ClassVar[int]
    MEDIA_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    CAPTION_FIELD_NUMBER: _ClassVar[int]
    uri: str
    media: str
    content_type: str
    caption: str
    def __init__(self, uri: _Optional[str] = ..., media: _Optional[str] = ..., content_type: _Optional[str] = ..., caption: _Optional[str] = ...) -> None: ...

class InteractiveReply(_message.Message):
    __slots__ = ("id", "title")
    ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    id: str
    title: str
    def __init__(self, id: _Optional[str] = ..., title: _Optional[str] = ...) -> None: ...

class Media(_message.Message):
    __slots__ = ("name", "content_type", "data", "size_bytes", "sha256", "uri", "create_time", "expire_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    URI_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    content_type: str
    data: bytes
    size_bytes: int
    sha256: str
    uri: str
    create_time: _timestamp_pb2.Timestamp
    expire_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., content_type: _Optional[str] = ..., data: _Optional[bytes] = ..., size_bytes: _Optional[int] = ..., sha256: _Optional[str] = ..., uri: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class OutboxMessage(_message.Message):
    __slots__ = ("name", "sequence", "message", "channel", "recipient_phone", "content", "create_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_PHONE_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    sequence: int
    message: str
    channel: Channel
    recipient_phone: str
    content: MessageContent
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., sequence: _Optional[int] = ..., message: _Optional[str] = ..., channel: _Optional[_Union[Channel, str]] = ..., recipient_phone: _Optional[str] = ..., content: _Optional[_Union[MessageContent, _Mapping]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
