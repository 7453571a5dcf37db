"""The Envoy configuration, built from typed objects (envoy-data-plane) in one place for every
shape: only `Addresses` differ between the embedded and the Kubernetes variants.

One listener serves, side by side:
- native gRPC (`application/grpc`), routed by service prefix, internal methods refused;
- REST/JSON for every RPC with a `google.api.http` binding (grpc_json_transcoder), errors as JSON
  google.rpc.Status; webhooks arrive as `google.api.HttpBody`, path, query and body untouched;
- gRPC-Web (grpc_web + CORS for the configured origins);
- `/healthz` for load balancers (200 while every upstream has a healthy host).

Filter order matters: the transcoder and grpc_web run before jwt_authn, so every request reaches
the token check as a gRPC call with its `/package.Service/Method` path, and one set of rules
(keyed on method paths) covers REST, gRPC-Web and native gRPC alike.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from datetime import timedelta

from betterproto2 import Casing

from gateway.addresses import Addresses
from gateway.contract import Method, Service
from gateway.settings import GatewaySettings
from gateway.yaml_text import dump

with warnings.catch_warnings():
    # envoy-data-plane's generated classes use a pydantic idiom deprecated in pydantic 2.12.
    warnings.simplefilter("ignore", DeprecationWarning)
    from envoy_data_plane.envoy.config.accesslog.v3 import (
        AccessLog,
        AccessLogFilter,
        AndFilter,
        ComparisonFilter,
        ComparisonFilterOp,
        HeaderFilter,
        NotHealthCheckFilter,
        OrFilter,
        StatusCodeFilter,
    )
    from envoy_data_plane.envoy.config.bootstrap.v3 import (
        Admin,
        Bootstrap,
        BootstrapStaticResources,
        LayeredRuntime,
        RuntimeLayer,
    )
    from envoy_data_plane.envoy.config.cluster.v3 import (
        Cluster,
        ClusterDiscoveryType,
        ClusterDnsLookupFamily,
    )
    from envoy_data_plane.envoy.config.common.mutation_rules.v3 import HeaderMutation
    from envoy_data_plane.envoy.config.core.v3 import (
        Address,
        DataSource,
        GrpcService,
        GrpcServiceEnvoyGrpc,
        HealthCheck,
        HealthCheckGrpcHealthCheck,
        Http1ProtocolOptions,
        Http2ProtocolOptions,
        HttpUri,
        Node,
        RuntimeFractionalPercent,
        RuntimeUInt32,
        SocketAddress,
        SubstitutionFormatString,
        TypedExtensionConfig,
    )
    from envoy_data_plane.envoy.config.endpoint.v3 import (
        ClusterLoadAssignment,
        Endpoint,
        LbEndpoint,
        LocalityLbEndpoints,
    )
    from envoy_data_plane.envoy.config.listener.v3 import Filter, FilterChain, Listener
    from envoy_data_plane.envoy.config.overload.v3 import OverloadManager, ResourceMonitor
    from envoy_data_plane.envoy.config.route.v3 import (
        DirectResponseAction,
        HeaderMatcher,
        RetryPolicy,
        RetryPolicyRetryBackOff,
        Route,
        RouteAction,
        RouteActionClusterNotFoundResponseCode,
        RouteActionMaxStreamDuration,
        RouteConfiguration,
        RouteMatch,
        VirtualHost,
    )
    from envoy_data_plane.envoy.config.trace.v3 import OpenTelemetryConfig, TracingHttp
    from envoy_data_plane.envoy.extensions.access_loggers.stream.v3 import StdoutAccessLog
    from envoy_data_plane.envoy.extensions.filters.http.cors.v3 import Cors, CorsPolicy
    from envoy_data_plane.envoy.extensions.filters.http.grpc_json_transcoder.v3 import (
        GrpcJsonTranscoder,
        GrpcJsonTranscoderPrintOptions,
    )
    from envoy_data_plane.envoy.extensions.filters.http.grpc_web.v3 import GrpcWeb
    from envoy_data_plane.envoy.extensions.filters.http.header_mutation.v3 import (
        HeaderMutation as HeaderMutationFilter,
    )
    from envoy_data_plane.envoy.extensions.filters.http.header_mutation.v3 import Mutations
    from envoy_data_plane.envoy.extensions.filters.http.health_check.v3 import (
        HealthCheck as HealthCheckFilter,
    )
    from envoy_data_plane.envoy.extensions.filters.http.jwt_authn.v3 import (
        JwksAsyncFetch,
        JwtAuthentication,
        JwtCacheConfig,
        JwtProvider,
        JwtRequirement,
        RemoteJwks,
        RequirementRule,
    )
    from envoy_data_plane.envoy.extensions.filters.http.local_ratelimit.v3 import LocalRateLimit
    from envoy_data_plane.envoy.extensions.filters.http.router.v3 import Router
    from envoy_data_plane.envoy.extensions.filters.network.http_connection_manager.v3 import (
        HttpConnectionManager,
        HttpConnectionManagerTracing,
        HttpFilter,
        LocalReplyConfig,
        ResponseMapper,
    )
    from envoy_data_plane.envoy.extensions.resource_monitors.downstream_connections.v3 import (
        DownstreamConnectionsConfig,
    )
    from envoy_data_plane.envoy.extensions.upstreams.http.v3 import (
        HttpProtocolOptions,
        HttpProtocolOptionsExplicitHttpConfig,
    )
    from envoy_data_plane.envoy.type.matcher.v3 import RegexMatcher, StringMatcher
    from envoy_data_plane.envoy.type.v3 import (
        FractionalPercent,
        FractionalPercentDenominatorType,
        Percent,
        TokenBucket,
    )
    from envoy_data_plane.google.protobuf import Any, Struct


# Relative to Envoy's working directory, in every shape (see gateway.addresses).
DESCRIPTOR_PATH = "gen/descriptor/bitsacco.binpb"
JWT_PROVIDER = "bitsacco"
JWKS_PATH = "/v1/jwks"
JWKS_CACHE_SECONDS = 60
JWT_CACHE_SIZE = 10_000
JWKS_CLUSTER = "gateway_self"  # the JWKS is fetched through this listener's own /v1/jwks route
JWT_PAYLOAD_HEADER = "x-jwt-payload"
NO_CLUSTER_HEADER = "x-bitsacco-no-cluster"  # always removed on the way in: names no cluster
# Set only here (the token check, the router), never taken from outside.
INTERNAL_HEADERS = (JWT_PAYLOAD_HEADER, NO_CLUSTER_HEADER)
HEALTH_PATH = "/healthz"
OTLP_CLUSTER = "otel_collector"
GRPC_CONTENT_TYPE = "application/grpc"  # a prefix: also application/grpc+proto and grpc-web
HTTP_PROTOCOL_OPTIONS = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions"

# gRPC-Web from the companion app: the headers its client sends and the ones it must read.
CORS_ALLOW_HEADERS = (
    "authorization,content-type,x-grpc-web,x-user-agent,grpc-timeout,x-request-id,traceparent,"
    "keep-alive,user-agent,cache-control,content-transfer-encoding"
)
CORS_EXPOSE_HEADERS = "grpc-status,grpc-message,grpc-status-details-bin,x-request-id"

# One JSON object per request on stdout. The logged path is the gRPC method (after transcoding),
# never the original URL: webhook and media URLs carry capability tokens.
ACCESS_LOG_FORMAT = {
    "time": "%START_TIME%",
    "level": "INFO",
    "logger": "gateway.access",
    "request_id": "%REQ(X-REQUEST-ID)%",
    "trace_id": "%TRACE_ID%",
    "method": "%REQ(:METHOD)%",
    "rpc": "%REQ(:PATH)%",
    "protocol": "%PROTOCOL%",
    "content_type": "%REQ(CONTENT-TYPE)%",
    "status": "%RESPONSE_CODE%",
    "grpc_status": "%GRPC_STATUS%",
    "flags": "%RESPONSE_FLAGS%",
    "details": "%RESPONSE_CODE_DETAILS%",
    "duration_ms": "%DURATION%",
    "upstream_ms": "%RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)%",
    "upstream": "%UPSTREAM_CLUSTER%",
    "upstream_host": "%UPSTREAM_HOST%",
    "bytes_in": "%BYTES_RECEIVED%",
    "bytes_out": "%BYTES_SENT%",
    "client": "%DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%",
    "user_agent": "%REQ(USER-AGENT)%",
}

# Local replies (404 for no route, 401 from the token check, 413, 429, 503 …) to plain HTTP
# clients get the same JSON google.rpc.Status shape the transcoder gives service errors.
# gRPC and gRPC-Web clients get them as grpc-status trailers instead.
LOCAL_REPLY_CODES = {400: 3, 401: 16, 403: 7, 404: 5, 413: 3, 429: 8, 500: 13, 503: 14, 504: 4}


def _seconds(value: float) -> timedelta:
    return timedelta(seconds=value)


def _typed(name: str, config) -> TypedExtensionConfig:
    return TypedExtensionConfig(name=name, typed_config=Any.pack(config))


def _http_filter(name: str, config) -> HttpFilter:
    return HttpFilter(name=name, typed_config=Any.pack(config))


def _address(host: str, port: int) -> Address:
    return Address(socket_address=SocketAddress(address=host, port_value=port))


def _all_of_the_time() -> RuntimeFractionalPercent:
    return RuntimeFractionalPercent(
        default_value=FractionalPercent(
            numerator=100, denominator=FractionalPercentDenominatorType.HUNDRED
        ),
        runtime_key="bitsacco.gateway.enabled",
    )


def _grpc_only() -> list[HeaderMatcher]:
    return [
        HeaderMatcher(name="content-type", string_match=StringMatcher(prefix=GRPC_CONTENT_TYPE))
    ]


# ---------------------------------------------------------------------------------------------
# Routes


def _route_action(
    cluster: str, settings: GatewaySettings, *, streaming: bool = False, retry: bool = False
) -> RouteAction:
    limit = 0.0 if streaming else settings.gateway_unary_timeout_seconds
    action = RouteAction(
        cluster=cluster,
        # Streams get no overall deadline (only the idle timeout); unary calls get one, shortened
        # by the client's grpc-timeout when that asks for less.
        timeout=_seconds(limit),
        max_stream_duration=RouteActionMaxStreamDuration(grpc_timeout_header_max=_seconds(limit)),
    )
    if retry:
        # Retried only when the service was unavailable: the call did nothing there, and the
        # method is a read or keyed by a request_id.
        action.retry_policy = RetryPolicy(
            retry_on="unavailable,connect-failure,refused-stream",
            num_retries=2,
            retry_back_off=RetryPolicyRetryBackOff(
                base_interval=timedelta(milliseconds=25),
                max_interval=timedelta(milliseconds=250),
            ),
        )
    return action


def _methods(service: Service, methods: Sequence[Method], headers=None) -> RouteMatch:
    """Exactly these methods of `service`: one RE2 alternation rather than a route each."""
    names = "|".join(m.name for m in methods)
    regex = f"^{re.escape(service.prefix)}({names})$"
    return RouteMatch(safe_regex=RegexMatcher(regex=regex), headers=headers or [])


def _routes(services: Sequence[Service], settings: GatewaySettings) -> list[Route]:
    routes: list[Route] = []
    for service in services:
        if not any(m.exposed for m in service.methods):
            continue  # nothing of it is reachable from outside: no route at all
        internal = [m for m in service.methods if not m.exposed]
        streaming = [m for m in service.methods if m.exposed and m.streaming]
        retried = [m for m in service.methods if m.exposed and m.idempotent and not m.streaming]
        if internal:
            # Refused at the edge whatever the protocol (gRPC clients see UNIMPLEMENTED).
            routes.append(
                Route(
                    name=f"{service.full_name} internal",
                    match=_methods(service, internal),
                    direct_response=DirectResponseAction(
                        status=404,
                        body=DataSource(inline_string="This method is internal."),
                    ),
                )
            )
        if streaming:
            routes.append(
                Route(
                    name=f"{service.full_name} streaming",
                    match=_methods(service, streaming, _grpc_only()),
                    route=_route_action(service.domain, settings, streaming=True),
                )
            )
        if retried:
            routes.append(
                Route(
                    name=f"{service.full_name} idempotent",
                    match=_methods(service, retried, _grpc_only()),
                    route=_route_action(service.domain, settings, retry=True),
                )
            )
        routes.append(
            Route(
                name=service.full_name,
                match=RouteMatch(prefix=service.prefix, headers=_grpc_only()),
                route=_route_action(service.domain, settings),
            )
        )
    routes.append(
        Route(
            name="cors preflight",
            match=RouteMatch(
                prefix="/",
                headers=[
                    HeaderMatcher(name=":method", string_match=StringMatcher(exact="OPTIONS"))
                ],
            ),
            # The CORS filter answers every preflight (and only acts on routes, not on direct
            # responses); anything it lets through finds no cluster here: 404.
            route=RouteAction(
                cluster_header=NO_CLUSTER_HEADER,
                cluster_not_found_response_code=RouteActionClusterNotFoundResponseCode.NOT_FOUND,
            ),
        )
    )
    routes.append(
        Route(
            name="no route",
            match=RouteMatch(prefix="/"),
            direct_response=DirectResponseAction(
                status=404, body=DataSource(inline_string="No such method or path.")
            ),
        )
    )
    return routes


def _cors_policy(settings: GatewaySettings) -> CorsPolicy:
    return CorsPolicy(
        allow_origin_string_match=[StringMatcher(exact=o) for o in settings.gateway_cors_origins],
        allow_methods="GET,POST,PUT,PATCH,DELETE,OPTIONS",
        allow_headers=CORS_ALLOW_HEADERS,
        expose_headers=CORS_EXPOSE_HEADERS,
        max_age="86400",
        allow_credentials=False,
        # A preflight from any other origin is answered here, without CORS headers, and goes no
        # further.
        forward_not_matching_preflights=False,
    )


def _route_config(services: Sequence[Service], settings: GatewaySettings) -> RouteConfiguration:
    return RouteConfiguration(
        name="bitsacco",
        virtual_hosts=[
            VirtualHost(
                name="bitsacco",
                domains=["*"],
                routes=_routes(services, settings),
                typed_per_filter_config={
                    "envoy.filters.http.cors": Any.pack(_cors_policy(settings))
                },
            )
        ],
    )


# ---------------------------------------------------------------------------------------------
# HTTP filters


def _strip_internal_headers() -> HttpFilter:
    """Headers only the gateway or a service may set never come in from outside."""
    return _http_filter(
        "envoy.filters.http.header_mutation",
        HeaderMutationFilter(
            mutations=Mutations(
                request_mutations=[HeaderMutation(remove=name) for name in INTERNAL_HEADERS]
            )
        ),
    )


def _health(services: Sequence[Service]) -> HttpFilter:
    return _http_filter(
        "envoy.filters.http.health_check",
        HealthCheckFilter(
            pass_through_mode=False,
            headers=[HeaderMatcher(name=":path", string_match=StringMatcher(exact=HEALTH_PATH))],
            # Healthy while every upstream the gateway routes to has at least one healthy host.
            cluster_min_healthy_percentages={
                domain: Percent(value=1.0) for domain in _routed_domains(services)
            },
        ),
    )


def _rate_limit(settings: GatewaySettings) -> HttpFilter:
    return _http_filter(
        "envoy.filters.http.local_ratelimit",
        LocalRateLimit(
            stat_prefix="gateway_rate_limit",
            token_bucket=TokenBucket(
                max_tokens=settings.gateway_rate_limit_burst,
                tokens_per_fill=settings.gateway_rate_limit_per_second,
                fill_interval=timedelta(seconds=1),
            ),
            filter_enabled=_all_of_the_time(),
            filter_enforced=_all_of_the_time(),
            # gRPC clients see RESOURCE_EXHAUSTED (not UNAVAILABLE, which they would retry).
            rate_limited_as_resource_exhausted=True,
        ),
    )


def _transcoder(services: Sequence[Service], settings: GatewaySettings) -> HttpFilter:
    return _http_filter(
        "envoy.filters.http.grpc_json_transcoder",
        GrpcJsonTranscoder(
            proto_descriptor=DESCRIPTOR_PATH,
            services=[s.full_name for s in services if any(m.exposed for m in s.methods)],
            print_options=GrpcJsonTranscoderPrintOptions(
                preserve_proto_field_names=True, always_print_enums_as_ints=False
            ),
            convert_grpc_status=True,
            # Providers may add query parameters of their own to a callback URL; they are ignored
            # for matching and still reach the service in x-envoy-original-path.
            ignore_unknown_query_parameters=True,
            max_request_body_size=settings.gateway_max_request_bytes,
            max_response_body_size=settings.gateway_max_response_bytes,
        ),
    )


def _jwt(services: Sequence[Service], settings: GatewaySettings) -> HttpFilter:
    public = sorted(m.path for s in services for m in s.methods if m.exposed and m.public)
    rules = [RequirementRule(match=RouteMatch(path=path)) for path in public]
    rules.append(
        RequirementRule(
            match=RouteMatch(prefix="/bitsacco."),
            requires=JwtRequirement(provider_name=JWT_PROVIDER),
        )
    )
    return _http_filter(
        "envoy.filters.http.jwt_authn",
        JwtAuthentication(
            providers={
                JWT_PROVIDER: JwtProvider(
                    issuer=settings.jwt_issuer,
                    audiences=[settings.jwt_audience],
                    remote_jwks=RemoteJwks(
                        http_uri=HttpUri(
                            uri=f"http://127.0.0.1:{settings.gateway_port}{JWKS_PATH}",
                            cluster=JWKS_CLUSTER,
                            timeout=timedelta(seconds=2),
                        ),
                        # Envoy does not refetch on an unknown `kid`: a new signing key must be
                        # published this long before tokens are signed with it.
                        cache_duration=timedelta(seconds=JWKS_CACHE_SECONDS),
                        # Served by the users service through this very listener: do not hold
                        # the listener back for it, and retry soon when it is not there yet.
                        async_fetch=JwksAsyncFetch(
                            fast_listener=True, failed_refetch_duration=timedelta(seconds=1)
                        ),
                    ),
                    # The services verify the token again and authorise on it: keep it.
                    forward=True,
                    forward_payload_header=JWT_PAYLOAD_HEADER,
                    clock_skew_seconds=30,
                    # A token's signature is checked once, not on every call it makes (expiry
                    # still is); only valid tokens are cached.
                    jwt_cache_config=JwtCacheConfig(jwt_cache_size=JWT_CACHE_SIZE),
                )
            },
            rules=rules,
            bypass_cors_preflight=True,
        ),
    )


def _local_replies() -> LocalReplyConfig:
    # A plain HTTP request: its content type is not gRPC's, or the transcoder turned it into a
    # gRPC call (and left x-envoy-original-path). Native gRPC and gRPC-Web get grpc-status.
    not_grpc = AccessLogFilter(
        or_filter=OrFilter(
            filters=[
                AccessLogFilter(
                    header_filter=HeaderFilter(
                        header=HeaderMatcher(
                            name="content-type",
                            string_match=StringMatcher(prefix=GRPC_CONTENT_TYPE),
                            invert_match=True,
                            treat_missing_header_as_empty=True,
                        )
                    )
                ),
                AccessLogFilter(
                    header_filter=HeaderFilter(
                        header=HeaderMatcher(name="x-envoy-original-path", present_match=True)
                    )
                ),
            ]
        )
    )
    mappers = []
    for http_status, grpc_code in LOCAL_REPLY_CODES.items():
        status_is = AccessLogFilter(
            status_code_filter=StatusCodeFilter(
                comparison=ComparisonFilter(
                    op=ComparisonFilterOp.EQ,
                    value=RuntimeUInt32(
                        default_value=http_status,
                        runtime_key=f"bitsacco.gateway.reply_{http_status}",
                    ),
                )
            )
        )
        mappers.append(
            ResponseMapper(
                filter=AccessLogFilter(and_filter=AndFilter(filters=[status_is, not_grpc])),
                body_format_override=SubstitutionFormatString(
                    json_format=Struct.from_dict(
                        {"code": grpc_code, "message": "%LOCAL_REPLY_BODY%"}
                    )
                ),
            )
        )
    return LocalReplyConfig(mappers=mappers)


def _routed_domains(services: Sequence[Service]) -> list[str]:
    return sorted({s.domain for s in services if any(m.exposed for m in s.methods)})


def _connection_manager(
    services: Sequence[Service], settings: GatewaySettings, addresses: Addresses
) -> HttpConnectionManager:
    return HttpConnectionManager(
        stat_prefix="gateway",
        route_config=_route_config(services, settings),
        http_filters=[
            _strip_internal_headers(),
            _health(services),
            _rate_limit(settings),
            _http_filter("envoy.filters.http.grpc_web", GrpcWeb()),
            _transcoder(services, settings),
            # After the transcoder, so REST calls find their CORS policy on their method's route.
            _http_filter("envoy.filters.http.cors", Cors()),
            _jwt(services, settings),
            _http_filter("envoy.filters.http.router", Router()),
        ],
        access_log=[
            AccessLog(
                name="envoy.access_loggers.stdout",
                filter=AccessLogFilter(not_health_check_filter=NotHealthCheckFilter()),
                typed_config=Any.pack(
                    StdoutAccessLog(
                        log_format=SubstitutionFormatString(
                            json_format=Struct.from_dict(ACCESS_LOG_FORMAT)
                        )
                    )
                ),
            )
        ],
        # Request ids are made here, at the edge, and travel to every service as x-request-id.
        generate_request_id=True,
        always_set_request_id_in_response=True,
        use_remote_address=True,
        # Envoy starts the trace (W3C traceparent to the services); spans are not exported.
        tracing=HttpConnectionManagerTracing(provider=_tracer()),
        stream_idle_timeout=_seconds(settings.gateway_stream_idle_timeout_seconds),
        request_headers_timeout=timedelta(seconds=10),
        http2_protocol_options=Http2ProtocolOptions(),
        server_name="bitsacco-gateway",
        local_reply_config=_local_replies(),
    )


def _tracer() -> TracingHttp:
    return TracingHttp(
        name="envoy.tracers.opentelemetry",
        typed_config=Any.pack(
            OpenTelemetryConfig(
                service_name="gateway",
                grpc_service=GrpcService(
                    envoy_grpc=GrpcServiceEnvoyGrpc(cluster_name=OTLP_CLUSTER),
                    timeout=timedelta(seconds=1),
                ),
            )
        ),
    )


# ---------------------------------------------------------------------------------------------
# Clusters


def _cluster(name: str, host: str, port: int, http2: bool) -> Cluster:
    protocol = (
        HttpProtocolOptionsExplicitHttpConfig(http2_protocol_options=Http2ProtocolOptions())
        if http2
        else HttpProtocolOptionsExplicitHttpConfig(http_protocol_options=Http1ProtocolOptions())
    )
    return Cluster(
        name=name,
        type=ClusterDiscoveryType.STRICT_DNS,
        dns_lookup_family=ClusterDnsLookupFamily.V4_PREFERRED,
        connect_timeout=timedelta(seconds=1),
        load_assignment=ClusterLoadAssignment(
            cluster_name=name,
            endpoints=[
                LocalityLbEndpoints(
                    lb_endpoints=[LbEndpoint(endpoint=Endpoint(address=_address(host, port)))]
                )
            ],
        ),
        typed_extension_protocol_options={
            HTTP_PROTOCOL_OPTIONS: Any.pack(HttpProtocolOptions(explicit_http_config=protocol))
        },
    )


def _service_cluster(service: Service, addresses: Addresses) -> Cluster:
    host, port = addresses.upstreams[service.domain]
    cluster = _cluster(service.domain, host, port, http2=True)
    cluster.health_checks = [
        HealthCheck(
            timeout=timedelta(seconds=1),
            interval=timedelta(seconds=2),
            unhealthy_interval=timedelta(seconds=1),
            no_traffic_interval=timedelta(seconds=2),
            unhealthy_threshold=2,
            healthy_threshold=1,
            grpc_health_check=HealthCheckGrpcHealthCheck(service_name=service.full_name),
        )
    ]
    return cluster


def build_bootstrap(
    services: Sequence[Service], settings: GatewaySettings, addresses: Addresses
) -> Bootstrap:
    routed = [s for s in services if any(m.exposed for m in s.methods)]
    by_domain = {}
    for service in routed:
        by_domain.setdefault(service.domain, service)
    return Bootstrap(
        node=Node(id="bitsacco-gateway", cluster="bitsacco-gateway"),
        # Method lists are RE2 alternations (one route per kind of method, not per method): allow
        # the size a service with a few dozen methods needs.
        layered_runtime=LayeredRuntime(
            layers=[
                RuntimeLayer(
                    name="static",
                    static_layer=Struct.from_dict(
                        {
                            "re2.max_program_size.error_level": 4096,
                            "re2.max_program_size.warn_level": 2048,
                        }
                    ),
                )
            ]
        ),
        admin=Admin(address=_address("127.0.0.1", settings.gateway_admin_port)),
        overload_manager=OverloadManager(
            resource_monitors=[
                ResourceMonitor(
                    name="envoy.resource_monitors.global_downstream_max_connections",
                    typed_config=Any.pack(
                        DownstreamConnectionsConfig(
                            max_active_downstream_connections=settings.gateway_max_connections
                        )
                    ),
                )
            ]
        ),
        static_resources=BootstrapStaticResources(
            listeners=[
                Listener(
                    name="bitsacco",
                    address=_address(settings.gateway_host, settings.gateway_port),
                    filter_chains=[
                        FilterChain(
                            filters=[
                                Filter(
                                    name="envoy.filters.network.http_connection_manager",
                                    typed_config=Any.pack(
                                        _connection_manager(services, settings, addresses)
                                    ),
                                )
                            ]
                        )
                    ],
                )
            ],
            clusters=[
                *(_service_cluster(by_domain[d], addresses) for d in sorted(by_domain)),
                _cluster(JWKS_CLUSTER, "127.0.0.1", settings.gateway_port, http2=False),
                _cluster(OTLP_CLUSTER, *addresses.otlp, http2=True),
            ],
        ),
    )


def as_dict(services: Sequence[Service], settings: GatewaySettings, addresses: Addresses) -> dict:
    """The bootstrap as plain data, snake_case fields and enum names, as Envoy's YAML has them."""
    return build_bootstrap(services, settings, addresses).to_dict(casing=Casing.SNAKE)


def to_yaml(config: dict, variant: str) -> str:
    header = (
        f"Envoy configuration for the {variant} shape. Built by `python -m gateway build`\n"
        "from gateway/config.py; do not edit by hand."
    )
    return dump(config, header)


def render(services: Sequence[Service], settings: GatewaySettings, addresses: Addresses) -> str:
    """The configuration as Envoy reads it: YAML with snake_case fields and upper-case enums."""
    return to_yaml(as_dict(services, settings, addresses), addresses.name)
