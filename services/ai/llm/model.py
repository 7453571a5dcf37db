"""What the chain needs of a language model: one tool call's arguments for one message."""

from __future__ import annotations

from typing import Any, Protocol


class ModelOutputInvalid(Exception):
    """The model answered, but not with a usable call of the tool."""


class ToolModel(Protocol):
    name: str

    async def call(self, text: str, language_hint: str | None) -> dict[str, Any]:
        """The arguments the model gave the tool for this message."""

    async def close(self) -> None: ...
