import datetime

from bitsacco.voice.v1 import voice_pb2 as _voice_pb2
from buf.validate import validate_pb2 as _validate_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class SynthesizeSpeechRequest(_message.Message):
    __slots__ = ("text", "language_code", "voice", "audio_format")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    VOICE_FIELD_NUMBER: _ClassVar[int]
    AUDIO_FORMAT_FIELD_NUMBER: _ClassVar[int]
    text: str
    language_code: str
    voice: str
    audio_format: _voice_pb2.AudioFormat
    def __init__(self, text: _Optional[str] = ..., language_code: _Optional[str] = ..., voice: _Optional[str] = ..., audio_format: _Optional[_Union[_voice_pb2.AudioFormat, str]] = ...) -> None: ...

class SynthesizeSpeechResponse(_message.Message):
    __slots__ = ("audio_content", "content_type", "audio_format", "duration", "engine", "voice", "cache_hit")
    AUDIO_CONTENT_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    AUDIO_FORMAT_FIELD_NUMBER: _ClassVar[int]
    DURATION_FIELD_NUMBER: _ClassVar[int]
    ENGINE_FIELD_NUMBER: _ClassVar[int]
    VOICE_FIELD_NUMBER: _ClassVar[int]
    CACHE_HIT_FIELD_NUMBER: _ClassVar[int]
    audio_content: bytes
    content_type: str
    audio_format: _voice_pb2.AudioFormat
    duration: _duration_pb2.Duration
    engine: _voice_pb2.Engine
    voice: str
    cache_hit: bool
    def __init__(self, audio_content: _Optional[bytes] = ..., content_type: _Optional[str] = ..., audio_format: _Optional[_Union[_voice_pb2.AudioFormat, str]] = ..., duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., engine: _Optional[_Union[_voice_pb2.Engine, str]] = ..., voice: _Optional[str] = ..., cache_hit: _Optional[bool] = ...) -> None: ...

class TranscribeAudioRequest(_message.Message):
    __slots__ = ("audio_content", "content_type", "language_code")
    AUDIO_CONTENT_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    audio_content: bytes
    content_type: str
    language_code: str
    def __init__(self, audio_content: _Optional[bytes] = ..., content_type: _Optional[str] = ..., language_code: _Optional[str] = ...) -> None: ...

class TranscribeAudioResponse(_message.Message):
    __slots__ = ("transcript", "confidence", "language_code", "engine", "audio_duration")
    TRANSCRIPT_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    ENGINE_FIELD_NUMBER: _ClassVar[int]
    AUDIO_DURATION_FIELD_NUMBER: _ClassVar[int]
    transcript: str
    confidence: float
    language_code: str
    engine: _voice_pb2.Engine
    audio_duration: _duration_pb2.Duration
    def __init__(self, transcript: _Optional[str] = ..., confidence: _Optional[float] = ..., language_code: _Optional[str] = ..., engine: _Optional[_Union[_voice_pb2.Engine, str]] = ..., audio_duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class ListVoicesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "language_code", "engine")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    ENGINE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    language_code: str
    engine: _voice_pb2.Engine
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., language_code: _Optional[str] = ..., engine: _Optional[_Union[_voice_pb2.Engine, str]] = ...) -> None: ...

class ListVoicesResponse(_message.Message):
    __slots__ = ("voices", "next_page_token")
    VOICES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    voices: _containers.RepeatedCompositeFieldContainer[_voice_pb2.Voice]
    next_page_token: str
    def __init__(self, voices: _Optional[_Iterable[_Union[_voice_pb2.Voice, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
