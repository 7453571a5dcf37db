"""SynthesizeSpeech on a real server: the local engine's voice notes, the provider chain with
ElevenLabs and Google stand-ins, the cache, and the errors."""

from __future__ import annotations

import io
import uuid

import av
import grpc
import pytest
from bitsacco.voice.v1 import voice_pb2
from bitsacco.voice.v1 import voice_service_pb2 as pb

from tests.harness import details_of
from tests.integration.voice.providers import ERROR, HANG


def unique(text: str) -> str:
    """The session's database is shared: a fresh text is a fresh cache entry."""
    return f"{text} {uuid.uuid4().hex[:6]}"


def probe(audio: bytes) -> tuple[str, str, int, int, float]:
    """Container, codec, channels, sample rate and decoded seconds of `audio`."""
    with av.open(io.BytesIO(audio)) as container:
        stream = container.streams.audio[0]
        samples = sum(frame.samples for frame in container.decode(stream))
        rate = stream.codec_context.sample_rate
        return (
            container.format.name,
            stream.codec_context.name,
            stream.codec_context.channels,
            rate,
            samples / rate,
        )


def seconds(duration) -> float:
    return duration.seconds + duration.nanos / 1e9


async def test_local_engine_makes_a_whatsapp_voice_note(voice_service, tokens):
    text = "Your balance is two thousand shillings, about sixteen thousand sats."
    async with voice_service() as voice:
        answer = await voice.SynthesizeSpeech(
            pb.SynthesizeSpeechRequest(text=text, language_code="en"),
            metadata=tokens.metadata(),
        )
    assert answer.engine == voice_pb2.ENGINE_ESPEAK_NG
    assert answer.voice == "voices/espeak-ng-en"
    assert answer.audio_format == voice_pb2.AUDIO_FORMAT_OGG_OPUS
    assert answer.content_type == "audio/ogg; codecs=opus"
    container, codec, channels, rate, decoded = probe(answer.audio_content)
    assert (container, codec, channels, rate) == ("ogg", "opus", 1, 48000)
    # Plausible for 11 words at about 150 words a minute, and what the response says.
    assert 3.0 < decoded < 8.0
    assert abs(decoded - seconds(answer.duration)) < 0.1


async def test_swahili_text_gets_the_swahili_voice(voice_service, tokens):
    async with voice_service() as voice:
        answer = await voice.SynthesizeSpeech(
            pb.SynthesizeSpeechRequest(
                text="Salio lako ni shilingi elfu mbili.", language_code="sw-KE"
            ),
            metadata=tokens.metadata("users/42"),
        )
    assert answer.voice == "voices/espeak-ng-sw"
    assert 1.0 < probe(answer.audio_content)[4] < 5.0


@pytest.mark.parametrize(
    ("audio_format", "content_type", "container", "codec", "rate"),
    [
        (voice_pb2.AUDIO_FORMAT_MP3, "audio/mpeg", "mp3", "mp3float", 22050),
        (voice_pb2.AUDIO_FORMAT_WAV, "audio/wav", "wav", "pcm_s16le", 16000),
    ],
)
async def test_mp3_and_wav(
    voice_service, tokens, audio_format, content_type, container, codec, rate
):
    async with voice_service() as voice:
        answer = await voice.SynthesizeSpeech(
            pb.SynthesizeSpeechRequest(
                text="Send five hundred to John?", language_code="en", audio_format=audio_format
            ),
            metadata=tokens.metadata(),
        )
    assert answer.audio_format == audio_format
    assert answer.content_type == content_type
    found = probe(answer.audio_content)
    assert found[:4] == (container, codec, 1, rate)
    assert abs(found[4] - seconds(answer.duration)) < 0.1


async def test_repeating_a_reply_is_a_cache_hit_that_asks_no_engine(
    voice_service, tokens, elevenlabs
):
    request = pb.SynthesizeSpeechRequest(text=unique("Habari! Karibu"), language_code="sw")
    async with voice_service(
        elevenlabs_api_key=elevenlabs.api_key, elevenlabs_base_url=elevenlabs.url
    ) as voice:
        first = await voice.SynthesizeSpeech(request, metadata=tokens.metadata())
        second = await voice.SynthesizeSpeech(request, metadata=tokens.metadata())
        other_format = await voice.SynthesizeSpeech(
            pb.SynthesizeSpeechRequest(
                text=request.text, language_code="sw", audio_format=voice_pb2.AUDIO_FORMAT_MP3
            ),
            metadata=tokens.metadata(),
        )
    assert (first.cache_hit, second.cache_hit, other_format.cache_hit) == (False, True, False)
    assert second.audio_content == first.audio_content
    assert second.engine == first.engine == voice_pb2.ENGINE_ELEVENLABS
    assert second.voice == first.voice == "voices/elevenlabs-default"
    assert second.duration == first.duration
    assert len(elevenlabs.requests) == 2  # the first call and the MP3, not the repeat


