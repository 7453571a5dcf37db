"""Wrap a unary RPC handler's behaviour with an `around` function.

Every RPC in our contracts is unary. A streaming handler is answered UNIMPLEMENTED rather than
passed through unwrapped, so no method can skip authentication or validation by accident.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any

import grpc

Next = Callable[[Any], Awaitable[Any]]
Around = Callable[[Next, Any, grpc.aio.ServicerContext], Awaitable[Any]]


def wrap_unary(handler: grpc.RpcMethodHandler | None, around: Around):
    if handler is None:
        return None
    if handler.request_streaming or handler.response_streaming:
        return _refuse_streaming(handler)
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
