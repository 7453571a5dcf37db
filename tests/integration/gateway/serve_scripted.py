"""Serve the scripted services in a process of their own (for benchmarks), on the given ports,
publishing the given key. Prints `ready` once every server is SERVING; stops on SIGTERM/SIGINT.

    python -m tests.integration.gateway.serve_scripted <kid> <pem file> '<{"users": 1234, …}>'
"""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from pathlib import Path

import uvloop

from services.runtime import server
from services.runtime.settings import RuntimeSettings
from tests.integration.gateway.scripted_services import Inbox, scripted_services
from tests.integration.gateway.tokens import SigningKey, verifier_for


async def main(key: SigningKey, ports: dict[str, int]) -> None:
    inbox = Inbox()
    inbox.calls = _Discard()  # a benchmark's millions of calls are not kept
    running = []
    for service in scripted_services([key], inbox):
        settings = RuntimeSettings(
            service_name=service.name,
            grpc_port=ports[service.name],
            metrics_port=-1,
            shutdown_grace_seconds=1,
            log_level="WARNING",
        )
        running.append(await server.start(service, settings, verifier_for(key)))
    print("ready", flush=True)
    stopping = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, stopping.set)
    await stopping.wait()
    for one in running:
        await one.stop()


class _Discard(list):
    def append(self, item) -> None:
        pass


if __name__ == "__main__":
    signing_key = SigningKey.from_pem(sys.argv[1], Path(sys.argv[2]).read_bytes())
    uvloop.run(main(signing_key, json.loads(sys.argv[3])))