async def test_cache_survives_a_restart_and_works_on_sqlite(voice_service, tokens, tmp_path):
    database = f"sqlite+aiosqlite:///{tmp_path / 'voice.db'}"
    request = pb.SynthesizeSpeechRequest(text="Asante sana", language_code="sw")
    async with voice_service(database_url=database) as voice:
        first = await voice.SynthesizeSpeech(request, metadata=tokens.metadata())
    async with voice_service(database_url=database) as voice:
        again = await voice.SynthesizeSpeech(request, metadata=tokens.metadata())
    assert (first.cache_hit, again.cache_hit) == (False, True)
    assert again.audio_content == first.audio_content


async def test_elevenlabs_answers_first_with_the_language_model(
    voice_service, tokens, elevenlabs, google_tts
):
    async with voice_service(
        elevenlabs_api_key=elevenlabs.api_key,
        elevenlabs_base_url=elevenlabs.url,
        google_tts_api_key=google_tts.api_key,
        google_tts_base_url=google_tts.url,
    ) as voice:
        answer = await voice.SynthesizeSpeech(
            pb.SynthesizeSpeechRequest(text=unique("Umetuma mia tano"), language_code="sw"),
            metadata=tokens.metadata(),
        )
    assert answer.engine == voice_pb2.ENGINE_ELEVENLABS
    [sent] = elevenlabs.requests
    assert sent["api_key"] == elevenlabs.api_key
    assert sent["voice_id"] == "EXAVITQu4vr4xnSDxMaL"
    assert (sent["model_id"], sent["language_code"]) == ("eleven_v3", "sw")
    assert sent["output_format"] == "pcm_24000"
    assert google_tts.requests == []
    # The provider's PCM, re-encoded as a voice note, keeps its length (0.06 s a character).
    assert abs(probe(answer.audio_content)[4] - 0.06 * len(sent["text"])) < 0.1


@pytest.mark.parametrize("failure", [ERROR, HANG])
async def test_elevenlabs_failing_falls_to_google(
    voice_service, tokens, elevenlabs, google_tts, failure
):
    elevenlabs.mode = failure
    async with voice_service(
        elevenlabs_api_key=elevenlabs.api_key,
        elevenlabs_base_url=elevenlabs.url,
        google_tts_api_key=google_tts.api_key,
        google_tts_base_url=google_tts.url,
        tts_engine_timeout_seconds=1.0,
    ) as voice:
        answer = await voice.SynthesizeSpeech(
            pb.SynthesizeSpeechRequest(text=unique("Your balance is"), language_code="en"),
            metadata=tokens.metadata(),
        )
    assert answer.engine == voice_pb2.ENGINE_GOOGLE
    assert answer.voice == "voices/google-en"
    assert len(elevenlabs.requests) == 1  # asked once: the SDK's own retries are off
    [sent] = google_tts.requests
    assert sent["api_key"] == google_tts.api_key
    assert sent["voice"] == {"languageCode": "en-GB", "name": "en-GB-Standard-A"}
    assert sent["audioConfig"] == {"audioEncoding": "LINEAR16", "sampleRateHertz": 24000}


async def test_both_clouds_failing_falls_to_the_local_engine(
    voice_service, tokens, elevenlabs, google_tts
):
    elevenlabs.mode, google_tts.mode = HANG, ERROR
    async with voice_service(
        elevenlabs_api_key=elevenlabs.api_key,
        elevenlabs_base_url=elevenlabs.url,
        google_tts_api_key=google_tts.api_key,
        google_tts_base_url=google_tts.url,
        tts_engine_timeout_seconds=0.5,
    ) as voice:
        answer = await voice.SynthesizeSpeech(
            pb.SynthesizeSpeechRequest(text=unique("Karibu"), language_code="sw"),
            metadata=tokens.metadata(),
        )
    assert answer.engine == voice_pb2.ENGINE_ESPEAK_NG
    assert answer.voice == "voices/espeak-ng-sw"
    assert google_tts.requests[0]["voice"] == {"languageCode": "sw-KE", "ssmlGender": "FEMALE"}


