"""What makes two synthesis requests the same: the cache key. Plain rules, no I/O."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def spoken_text(text: str) -> str:
    """The text as it will be spoken: Unicode-normalised, runs of white space made one space
    (they sound the same, so they share a cache entry)."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def audio_cache_key(
    engine: str, fingerprint: str, voice: str, language: str, audio_format: str, text: str
) -> str:
    """sha256 over everything that decides the audio: the engine and its configuration (model,
    speed…), the voice, the language, the output format and the text's digest."""
    parts = (engine, fingerprint, voice, language, audio_format, text_digest(text))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
