"""JSON Schemas for function calling, generated from proto descriptors — never written by hand.

A message becomes an object schema: each field a property whose type, enum values, pattern,
lengths and bounds come from the field's type and its `buf.validate` rules, and whose description
is the field's comment in the contract (read from the descriptor set `make gen` builds, which keeps
source info). Proto3 fields without presence are required; `optional` and message fields are not.
The `*_UNSPECIFIED` (0) value of an enum means "not set" and is never offered to a model.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from buf.validate import validate_pb2
from google.protobuf import descriptor_pb2
from google.protobuf.descriptor import Descriptor, EnumDescriptor, FieldDescriptor

DESCRIPTOR_SET = Path(__file__).resolve().parents[3] / "gen" / "descriptor" / "bitsacco.binpb"

# Source-info path tags (descriptor.proto field numbers).
_FILE_MESSAGE, _FILE_ENUM = 4, 5
_MESSAGE_FIELD, _MESSAGE_NESTED, _MESSAGE_ENUM = 2, 3, 4
_ENUM_VALUE = 2

_INTEGER_TYPES = {
    FieldDescriptor.TYPE_INT32,
    FieldDescriptor.TYPE_INT64,
    FieldDescriptor.TYPE_UINT32,
    FieldDescriptor.TYPE_UINT64,
    FieldDescriptor.TYPE_SINT32,
    FieldDescriptor.TYPE_SINT64,
    FieldDescriptor.TYPE_FIXED32,
    FieldDescriptor.TYPE_FIXED64,
    FieldDescriptor.TYPE_SFIXED32,
    FieldDescriptor.TYPE_SFIXED64,
}
_NUMBER_TYPES = {FieldDescriptor.TYPE_FLOAT, FieldDescriptor.TYPE_DOUBLE}


@dataclass(frozen=True)
class Tool:
    """A function a model may call: a name, what it is for, and its parameters' JSON Schema."""

    name: str
    description: str
    parameters: dict[str, Any]


@cache
def contract_comments(path: Path = DESCRIPTOR_SET) -> dict[str, str]:
    """Leading comments of every message, field, enum and enum value, by full name. Empty when the
    descriptor set is not there (descriptions are a help to the model, not a requirement)."""
    try:
        files = descriptor_pb2.FileDescriptorSet.FromString(path.read_bytes()).file
    except OSError:
        return {}
    comments: dict[str, str] = {}
    for file in files:
        names = _names_by_path(file)
        for location in file.source_code_info.location:
            name = names.get(tuple(location.path))
            text = location.leading_comments.strip()
            if name and text:
                comments[name] = " ".join(text.split())
    return comments


def _names_by_path(file: descriptor_pb2.FileDescriptorProto) -> dict[tuple[int, ...], str]:
    names: dict[tuple[int, ...], str] = {}
    prefix = f"{file.package}." if file.package else ""

    def enum(path: tuple[int, ...], proto: descriptor_pb2.EnumDescriptorProto, scope: str) -> None:
        full = f"{scope}{proto.name}"
        names[path] = full
        # Enum values are scoped beside their enum, as protobuf does.
        for index, value in enumerate(proto.value):
            names[(*path, _ENUM_VALUE, index)] = f"{scope}{value.name}"

    def message(path: tuple[int, ...], proto: descriptor_pb2.DescriptorProto, scope: str) -> None:
        full = f"{scope}{proto.name}"
        names[path] = full
        for index, field in enumerate(proto.field):
            names[(*path, _MESSAGE_FIELD, index)] = f"{full}.{field.name}"
        for index, nested in enumerate(proto.nested_type):
            message((*path, _MESSAGE_NESTED, index), nested, f"{full}.")
        for index, nested_enum in enumerate(proto.enum_type):
            enum((*path, _MESSAGE_ENUM, index), nested_enum, f"{full}.")

    for index, proto in enumerate(file.message_type):
        message((_FILE_MESSAGE, index), proto, prefix)
    for index, proto in enumerate(file.enum_type):
        enum((_FILE_ENUM, index), proto, prefix)
    return names


