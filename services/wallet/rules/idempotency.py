"""AIP-155 idempotency: what makes two requests "the same"."""

from __future__ import annotations

import hashlib

from google.protobuf.message import Message

# Fields that are not part of the comparison: the key itself and the step-up grant.
IGNORED_FIELDS = ("request_id", "step_up_token")


def fingerprint(method: str, request: Message, **canonical: str) -> str:
    """A digest of the method and the request's parameters.

    `canonical` replaces fields by their canonical value (e.g. parent="wallets/<id>" for
    "wallets/me"), so the same request written two equivalent ways compares equal.
    """
    copy = type(request)()
    copy.CopyFrom(request)
    for field in IGNORED_FIELDS:
        if field in copy.DESCRIPTOR.fields_by_name:
            copy.ClearField(field)
    for field, value in canonical.items():
        setattr(copy, field, value)
    digest = hashlib.sha256(method.encode() + b"\0")
    digest.update(copy.SerializeToString(deterministic=True))
    return digest.hexdigest()
