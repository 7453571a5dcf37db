"""Interpret over gRPC: offline by default; with model keys, the real OpenAI and Anthropic SDKs
talk to local servers speaking their wire formats, with the tool generated from the contract, and
every failure of theirs (HTTP 500, timeout, unusable output) falls through to the next
understanding."""

from __future__ import annotations

import uuid

import grpc
import pytest
from bitsacco.ai.v1 import ai_pb2, ai_service_pb2, ai_service_pb2_grpc
from google.protobuf import json_format

from services.ai.service import build
from services.ai.settings import AiSettings
from services.ai.understanding import interpret
from tests.harness import details_of, serve_in_process
from tests.integration.ai.identities import as_service, service_verifier
from tests.integration.ai.model_servers import ModelServer, model_servers

TEXT = "please move two thousand bob to my sister wanjiku"

OPENAI_ANSWER = {
    "intent": "INTENT_SEND",
    "confidence": 0.93,
    "language_code": "en",
    "amount": "2000",
    "currency": "CURRENCY_KES",
    "recipient_name": "Wanjiku",
}
ANTHROPIC_ANSWER = {
    "intent": "INTENT_SEND",
    "confidence": 0.88,
    "language_code": "en",
    "amount": "2000",
    "recipient_name": "my sister Wanjiku",
}


async def ask(
    channel, text: str = TEXT, language_code: str = "", caller: str = "notification"
) -> dict:
    stub = ai_service_pb2_grpc.AiServiceStub(channel)
    answer = await stub.Interpret(
        ai_service_pb2.InterpretRequest(text=text, language_code=language_code),
        metadata=as_service(caller),
    )
    return json_format.MessageToDict(answer.interpretation, preserving_proto_field_name=True)


def expected(document: dict) -> dict:
    """A tool answer as Interpret returns it (the KES default filled in, float32 confidence)."""
    message = json_format.ParseDict(
        {"currency": "CURRENCY_KES", **document} if "amount" in document else document,
        ai_pb2.Interpretation(),
    )
    return json_format.MessageToDict(message, preserving_proto_field_name=True)


def offline(text: str = TEXT) -> dict:
    from services.ai.interpretations import to_proto

    return json_format.MessageToDict(to_proto(interpret(text)), preserving_proto_field_name=True)


@pytest.fixture
async def servers():
    async with model_servers(
        ModelServer(arguments=OPENAI_ANSWER), ModelServer(arguments=ANTHROPIC_ANSWER)
    ) as pair:
        yield pair


def ai_with(pg_url, redis_url, namespace, openai=None, anthropic=None, **more):
    settings = {"llm_timeout_seconds": 1.0, **more}
    if openai is not None:
        settings.update(openai_api_key="sk-test-openai", openai_base_url=openai.base_url)
    if anthropic is not None:
        settings.update(anthropic_api_key="sk-ant-test", anthropic_base_url=anthropic.base_url)
    return serve_in_process(
        "ai",
        build,
        pg_url,
        redis_url,
        namespace,
        verifier=service_verifier(),
        settings_type=AiSettings,
        **settings,
    )


async def test_offline_by_default(pg_url, redis_url, namespace):
    async with ai_with(pg_url, redis_url, namespace) as ai:
        answer = await ask(ai.channel, "tuma elfu mbili mia tano kwa 0712 345 678", "sw")
    assert answer == {
        "intent": "INTENT_SEND",
        "confidence": answer["confidence"],
        "language_code": "sw",
        "amount": "2500",
        "currency": "CURRENCY_KES",
        "recipient_phone": "+254712345678",
    }
    assert 0 < answer["confidence"] <= 1


async def test_openai_tool_call_is_the_answer(pg_url, redis_url, namespace, servers):
    openai, anthropic = servers
    async with ai_with(pg_url, redis_url, namespace, openai, anthropic) as ai:
        answer = await ask(ai.channel, language_code="en")
    assert answer == expected(OPENAI_ANSWER)
    assert answer != offline()
    assert len(openai.requests) == 1 and anthropic.requests == []
    request = openai.requests[0]
    assert openai.headers[0]["authorization"] == "Bearer sk-test-openai"
    assert request["tool_choice"] == {"type": "function", "function": {"name": "interpret"}}
    (tool,) = request["tools"]
    parameters = tool["function"]["parameters"]
    # Generated from the Interpretation descriptor and its buf.validate rules.
    assert set(parameters["properties"]) == {
        field.name for field in ai_pb2.Interpretation.DESCRIPTOR.fields
    }
    assert parameters["required"] == ["intent", "confidence", "language_code"]
    intents = parameters["properties"]["intent"]["enum"]
    assert "INTENT_SEND" in intents and "INTENT_UNSPECIFIED" not in intents
    assert parameters["properties"]["amount"]["pattern"] == "^[0-9]+(\\.[0-9]+)?$"
    assert parameters["properties"]["currency"]["enum"] == [
        "CURRENCY_KES",
        "CURRENCY_USD",
        "CURRENCY_SATS",
        "CURRENCY_BTC",
    ]
    assert parameters["properties"]["confidence"]["maximum"] == 1
    assert "tuma 1500 kwa Wanjiku" in tool["function"]["description"]
    assert TEXT in request["messages"][-1]["content"]