def _enum_values(enum: EnumDescriptor, rules: validate_pb2.EnumRules | None) -> list[str]:
    excluded = set(rules.not_in) if rules is not None else set()
    allowed = set(getattr(rules, "in")) if rules is not None else set()
    return [
        value.name
        for value in enum.values
        if value.number != 0
        and value.number not in excluded
        and (not allowed or value.number in allowed)
    ]


def _enum_description(enum: EnumDescriptor, comments: dict[str, str], values: list[str]) -> str:
    scope = enum.full_name.rsplit(".", 1)[0]
    described = [
        f"{name}: {comments[f'{scope}.{name}']}" for name in values if f"{scope}.{name}" in comments
    ]
    return " ".join(described)


def _field_rules(field: FieldDescriptor) -> validate_pb2.FieldRules | None:
    options = field.GetOptions()
    if options.HasExtension(validate_pb2.field):
        return options.Extensions[validate_pb2.field]
    return None


def field_schema(
    field: FieldDescriptor, comments: dict[str, str], depth: int = 0
) -> dict[str, Any]:
    rules = _field_rules(field)
    schema: dict[str, Any]
    if field.type == FieldDescriptor.TYPE_ENUM:
        enum_rules = rules.enum if rules is not None and rules.HasField("enum") else None
        values = _enum_values(field.enum_type, enum_rules)
        schema = {"type": "string", "enum": values}
        described = _enum_description(field.enum_type, comments, values)
    elif field.type == FieldDescriptor.TYPE_MESSAGE:
        schema = message_schema(field.message_type, comments, depth + 1)
        described = ""
    else:
        schema = _scalar_schema(field, rules)
        described = ""
    description = " ".join(part for part in (comments.get(field.full_name, ""), described) if part)
    if description:
        schema["description"] = description
    if field.is_repeated:
        return {"type": "array", "items": schema}
    return schema


def _scalar_schema(field: FieldDescriptor, rules: validate_pb2.FieldRules | None) -> dict[str, Any]:
    if field.type == FieldDescriptor.TYPE_STRING:
        schema: dict[str, Any] = {"type": "string"}
        if rules is not None and rules.HasField("string"):
            string = rules.string
            if allowed := list(getattr(string, "in")):
                schema["enum"] = allowed
            if string.HasField("pattern"):
                schema["pattern"] = string.pattern
            if string.HasField("min_len"):
                schema["minLength"] = string.min_len
            if string.HasField("max_len"):
                schema["maxLength"] = string.max_len
        return schema
    if field.type == FieldDescriptor.TYPE_BOOL:
        return {"type": "boolean"}
    if field.type in _INTEGER_TYPES or field.type in _NUMBER_TYPES:
        schema = {"type": "integer" if field.type in _INTEGER_TYPES else "number"}
        kind = {FieldDescriptor.TYPE_FLOAT: "float", FieldDescriptor.TYPE_DOUBLE: "double"}.get(
            field.type
        )
        if kind and rules is not None and rules.HasField(kind):
            bounds = getattr(rules, kind)
            if bounds.HasField("gte"):
                schema["minimum"] = bounds.gte
            if bounds.HasField("lte"):
                schema["maximum"] = bounds.lte
        return schema
    return {"type": "string"}  # bytes: base64, as in proto JSON


def message_schema(
    descriptor: Descriptor, comments: dict[str, str] | None = None, depth: int = 0
) -> dict[str, Any]:
    """The JSON Schema of `descriptor` in its proto JSON form (field names as in the .proto)."""
    comments = contract_comments() if comments is None else comments
    if depth > 4:
        return {"type": "object"}
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in descriptor.fields:
        properties[field.name] = field_schema(field, comments, depth)
        if not field.has_presence and not field.is_repeated:
            required.append(field.name)
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def message_tool(name: str, descriptor: Descriptor) -> Tool:
    """A tool whose arguments are one `descriptor` message; described by the message's comment."""
    comments = contract_comments()
    return Tool(
        name=name,
        description=comments.get(descriptor.full_name, descriptor.full_name),
        parameters=message_schema(descriptor, comments),
    )
