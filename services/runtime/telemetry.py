"""OpenTelemetry tracing (exported over OTLP only when configured) and Prometheus metrics."""

from __future__ import annotations

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from prometheus_client import Counter, Histogram, start_http_server

RPC_LATENCY = Histogram(
    "bitsacco_rpc_duration_seconds",
    "Server-side latency of each RPC.",
    ["service", "method"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
RPC_HANDLED = Counter(
    "bitsacco_rpc_handled_total",
    "RPCs completed, by gRPC status code.",
    ["service", "method", "code"],
)


def configure_tracing(service: str, otlp_endpoint: str | None) -> None:
    provider = TracerProvider(resource=Resource.create({"service.name": f"bitsacco-{service}"}))
    if otlp_endpoint:
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=otlp_endpoint)))
    trace.set_tracer_provider(provider)


def serve_metrics(port: int | None, host: str = "127.0.0.1") -> None:
    if port is not None:
        start_http_server(port, addr=host)
