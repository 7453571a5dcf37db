from buf.validate import validate_pb2 as _validate_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class Money(_message.Message):
    __slots__ = ("currency_code", "minor_units")
    CURRENCY_CODE_FIELD_NUMBER: _ClassVar[int]
    MINOR_UNITS_FIELD_NUMBER: _ClassVar[int]
    currency_code: str
    minor_units: int
    def __init__(self, currency_code: _Optional[str] = ..., minor_units: _Optional[int] = ...) -> None: ...

class BtcPrice(_message.Message):
    __slots__ = ("currency_code", "minor_units_per_btc")
    CURRENCY_CODE_FIELD_NUMBER: _ClassVar[int]
    MINOR_UNITS_PER_BTC_FIELD_NUMBER: _ClassVar[int]
    currency_code: str
    minor_units_per_btc: int
    def __init__(self, currency_code: _Optional[str] = ..., minor_units_per_btc: _Optional[int] = ...) -> None: ...
