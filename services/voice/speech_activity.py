"""Was anything said? A recording with no speech gets an empty transcript without asking an
engine (a grammar-constrained recognizer would otherwise "hear" a command in silence)."""

from __future__ import annotations

import array
import math

import pocketsphinx

from services.voice.audio_codec import Pcm

# Below this peak (about -50 dBFS) a recording is silence, whatever the detector says.
QUIET_PEAK = 100
# Speech must last at least this long in total to count.
MIN_SPEECH_SECONDS = 0.2


def heard_speech(pcm: Pcm) -> bool:
    """True when `pcm` (16 kHz mono) holds at least MIN_SPEECH_SECONDS of voice activity."""
    if not pcm.samples:
        return False
    samples = array.array("h", pcm.samples)
    if max(samples) < QUIET_PEAK and min(samples) > -QUIET_PEAK:
        return False
    vad = pocketsphinx.Vad(pocketsphinx.Vad.LOOSE, pcm.sample_rate, 0.03)
    step = vad.frame_bytes
    needed = math.ceil(MIN_SPEECH_SECONDS / vad.frame_length)
    voiced = 0
    for offset in range(0, len(pcm.samples) - step + 1, step):
        if vad.is_speech(pcm.samples[offset : offset + step]):
            voiced += 1
            if voiced >= needed:
                return True
    return False
