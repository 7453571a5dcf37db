"""protovalidate rules from the contract → INVALID_ARGUMENT with `google.rpc.BadRequest`."""

from __future__ import annotations

import protovalidate
from buf.validate import validate_pb2

from services.runtime.errors import FieldViolation, InvalidArgument
from services.runtime.interceptors.wrapping import UnaryInterceptor

_validator = protovalidate.Validator()


def field_path(path: validate_pb2.FieldPath) -> str:
    """`items[2].amount_sats`, `labels["k"]`: the AIP-193 form of a violation's field."""
    parts: list[str] = []
    for element in path.elements:
        part = element.field_name
        subscript = element.WhichOneof("subscript")
        if subscript == "index":
            part += f"[{element.index}]"
        elif subscript is not None:
            part += f"[{getattr(element, subscript)!r}]".replace("'", '"')
        parts.append(part)
    return ".".join(parts)


def violations_of(message) -> list[FieldViolation]:
    found = []
    for violation in _validator.collect_violations(message):
        # protovalidate 2.x answers in protobuf-py; our generated types read its wire form.
        proto = validate_pb2.Violation.FromString(violation.proto.to_binary())
        found.append(
            FieldViolation(
                field=field_path(proto.field), description=proto.message, reason=proto.rule_id
            )
        )
    return found


class ValidationInterceptor(UnaryInterceptor):
    def around(self, method: str):
        async def around(call_next, request, context):
            violations = violations_of(request)
            if violations:
                fields = ", ".join(sorted({v.field for v in violations}))
                raise InvalidArgument(
                    "INVALID_ARGUMENT", f"Invalid request: check {fields}.", violations=violations
                )
            return await call_next(request)

        return around
