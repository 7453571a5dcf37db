"""Voice: local synthesis and transcription latency for a typical reply, through gRPC.

Runs the voice service in this process on its embedded shape (SQLite in a temporary directory,
local engines only: espeak-ng and pocketsphinx) and prints p50/p95 for:
  - SynthesizeSpeech of a typical reply, cache miss (a new text each time) and cache hit;
  - TranscribeAudio of a typical voice note (a command, OGG/Opus as WhatsApp sends it).

    .venv/bin/python bench/voice_latency.py
"""

from __future__ import annotations

import asyncio
import socket
import statistics
import tempfile
import time
from pathlib import Path

import grpc
import jwt
from bitsacco.voice.v1 import voice_pb2, voice_service_pb2_grpc
from bitsacco.voice.v1 import voice_service_pb2 as pb
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from services.runtime.auth import JwksCache, TokenVerifier
from services.runtime.bootstrap import migrations_of, open_resources
from services.runtime.server import start
from services.voice.service import build
from services.voice.settings import VoiceSettings

REPLIES = [
    "Your balance is KES 2,450, about 19,800 sats. Reply SAVE to add more.",
    "Send KES 200 to +254 712 345 678? Reply YES or NO.",
    "Done! You saved KES 500. Your goal is now 40 percent complete.",
]
COMMANDS = [
    "check my balance",
    "save five hundred",
    "send two thousand to zero seven one two three four five six seven eight",
]
ROUNDS = 12


def token() -> tuple[TokenVerifier, str]:
    key = Ed25519PrivateKey.generate()
    public = jwt.algorithms.OKPAlgorithm.to_jwk(key.public_key(), as_dict=True)
    jwks = {"keys": [{**public, "kid": "bench", "alg": "EdDSA"}]}

    async def fetch() -> dict:
        return jwks

    now = int(time.time())
    minted = jwt.encode(
        {
            "sub": "services/ai",
            "iss": "bench",
            "aud": "bitsacco",
            "iat": now,
            "exp": now + 3600,
            "jti": "bench",
        },
        key,
        algorithm="EdDSA",
        headers={"kid": "bench"},
    )
    return TokenVerifier(JwksCache(fetch), "bench", "bitsacco"), minted


def report(label: str, samples: list[float], extra: str = "") -> None:
    ordered = sorted(samples)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    print(
        f"{label:<44} n={len(samples):>3}  p50={statistics.median(samples) * 1000:7.1f} ms"
        f"  p95={p95 * 1000:7.1f} ms  {extra}"
    )


async def main() -> None:
    verifier, bearer = token()
    metadata = (("authorization", f"Bearer {bearer}"),)
    with tempfile.TemporaryDirectory() as state:
        settings = VoiceSettings(
            grpc_port=0,
            metrics_port=-1,
            state_dir=Path(state),
            database_url=f"sqlite+aiosqlite:///{state}/voice.db",
            redis_url=None,
            elevenlabs_api_key=None,
            google_tts_api_key=None,
            openai_api_key=None,
            shutdown_grace_seconds=1,
            grpc_host="127.0.0.1",
        )
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            settings.grpc_port = probe.getsockname()[1]
        async with open_resources(settings) as resources:
            await resources.db.migrate(migrations_of("voice"))
            running = await start(await build(resources), settings, verifier)
            async with grpc.aio.insecure_channel(f"127.0.0.1:{running.port}") as channel:
                voice = voice_service_pb2_grpc.VoiceServiceStub(channel)
                await voice.ListVoices(pb.ListVoicesRequest(), metadata=metadata)  # warm up

                misses, hits, audio_seconds = [], [], []
                for i in range(ROUNDS):
                    text = f"{REPLIES[i % len(REPLIES)]} Reference {i}."
                    request = pb.SynthesizeSpeechRequest(text=text, language_code="en")
                    began = time.perf_counter()
                    answer = await voice.SynthesizeSpeech(request, metadata=metadata)
                    misses.append(time.perf_counter() - began)
                    audio_seconds.append(answer.duration.seconds + answer.duration.nanos / 1e9)
                    began = time.perf_counter()
                    again = await voice.SynthesizeSpeech(request, metadata=metadata)
                    hits.append(time.perf_counter() - began)
                    assert again.cache_hit and not answer.cache_hit
                report(
                    "SynthesizeSpeech, espeak-ng → OGG/Opus, miss",
                    misses,
                    f"(audio {statistics.mean(audio_seconds):.1f} s on average)",
                )
                report("SynthesizeSpeech, cache hit", hits)

                notes: list[bytes] = []
                for command in COMMANDS:
                    spoken = await voice.SynthesizeSpeech(
                        pb.SynthesizeSpeechRequest(text=command, language_code="en"),
                        metadata=metadata,
                    )
                    notes.append(spoken.audio_content)
                for note in notes:
                    took, heard = [], ""
                    for _ in range(ROUNDS // 3):
                        began = time.perf_counter()
                        answer = await voice.TranscribeAudio(
                            pb.TranscribeAudioRequest(
                                audio_content=note, content_type="audio/ogg; codecs=opus"
                            ),
                            metadata=metadata,
                        )
                        took.append(time.perf_counter() - began)
                        heard = answer.transcript
                        assert answer.engine == voice_pb2.ENGINE_POCKETSPHINX
                    seconds = answer.audio_duration.seconds + answer.audio_duration.nanos / 1e9
                    report(
                        f"TranscribeAudio, pocketsphinx, {seconds:.1f} s note",
                        took,
                        f"heard {heard!r}",
                    )
            await running.stop()


if __name__ == "__main__":
    asyncio.run(main())
