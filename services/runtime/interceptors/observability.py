"""Request ids, per-method metrics and one access log line per RPC."""

from __future__ import annotations

import logging
import time
import uuid

import grpc

from services.runtime.interceptors.wrapping import UnaryInterceptor
from services.runtime.logs import request_id_var
from services.runtime.telemetry import RPC_HANDLED, RPC_LATENCY

log = logging.getLogger("bitsacco.rpc")


def _metadata(context: grpc.aio.ServicerContext, key: str) -> str:
    for item in context.invocation_metadata() or ():
        if item.key == key:
            return item.value if isinstance(item.value, str) else item.value.decode()
    return ""


class ObservabilityInterceptor(UnaryInterceptor):
    def __init__(self, service: str) -> None:
        self._service = service

    def around(self, method: str):
        service = self._service

        async def around(call_next, request, context):
            token = request_id_var.set(_metadata(context, "x-request-id") or str(uuid.uuid4()))
            started = time.perf_counter()
            code = grpc.StatusCode.OK
            try:
                return await call_next(request)
            except BaseException:
                code = context.code() or grpc.StatusCode.UNKNOWN
                if not isinstance(code, grpc.StatusCode):
                    code = grpc.StatusCode(code)
                raise
            finally:
                elapsed = time.perf_counter() - started
                RPC_LATENCY.labels(service, method).observe(elapsed)
                RPC_HANDLED.labels(service, method, code.name).inc()
                log.info(
                    "rpc",
                    extra={"method": method, "code": code.name, "ms": round(elapsed * 1000, 2)},
                )
                request_id_var.reset(token)

        return around
