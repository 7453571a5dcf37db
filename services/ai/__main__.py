"""python -m services.ai: run the ai service."""

from services.ai.service import build
from services.ai.settings import AiSettings
from services.runtime.bootstrap import run_service

run_service("ai", build, AiSettings)
