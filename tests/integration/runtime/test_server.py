"""Every service gets health, reflection, validation, error mapping, authentication and
graceful shutdown from the runtime."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

import grpc
import pytest
from bitsacco.voice.v1 import voice_service_pb2, voice_service_pb2_grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc
from prometheus_client import REGISTRY

from services.runtime import server
from services.runtime.settings import RuntimeSettings
from tests.conftest import REPO
from tests.harness import details_of, free_port
from tests.integration.runtime.voice_servicer import scripted_service


@pytest.fixture
async def running():
    settings = RuntimeSettings(service_name="voice", grpc_port=free_port(), metrics_port=-1)
    running = await server.start(scripted_service(), settings, verifier=None)
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{running.port}")
    yield running, channel
    await channel.close()
    await running.stop()


async def test_health_serving_then_not_serving(running):
    srv, channel = running
    health = health_pb2_grpc.HealthStub(channel)
    for name in ("", "bitsacco.voice.v1.VoiceService"):
        answer = await health.Check(health_pb2.HealthCheckRequest(service=name))
        assert answer.status == health_pb2.HealthCheckResponse.SERVING
    await srv.health.enter_graceful_shutdown()
    answer = await health.Check(
        health_pb2.HealthCheckRequest(service="bitsacco.voice.v1.VoiceService")
    )
    assert answer.status == health_pb2.HealthCheckResponse.NOT_SERVING


async def test_reflection_lists_the_service(running):
    _, channel = running
    stub = reflection_pb2_grpc.ServerReflectionStub(channel)

    async def requests():
        yield reflection_pb2.ServerReflectionRequest(list_services="")

    async for answer in stub.ServerReflectionInfo(requests()):
        names = {s.name for s in answer.list_services_response.service}
        break
    assert {"bitsacco.voice.v1.VoiceService", "grpc.health.v1.Health"} <= names


async def test_validation_rule_names_the_field(running):
    _, channel = running
    stub = voice_service_pb2_grpc.VoiceServiceStub(channel)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.SynthesizeSpeech(
            voice_service_pb2.SynthesizeSpeechRequest(text="", language_code="Swahili!")
        )
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    details = details_of(caught.value)
    assert details["ErrorInfo"].reason == "INVALID_ARGUMENT"
    assert details["ErrorInfo"].domain == "voice.bitsacco"
    violations = {v.field: v.reason for v in details["BadRequest"].field_violations}
    assert violations == {"text": "string.min_len", "language_code": "string.pattern"}


async def test_domain_error_arrives_with_its_reason(running):
    _, channel = running
    stub = voice_service_pb2_grpc.VoiceServiceStub(channel)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.SynthesizeSpeech(
            voice_service_pb2.SynthesizeSpeechRequest(text="fail", language_code="sw")
        )
    assert caught.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    info = details_of(caught.value)["ErrorInfo"]
    assert (info.reason, info.domain, dict(info.metadata)) == (
        "ENGINE_UNAVAILABLE",
        "voice.bitsacco",
        {"engine": "all"},
    )


async def test_unimplemented_method_says_so(running):
    _, channel = running
    stub = voice_service_pb2_grpc.VoiceServiceStub(channel)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.TranscribeAudio(voice_service_pb2.TranscribeAudioRequest())
    assert caught.value.code() == grpc.StatusCode.UNIMPLEMENTED
    assert "TranscribeAudio" in caught.value.details()
    assert details_of(caught.value)["ErrorInfo"].reason == "NOT_IMPLEMENTED"


async def test_protected_method_needs_a_token(running):
    _, channel = running
    stub = voice_service_pb2_grpc.VoiceServiceStub(channel)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.ListVoices(voice_service_pb2.ListVoicesRequest())
    assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert details_of(caught.value)["ErrorInfo"].reason == "UNAUTHENTICATED"


async def test_public_method_ignores_a_providers_own_credentials(running):
    _, channel = running
    stub = voice_service_pb2_grpc.VoiceServiceStub(channel)
    request = voice_service_pb2.SynthesizeSpeechRequest(text="0", language_code="sw")
    answer = await stub.SynthesizeSpeech(
        request, metadata=(("authorization", "Basic dHc6c2VjcmV0"),)
    )
    assert answer.audio_content == b"ok"
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.ListVoices(
            voice_service_pb2.ListVoicesRequest(),
            metadata=(("authorization", "Basic dHc6c2VjcmV0"),),
        )
    assert details_of(caught.value)["ErrorInfo"].reason == "TOKEN_MALFORMED"


async def test_sigterm_drains_in_flight_calls_and_refuses_new_ones():
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "tests/integration/runtime/serve_scripted_voice.py",
        str(port),
        cwd=REPO,
        env=env,
    )
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            await asyncio.wait_for(channel.channel_ready(), timeout=15)
            stub = voice_service_pb2_grpc.VoiceServiceStub(channel)
            in_flight = asyncio.ensure_future(
                stub.SynthesizeSpeech(
                    voice_service_pb2.SynthesizeSpeechRequest(text="1.5", language_code="sw")
                )
            )
            await asyncio.sleep(0.3)
            process.send_signal(signal.SIGTERM)
            await asyncio.sleep(0.3)
            async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as fresh:
                with pytest.raises(grpc.aio.AioRpcError) as refused:
                    await fresh.unary_unary("/bitsacco.voice.v1.VoiceService/SynthesizeSpeech")(
                        b"", timeout=2
                    )
                assert refused.value.code() == grpc.StatusCode.UNAVAILABLE
            assert (await in_flight).audio_content == b"ok"
        assert await asyncio.wait_for(process.wait(), 10) == 0
    finally:
        if process.returncode is None:
            process.kill()


async def test_metrics_count_each_call_by_code(running):
    _, channel = running
    stub = voice_service_pb2_grpc.VoiceServiceStub(channel)
    method = "/bitsacco.voice.v1.VoiceService/SynthesizeSpeech"

    def handled(code: str) -> float:
        return (
            REGISTRY.get_sample_value(
                "bitsacco_rpc_handled_total", {"service": "voice", "method": method, "code": code}
            )
            or 0.0
        )

    before_ok, before_failed = handled("OK"), handled("FAILED_PRECONDITION")
    await stub.SynthesizeSpeech(
        voice_service_pb2.SynthesizeSpeechRequest(text="0", language_code="sw")
    )
    with pytest.raises(grpc.aio.AioRpcError):
        await stub.SynthesizeSpeech(
            voice_service_pb2.SynthesizeSpeechRequest(text="fail", language_code="sw")
        )
    assert (handled("OK"), handled("FAILED_PRECONDITION")) == (before_ok + 1, before_failed + 1)
