"""What audio comes in and goes out as: output encodings, accepted input types, limits.

Plain rules, no I/O: the codec work itself is in `audio_codec.py`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from services.runtime.errors import FieldViolation, InvalidArgument

# Longest recording TranscribeAudio accepts.
MAX_TRANSCRIBE_SECONDS = 300.0
# What the recognizers are fed: 16 kHz, mono, signed 16-bit little-endian PCM.
RECOGNIZER_SAMPLE_RATE = 16_000


class OutputFormat(enum.Enum):
    OGG_OPUS = "ogg_opus"
    MP3 = "mp3"
    WAV = "wav"


@dataclass(frozen=True)
class Encoding:
    content_type: str
    container: str  # the FFmpeg muxer
    codec: str  # the FFmpeg encoder
    sample_rate: int
    bit_rate: int | None  # None: uncompressed


ENCODINGS = {
    # A WhatsApp voice note: Ogg Opus, mono; 32 kbit/s is plenty for speech.
    OutputFormat.OGG_OPUS: Encoding("audio/ogg; codecs=opus", "ogg", "libopus", 48_000, 32_000),
    OutputFormat.MP3: Encoding("audio/mpeg", "mp3", "libmp3lame", 22_050, 48_000),
    OutputFormat.WAV: Encoding("audio/wav", "wav", "pcm_s16le", 16_000, None),
}

# Accepted input MIME subtypes (`audio/<subtype>`) and the only FFmpeg demuxer each may be read
# with. The demuxer is never guessed from the bytes: probing would let a crafted file pick a
# demuxer that reads other files or URLs (hls, concat).
INPUT_DEMUXERS = {
    "ogg": "ogg",
    "opus": "ogg",
    "mpeg": "mp3",
    "mp3": "mp3",
    "mpeg3": "mp3",
    "x-mpeg-3": "mp3",
    "wav": "wav",
    "wave": "wav",
    "x-wav": "wav",
    "vnd.wave": "wav",
    "amr": "amr",
    "amr-wb": "amr",
    "mp4": "mp4",
    "m4a": "mp4",
    "x-m4a": "mp4",
    "3gpp": "mp4",
    "aac": "aac",
    "x-aac": "aac",
    "webm": "matroska",
    "flac": "flac",
    "x-flac": "flac",
}

# File names a cloud transcriber recognises the original bytes by; other inputs are sent as WAV.
CLOUD_UPLOAD_NAMES = {
    "ogg": "voice.ogg",
    "mp3": "voice.mp3",
    "wav": "voice.wav",
    "mp4": "voice.m4a",
    "matroska": "voice.webm",
    "flac": "voice.flac",
}


def demuxer_for(content_type: str) -> str:
    """The demuxer for a MIME type such as `audio/ogg; codecs=opus`; UNSUPPORTED_AUDIO_FORMAT
    when it is not one of ours."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    kind, _, subtype = media_type.partition("/")
    demuxer = INPUT_DEMUXERS.get(subtype) if kind == "audio" else None
    if demuxer is None:
        raise unsupported_audio(f"Audio of type {media_type!r} is not supported.")
    return demuxer


def unsupported_audio(message: str) -> InvalidArgument:
    return InvalidArgument(
        "UNSUPPORTED_AUDIO_FORMAT",
        message,
        violations=[FieldViolation("audio_content", message)],
    )


def audio_too_long(seconds: float) -> InvalidArgument:
    message = f"The recording is longer than {MAX_TRANSCRIBE_SECONDS / 60:.0f} minutes" + (
        f" ({seconds:.0f} s)." if seconds else "."
    )
    return InvalidArgument(
        "AUDIO_TOO_LONG",
        message,
        metadata={"max_seconds": f"{MAX_TRANSCRIBE_SECONDS:.0f}"},
        violations=[FieldViolation("audio_content", message)],
    )
