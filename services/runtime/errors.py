"""Domain exceptions and their canonical gRPC form.

Domain code raises these; one interceptor turns them into a `google.rpc.Status` carrying exactly
one `ErrorInfo` (reason in UPPER_SNAKE, domain `<service>.bitsacco`) plus `BadRequest`,
`PreconditionFailure` or `RetryInfo` where they apply.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import grpc
from google.protobuf import any_pb2, duration_pb2
from google.rpc import error_details_pb2, status_pb2


@dataclass(frozen=True)
class FieldViolation:
    field: str
    description: str
    reason: str = ""


@dataclass(frozen=True)
class Precondition:
    type: str
    subject: str
    description: str


class DomainError(Exception):
    """A failure the caller can understand and act on."""

    code: grpc.StatusCode = grpc.StatusCode.UNKNOWN

    def __init__(
        self,
        reason: str,
        message: str,
        *,
        metadata: Mapping[str, str] | None = None,
        violations: Iterable[FieldViolation] = (),
        preconditions: Iterable[Precondition] = (),
        retry_after_seconds: float | None = None,
    ) -> None:
        super().__init__(message)
        if not reason.isupper() or " " in reason:
            raise ValueError(f"ErrorInfo reason must be UPPER_SNAKE, got {reason!r}")
        self.reason = reason
        self.message = message
        self.metadata = dict(metadata or {})
        self.violations = tuple(violations)
        self.preconditions = tuple(preconditions)
        self.retry_after_seconds = retry_after_seconds


class InvalidArgument(DomainError):
    code = grpc.StatusCode.INVALID_ARGUMENT


class NotFound(DomainError):
    code = grpc.StatusCode.NOT_FOUND


class AlreadyExists(DomainError):
    code = grpc.StatusCode.ALREADY_EXISTS


class PermissionDenied(DomainError):
    code = grpc.StatusCode.PERMISSION_DENIED


class Unauthenticated(DomainError):
    code = grpc.StatusCode.UNAUTHENTICATED


class FailedPrecondition(DomainError):
    code = grpc.StatusCode.FAILED_PRECONDITION


class Aborted(DomainError):
    code = grpc.StatusCode.ABORTED


class ResourceExhausted(DomainError):
    code = grpc.StatusCode.RESOURCE_EXHAUSTED


class Unavailable(DomainError):
    code = grpc.StatusCode.UNAVAILABLE


class Unimplemented(DomainError):
    code = grpc.StatusCode.UNIMPLEMENTED


class Internal(DomainError):
    code = grpc.StatusCode.INTERNAL


def _pack(message) -> any_pb2.Any:
    packed = any_pb2.Any()
    packed.Pack(message)
    return packed


def to_rpc_status(
    code: grpc.StatusCode,
    message: str,
    *,
    reason: str,
    domain: str,
    metadata: Mapping[str, str] | None = None,
    violations: Iterable[FieldViolation] = (),
    preconditions: Iterable[Precondition] = (),
    retry_after_seconds: float | None = None,
) -> status_pb2.Status:
    """Build the `google.rpc.Status` that goes on the wire."""
    details = [
        _pack(error_details_pb2.ErrorInfo(reason=reason, domain=domain, metadata=metadata or {}))
    ]
    violations = list(violations)
    if violations:
        details.append(
            _pack(
                error_details_pb2.BadRequest(
                    field_violations=[
                        error_details_pb2.BadRequest.FieldViolation(
                            field=v.field, description=v.description, reason=v.reason
                        )
                        for v in violations
                    ]
                )
            )
        )
    preconditions = list(preconditions)
    if preconditions:
        details.append(
            _pack(
                error_details_pb2.PreconditionFailure(
                    violations=[
                        error_details_pb2.PreconditionFailure.Violation(
                            type=p.type, subject=p.subject, description=p.description
                        )
                        for p in preconditions
                    ]
                )
            )
        )
    if retry_after_seconds is not None:
        whole = math.floor(retry_after_seconds)
        delay = duration_pb2.Duration(
            seconds=whole, nanos=int((retry_after_seconds - whole) * 1_000_000_000)
        )
        details.append(_pack(error_details_pb2.RetryInfo(retry_delay=delay)))
    return status_pb2.Status(code=code.value[0], message=message, details=details)


def domain_error_status(error: DomainError, domain: str) -> status_pb2.Status:
    return to_rpc_status(
        error.code,
        error.message,
        reason=error.reason,
        domain=domain,
        metadata=error.metadata,
        violations=error.violations,
        preconditions=error.preconditions,
        retry_after_seconds=error.retry_after_seconds,
    )
