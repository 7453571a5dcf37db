"""python -m services.voice: run the voice service."""

from services.runtime.bootstrap import run_service
from services.voice.service import build
from services.voice.settings import VoiceSettings

run_service("voice", build, VoiceSettings)
