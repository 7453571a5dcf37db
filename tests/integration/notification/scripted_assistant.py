"""The ai and voice contracts with scripted behaviour behind them, served by the real runtime, so
the notification worker is tested against the real gRPC contract until the ai service exists.

ScriptedAi.CreateTurn is idempotent by request_id like the real one (a repeated call returns the
stored turn and runs nothing again) and records every call and every turn it ran. Its replies
depend on the text: "buttons" → 3 buttons, "many buttons" → 5 (a list on WhatsApp), "long" → 5000
characters, "voice" → a reply with a voice note, anything else → "You said: <text>".
"""

from __future__ import annotations

import asyncio
from collections import Counter

from bitsacco.ai.v1 import ai_pb2, ai_service_pb2, ai_service_pb2_grpc
from bitsacco.voice.v1 import voice_service_pb2, voice_service_pb2_grpc

from services.runtime.auth import current_caller
from services.runtime.errors import NotFound, PermissionDenied, Unavailable
from services.runtime.server import Service, start
from services.runtime.settings import RuntimeSettings
from tests.harness import free_port
from tests.integration.notification.identities import verifier


def replies_for(text: str) -> list[ai_pb2.OutboundReply]:
    if text == "buttons":
        return [
            ai_pb2.OutboundReply(
                text="Confirm?",
                buttons=[
                    ai_pb2.ReplyButton(id="confirm:yes", title="Yes"),
                    ai_pb2.ReplyButton(id="confirm:no", title="No"),
                    ai_pb2.ReplyButton(id="confirm:later", title="Later"),
                ],
            )
        ]
    if text == "many buttons":
        return [
            ai_pb2.OutboundReply(
                text="Pick one",
                language_code="en",
                buttons=[ai_pb2.ReplyButton(id=f"b{i}", title=f"Option {i}") for i in range(5)],
            )
        ]
    if text == "long":
        return [ai_pb2.OutboundReply(text=("word " * 1000).strip())]
    if text == "voice":
        return [ai_pb2.OutboundReply(text="Habari!", voice_note=True, language_code="sw")]
    return [ai_pb2.OutboundReply(text=f"You said: {text}")]


class ScriptedAi(ai_service_pb2_grpc.AiServiceServicer):
    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()  # CreateTurn calls per request_id
        self.runs: list[ai_pb2.Turn] = []  # turns actually run, in order
        self.turns: dict[str, ai_pb2.Turn] = {}
        self.callers: set[str] = set()
        self.unavailable = False  # answer UNAVAILABLE (ai down)
        self.hold: asyncio.Event | None = None  # when set: CreateTurn waits for it after running

    async def CreateTurn(self, request, context):
        self.callers.add(current_caller().subject)
        if current_caller().subject != "services/notification":
            raise PermissionDenied("CALLER_NOT_A_SERVICE", "Only notification runs turns.")
        self.calls[request.request_id] += 1
        if self.unavailable:
            raise Unavailable("AI_DOWN", "Scripted outage.")
        name = f"{request.parent}/turns/{request.request_id}"
        if name in self.turns:
            return ai_service_pb2.CreateTurnResponse(turn=self.turns[name])
        turn = ai_pb2.Turn()
        turn.CopyFrom(request.turn)
        turn.name = name
        turn.replies.extend(replies_for(request.turn.text))
        self.turns[name] = turn
        self.runs.append(turn)
        if self.hold is not None:
            await self.hold.wait()
        return ai_service_pb2.CreateTurnResponse(turn=turn)

    async def GetTurn(self, request, context):
        if request.name not in self.turns:
            raise NotFound("TURN_NOT_FOUND", "No such turn.")
        return ai_service_pb2.GetTurnResponse(turn=self.turns[request.name])

    def runs_of(self, request_id: str) -> int:
        return sum(1 for t in self.runs if t.name.endswith("/" + request_id))


class ScriptedVoice(voice_service_pb2_grpc.VoiceServiceServicer):
    def __init__(self) -> None:
        self.transcribed: list[tuple[bytes, str]] = []
        self.synthesized: list[str] = []
        self.transcript = "salio langu"

    async def TranscribeAudio(self, request, context):
        self.transcribed.append((request.audio_content, request.content_type))
        return voice_service_pb2.TranscribeAudioResponse(
            transcript=self.transcript, language_code="sw"
        )

    async def SynthesizeSpeech(self, request, context):
        self.synthesized.append(request.text)
        return voice_service_pb2.SynthesizeSpeechResponse(
            audio_content=b"OggS-voice-" + request.text.encode(),
            content_type="audio/ogg; codecs=opus",
        )


async def serve_scripted(servicer, name: str):
    """Serve `servicer` with the runtime (authentication, validation, errors) on a free port."""
    settings = RuntimeSettings(service_name=name, grpc_port=free_port(), metrics_port=-1)
    return await start(Service(name=name, servicers=[servicer]), settings, verifier())