async def test_a_fallback_is_cached_only_until_its_ttl(voice_service, tokens, elevenlabs):
    request = pb.SynthesizeSpeechRequest(text=unique("Confirm with YES"), language_code="en")
    settings = {"elevenlabs_api_key": elevenlabs.api_key, "elevenlabs_base_url": elevenlabs.url}
    elevenlabs.mode = ERROR
    async with voice_service(**settings) as voice:
        fallback = await voice.SynthesizeSpeech(request, metadata=tokens.metadata())
        elevenlabs.mode = "ok"
        kept = await voice.SynthesizeSpeech(request, metadata=tokens.metadata())
    async with voice_service(**settings, audio_cache_fallback_ttl_seconds=0) as voice:
        request.text = unique("Confirm with NO")
        elevenlabs.mode = ERROR
        fallback_now = await voice.SynthesizeSpeech(request, metadata=tokens.metadata())
        elevenlabs.mode = "ok"
        preferred = await voice.SynthesizeSpeech(request, metadata=tokens.metadata())
    assert (fallback.engine, fallback.cache_hit) == (voice_pb2.ENGINE_ESPEAK_NG, False)
    assert (kept.engine, kept.cache_hit) == (voice_pb2.ENGINE_ESPEAK_NG, True)
    assert fallback_now.engine == voice_pb2.ENGINE_ESPEAK_NG
    assert (preferred.engine, preferred.cache_hit) == (voice_pb2.ENGINE_ELEVENLABS, False)


async def test_a_failed_cloud_engine_rests_before_it_is_asked_again(
    voice_service, tokens, elevenlabs
):
    elevenlabs.mode = ERROR
    async with voice_service(
        elevenlabs_api_key=elevenlabs.api_key,
        elevenlabs_base_url=elevenlabs.url,
        engine_cooldown_seconds=600,
    ) as voice:
        for text in ("one", "two"):
            answer = await voice.SynthesizeSpeech(
                pb.SynthesizeSpeechRequest(text=unique(text), language_code="en"),
                metadata=tokens.metadata(),
            )
            assert answer.engine == voice_pb2.ENGINE_ESPEAK_NG
        listed = await voice.ListVoices(
            pb.ListVoicesRequest(engine=voice_pb2.ENGINE_ELEVENLABS), metadata=tokens.metadata()
        )
    assert len(elevenlabs.requests) == 1
    assert [v.available for v in listed.voices] == [False]


async def test_every_engine_failing_is_unavailable_with_retry_info(
    voice_service, tokens, elevenlabs, google_tts
):
    elevenlabs.mode = google_tts.mode = ERROR
    async with voice_service(
        elevenlabs_api_key=elevenlabs.api_key,
        elevenlabs_base_url=elevenlabs.url,
        google_tts_api_key=google_tts.api_key,
        google_tts_base_url=google_tts.url,
        espeak_voice_en="no-such-espeak-voice",  # the local engine fails too
        retry_after_seconds=7,
    ) as voice:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await voice.SynthesizeSpeech(
                pb.SynthesizeSpeechRequest(text=unique("Hello"), language_code="en"),
                metadata=tokens.metadata(),
            )
    assert caught.value.code() == grpc.StatusCode.UNAVAILABLE
    details = details_of(caught.value)
    assert details["ErrorInfo"].reason == "ALL_ENGINES_FAILED"
    assert details["ErrorInfo"].domain == "voice.bitsacco"
    assert details["RetryInfo"].retry_delay.seconds == 7
    assert len(elevenlabs.requests) == len(google_tts.requests) == 1


async def test_a_requested_voice_is_used(voice_service, tokens):
    async with voice_service() as voice:
        answer = await voice.SynthesizeSpeech(
            pb.SynthesizeSpeechRequest(
                text="Ndiyo", language_code="sw", voice="voices/espeak-ng-sw-male"
            ),
            metadata=tokens.metadata(),
        )
    assert answer.voice == "voices/espeak-ng-sw-male"


async def test_an_unconfigured_cloud_voice_falls_back_to_the_local_default(voice_service, tokens):
    async with voice_service() as voice:
        answer = await voice.SynthesizeSpeech(
            pb.SynthesizeSpeechRequest(
                text="Karibu tena", language_code="sw", voice="voices/elevenlabs-default"
            ),
            metadata=tokens.metadata(),
        )
    assert (answer.engine, answer.voice) == (voice_pb2.ENGINE_ESPEAK_NG, "voices/espeak-ng-sw")


@pytest.mark.parametrize(
    ("language", "voice", "code", "reason"),
    [
        ("fr", "", grpc.StatusCode.INVALID_ARGUMENT, "UNSUPPORTED_LANGUAGE"),
        ("en", "voices/nobody", grpc.StatusCode.NOT_FOUND, "VOICE_NOT_FOUND"),
        ("en", "voices/espeak-ng-sw", grpc.StatusCode.INVALID_ARGUMENT, "VOICE_LANGUAGE_MISMATCH"),
    ],
)
async def test_bad_requests(voice_service, tokens, language, voice, code, reason):
    async with voice_service() as stub:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await stub.SynthesizeSpeech(
                pb.SynthesizeSpeechRequest(text="Hello", language_code=language, voice=voice),
                metadata=tokens.metadata(),
            )
    assert caught.value.code() == code
    assert details_of(caught.value)["ErrorInfo"].reason == reason
