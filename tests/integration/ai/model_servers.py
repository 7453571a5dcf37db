"""Local stand-ins for the OpenAI and Anthropic HTTP APIs, speaking their real wire formats
(Chat Completions with tool_calls; Messages with tool_use), for the real SDKs to talk to."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class ModelServer:
    """`behaviour`: "ok" (answer with `arguments`), "error" (HTTP 500), "slow" (answer after
    `delay` seconds), "no_tool" (plain text, no tool call), "bad_json" (arguments not JSON)."""

    behaviour: str = "ok"
    arguments: dict[str, Any] = field(default_factory=dict)
    delay: float = 2.0
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    base_url: str = ""


async def _record(server: ModelServer, request: web.Request) -> dict[str, Any]:
    body = await request.json()
    server.requests.append(body)
    server.headers.append({k.lower(): v for k, v in request.headers.items()})
    if server.behaviour == "slow":
        await asyncio.sleep(server.delay)
    return body


def openai_app(server: ModelServer) -> web.Application:
    async def completions(request: web.Request) -> web.Response:
        body = await _record(server, request)
        if server.behaviour == "error":
            return web.json_response(
                {"error": {"message": "The server had an error", "type": "server_error"}},
                status=500,
            )
        message: dict[str, Any] = {"role": "assistant", "content": None}
        if server.behaviour == "no_tool":
            message["content"] = "I think they want to send money."
        else:
            arguments = (
                "{not json" if server.behaviour == "bad_json" else json.dumps(server.arguments)
            )
            message["tool_calls"] = [
                {
                    "id": "call_abc123",
                    "type": "function",
                    "function": {"name": "interpret", "arguments": arguments},
                }
            ]
        return web.json_response(
            {
                "id": "chatcmpl-test",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": body.get("model", ""),
                "choices": [
                    {
                        "index": 0,
                        "message": message,
                        "logprobs": None,
                        "finish_reason": "tool_calls" if "tool_calls" in message else "stop",
                    }
                ],
                "usage": {"prompt_tokens": 120, "completion_tokens": 20, "total_tokens": 140},
            }
        )

    app = web.Application()
    app.router.add_post("/v1/chat/completions", completions)
    return app


def anthropic_app(server: ModelServer) -> web.Application:
    async def messages(request: web.Request) -> web.Response:
        body = await _record(server, request)
        if server.behaviour == "error":
            return web.json_response(
                {"type": "error", "error": {"type": "api_error", "message": "Internal error"}},
                status=500,
            )
        if server.behaviour == "no_tool":
            content = [{"type": "text", "text": "They want to send money."}]
        else:
            content = [
                {
                    "type": "tool_use",
                    "id": "toolu_test",
                    "name": "interpret",
                    "input": server.arguments,
                }
            ]
        return web.json_response(
            {
                "id": "msg_test",
                "type": "message",
                "role": "assistant",
                "model": body.get("model", ""),
                "content": content,
                "stop_reason": "tool_use" if content[0]["type"] == "tool_use" else "end_turn",
                "stop_sequence": None,
                "usage": {"input_tokens": 120, "output_tokens": 20},
            }
        )

    app = web.Application()
    app.router.add_post("/v1/messages", messages)
    return app


@asynccontextmanager
async def serving(app: web.Application, server: ModelServer, path: str) -> AsyncIterator[None]:
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    server.base_url = f"http://127.0.0.1:{port}{path}"
    try:
        yield
    finally:
        await runner.cleanup()


@asynccontextmanager
async def model_servers(
    openai: ModelServer, anthropic: ModelServer
) -> AsyncIterator[tuple[ModelServer, ModelServer]]:
    async with (
        serving(openai_app(openai), openai, "/v1"),
        serving(anthropic_app(anthropic), anthropic, ""),
    ):
        yield openai, anthropic
