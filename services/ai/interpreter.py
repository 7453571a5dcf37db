"""Which understanding answers: the language models in order when configured, each within its
timeout and only with output that passes the contract's rules, else the offline understanding.
The answer is an intent and details, never an action: nothing here can move money."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from bitsacco.ai.v1 import ai_pb2
from google.protobuf import json_format
from prometheus_client import Counter

from services.ai.interpretations import DETAIL_FIELDS, from_proto
from services.ai.llm.model import ModelOutputInvalid, ToolModel
from services.ai.understanding import Interpretation, interpret
from services.runtime.interceptors.validation import violations_of
from services.runtime.phone_numbers import InvalidPhoneNumber, normalize_phone

log = logging.getLogger("bitsacco.ai.understanding")

UNDERSTOOD = Counter(
    "bitsacco_ai_understanding_total",
    "Messages understood, by the understanding that answered (offline, openai, anthropic).",
    ["source"],
)
MODEL_FAILURES = Counter(
    "bitsacco_ai_model_failures_total",
    "Model answers not used, by model and why (timeout, error, invalid).",
    ["model", "why"],
)


@dataclass(frozen=True)
class Understood:
    interpretation: Interpretation
    source: str  # "offline" or the model's name


def validated(arguments: dict[str, Any], text: str, language_hint: str | None) -> Interpretation:
    """A model's tool arguments as an Interpretation that satisfies every rule of the contract, or
    ModelOutputInvalid. Harmless slips are repaired first (a number where the contract wants a
    decimal string, a phone not yet in E.164, a missing KES default, nulls for absent details)."""
    document = {key: value for key, value in arguments.items() if value not in (None, "")}
    unknown = set(document) - {"intent", "confidence", "language_code", *DETAIL_FIELDS}
    if unknown:
        raise ModelOutputInvalid(f"unknown fields {sorted(unknown)}")
    amount = document.get("amount")
    if isinstance(amount, int | float) and not isinstance(amount, bool):
        try:
            document["amount"] = format(Decimal(str(amount)).normalize(), "f")
        except InvalidOperation as exc:
            raise ModelOutputInvalid("amount is not a number") from exc
    if isinstance(document.get("recipient_phone"), str):
        with contextlib.suppress(InvalidPhoneNumber):  # else the pattern rule below refuses it
            document["recipient_phone"] = normalize_phone(document["recipient_phone"])
    if "amount" in document and "currency" not in document:
        document["currency"] = "CURRENCY_KES"
    if "language_code" not in document:
        document["language_code"] = interpret(text, language_hint).language_code
    try:
        message = json_format.ParseDict(document, ai_pb2.Interpretation())
    except (json_format.ParseError, TypeError, ValueError) as exc:
        raise ModelOutputInvalid(f"not an Interpretation: {exc}") from exc
    if message.intent == ai_pb2.INTENT_UNSPECIFIED:
        raise ModelOutputInvalid("no intent")
    if message.HasField("amount") != message.HasField("currency"):
        raise ModelOutputInvalid("currency without an amount")
    violations = violations_of(message)
    if violations:
        raise ModelOutputInvalid("; ".join(f"{v.field}: {v.description}" for v in violations))
    return from_proto(message)


class Interpreter:
    def __init__(self, models: Sequence[ToolModel] = (), timeout_seconds: float = 4.0) -> None:
        self._models = list(models)
        self._timeout = timeout_seconds

    @property
    def models(self) -> list[str]:
        return [model.name for model in self._models]

    async def understand(self, text: str, language_hint: str | None = None) -> Understood:
        for model in self._models:
            try:
                arguments = await asyncio.wait_for(model.call(text, language_hint), self._timeout)
                understood = Understood(validated(arguments, text, language_hint), model.name)
            except TimeoutError:
                MODEL_FAILURES.labels(model.name, "timeout").inc()
                log.warning("model %s did not answer in %.1fs", model.name, self._timeout)
                continue
            except ModelOutputInvalid as exc:
                MODEL_FAILURES.labels(model.name, "invalid").inc()
                log.warning("model %s answered something unusable: %s", model.name, exc)
                continue
            except Exception as exc:  # the SDKs' connection and status errors, and anything else
                MODEL_FAILURES.labels(model.name, "error").inc()
                log.warning("model %s failed: %s", model.name, exc)
                continue
            UNDERSTOOD.labels(model.name).inc()
            return understood
        UNDERSTOOD.labels("offline").inc()
        return Understood(interpret(text, language_hint), "offline")

    async def close(self) -> None:
        for model in self._models:
            await model.close()


def build_interpreter(settings) -> Interpreter:
    """The models the settings configure, OpenAI first, each asked with the generated tool.
    The SDKs are imported only when a key is configured (they are slow to import)."""
    models: list[ToolModel] = []
    if not (settings.openai_api_key or settings.anthropic_api_key):
        return Interpreter(models)
    from services.ai.llm.schema import message_tool

    tool = message_tool("interpret", ai_pb2.Interpretation.DESCRIPTOR)
    timeout = settings.llm_timeout_seconds
    if settings.openai_api_key:
        from services.ai.llm.openai_model import OpenAIModel

        models.append(
            OpenAIModel(
                settings.openai_api_key.get_secret_value(),
                settings.openai_model,
                tool,
                settings.openai_base_url,
                timeout,
            )
        )
    if settings.anthropic_api_key:
        from services.ai.llm.anthropic_model import AnthropicModel

        models.append(
            AnthropicModel(
                settings.anthropic_api_key.get_secret_value(),
                settings.anthropic_model,
                tool,
                settings.anthropic_base_url,
                timeout,
            )
        )
    return Interpreter(models, timeout)
