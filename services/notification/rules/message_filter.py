"""The AIP-160 subset ListMessages accepts: terms joined by AND.

`phone_number = "+254712345678"`, `direction = MESSAGE_DIRECTION_INBOUND`,
`state = MESSAGE_STATE_FAILED`, `channel = CHANNEL_SMS`, `create_time >= "2025-01-01T00:00:00Z"`
(also `>`, `<`, `<=`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from bitsacco.notification.v1 import notification_pb2 as pb

from services.runtime.errors import FieldViolation, InvalidArgument

_TERM = re.compile(
    r'^\s*(?P<field>[a-z_]+)\s*(?P<op>>=|<=|=|>|<)\s*(?P<value>"[^"]*"|[A-Za-z0-9_+\-:.]+)\s*$'
)
_ENUMS = {
    "direction": pb.MessageDirection,
    "state": pb.MessageState,
    "channel": pb.Channel,
}


@dataclass
class MessageFilter:
    phone_number: str | None = None
    equals: dict[str, int] = field(default_factory=dict)  # direction/state/channel → value
    create_time: list[tuple[str, datetime]] = field(default_factory=list)


def _invalid(description: str) -> InvalidArgument:
    return InvalidArgument(
        "INVALID_FILTER",
        f"The filter cannot be used: {description}.",
        violations=[FieldViolation("filter", description)],
    )


def parse_filter(text: str) -> MessageFilter:
    parsed = MessageFilter()
    if not text.strip():
        return parsed
    for term in re.split(r"\s+AND\s+", text.strip()):
        match = _TERM.match(term)
        if match is None:
            raise _invalid(f"cannot read {term.strip()!r}")
        name, op, value = match["field"], match["op"], match["value"].strip('"')
        if name == "phone_number" and op == "=":
            parsed.phone_number = value
        elif name in _ENUMS and op == "=":
            try:
                parsed.equals[name] = _ENUMS[name].Value(value)
            except ValueError:
                raise _invalid(f"{value!r} is not a {name}") from None
        elif name == "create_time" and op != "=":
            try:
                moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                raise _invalid(f"{value!r} is not an RFC 3339 time") from None
            if moment.tzinfo is None:
                raise _invalid("create_time needs a time zone (e.g. Z)")
            parsed.create_time.append((op, moment))
        else:
            raise _invalid(f"{name} {op} is not supported")
    return parsed
