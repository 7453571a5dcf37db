"""The local text-to-speech engine: espeak-ng, offline, English and Swahili.

Two ways to reach it: the shared library and voice data bundled in the PyPI `espeakng-loader`
package (works on a fresh machine, no system package), driven through ctypes; or the Debian
`espeak-ng` binary, when installed. `backend="auto"` prefers the library.
"""

from __future__ import annotations

import asyncio
import ctypes
import logging
import shutil
import threading
from collections.abc import Callable

from services.voice.adapters.engines import EngineFailed
from services.voice.audio_codec import Pcm, pcm_of_wav
from services.voice.catalogue import Engine, VoiceSpec

log = logging.getLogger("bitsacco.voice.espeak")

# espeak-ng's C API (speak_lib.h).
_AUDIO_OUTPUT_SYNCHRONOUS = 0x02
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_PARAM_RATE = 1
_EE_OK = 0
_SYNTH_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


class _EspeakLibrary:
    """libespeak-ng keeps global state: one instance per process, one synthesis at a time."""

    _instance: _EspeakLibrary | None = None
    _instance_lock = threading.Lock()

    def __init__(self) -> None:
        import espeakng_loader

        lib = ctypes.CDLL(espeakng_loader.get_library_path())
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_SetSynthCallback.argtypes = [_SYNTH_CALLBACK]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetVoiceByName.restype = ctypes.c_int
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_SetParameter.restype = ctypes.c_int
        lib.espeak_Synth.argtypes = [
            ctypes.c_char_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        lib.espeak_Synth.restype = ctypes.c_int
        lib.espeak_Synchronize.restype = ctypes.c_int
        data = espeakng_loader.get_data_path().encode()
        self.sample_rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, data, 0)
        if self.sample_rate <= 0:
            raise EngineFailed("espeak-ng could not be initialised")
        self._lib = lib
        self._chunks: list[bytes] = []
        self._callback = _SYNTH_CALLBACK(self._collect)  # kept referenced while the lib uses it
        lib.espeak_SetSynthCallback(self._callback)
        self._lock = threading.Lock()

    @classmethod
    def shared(cls) -> _EspeakLibrary:
        with cls._instance_lock:
            if cls._instance is None:
                cls._instance = cls()
            return cls._instance

    def _collect(self, wav, count, _events) -> int:
        if count > 0 and wav:
            self._chunks.append(ctypes.string_at(wav, count * 2))
        return 0  # carry on

    def speak(self, text: str, variant: str, rate_wpm: int) -> Pcm:
        encoded = text.encode("utf-8")
        with self._lock:
            self._chunks = []
            if self._lib.espeak_SetVoiceByName(variant.encode()) != _EE_OK:
                raise EngineFailed(f"espeak-ng has no voice {variant!r}")
            self._lib.espeak_SetParameter(_PARAM_RATE, rate_wpm, 0)
            status = self._lib.espeak_Synth(
                encoded, len(encoded) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None
            )
            self._lib.espeak_Synchronize()
            samples, self._chunks = b"".join(self._chunks), []
        if status != _EE_OK:
            raise EngineFailed(f"espeak-ng failed with status {status}")
        return Pcm(samples, self.sample_rate)


def _speak_with_binary(binary: str) -> Callable[[str, str, int], Pcm]:
    import subprocess

    def speak(text: str, variant: str, rate_wpm: int) -> Pcm:
        # A fixed binary, arguments as a list, the text on stdin: nothing reaches a shell.
        result = subprocess.run(  # noqa: S603
            [binary, "-v", variant, "-s", str(rate_wpm), "--stdin", "--stdout"],
            input=text.encode("utf-8"),
            capture_output=True,
            timeout=60,
            check=False,
        )
        if result.returncode != 0:
            raise EngineFailed(f"espeak-ng exited with {result.returncode}")
        try:
            return pcm_of_wav(result.stdout)
        except ValueError as exc:
            raise EngineFailed(f"espeak-ng wrote no usable WAV: {exc}") from exc

    return speak


def _choose_backend(backend: str) -> Callable[[str, str, int], Pcm]:
    if backend in ("auto", "library"):
        try:
            return _EspeakLibrary.shared().speak
        except (ImportError, OSError):
            if backend == "library":
                raise
    binary = shutil.which("espeak-ng")
    if binary is None:
        raise RuntimeError("espeak-ng is not available: install espeakng-loader or espeak-ng")
    return _speak_with_binary(binary)


class EspeakSynthesizer:
    engine = Engine.ESPEAK_NG

    def __init__(self, backend: str = "auto", rate_wpm: int = 150) -> None:
        self._rate = rate_wpm
        try:
            self._speak: Callable[[str, str, int], Pcm] | None = _choose_backend(backend)
        except (ImportError, OSError, RuntimeError, EngineFailed):
            # The service still starts: cloud engines and transcription may work without it.
            log.exception("the local text-to-speech engine is unavailable")
            self._speak = None

    @property
    def configured(self) -> bool:
        return self._speak is not None

    def fingerprint(self, voice: VoiceSpec, language: str) -> str:
        return f"{voice.engine_voice}@{self._rate}wpm"

    async def synthesize(self, text: str, language: str, voice: VoiceSpec) -> Pcm:
        if self._speak is None:
            raise EngineFailed("espeak-ng is not available on this machine")
        return await asyncio.to_thread(self._speak, text, voice.engine_voice, self._rate)

    async def close(self) -> None:
        return None
