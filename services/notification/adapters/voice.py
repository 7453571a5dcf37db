"""The voice service, over its gRPC contract: transcribe members' voice notes, synthesize ours."""

from __future__ import annotations

from collections.abc import Callable

import grpc
from bitsacco.voice.v1 import voice_service_pb2, voice_service_pb2_grpc

from services.notification.adapters.dependencies import DependencyError, from_rpc_error
from services.runtime.clients import call_metadata, channel
from services.runtime.errors import DomainError


class Voice:
    def __init__(self, target: str, token: Callable[[], str], timeout_seconds: float) -> None:
        self._target = target
        self._token = token
        self._timeout = timeout_seconds
        self._channel: grpc.aio.Channel | None = None

    def _stub(self) -> voice_service_pb2_grpc.VoiceServiceStub:
        if self._channel is None:
            self._channel = channel(self._target)
        return voice_service_pb2_grpc.VoiceServiceStub(self._channel)

    def _metadata(self) -> tuple[tuple[str, str], ...]:
        try:
            return call_metadata(self._token())
        except DomainError as error:
            raise DependencyError(error.message, transient=True, reason=error.reason) from error

    async def transcribe(self, audio: bytes, content_type: str) -> str:
        try:
            answer = await self._stub().TranscribeAudio(
                voice_service_pb2.TranscribeAudioRequest(
                    audio_content=audio, content_type=content_type.lower()
                ),
                metadata=self._metadata(),
                timeout=self._timeout,
            )
        except grpc.aio.AioRpcError as error:
            raise from_rpc_error(error, "TranscribeAudio") from error
        return answer.transcript

    async def synthesize(self, text: str, language_code: str) -> tuple[bytes, str]:
        """A voice note of `text`: OGG/Opus bytes and their content type."""
        try:
            answer = await self._stub().SynthesizeSpeech(
                voice_service_pb2.SynthesizeSpeechRequest(
                    text=text[:4096], language_code=language_code or "en"
                ),
                metadata=self._metadata(),
                timeout=self._timeout,
            )
        except grpc.aio.AioRpcError as error:
            raise from_rpc_error(error, "SynthesizeSpeech") from error
        return answer.audio_content, answer.content_type or "audio/ogg; codecs=opus"

    async def close(self) -> None:
        if self._channel is not None:
            await self._channel.close()
            self._channel = None
