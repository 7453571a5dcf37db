from bitsacco.notification.v1 import notification_pb2 as _notification_pb2
from buf.validate import validate_pb2 as _validate_pb2
from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import httpbody_pb2 as _httpbody_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class SendMessageRequest(_message.Message):
    __slots__ = ("request_id", "recipient_phone", "channel", "content", "fallback_template")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_PHONE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    FALLBACK_TEMPLATE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    recipient_phone: str
    channel: _notification_pb2.Channel
    content: _notification_pb2.MessageContent
    fallback_template: _notification_pb2.TemplateContent
    def __init__(self, request_id: _Optional[str] = ..., recipient_phone: _Optional[str] = ..., channel: _Optional[_Union[_notification_pb2.Channel, str]] = ..., content: _Optional[_Union[_notification_pb2.MessageContent, _Mapping]] = ..., fallback_template: _Optional[_Union[_notification_pb2.TemplateContent, _Mapping]] = ...) -> None: ...

class SendMessageResponse(_message.Message):
    __slots__ = ("message",)
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: _notification_pb2.Message
    def __init__(self, message: _Optional[_Union[_notification_pb2.Message, _Mapping]] = ...) -> None: ...

class GetMessageRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetMessageResponse(_message.Message):
    __slots__ = ("message",)
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: _notification_pb2.Message
    def __init__(self, message: _Optional[_Union[_notification_pb2.Message, _Mapping]] = ...) -> None: ...

class ListMessagesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "filter")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    filter: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[str] = ...) -> None: ...

class ListMessagesResponse(_message.Message):
    __slots__ = ("messages", "next_page_token")
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    messages: _containers.RepeatedCompositeFieldContainer[_notification_pb2.Message]
    next_page_token: str
    def __init__(self, messages: _Optional[_Iterable[_Union[_notification_pb2.Message, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class TwilioInboundRequest(_message.Message):
    __slots__ = ("http_body",)
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class TwilioInboundResponse(_message.Message):
    __slots__ = ("http_body",)
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class TwilioStatusRequest(_message.Message):
    __slots__ = ("http_body",)
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class TwilioStatusResponse(_message.Message):
    __slots__ = ("http_body",)
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class WhatsAppVerifyRequest(_message.Message):
    __slots__ = ("hub",)
    HUB_FIELD_NUMBER: _ClassVar[int]
    hub: WhatsAppVerifyHub
    def __init__(self, hub: _Optional[_Union[WhatsAppVerifyHub, _Mapping]] = ...) -> None: ...

class WhatsAppVerifyHub(_message.Message):
    __slots__ = ("mode", "verify_token", "challenge")
    MODE_FIELD_NUMBER: _ClassVar[int]
    VERIFY_TOKEN_FIELD_NUMBER: _ClassVar[int]
    CHALLENGE_FIELD_NUMBER: _ClassVar[int]
    mode: str
    verify_token: str
    challenge: str
    def __init__(self, mode: _Optional[str] = ..., verify_token: _Optional[str] = ..., challenge: _Optional[str] = ...) -> None: ...

class WhatsAppVerifyResponse(_message.Message):
    __slots__ = ("http_body",)
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class WhatsAppInboundRequest(_message.Message):
    __slots__ = ("http_body",)
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class WhatsAppInboundResponse(_message.Message):
    __slots__ = ("http_body",)
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class GetMediaRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetMediaResponse(_message.Message):
    __slots__ = ("http_body",)
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class CreateMediaRequest(_message.Message):
    __slots__ = ("request_id", "media")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    MEDIA_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    media: _notification_pb2.Media
    def __init__(self, request_id: _Optional[str] = ..., media: _Optional[_Union[_notification_pb2.Media, _Mapping]] = ...) -> None: ...

class CreateMediaResponse(_message.Message):
    __slots__ = ("media",)
    MEDIA_FIELD_NUMBER: _ClassVar[int]
    media: _notification_pb2.Media
    def __init__(self, media: _Optional[_Union[_notification_pb2.Media, _Mapping]] = ...) -> None: ...

class ListOutboxMessagesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "recipient_phone", "after_sequence")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_PHONE_FIELD_NUMBER: _ClassVar[int]
    AFTER_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    recipient_phone: str
    after_sequence: int
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., recipient_phone: _Optional[str] = ..., after_sequence: _Optional[int] = ...) -> None: ...

class ListOutboxMessagesResponse(_message.Message):
    __slots__ = ("outbox_messages", "next_page_token")
    OUTBOX_MESSAGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    outbox_messages: _containers.RepeatedCompositeFieldContainer[_notification_pb2.OutboxMessage]
    next_page_token: str
    def __init__(self, outbox_messages: _Optional[_Iterable[_Union[_notification_pb2.OutboxMessage, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
