"""python -m services.chama: run the chama service."""

from services.chama.service import build
from services.runtime.bootstrap import run_service

run_service("chama", build)
