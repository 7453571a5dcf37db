"""Encoding and decoding with PyAV (FFmpeg): PCM in the middle, containers at the edges.

CPU-bound and blocking: callers run these in a worker thread.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass

import av

from services.voice.audio_formats import (
    ENCODINGS,
    OutputFormat,
    audio_too_long,
    unsupported_audio,
)

SAMPLE_WIDTH = 2  # signed 16-bit


@dataclass(frozen=True)
class Pcm:
    """Mono signed 16-bit little-endian samples."""

    samples: bytes
    sample_rate: int

    @property
    def sample_count(self) -> int:
        return len(self.samples) // SAMPLE_WIDTH

    @property
    def seconds(self) -> float:
        return self.sample_count / self.sample_rate if self.sample_rate else 0.0

    def padded_to(self, seconds: float) -> Pcm:
        """At least `seconds` long, with silence after the samples."""
        missing = int(seconds * self.sample_rate) - self.sample_count
        if missing <= 0:
            return self
        return Pcm(self.samples + b"\0" * (missing * SAMPLE_WIDTH), self.sample_rate)


def _frame_of(pcm: Pcm) -> av.AudioFrame:
    frame = av.AudioFrame(format="s16", layout="mono", samples=pcm.sample_count)
    frame.planes[0].update(pcm.samples)
    frame.sample_rate = pcm.sample_rate
    return frame


def _samples_of(frame: av.AudioFrame) -> bytes:
    return bytes(frame.planes[0])[: frame.samples * SAMPLE_WIDTH]


def resample(pcm: Pcm, rate: int) -> Pcm:
    if pcm.sample_rate == rate or not pcm.samples:
        return Pcm(pcm.samples, rate if not pcm.samples else pcm.sample_rate)
    resampler = av.AudioResampler(format="s16", layout="mono", rate=rate)
    out = [_samples_of(f) for f in [*resampler.resample(_frame_of(pcm)), *resampler.resample(None)]]
    return Pcm(b"".join(out), rate)


def encode(pcm: Pcm, audio_format: OutputFormat) -> bytes:
    """`pcm` in the container and codec of `audio_format` (mono, at that format's rate)."""
    encoding = ENCODINGS[audio_format]
    out = io.BytesIO()
    with av.open(out, mode="w", format=encoding.container) as container:
        stream = container.add_stream(encoding.codec, rate=encoding.sample_rate, layout="mono")
        if encoding.bit_rate:
            stream.bit_rate = encoding.bit_rate
        if encoding.codec == "libopus":
            # Tuned for speech; complexity 5 of 10 halves the encoding time, sounds the same.
            stream.options = {"application": "voip", "compression_level": "5"}
        codec_format = stream.codec_context.format
        resampler = av.AudioResampler(
            format=codec_format.name if codec_format else "s16",
            layout="mono",
            rate=encoding.sample_rate,
        )
        frames = resampler.resample(_frame_of(pcm)) if pcm.samples else []
        for frame in [*frames, *resampler.resample(None)]:
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return out.getvalue()


def decode(
    data: bytes, demuxer: str, rate: int, max_seconds: float | None = None
) -> tuple[Pcm, str]:
    """The first audio stream of `data`, read only with `demuxer`, as mono PCM at `rate`; and
    the codec it was in. UNSUPPORTED_AUDIO_FORMAT when it cannot be read; AUDIO_TOO_LONG past
    `max_seconds` (checked while decoding, so a small file that expands hugely stops early)."""
    try:
        container = av.open(io.BytesIO(data), mode="r", format=demuxer)
    except (av.FFmpegError, ValueError, OSError) as exc:
        raise unsupported_audio(f"The audio could not be read as {demuxer}.") from exc
    with container:
        if not container.streams.audio:
            raise unsupported_audio("The file holds no audio.")
        stream = container.streams.audio[0]
        if max_seconds is not None and container.duration is not None:
            declared = container.duration / av.time_base
            if declared > max_seconds + 1:
                raise audio_too_long(declared)
        limit = None if max_seconds is None else int((max_seconds + 0.5) * rate) * SAMPLE_WIDTH
        resampler = av.AudioResampler(format="s16", layout="mono", rate=rate)
        chunks: list[bytes] = []
        size = 0
        try:
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    chunk = _samples_of(out)
                    chunks.append(chunk)
                    size += len(chunk)
                if limit is not None and size > limit:
                    raise audio_too_long(size / SAMPLE_WIDTH / rate)
        except av.FFmpegError as exc:
            if not chunks:  # nothing readable at all; a truncated tail keeps what came before
                raise unsupported_audio(f"The audio could not be decoded as {demuxer}.") from exc
        for out in resampler.resample(None):
            chunks.append(_samples_of(out))
        return Pcm(b"".join(chunks), rate), stream.codec_context.name


def wav_of(pcm: Pcm) -> bytes:
    """A WAV file of `pcm` at its own sample rate (what a cloud engine is sent)."""
    out = io.BytesIO()
    with av.open(out, mode="w", format="wav") as container:
        stream = container.add_stream("pcm_s16le", rate=pcm.sample_rate, layout="mono")
        if pcm.samples:
            for packet in stream.encode(_frame_of(pcm)):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return out.getvalue()


_PLACEHOLDER_SIZES = (0, 0xFFFFFFFF, 0x7FFFFFFF)


def pcm_of_wav(data: bytes) -> Pcm:
    """The samples of a mono 16-bit PCM WAV. Also reads a WAV written to a pipe (espeak-ng
    --stdout), whose size fields are placeholders. ValueError when it is not such a WAV."""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError("not a WAV file")
    position, rate = 12, 0
    while position + 8 <= len(data):
        chunk, size = data[position : position + 4], struct.unpack_from("<I", data, position + 4)[0]
        if chunk == b"fmt ":
            tag, channels, rate = struct.unpack_from("<HHI", data, position + 8)
            bits = struct.unpack_from("<H", data, position + 22)[0]
            if tag != 1 or channels != 1 or bits != 16:
                raise ValueError("not mono 16-bit PCM")
        elif chunk == b"data":
            if not rate:
                raise ValueError("samples before the format")
            body = data[position + 8 :]
            if size not in _PLACEHOLDER_SIZES and size <= len(body):
                body = body[:size]
            return Pcm(body[: len(body) // SAMPLE_WIDTH * SAMPLE_WIDTH], rate)
        position += 8 + size + (size & 1)
    raise ValueError("no samples")
