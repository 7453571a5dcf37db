"""Anthropic Messages with tool use: the model must use the generated tool."""

from __future__ import annotations

from typing import Any

import anthropic

from services.ai.llm.model import ModelOutputInvalid
from services.ai.llm.prompt import SYSTEM_PROMPT, user_prompt
from services.ai.llm.schema import Tool


class AnthropicModel:
    name = "anthropic"

    def __init__(
        self, api_key: str, model: str, tool: Tool, base_url: str | None, timeout: float
    ) -> None:
        self._client = anthropic.AsyncAnthropic(
            api_key=api_key, base_url=base_url, max_retries=0, timeout=timeout
        )
        self._model = model
        self._tool = tool

    async def call(self, text: str, language_hint: str | None) -> dict[str, Any]:
        message = await self._client.messages.create(
            model=self._model,
            max_tokens=512,
            system=SYSTEM_PROMPT,
            messages=[{"role": "user", "content": user_prompt(text, language_hint)}],
            tools=[
                {
                    "name": self._tool.name,
                    "description": self._tool.description,
                    "input_schema": self._tool.parameters,
                }
            ],
            tool_choice={"type": "tool", "name": self._tool.name},
        )
        for block in message.content:
            if block.type == "tool_use" and block.name == self._tool.name:
                if not isinstance(block.input, dict):
                    raise ModelOutputInvalid("tool input is not an object")
                return dict(block.input)
        raise ModelOutputInvalid("the tool was not used")

    async def close(self) -> None:
        await self._client.close()
