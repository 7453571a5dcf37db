"""OpenAI Chat Completions with function calling: the model must call the generated tool."""

from __future__ import annotations

import json
from typing import Any

import openai

from services.ai.llm.model import ModelOutputInvalid
from services.ai.llm.prompt import SYSTEM_PROMPT, user_prompt
from services.ai.llm.schema import Tool


class OpenAIModel:
    name = "openai"

    def __init__(
        self, api_key: str, model: str, tool: Tool, base_url: str | None, timeout: float
    ) -> None:
        # No SDK retries: the chain falls back to the next model instead of waiting.
        self._client = openai.AsyncOpenAI(
            api_key=api_key, base_url=base_url, max_retries=0, timeout=timeout
        )
        self._model = model
        self._tool = tool

    async def call(self, text: str, language_hint: str | None) -> dict[str, Any]:
        completion = await self._client.chat.completions.create(
            model=self._model,
            temperature=0,
            messages=[
                {"role": "system", "content": SYSTEM_PROMPT},
                {"role": "user", "content": user_prompt(text, language_hint)},
            ],
            tools=[
                {
                    "type": "function",
                    "function": {
                        "name": self._tool.name,
                        "description": self._tool.description,
                        "parameters": self._tool.parameters,
                    },
                }
            ],
            tool_choice={"type": "function", "function": {"name": self._tool.name}},
        )
        if not completion.choices:
            raise ModelOutputInvalid("no choices")
        calls = completion.choices[0].message.tool_calls or []
        for call in calls:
            if call.type == "function" and call.function.name == self._tool.name:
                try:
                    arguments = json.loads(call.function.arguments)
                except (TypeError, ValueError) as exc:
                    raise ModelOutputInvalid("arguments are not JSON") from exc
                if not isinstance(arguments, dict):
                    raise ModelOutputInvalid("arguments are not an object")
                return arguments
        raise ModelOutputInvalid("the tool was not called")

    async def close(self) -> None:
        await self._client.close()
