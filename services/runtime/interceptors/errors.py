"""Domain exceptions → canonical status with exactly one ErrorInfo; anything unexpected →
INTERNAL without internals; methods a service does not implement yet → UNIMPLEMENTED."""

from __future__ import annotations

import logging

import asyncpg
import grpc
from grpc_status import rpc_status
from sqlalchemy.exc import DBAPIError

from services.runtime.errors import (
    DomainError,
    Internal,
    Unavailable,
    domain_error_status,
    to_rpc_status,
)
from services.runtime.interceptors.wrapping import UnaryInterceptor

log = logging.getLogger("bitsacco.errors")


class ErrorInterceptor(UnaryInterceptor):
    def __init__(self, service: str, unimplemented: frozenset[str]) -> None:
        self._domain = f"{service}.bitsacco"
        self._unimplemented = unimplemented

    def around(self, method: str):
        domain = self._domain
        unimplemented = method in self._unimplemented

        async def around(call_next, request, context):
            if unimplemented:
                status = to_rpc_status(
                    grpc.StatusCode.UNIMPLEMENTED,
                    f"{method} is part of the contract but not implemented yet.",
                    reason="NOT_IMPLEMENTED",
                    domain=domain,
                )
                await context.abort_with_status(rpc_status.to_status(status))
            try:
                return await call_next(request)
            except grpc.aio.AbortError:
                raise
            except DomainError as error:
                status = domain_error_status(error, domain)
            except Exception as error:
                status = domain_error_status(_unexpected(error, method), domain)
            await context.abort_with_status(rpc_status.to_status(status))

        return around


# What a connection the database server dropped raises through asyncpg used directly.
_DRIVER_CONNECTION_LOST = (
    asyncpg.exceptions.PostgresConnectionError,
    asyncpg.exceptions.OperatorInterventionError,
    ConnectionError,
)


def _connection_lost(error: Exception) -> bool:
    if isinstance(error, DBAPIError):
        return error.connection_invalidated
    return isinstance(error, _DRIVER_CONNECTION_LOST)


def _unexpected(error: Exception, method: str) -> DomainError:
    """A lost database connection is worth a retry (its pool replaces it); anything else is
    logged and reported without internals."""
    if _connection_lost(error):
        log.warning("database connection lost in %s: %s", method, error)
        return Unavailable(
            "DATABASE_UNAVAILABLE",
            "The database connection was lost. Try again: with the same request_id nothing is"
            " done twice.",
            retry_after_seconds=1,
        )
    log.exception("unhandled error in %s", method)
    return Internal("INTERNAL", "Something went wrong on our side. It has been logged.")
