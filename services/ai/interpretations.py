"""Interpretations between their two forms: the understanding's plain dataclass (what the dialogue
reads) and the contract's `Interpretation` message (what Interpret and Turn carry)."""

from __future__ import annotations

from typing import Any

from bitsacco.ai.v1 import ai_pb2
from google.protobuf import json_format

from services.ai.understanding import Interpretation

DETAIL_FIELDS = (
    "amount",
    "currency",
    "recipient_phone",
    "recipient_name",
    "frequency",
    "direction",
    "requested_language",
    "choice",
    "goal_name",
    "chama_name",
)


def to_proto(interpretation: Interpretation) -> ai_pb2.Interpretation:
    document: dict[str, Any] = {
        "intent": interpretation.intent,
        "confidence": interpretation.confidence,
        "language_code": interpretation.language_code,
    }
    document.update(
        {name: value for name, value in interpretation.details.items() if name in DETAIL_FIELDS}
    )
    return json_format.ParseDict(document, ai_pb2.Interpretation())


def from_proto(message: ai_pb2.Interpretation) -> Interpretation:
    details: dict[str, str] = {}
    for name in DETAIL_FIELDS:
        if message.HasField(name):
            field = message.DESCRIPTOR.fields_by_name[name]
            value = getattr(message, name)
            details[name] = (
                field.enum_type.values_by_number[value].name if field.enum_type else value
            )
    return Interpretation(
        intent=ai_pb2.Intent.Name(message.intent),
        confidence=round(float(message.confidence), 4),
        language_code=message.language_code,
        details=details,
    )
