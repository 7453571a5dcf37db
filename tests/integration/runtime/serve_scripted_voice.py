"""Run the scripted voice service as its own process, for the graceful-shutdown test."""

import sys

import uvloop

from services.runtime.server import serve_until_signalled
from services.runtime.settings import RuntimeSettings
from tests.integration.runtime.voice_servicer import scripted_service

settings = RuntimeSettings(
    service_name="voice", grpc_port=int(sys.argv[1]), metrics_port=-1, shutdown_grace_seconds=5
)
uvloop.run(serve_until_signalled(scripted_service(), settings, verifier=None))
