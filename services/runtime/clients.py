"""Calling another service: a traced channel, and metadata that carries the caller's token and
the request id along, so the callee authorises the same member and logs the same request."""

from __future__ import annotations

import grpc
from opentelemetry.instrumentation.grpc import aio_client_interceptors

from services.runtime.auth import caller_var
from services.runtime.logs import request_id_var


def channel(target: str) -> grpc.aio.Channel:
    return grpc.aio.insecure_channel(
        target,
        interceptors=aio_client_interceptors(),
        options=[("grpc.max_receive_message_length", 20 * 1024 * 1024)],
    )


def call_metadata(token: str | None = None) -> tuple[tuple[str, str], ...]:
    """Metadata for an outgoing call: `token` or else the current caller's, and the request id."""
    metadata: list[tuple[str, str]] = []
    caller = caller_var.get()
    bearer = token or (caller.token if caller else "")
    if bearer:
        metadata.append(("authorization", f"Bearer {bearer}"))
    if request_id := request_id_var.get():
        metadata.append(("x-request-id", request_id))
    return tuple(metadata)
