"""Start a service the same way everywhere: one grpc.aio server with health, reflection,
interceptors, metrics and graceful shutdown on SIGTERM."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

import grpc
from google.protobuf.descriptor import ServiceDescriptor
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from opentelemetry.instrumentation.grpc import aio_server_interceptor

from services.runtime.auth import TokenVerifier
from services.runtime.interceptors.authentication import AuthenticationInterceptor
from services.runtime.interceptors.errors import ErrorInterceptor
from services.runtime.interceptors.observability import ObservabilityInterceptor
from services.runtime.interceptors.validation import ValidationInterceptor
from services.runtime.logs import configure_logging
from services.runtime.settings import RuntimeSettings
from services.runtime.telemetry import configure_tracing, serve_metrics

log = logging.getLogger("bitsacco.server")

BackgroundTask = Callable[[], Awaitable[None]]


@dataclass(frozen=True)
class Service:
    """What a service hands the runtime: its servicers and the work that runs beside them."""

    name: str
    servicers: Sequence[object]
    # Full method names ("/pkg.Service/Method") callable without a bearer token.
    public_methods: frozenset[str] = frozenset()
    # Long-running loops (workers, relays, schedulers), cancelled on shutdown.
    background: Sequence[BackgroundTask] = field(default_factory=tuple)


@dataclass(frozen=True)
class _Registration:
    servicer: object
    add_to_server: Callable[[object, grpc.aio.Server], None]
    descriptor: ServiceDescriptor
    unimplemented: frozenset[str]


def _register(servicer: object) -> _Registration:
    """Find the generated `<X>Servicer` base of `servicer`, its add function and descriptor."""
    for base in type(servicer).__mro__:
        if base.__module__.endswith("_pb2_grpc") and base.__name__.endswith("Servicer"):
            break
    else:
        raise TypeError(f"{type(servicer).__name__} does not extend a generated Servicer")
    grpc_module = sys.modules[base.__module__]
    pb2_module = sys.modules[base.__module__.removesuffix("_grpc")]
    descriptor = pb2_module.DESCRIPTOR.services_by_name[base.__name__.removesuffix("Servicer")]
    unimplemented = frozenset(
        f"/{descriptor.full_name}/{method.name}"
        for method in descriptor.methods
        if getattr(type(servicer), method.name) is getattr(base, method.name)
    )
    return _Registration(
        servicer=servicer,
        add_to_server=getattr(grpc_module, f"add_{base.__name__}_to_server"),
        descriptor=descriptor,
        unimplemented=unimplemented,
    )


class RunningServer:
    def __init__(
        self,
        server: grpc.aio.Server,
        health_servicer: health.aio.HealthServicer,
        port: int,
        tasks: list[asyncio.Task],
        grace: float,
    ) -> None:
        self.server = server
        self.health = health_servicer
        self.port = port
        self._tasks = tasks
        self._grace = grace

    async def stop(self) -> None:
        """Report NOT_SERVING, stop background work, refuse new calls, drain in-flight ones."""
        await self.health.enter_graceful_shutdown()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.server.stop(self._grace)


async def start(
    service: Service, settings: RuntimeSettings, verifier: TokenVerifier | None
) -> RunningServer:
    registrations = [_register(s) for s in service.servicers]
    unimplemented = frozenset().union(*(r.unimplemented for r in registrations))
    server = grpc.aio.server(
        interceptors=[
            aio_server_interceptor(),
            ObservabilityInterceptor(service.name),
            ErrorInterceptor(service.name, unimplemented),
            AuthenticationInterceptor(verifier, service.public_methods),
            ValidationInterceptor(),
        ],
        options=[("grpc.so_reuseport", 1), ("grpc.max_receive_message_length", 20 * 1024 * 1024)],
    )
    health_servicer = health.aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    names = []
    for registration in registrations:
        registration.add_to_server(registration.servicer, server)
        names.append(registration.descriptor.full_name)
    reflection.enable_server_reflection(
        [
            *names,
            health_pb2.DESCRIPTOR.services_by_name["Health"].full_name,
            reflection.SERVICE_NAME,
        ],
        server,
    )
    port = server.add_insecure_port(f"{settings.grpc_host}:{settings.resolved_grpc_port()}")
    await server.start()
    for name in ["", *names]:
        await health_servicer.set(name, health_pb2.HealthCheckResponse.SERVING)
    tasks = [
        asyncio.create_task(job(), name=getattr(job, "__name__", "job"))
        for job in service.background
    ]
    log.info("serving", extra={"port": port, "services": names})
    return RunningServer(server, health_servicer, port, tasks, settings.shutdown_grace_seconds)


async def serve_until_signalled(service: Service, settings: RuntimeSettings, verifier) -> None:
    running = await start(service, settings, verifier)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopping.set)
    await stopping.wait()
    log.info("shutting down", extra={"grace_seconds": settings.shutdown_grace_seconds})
    await running.stop()


def configure_process(settings: RuntimeSettings) -> None:
    """Logs, tracing and the metrics endpoint: once per process."""
    configure_logging(settings.service_name, settings.log_level)
    configure_tracing(settings.service_name, settings.otel_exporter_otlp_endpoint)
    try:
        serve_metrics(settings.resolved_metrics_port(), settings.grpc_host)
    except OSError as exc:  # a taken metrics port must not keep the service itself down
        log.warning("metrics endpoint not started: %s", exc)
