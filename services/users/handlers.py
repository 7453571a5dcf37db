"""The users contract's RPCs: translate proto ⇄ domain and call the flows; nothing else."""

from __future__ import annotations

import json
from datetime import timedelta

import grpc
from bitsacco.users.v1 import users_service_pb2 as pb
from bitsacco.users.v1 import users_service_pb2_grpc
from google.api import httpbody_pb2

from services.runtime.auth import current_caller, require_service
from services.runtime.errors import InvalidArgument
from services.users import accounts, identity, sessions, sign_in, step_up
from services.users.app import UsersApp
from services.users.messages import tier_limits_to_proto, timestamp, user_to_proto

SERVICE = "/bitsacco.users.v1.UsersService/"
PUBLIC_METHODS = frozenset(
    SERVICE + name
    for name in (
        "StartPhoneVerification",
        "VerifyPhone",
        "RefreshSession",
        "RevokeSession",
        "GetJwks",
    )
)


def metadata_of(context: grpc.aio.ServicerContext) -> dict[str, str]:
    return {item.key: str(item.value) for item in context.invocation_metadata() or ()}


def client_ip(context: grpc.aio.ServicerContext) -> str:
    """The member's address: Envoy's `x-envoy-external-address`, else the last hop of
    `x-forwarded-for` (the one our proxy added), else the gRPC peer."""
    values = metadata_of(context)
    if address := values.get("x-envoy-external-address", "").strip():
        return address
    if forwarded := values.get("x-forwarded-for", ""):
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    peer = context.peer() or "unknown"
    # "ipv4:127.0.0.1:5555" / "ipv6:[::1]:5555" → the address without the port
    kind, _, rest = peer.partition(":")
    if kind == "ipv6" and rest.startswith("["):
        return rest[1 : rest.find("]")]
    return rest.rsplit(":", 1)[0] if kind == "ipv4" else peer


def device_of(context: grpc.aio.ServicerContext) -> str:
    return metadata_of(context).get("user-agent", "")[:200]


class UsersHandlers(users_service_pb2_grpc.UsersServiceServicer):
    def __init__(self, app: UsersApp | None) -> None:
        self.app = app

    # -- identity -----------------------------------------------------------------------------

    async def GetJwks(self, request, context):
        body = json.dumps(self.app.keys.jwks(), separators=(",", ":")).encode()
        await context.send_initial_metadata((("cache-control", "public, max-age=300"),))
        return pb.GetJwksResponse(
            http_body=httpbody_pb2.HttpBody(content_type="application/json", data=body)
        )

    async def IssueServiceToken(self, request, context):
        service = require_service().service_name
        subject = request.WhichOneof("subject")
        ttl = (
            timedelta(seconds=request.ttl.ToTimedelta().total_seconds())
            if request.HasField("ttl")
            else None
        )
        issued = await identity.issue_acting_token(
            self.app,
            service,
            request,
            user_name=request.user if subject == "user" else None,
            raw_phone=request.phone_number if subject == "phone_number" else None,
            create_if_missing=request.create_user_if_missing,
            ttl=ttl,
        )
        return pb.IssueServiceTokenResponse(
            access_token=issued.token.token,
            expire_time=timestamp(issued.token.expires_at),
            user=user_to_proto(issued.user),
            new_user=issued.new_user,
        )

    # -- users and limits ---------------------------------------------------------------------

    async def GetUser(self, request, context):
        user = await accounts.get_user(self.app, current_caller(), request.name)
        return pb.GetUserResponse(user=user_to_proto(user))

    async def LookupUserByPhone(self, request, context):
        user = await accounts.lookup_by_phone(self.app, current_caller(), request.phone_number)
        return pb.LookupUserByPhoneResponse(user=user_to_proto(user))

    async def GetTierLimits(self, request, context):
        current_caller()
        tier = int(request.name.removeprefix("tierLimits/"))
        limits = await accounts.get_tier_limits(self.app, tier)
        return pb.GetTierLimitsResponse(tier_limits=tier_limits_to_proto(limits))

    async def ListTierLimits(self, request, context):
        current_caller()
        after = 0
        if request.page_token:
            kind, _, value = request.page_token.partition(":")
            if kind != "tier" or not value.isdigit():
                raise InvalidArgument("INVALID_PAGE_TOKEN", "That page_token is not one we gave.")
            after = int(value)
        remaining = [t for t in await accounts.list_tier_limits(self.app) if t.tier > after]
        size = request.page_size or len(remaining)
        page, more = remaining[:size], remaining[size:]
        return pb.ListTierLimitsResponse(
            tier_limits=[tier_limits_to_proto(t) for t in page],
            next_page_token=f"tier:{page[-1].tier}" if more and page else "",
        )

    # -- sign-in and sessions -----------------------------------------------------------------

    async def StartPhoneVerification(self, request, context):
        return await sign_in.start_phone_verification(self.app, request, client_ip(context))

    async def VerifyPhone(self, request, context):
        return await sign_in.verify_phone(self.app, request, client_ip(context), device_of(context))

    async def RefreshSession(self, request, context):
        return await sessions.refresh_session(self.app, request)

    async def RevokeSession(self, request, context):
        await sessions.revoke_session(self.app, request)
        return pb.RevokeSessionResponse()

    async def UpdateUser(self, request, context):
        return await accounts.update_user(self.app, current_caller(), request)

    # -- admin --------------------------------------------------------------------------------

    async def SetUserTier(self, request, context):
        return await accounts.set_tier(self.app, current_caller(), request)

    async def SetUserRoles(self, request, context):
        return await accounts.set_roles(self.app, current_caller(), request)

    async def SetUserStatus(self, request, context):
        return await accounts.set_status(self.app, current_caller(), request)

    async def ListAuditEvents(self, request, context):
        return await accounts.list_audit_events(self.app, current_caller(), request)

    # -- step-up ------------------------------------------------------------------------------

    async def StartStepUp(self, request, context):
        return await step_up.start_step_up(self.app, current_caller(), request)

    async def VerifyStepUp(self, request, context):
        return await step_up.verify_step_up(self.app, current_caller(), request)

    # -- data rights --------------------------------------------------------------------------

    async def ExportUserData(self, request, context):
        return await accounts.export_user_data(self.app, current_caller(), request.name)

    async def EraseUser(self, request, context):
        return await accounts.erase_user(self.app, current_caller(), request)
