"""python -m services.voice: run the voice service."""

from services.runtime.bootstrap import run_service
from services.voice.service import build

run_service("voice", build)
