"""The Envoy configuration: one source, two variants differing only in addresses, both accepted by
`envoy --mode validate`; the committed built files are what the source makes."""

from __future__ import annotations

import pytest

from gateway import addresses
from gateway.__main__ import VARIANTS, built_path
from gateway.config import as_dict, to_yaml
from gateway.contract import PUBLIC_METHODS, HttpBinding, Method, Service, load_services
from gateway.launch import validate
from gateway.settings import GatewaySettings

BINDING = (HttpBinding("GET", "/v1/price", ""),)


@pytest.fixture(scope="module")
def services():
    return load_services()


@pytest.fixture(scope="module")
def configs(services) -> dict[str, dict]:
    """Each variant as the source builds it with the default settings (building is slow)."""
    defaults = GatewaySettings.model_construct()
    return {variant: as_dict(services, defaults, where()) for variant, where in VARIANTS.items()}


@pytest.fixture(scope="module")
def rendered(configs) -> dict[str, str]:
    return {variant: to_yaml(config, variant) for variant, config in configs.items()}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_each_variant_passes_envoy_validate(rendered, variant, tmp_path):
    config = tmp_path / f"{variant}.yaml"
    config.write_text(rendered[variant])
    result = validate(config)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "OK" in result.stdout + result.stderr


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_built_files_are_up_to_date(rendered, variant):
    expected = rendered[variant]
    assert built_path(variant).read_text() == expected, "run `make gateway` and commit the result"
    # typed enums are written as Envoy reads them: upper-case names
    assert "type: STRICT_DNS" in expected
    assert "dns_lookup_family: V4_PREFERRED" in expected


def _differences(a, b, path=()):
    if isinstance(a, dict) and isinstance(b, dict):
        for key in a.keys() | b.keys():
            yield from _differences(a.get(key), b.get(key), (*path, key))
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from _differences(x, y, (*path, i))
    elif a != b:
        yield path


def test_variants_differ_only_in_upstream_addresses(configs):
    differing = list(_differences(configs["embedded"], configs["kubernetes"]))
    assert differing
    for path in differing:
        assert path[0] == "static_resources" and path[1] == "clusters", path
        assert path[-2:] in (("socket_address", "address"), ("socket_address", "port_value")), path


def test_public_methods_are_real_http_routes(services):
    methods = {m.path: m for s in services for m in s.methods}
    for path in PUBLIC_METHODS:
        assert methods[path].exposed, path
    webhooks = {m.path for m in methods.values() if any("/webhooks/" in b.path for b in m.bindings)}
    assert webhooks and webhooks <= PUBLIC_METHODS


def test_internal_methods_have_no_http_binding(services):
    internal = {m.path for s in services for m in s.methods if not m.exposed}
    assert {
        "/bitsacco.users.v1.UsersService/LookupUserByPhone",
        "/bitsacco.users.v1.UsersService/IssueServiceToken",
        "/bitsacco.notification.v1.NotificationService/SendMessage",
        "/bitsacco.notification.v1.NotificationService/CreateMedia",
        "/bitsacco.notification.v1.NotificationService/ListOutboxMessages",
        "/bitsacco.wallet.v1.WalletService/CreateChamaTreasury",
        "/bitsacco.wallet.v1.WalletService/TransferBetweenWallets",
        "/bitsacco.wallet.v1.WalletService/CreateTreasuryPayout",
        "/bitsacco.ai.v1.AiService/CreateTurn",
        "/bitsacco.ai.v1.AiService/GetTurn",
        "/bitsacco.voice.v1.VoiceService/SynthesizeSpeech",
    } <= internal


def test_every_exposed_service_is_health_checked(services, configs):
    clusters = {c["name"]: c for c in configs["embedded"]["static_resources"]["clusters"]}
    for service in services:
        if not any(m.exposed for m in service.methods):
            assert service.domain not in clusters  # voice: nothing of it is routed
            continue
        check = clusters[service.domain]["health_checks"][0]["grpc_health_check"]
        assert check["service_name"] == service.full_name


def test_streams_have_no_overall_deadline_and_unary_calls_do():
    """No method streams today; the rule is ready for the first one that does."""
    streaming = Method("bitsacco.wallet.v1.WalletService", "WatchPrice", BINDING, True, False)
    unary = Method("bitsacco.wallet.v1.WalletService", "GetPrice", BINDING, False, False)
    service = Service("bitsacco.wallet.v1.WalletService", "wallet", (streaming, unary))
    config = as_dict([service], GatewaySettings.model_construct(), addresses.embedded())
    listener = config["static_resources"]["listeners"][0]
    manager = listener["filter_chains"][0]["filters"][0]["typed_config"]
    routes = {r["name"]: r for r in manager["route_config"]["virtual_hosts"][0]["routes"]}
    stream_route = routes[f"{service.full_name} streaming"]
    assert "WatchPrice" in stream_route["match"]["safe_regex"]["regex"]
    assert stream_route["route"]["timeout"] == "0s"
    assert stream_route["route"]["max_stream_duration"]["grpc_timeout_header_max"] == "0s"
    assert "retry_policy" not in stream_route["route"]
    read_route = routes[f"{service.full_name} idempotent"]
    assert read_route["match"]["safe_regex"]["regex"].endswith("(GetPrice)$")
    assert read_route["route"]["timeout"] == "60s"
    assert read_route["route"]["retry_policy"]["retry_on"].startswith("unavailable")
    assert manager["stream_idle_timeout"] == "300s"


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_admin_on_loopback_and_every_filter_typed(configs, variant):
    config = configs[variant]
    assert config["admin"]["address"]["socket_address"]["address"] == "127.0.0.1"
    listener = config["static_resources"]["listeners"][0]
    manager = listener["filter_chains"][0]["filters"][0]["typed_config"]
    filters = manager["http_filters"]
    assert [f["name"].rpartition(".")[2] for f in filters] == [
        "header_mutation",
        "health_check",
        "local_ratelimit",
        "grpc_web",
        "grpc_json_transcoder",
        "cors",
        "jwt_authn",
        "router",
    ]
    assert all(f["typed_config"]["@type"].startswith("type.googleapis.com/") for f in filters)
