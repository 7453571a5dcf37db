"""The base of our interceptors: wrap a unary RPC's behaviour with an `around` function.

Every RPC in our contracts is unary. A streaming handler of ours is answered UNIMPLEMENTED rather
than passed through unwrapped, so no method can skip authentication or validation by accident;
gRPC's own services (health, reflection) pass through untouched.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any

import grpc

Next = Callable[[Any], Awaitable[Any]]
Around = Callable[[Next, Any, grpc.aio.ServicerContext], Awaitable[Any]]

INFRASTRUCTURE_PREFIX = "/grpc."


class UnaryInterceptor(grpc.aio.ServerInterceptor):
    def around(self, method: str) -> Around:
        """The function that runs around every call of `method`."""
        raise NotImplementedError

    async def intercept_service(self, continuation, details):
        handler = await continuation(details)
        if handler is None or details.method.startswith(INFRASTRUCTURE_PREFIX):
            return handler
        if handler.request_streaming or handler.response_streaming:
            return _refuse_streaming(handler)
        return _wrap(handler, self.around(details.method))


def _wrap(handler: grpc.RpcMethodHandler, around: Around) -> grpc.RpcMethodHandler:
    inner = handler.unary_unary

    async def unary_unary(request: Any, context: grpc.aio.ServicerContext) -> Any:
        async def call_next(req: Any) -> Any:
            result = inner(req, context)
            return await result if inspect.isawaitable(result) else result

        return await around(call_next, request, context)

    return handler._replace(unary_unary=unary_unary)


def _refuse_streaming(handler: grpc.RpcMethodHandler) -> grpc.RpcMethodHandler:
    async def refuse(request: Any, context: grpc.aio.ServicerContext) -> Any:
        await context.abort(grpc.StatusCode.UNIMPLEMENTED, "Streaming RPCs are not supported.")

    return grpc.unary_unary_rpc_method_handler(
        refuse,
        request_deserializer=handler.request_deserializer,
        response_serializer=handler.response_serializer,
    )
