"""Assembles the ai service for the runtime."""

from __future__ import annotations

import asyncio

from services.ai.handlers import AiHandlers
from services.ai.interpreter import Interpreter, build_interpreter
from services.ai.rate_limit import RateLimiter
from services.ai.settings import ai_settings
from services.runtime.bootstrap import Resources
from services.runtime.server import Service


async def build(resources: Resources | None) -> Service:
    """The ai service. Without resources only the servicer is built (contract introspection)."""
    if resources is None:
        return Service(name="ai", servicers=[AiHandlers(Interpreter(), None)])
    settings = ai_settings(resources.settings)
    interpreter = build_interpreter(settings)

    async def close_clients() -> None:
        try:
            await asyncio.Event().wait()
        finally:
            await interpreter.close()

    return Service(
        name="ai",
        servicers=[
            AiHandlers(interpreter, RateLimiter(resources.cache, settings.requests_per_minute))
        ],
        background=[close_clients],
    )
