"""What the gateway needs to know about the contracts, read from the descriptor set `make gen`
builds: every gRPC service and method, its `google.api.http` bindings, and whether it streams.

A method with no `google.api.http` binding is internal: reachable inside the cluster only, never
through the gateway (neither as REST nor as native gRPC or gRPC-Web).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from google.api import annotations_pb2, http_pb2
from google.protobuf import descriptor_pb2

REPO = Path(__file__).resolve().parents[1]
DESCRIPTOR_SET = REPO / "gen" / "descriptor" / "bitsacco.binpb"

# Methods reached without a bearer token: sign-in (the phone, OTP or refresh token is the
# credential), the key set itself, provider webhooks (verified by their signatures or URL tokens in
# the services) and media (the random id is the capability). Everything else needs a user token.
PUBLIC_METHODS = frozenset(
    {
        "/bitsacco.users.v1.UsersService/StartPhoneVerification",
        "/bitsacco.users.v1.UsersService/VerifyPhone",
        "/bitsacco.users.v1.UsersService/RefreshSession",
        "/bitsacco.users.v1.UsersService/RevokeSession",
        "/bitsacco.users.v1.UsersService/GetJwks",
        "/bitsacco.notification.v1.NotificationService/TwilioInbound",
        "/bitsacco.notification.v1.NotificationService/TwilioStatus",
        "/bitsacco.notification.v1.NotificationService/WhatsAppVerify",
        "/bitsacco.notification.v1.NotificationService/WhatsAppInbound",
        "/bitsacco.notification.v1.NotificationService/GetMedia",
        "/bitsacco.wallet.v1.WalletService/MpesaStkCallback",
        "/bitsacco.wallet.v1.WalletService/MpesaB2cResult",
        "/bitsacco.wallet.v1.WalletService/MpesaB2cTimeout",
        "/bitsacco.wallet.v1.WalletService/MpesaTransactionStatusResult",
        "/bitsacco.wallet.v1.WalletService/MpesaTransactionStatusTimeout",
    }
)


@dataclass(frozen=True)
class HttpBinding:
    verb: str  # GET, POST, PATCH, PUT, DELETE or a custom verb
    path: str  # the template, e.g. /v1/{name=wallets/*}
    body: str


@dataclass(frozen=True)
class Method:
    service: str  # full service name, e.g. bitsacco.wallet.v1.WalletService
    name: str
    bindings: tuple[HttpBinding, ...]
    streaming: bool
    has_request_id: bool  # idempotent by AIP-155 `request_id`

    @property
    def path(self) -> str:
        """The gRPC request path, `/package.Service/Method`."""
        return f"/{self.service}/{self.name}"

    @property
    def exposed(self) -> bool:
        """Reachable through the gateway: only methods the contract gives an HTTP binding."""
        return bool(self.bindings)

    @property
    def public(self) -> bool:
        return self.path in PUBLIC_METHODS

    @property
    def idempotent(self) -> bool:
        """Safe to retry: reads (bound to GET) and mutations keyed by a request_id."""
        return self.has_request_id or any(b.verb == "GET" for b in self.bindings)


@dataclass(frozen=True)
class Service:
    full_name: str  # bitsacco.wallet.v1.WalletService
    domain: str  # wallet: the service process (and upstream cluster) that serves it
    methods: tuple[Method, ...]

    @property
    def prefix(self) -> str:
        return f"/{self.full_name}/"


def _bindings(rule: http_pb2.HttpRule) -> list[HttpBinding]:
    pattern = rule.WhichOneof("pattern")
    found = []
    if pattern == "custom":
        found.append(HttpBinding(rule.custom.kind, rule.custom.path, rule.body))
    elif pattern:
        found.append(HttpBinding(pattern.upper(), getattr(rule, pattern), rule.body))
    for extra in rule.additional_bindings:
        found.extend(_bindings(extra))
    return found


def load_services(descriptor_set: Path = DESCRIPTOR_SET) -> list[Service]:
    """The `bitsacco.*` services of the descriptor set, in file order."""
    files = descriptor_pb2.FileDescriptorSet.FromString(descriptor_set.read_bytes()).file
    messages = {
        f".{file.package}.{message.name}": message
        for file in files
        for message in file.message_type
    }
    services = []
    for file in files:
        if not file.package.startswith("bitsacco."):
            continue
        for service in file.service:
            methods = []
            for method in service.method:
                # The http option arrives as an unknown extension: re-parse it from the bytes.
                options = descriptor_pb2.MethodOptions.FromString(
                    method.options.SerializeToString()
                )
                rule = (
                    options.Extensions[annotations_pb2.http]
                    if options.HasExtension(annotations_pb2.http)
                    else None
                )
                request = messages[method.input_type]
                methods.append(
                    Method(
                        service=f"{file.package}.{service.name}",
                        name=method.name,
                        bindings=tuple(_bindings(rule)) if rule else (),
                        streaming=method.client_streaming or method.server_streaming,
                        has_request_id=any(f.name == "request_id" for f in request.field),
                    )
                )
            services.append(
                Service(
                    full_name=f"{file.package}.{service.name}",
                    domain=file.package.split(".")[1],
                    methods=tuple(methods),
                )
            )
    return services
