"""python -m services.ai: run the ai service."""

from services.ai.service import build
from services.runtime.bootstrap import run_service

run_service("ai", build)
