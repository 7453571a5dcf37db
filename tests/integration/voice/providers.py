"""Local stand-ins for the cloud speech providers, speaking their real wire formats, so the real
SDKs (elevenlabs, openai) and our Google REST client talk to them through their base URLs.

Each can answer properly, fail with a 500, or hang past the caller's timeout.
"""

from __future__ import annotations

import array
import asyncio
import base64
import io
import json
import math
import wave
from dataclasses import dataclass, field

from aiohttp import web

OK, ERROR, HANG = "ok", "error", "hang"


def tone(seconds: float, rate: int) -> bytes:
    """A 220 Hz tone: audio a real provider might send, recognisably not espeak's."""
    count = int(seconds * rate)
    return array.array(
        "h", (int(6000 * math.sin(2 * math.pi * 220 * i / rate)) for i in range(count))
    ).tobytes()


@dataclass
class FakeProvider:
    api_key: str
    mode: str = OK
    requests: list[dict] = field(default_factory=list)
    url: str = ""
    runner: web.AppRunner | None = None
    released: asyncio.Event = field(default_factory=asyncio.Event)

    async def misbehave(self) -> web.Response | None:
        if self.mode == HANG:  # until the caller has given up and the test is over
            await self.released.wait()
        if self.mode in (ERROR, HANG):
            return web.json_response({"detail": {"status": "internal_error"}}, status=500)
        return None

    async def start(self, app: web.Application, base_path: str = "") -> FakeProvider:
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}{base_path}"
        return self

    async def stop(self) -> None:
        self.released.set()
        if self.runner is not None:
            await self.runner.cleanup()


async def elevenlabs(api_key: str = "el-test-key") -> FakeProvider:
    """POST /v1/text-to-speech/{voice_id}?output_format=pcm_24000 → raw 16-bit PCM, streamed."""
    provider = FakeProvider(api_key)

    async def convert(request: web.Request) -> web.StreamResponse:
        body = await request.json()
        provider.requests.append(
            {
                "voice_id": request.match_info["voice_id"],
                "output_format": request.query.get("output_format"),
                "api_key": request.headers.get("xi-api-key"),
                **body,
            }
        )
        if request.headers.get("xi-api-key") != provider.api_key:
            return web.json_response({"detail": {"status": "invalid_api_key"}}, status=401)
        if failure := await provider.misbehave():
            return failure
        rate = int(request.query["output_format"].split("_")[1])
        response = web.StreamResponse(headers={"Content-Type": "audio/pcm"})
        await response.prepare(request)
        audio = tone(0.06 * len(body["text"]), rate)
        for start in range(0, len(audio), 4096):
            await response.write(audio[start : start + 4096])
        await response.write_eof()
        return response

    app = web.Application()
    app.router.add_post("/v1/text-to-speech/{voice_id}", convert)
    return await provider.start(app)


async def google_tts(api_key: str = "google-test-key") -> FakeProvider:
    """POST /v1/text:synthesize → {"audioContent": base64 of a LINEAR16 WAV}."""
    provider = FakeProvider(api_key)

    async def synthesize(request: web.Request) -> web.Response:
        body = await request.json()
        provider.requests.append({"api_key": request.headers.get("x-goog-api-key"), **body})
        if request.headers.get("x-goog-api-key") != provider.api_key:
            return web.json_response({"error": {"code": 403, "status": "PERMISSION_DENIED"}}, 403)
        if failure := await provider.misbehave():
            return failure
        rate = body["audioConfig"].get("sampleRateHertz", 24000)
        out = io.BytesIO()
        with wave.open(out, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(rate)
            wav.writeframes(tone(0.05 * len(body["input"]["text"]), rate))
        return web.json_response({"audioContent": base64.b64encode(out.getvalue()).decode()})

    app = web.Application()
    app.router.add_post("/v1/text:synthesize", synthesize)
    return await provider.start(app)


async def openai_transcriptions(
    api_key: str = "sk-test-key", text: str = " Nataka kuweka elfu mbili."
) -> FakeProvider:
    """POST /v1/audio/transcriptions (multipart) → Whisper's verbose_json."""
    provider = FakeProvider(api_key)

    async def transcribe(request: web.Request) -> web.Response:
        form = await request.post()
        upload = form["file"]
        provider.requests.append(
            {
                "authorization": request.headers.get("Authorization"),
                "model": form.get("model"),
                "language": form.get("language"),
                "response_format": form.get("response_format"),
                "prompt": form.get("prompt"),
                "filename": upload.filename,
                "size": len(upload.file.read()),
            }
        )
        if request.headers.get("Authorization") != f"Bearer {provider.api_key}":
            return web.json_response({"error": {"message": "Incorrect API key"}}, status=401)
        if failure := await provider.misbehave():
            return failure
        answer = {
            "task": "transcribe",
            "language": "swahili",
            "duration": 2.1,
            "text": text,
            "segments": [
                {
                    "id": 0,
                    "seek": 0,
                    "start": 0.0,
                    "end": 2.1,
                    "text": text,
                    "tokens": [50364, 400, 401],
                    "temperature": 0.0,
                    "avg_logprob": -0.105,
                    "compression_ratio": 0.9,
                    "no_speech_prob": 0.01,
                }
            ],
        }
        return web.Response(text=json.dumps(answer), content_type="application/json")

    app = web.Application()
    app.router.add_post("/v1/audio/transcriptions", transcribe)
    return await provider.start(app, "/v1")
