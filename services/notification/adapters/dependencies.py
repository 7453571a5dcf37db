"""Errors of the services and third parties the worker depends on, sorted by what to do next."""

from __future__ import annotations

import grpc


class DependencyError(Exception):
    """A call the worker made failed. `transient`: try again later (backoff); otherwise the step
    cannot succeed for this message and the worker answers the member instead."""

    def __init__(self, message: str, *, transient: bool, reason: str = "") -> None:
        super().__init__(message)
        self.transient = transient
        self.reason = reason


# Codes that say "not now" rather than "never": retried with backoff. Authentication and
# permission failures are configuration problems that an operator fixes; retrying them keeps
# the member's message until then instead of dropping it.
TRANSIENT_CODES = frozenset(
    {
        grpc.StatusCode.UNAVAILABLE,
        grpc.StatusCode.DEADLINE_EXCEEDED,
        grpc.StatusCode.ABORTED,
        grpc.StatusCode.RESOURCE_EXHAUSTED,
        grpc.StatusCode.INTERNAL,
        grpc.StatusCode.UNKNOWN,
        grpc.StatusCode.CANCELLED,
        grpc.StatusCode.UNAUTHENTICATED,
        grpc.StatusCode.PERMISSION_DENIED,
        grpc.StatusCode.UNIMPLEMENTED,
    }
)


def from_rpc_error(error: grpc.aio.AioRpcError, what: str) -> DependencyError:
    return DependencyError(
        f"{what}: {error.code().name} {error.details()}",
        transient=error.code() in TRANSIENT_CODES,
        reason=error.code().name,
    )