async def test_openai_server_error_falls_back_to_anthropic(pg_url, redis_url, namespace, servers):
    openai, anthropic = servers
    openai.behaviour = "error"
    async with ai_with(pg_url, redis_url, namespace, openai, anthropic) as ai:
        answer = await ask(ai.channel)
    assert answer == expected(ANTHROPIC_ANSWER)
    assert len(openai.requests) == 1  # no SDK retries: the chain moves on
    assert len(anthropic.requests) == 1
    assert any("sk-ant-test" in value for value in anthropic.headers[0].values())
    request = anthropic.requests[0]
    assert request["tool_choice"] == {"type": "tool", "name": "interpret"}
    assert (
        request["tools"][0]["input_schema"]
        == openai.requests[0]["tools"][0]["function"]["parameters"]
    )


async def test_openai_timeout_falls_back_to_anthropic(pg_url, redis_url, namespace, servers):
    openai, anthropic = servers
    openai.behaviour, openai.delay = "slow", 2.0
    async with ai_with(
        pg_url, redis_url, namespace, openai, anthropic, llm_timeout_seconds=0.3
    ) as ai:
        answer = await ask(ai.channel)
    assert answer == expected(ANTHROPIC_ANSWER)


async def test_both_down_answers_offline(pg_url, redis_url, namespace, servers):
    openai, anthropic = servers
    openai.behaviour = "error"
    anthropic.behaviour, anthropic.delay = "slow", 2.0
    async with ai_with(
        pg_url, redis_url, namespace, openai, anthropic, llm_timeout_seconds=0.3
    ) as ai:
        answer = await ask(ai.channel)
    assert answer == offline()
    assert len(openai.requests) == 1 and len(anthropic.requests) == 1


async def test_unreachable_models_answer_offline(pg_url, redis_url, namespace):
    unreachable = ModelServer(base_url="http://127.0.0.1:9/v1")
    async with ai_with(
        pg_url, redis_url, namespace, unreachable, ModelServer(base_url="http://127.0.0.1:9")
    ) as ai:
        answer = await ask(ai.channel)
    assert answer == offline()


@pytest.mark.parametrize(
    ("openai_behaviour", "arguments"),
    [
        ("ok", {**OPENAI_ANSWER, "amount": "two thousand"}),  # breaks the amount pattern
        ("ok", {**OPENAI_ANSWER, "intent": "INTENT_TRANSFER_EVERYTHING"}),  # no such intent
        ("ok", {**OPENAI_ANSWER, "confidence": 7}),  # out of 0..1
        ("ok", {**OPENAI_ANSWER, "execute_transfer": True}),  # not a field of Interpretation
        ("ok", {**OPENAI_ANSWER, "recipient_phone": "call my sister"}),
        ("bad_json", {}),
        ("no_tool", {}),
    ],
)
async def test_unusable_model_output_answers_offline(
    pg_url, redis_url, namespace, servers, openai_behaviour, arguments
):
    openai, _ = servers
    openai.behaviour, openai.arguments = openai_behaviour, arguments
    async with ai_with(pg_url, redis_url, namespace, openai) as ai:
        answer = await ask(ai.channel)
    assert answer == offline()
    assert len(openai.requests) == 1


async def test_model_slips_are_repaired(pg_url, redis_url, namespace, servers):
    openai, _ = servers
    openai.arguments = {
        "intent": "INTENT_SEND",
        "confidence": 0.9,
        "amount": 1500,
        "recipient_phone": "0712 345 678",
        "goal_name": None,
    }
    async with ai_with(pg_url, redis_url, namespace, openai) as ai:
        answer = await ask(ai.channel, "tuma 1500 kwa 0712 345 678", "sw")
    assert answer["amount"] == "1500" and answer["currency"] == "CURRENCY_KES"
    assert answer["recipient_phone"] == "+254712345678"
    assert answer["language_code"] == "sw" and "goal_name" not in answer


async def test_needs_a_token_and_is_rate_limited(pg_url, redis_url, namespace):
    async with ai_with(pg_url, redis_url, namespace, requests_per_minute=2) as ai:
        stub = ai_service_pb2_grpc.AiServiceStub(ai.channel)
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await stub.Interpret(ai_service_pb2.InterpretRequest(text="hi"))
        assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await stub.Interpret(ai_service_pb2.InterpretRequest(text=""), metadata=as_service("x"))
        assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        caller = f"rate-test-{uuid.uuid4().hex[:8]}"
        await ask(ai.channel, "hi", caller=caller)
        await ask(ai.channel, "hi", caller=caller)
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await ask(ai.channel, "hi", caller=caller)
        assert caught.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
        details = details_of(caught.value)
        assert details["ErrorInfo"].reason == "RATE_LIMITED"
        assert details["RetryInfo"].retry_delay.seconds >= 1
