"""Run the scripted services on the runtime and a real Envoy in front of them, configured by the
same `gateway.config` source as `make run` and Kubernetes (only the addresses differ)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from gateway import addresses
from gateway.contract import REPO
from gateway.launch import envoy_argv, wait_healthy, write_config
from gateway.settings import GatewaySettings
from services.runtime import server
from services.runtime.settings import RuntimeSettings
from tests.harness import free_port
from tests.integration.gateway.scripted_services import Inbox, scripted_services
from tests.integration.gateway.tokens import SigningKey, verifier_for


@dataclass
class Upstreams:
    servers: dict[str, server.RunningServer]
    servicers: dict[str, object]
    inbox: Inbox
    keys: list[SigningKey]

    @property
    def ports(self) -> dict[str, int]:
        return {name: running.port for name, running in self.servers.items()}


@asynccontextmanager
async def run_upstreams(keys: list[SigningKey]) -> AsyncIterator[Upstreams]:
    inbox = Inbox()
    verifier = verifier_for(*keys)
    servers = {}
    services = scripted_services(keys, inbox)
    try:
        for service in services:
            settings = RuntimeSettings(
                service_name=service.name,
                grpc_port=free_port(),
                metrics_port=-1,
                shutdown_grace_seconds=1,
            )
            servers[service.name] = await server.start(service, settings, verifier)
        servicers = {service.name: service.servicers[0] for service in services}
        yield Upstreams(servers, servicers, inbox, keys)
    finally:
        for running in servers.values():
            await running.stop()


@dataclass
class Gateway:
    settings: GatewaySettings
    config: Path
    log: Path
    process: asyncio.subprocess.Process

    @property
    def port(self) -> int:
        return self.settings.gateway_port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"

    def access_log(self) -> list[dict]:
        entries = []
        for line in self.log.read_text().splitlines():
            with contextlib.suppress(ValueError):
                entry = json.loads(line)
                if entry.get("logger") == "gateway.access":
                    entries.append(entry)
        return entries


def gateway_settings(**overrides) -> GatewaySettings:
    return GatewaySettings(
        gateway_host="127.0.0.1",
        gateway_port=free_port(),
        gateway_admin_port=free_port(),
        gateway_cors_origins=("https://app.bitsacco.test",),
        **overrides,
    )


@asynccontextmanager
async def run_gateway(
    workdir: Path,
    upstreams: Upstreams | None,
    settings: GatewaySettings,
    *,
    ports: dict[str, int] | None = None,
    key: SigningKey | None = None,
) -> AsyncIterator[Gateway]:
    """Envoy in front of `upstreams` (or of services on `ports` publishing `key`), healthy and
    holding the users service's key set."""
    ports = ports or upstreams.ports
    key = key or upstreams.keys[0]
    config = write_config(
        workdir / f"envoy-{settings.gateway_port}.yaml", settings, addresses.embedded(ports=ports)
    )
    log = workdir / f"envoy-{settings.gateway_port}.log"
    with log.open("wb") as sink:
        process = await asyncio.create_subprocess_exec(
            *envoy_argv(config, settings.gateway_workers), cwd=REPO, stdout=sink, stderr=sink
        )
    gateway = Gateway(settings, config, log, process)
    try:
        if not await wait_healthy(settings.gateway_port, within_seconds=30):
            raise RuntimeError(f"Envoy did not become healthy:\n{log.read_text()[-4000:]}")
        await _wait_for_key_set(gateway, key)
        yield gateway
    finally:
        if process.returncode is None:
            process.terminate()
            await asyncio.wait_for(process.wait(), 10)


async def _wait_for_key_set(gateway: Gateway, key: SigningKey, within_seconds: float = 15) -> None:
    """The JWKS is fetched in the background once the listener is up; wait until it is in."""
    deadline = time.monotonic() + within_seconds
    headers = {"authorization": f"Bearer {key.token()}"}
    async with httpx.AsyncClient(base_url=gateway.url) as client:
        while time.monotonic() < deadline:
            if (await client.get("/v1/price", headers=headers)).status_code != 401:
                return
            await asyncio.sleep(0.2)
    raise RuntimeError("the gateway never accepted a token signed by the published key")
