"""The voice service's settings (environment variables; secrets have no default).

Text to speech tries ElevenLabs (when ELEVENLABS_API_KEY is set), then Google Cloud
Text-to-Speech (when GOOGLE_TTS_API_KEY is set), then the local espeak-ng. Speech to text tries
OpenAI (when OPENAI_API_KEY is set), then the local pocketsphinx.
"""

from __future__ import annotations

from pydantic import Field, SecretStr

from services.runtime.settings import RuntimeSettings


class VoiceSettings(RuntimeSettings):
    service_name: str = "voice"

    # Who may call: service identities ("services/{name}") named here, and members
    # ("users/{id}") whose token a service forwards.
    voice_caller_services: list[str] = Field(default_factory=lambda: ["ai", "notification"])
    voice_allow_members: bool = True

    # ElevenLabs (text to speech).
    elevenlabs_api_key: SecretStr | None = None
    elevenlabs_base_url: str | None = None  # None: the SDK's default (https://api.elevenlabs.io)
    elevenlabs_voice_id: str = "EXAVITQu4vr4xnSDxMaL"  # a premade multilingual voice
    elevenlabs_voice_display_name: str = "ElevenLabs multilingual (female)"
    elevenlabs_model_en: str = "eleven_flash_v2_5"
    elevenlabs_model_sw: str = "eleven_v3"  # the ElevenLabs model that speaks Swahili

    # Google Cloud Text-to-Speech, REST with an API key.
    google_tts_api_key: SecretStr | None = None
    google_tts_base_url: str = "https://texttospeech.googleapis.com"
    google_tts_voice_en: str = "en-GB-Standard-A"
    google_tts_voice_sw: str = ""  # empty: Google picks a sw-KE voice by language and gender

    # OpenAI transcription (speech to text).
    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None  # None: the SDK's default (https://api.openai.com/v1)
    openai_transcription_model: str = "whisper-1"

    # How long one cloud engine may take before the next one is tried.
    tts_engine_timeout_seconds: float = 8.0
    stt_engine_timeout_seconds: float = 20.0
    # A cloud engine that failed is skipped for this long (0: never skipped).
    engine_cooldown_seconds: float = 30.0

    # The local engines.
    espeak_backend: str = "auto"  # auto | library (PyPI espeakng-loader) | binary (espeak-ng)
    espeak_rate_wpm: int = 150
    espeak_voice_en: str = "en-us+f2"  # the variant pocketsphinx also hears best
    espeak_voice_en_male: str = "en-us+m1"
    espeak_voice_sw: str = "sw+f2"
    espeak_voice_sw_male: str = "sw"
    local_stt_workers: int = 2  # pocketsphinx decoders (each about 30 MB), one call at a time each

    # Synthesized-audio cache: a fallback engine's audio is kept only this long, so the preferred
    # engine is asked again once it is back; the preferred engine's audio is kept until unused
    # for `audio_cache_retention_days`.
    audio_cache_fallback_ttl_seconds: float = 3600.0
    audio_cache_retention_days: float = 30.0

    # RetryInfo sent with UNAVAILABLE ALL_ENGINES_FAILED.
    retry_after_seconds: float = 5.0
