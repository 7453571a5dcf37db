import struct

import pytest

from services.runtime.auth import Caller
from services.runtime.errors import InvalidArgument, PermissionDenied
from services.voice.access import authorize
from services.voice.audio_codec import Pcm, pcm_of_wav
from services.voice.audio_formats import demuxer_for
from services.voice.cache_keys import audio_cache_key, spoken_text
from services.voice.catalogue import Engine
from services.voice.engine_health import EngineHealth

# -- cache keys


def test_white_space_does_not_change_what_is_said():
    assert spoken_text("  Habari\n\n yako  ") == "Habari yako"
    assert spoken_text("Cafe\u0301") == "Café"


def test_every_part_of_the_key_matters():
    parts = ["espeak-ng", "sw+f2@150wpm", "voices/espeak-ng-sw", "sw", "ogg_opus", "Habari"]
    key = audio_cache_key(*parts)
    assert len(key) == 64
    for i in range(len(parts)):
        changed = list(parts)
        changed[i] += "x"
        assert audio_cache_key(*changed) != key


# -- engine health


def test_a_failed_engine_rests_then_returns():
    now = [100.0]
    health = EngineHealth(30, clock=lambda: now[0])
    assert health.usable(Engine.ELEVENLABS)
    health.failed(Engine.ELEVENLABS)
    assert not health.usable(Engine.ELEVENLABS)
    assert health.usable(Engine.GOOGLE)
    now[0] += 30
    assert health.usable(Engine.ELEVENLABS)


def test_success_ends_the_rest_and_zero_cooldown_never_rests():
    health = EngineHealth(30)
    health.failed(Engine.OPENAI)
    health.succeeded(Engine.OPENAI)
    assert health.usable(Engine.OPENAI)
    eager = EngineHealth(0)
    eager.failed(Engine.OPENAI)
    assert eager.usable(Engine.OPENAI)


# -- access


@pytest.mark.parametrize("subject", ["services/ai", "services/notification", "users/u1"])
def test_allowed_callers(subject):
    authorize(Caller(subject), {"ai", "notification"}, allow_members=True)


@pytest.mark.parametrize(
    ("subject", "members"),
    [("services/wallet", True), ("services/", True), ("users/", True), ("users/u1", False),
     ("robots/ai", True)],
)  # fmt: skip
def test_refused_callers(subject, members):
    with pytest.raises(PermissionDenied) as caught:
        authorize(Caller(subject), {"ai", "notification"}, allow_members=members)
    assert caught.value.reason == "CALLER_NOT_ALLOWED"


# -- input types


@pytest.mark.parametrize(
    ("content_type", "demuxer"),
    [
        ("audio/ogg", "ogg"),
        ("audio/ogg; codecs=opus", "ogg"),
        ("AUDIO/OGG;codecs=opus", "ogg"),
        ("audio/mpeg", "mp3"),
        ("audio/wav", "wav"),
        ("audio/x-wav", "wav"),
        ("audio/amr", "amr"),
        ("audio/mp4", "mp4"),
        ("audio/aac", "aac"),
        ("audio/webm", "matroska"),
    ],
)
def test_accepted_types_name_their_demuxer(content_type, demuxer):
    assert demuxer_for(content_type) == demuxer


@pytest.mark.parametrize("content_type", ["audio/x-mpegurl", "audio/hls", "video/mp4", "audio/"])
def test_other_types_are_unsupported(content_type):
    with pytest.raises(InvalidArgument) as caught:
        demuxer_for(content_type)
    assert caught.value.reason == "UNSUPPORTED_AUDIO_FORMAT"


# -- WAV as engines write it


def wav_bytes(samples: bytes, rate: int, data_size: int | None = None) -> bytes:
    fmt = struct.pack("<HHIIHH", 1, 1, rate, rate * 2, 2, 16)
    size = len(samples) if data_size is None else data_size
    return (
        b"RIFF"
        + struct.pack("<I", 0xFFFFFFFF if data_size is not None else 36 + len(samples))
        + b"WAVE"
        + b"fmt "
        + struct.pack("<I", len(fmt))
        + fmt
        + b"data"
        + struct.pack("<I", size)
        + samples
    )


def test_a_wav_with_real_sizes():
    pcm = pcm_of_wav(wav_bytes(b"\x01\x00" * 100, 24000) + b"LIST\x04\x00\x00\x00abcd")
    assert pcm == Pcm(b"\x01\x00" * 100, 24000)


def test_a_wav_written_to_a_pipe_has_placeholder_sizes():
    pcm = pcm_of_wav(wav_bytes(b"\x02\x00" * 50, 22050, data_size=0xFFFFFFFF))
    assert (pcm.sample_count, pcm.sample_rate) == (50, 22050)


@pytest.mark.parametrize("data", [b"", b"OggS" + b"\0" * 40, b"RIFF\0\0\0\0WAVE"])
def test_not_a_wav(data):
    with pytest.raises(ValueError):
        pcm_of_wav(data)


def test_pcm_padding():
    pcm = Pcm(b"\x01\x00" * 10, 100)
    assert pcm.padded_to(0.05) is pcm
    assert pcm.padded_to(0.25).sample_count == 25
    assert pcm.padded_to(0.25).seconds == 0.25
