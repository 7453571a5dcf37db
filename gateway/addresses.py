"""Where the gateway finds things: the one part that differs between the embedded shape
(`make run`, every service on 127.0.0.1) and Kubernetes (service DNS names).

Everything else in the Envoy configuration comes from one source, `gateway.config`. Even the
descriptor set is found the same way in both: `gen/descriptor/bitsacco.binpb` relative to Envoy's
working directory (the repository for `make run`; the gateway pod's workingDir in Kubernetes).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from services.runtime.settings import SERVICE_PORTS

# Every pod listens on the same port; the service's DNS name tells them apart.
KUBERNETES_GRPC_PORT = 50051
KUBERNETES_NAMESPACE = "bitsacco"
OTLP_PORT = 4317


@dataclass(frozen=True)
class Addresses:
    name: str
    # service (users, wallet, …) → (host, port) of its gRPC server
    upstreams: Mapping[str, tuple[str, int]]
    # OTLP/gRPC collector for the gateway's spans (nothing listening is fine: spans are dropped).
    otlp: tuple[str, int]


def embedded(ports: Mapping[str, int] = SERVICE_PORTS) -> Addresses:
    return Addresses(
        name="embedded",
        upstreams={name: ("127.0.0.1", port) for name, port in ports.items()},
        otlp=("127.0.0.1", OTLP_PORT),
    )


def kubernetes(namespace: str = KUBERNETES_NAMESPACE) -> Addresses:
    """Headless Services, so Envoy resolves every pod and balances requests, not connections."""
    return Addresses(
        name="kubernetes",
        upstreams={
            name: (f"{name}.{namespace}.svc.cluster.local", KUBERNETES_GRPC_PORT)
            for name in SERVICE_PORTS
        },
        otlp=(f"otel-collector.{namespace}.svc.cluster.local", OTLP_PORT),
    )
