from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Engine(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ENGINE_UNSPECIFIED: _ClassVar[Engine]
    ENGINE_ELEVENLABS: _ClassVar[Engine]
    ENGINE_GOOGLE: _ClassVar[Engine]
    ENGINE_OPENAI: _ClassVar[Engine]
    ENGINE_ESPEAK_NG: _ClassVar[Engine]
    ENGINE_POCKETSPHINX: _ClassVar[Engine]

class AudioFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AUDIO_FORMAT_UNSPECIFIED: _ClassVar[AudioFormat]
    AUDIO_FORMAT_OGG_OPUS: _ClassVar[AudioFormat]
    AUDIO_FORMAT_MP3: _ClassVar[AudioFormat]
    AUDIO_FORMAT_WAV: _ClassVar[AudioFormat]

class VoiceGender(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VOICE_GENDER_UNSPECIFIED: _ClassVar[VoiceGender]
    VOICE_GENDER_FEMALE: _ClassVar[VoiceGender]
    VOICE_GENDER_MALE: _ClassVar[VoiceGender]
    VOICE_GENDER_NEUTRAL: _ClassVar[VoiceGender]
ENGINE_UNSPECIFIED: Engine
ENGINE_ELEVENLABS: Engine
ENGINE_GOOGLE: Engine
ENGINE_OPENAI: Engine
ENGINE_ESPEAK_NG: Engine
ENGINE_POCKETSPHINX: Engine
AUDIO_FORMAT_UNSPECIFIED: AudioFormat
AUDIO_FORMAT_OGG_OPUS: AudioFormat
AUDIO_FORMAT_MP3: AudioFormat
AUDIO_FORMAT_WAV: AudioFormat
VOICE_GENDER_UNSPECIFIED: VoiceGender
VOICE_GENDER_FEMALE: VoiceGender
VOICE_GENDER_MALE: VoiceGender
VOICE_GENDER_NEUTRAL: VoiceGender

class Voice(_message.Message):
    __slots__ = ("name", "display_name", "language_codes", "engine", "gender", "default_voice", "available")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_CODES_FIELD_NUMBER: _ClassVar[int]
    ENGINE_FIELD_NUMBER: _ClassVar[int]
    GENDER_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_VOICE_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    language_codes: _containers.RepeatedScalarFieldContainer[str]
    engine: Engine
    gender: VoiceGender
    default_voice: bool
    available: bool
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., language_codes: _Optional[_Iterable[str]] = ..., engine: _Optional[_Union[Engine, str]] = ..., gender: _Optional[_Union[VoiceGender, str]] = ..., default_voice: _Optional[bool] = ..., available: _Optional[bool] = ...) -> None: ...
