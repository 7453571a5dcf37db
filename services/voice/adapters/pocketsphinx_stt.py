"""The local speech-to-text engine: pocketsphinx's English model constrained by the command
grammar (see command_grammar.py). Offline, English only; Swahili comes back as the closest
English command with a confidence that says not to trust it."""

from __future__ import annotations

import asyncio
import logging
import os

import pocketsphinx

from services.voice.adapters.engines import Recording, Transcript
from services.voice.audio_formats import RECOGNIZER_SAMPLE_RATE
from services.voice.catalogue import Engine
from services.voice.command_grammar import (
    GRAMMAR_NAME,
    JSGF,
    PRONUNCIATIONS,
    confidence_for,
    tidy_transcript,
)

log = logging.getLogger("bitsacco.voice.pocketsphinx")


def new_decoder() -> pocketsphinx.Decoder:
    """A decoder listening for the command grammar (about 30 MB; not thread-safe)."""
    config = pocketsphinx.Config(samprate=RECOGNIZER_SAMPLE_RATE, lm=None, logfn=os.devnull)
    decoder = pocketsphinx.Decoder(config)
    for word, phones in PRONUNCIATIONS.items():
        decoder.add_word(word, phones, True)
    decoder.add_jsgf_string(GRAMMAR_NAME, JSGF)
    decoder.activate_search(GRAMMAR_NAME)
    return decoder


def decode_commands(decoder: pocketsphinx.Decoder, samples: bytes) -> tuple[str, float]:
    """The grammar sentence closest to `samples` (16 kHz mono s16le) and its posterior
    probability; ("", 0.0) when no sentence fits."""
    decoder.start_utt()
    decoder.process_raw(samples, full_utt=True)
    decoder.end_utt()
    hypothesis = decoder.hyp()
    if hypothesis is None or not hypothesis.hypstr.strip():
        return "", 0.0
    return hypothesis.hypstr, float(hypothesis.prob)


class PocketsphinxRecognizer:
    engine = Engine.POCKETSPHINX

    def __init__(self, workers: int = 2) -> None:
        self._slots = asyncio.Semaphore(max(1, workers))
        self._idle: list[pocketsphinx.Decoder] = []  # made on first need, then reused

    @property
    def configured(self) -> bool:
        return True

    async def transcribe(self, recording: Recording, language: str | None) -> Transcript:
        async with self._slots:
            decoder = self._idle.pop() if self._idle else await asyncio.to_thread(new_decoder)
            # A decoder that fails (or whose caller gives up) mid-utterance is dropped, not reused.
            words, posterior = await asyncio.to_thread(
                decode_commands, decoder, recording.pcm.samples
            )
            self._idle.append(decoder)
        spoken = language or "en"
        if not words:
            return Transcript("", None, spoken)
        return Transcript(tidy_transcript(words), confidence_for(posterior, spoken), spoken)

    async def close(self) -> None:
        return None
