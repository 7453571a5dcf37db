"""The embedded shape (`make run`): users and notification on SQLite files with the in-process
cache, keys and pepper generated once under STATE_DIR."""

from __future__ import annotations

import json

import grpc
import pytest
import sqlalchemy
from bitsacco.notification.v1 import notification_service_pb2_grpc
from bitsacco.users.v1 import users_pb2, users_service_pb2_grpc
from bitsacco.users.v1 import users_service_pb2 as pb
from google.protobuf import field_mask_pb2
from pydantic import SecretStr

from services.notification.service import build as build_notification
from services.notification.settings import NotificationSettings
from services.runtime.auth import ServiceTokens
from services.runtime.bootstrap import token_verifier
from services.users.client import UsersClient
from services.users.service import build
from services.users.settings import UsersSettings
from tests.harness import serve_in_process
from tests.integration.users.serving import SECRET, Outbox, fresh_phone, request_id


async def test_users_on_sqlite(tmp_path):
    phone = fresh_phone()
    common = {"state_dir": tmp_path, "service_secret": SecretStr(SECRET)}
    users_settings = UsersSettings(
        service_name="users", bootstrap_admin_phones=[phone], wallet_target="", **common
    )
    verifier = token_verifier(users_settings)  # generates the key file under STATE_DIR/users
    assert (tmp_path / "users" / "jwt-keys.json").exists()
    async with (
        serve_in_process(
            "notification",
            build_notification,
            f"sqlite+aiosqlite:///{tmp_path / 'notification.db'}",
            None,
            "",
            verifier=verifier,
            settings_type=NotificationSettings,
            worker_poll_seconds=0.02,
            wallet_events_enabled=False,
            inbound_worker_enabled=False,
            **common,
        ) as notification,
        serve_in_process(
            "users",
            build,
            f"sqlite+aiosqlite:///{tmp_path / 'users.db'}",
            None,
            "",
            verifier=verifier,
            settings_type=UsersSettings,
            notification_target=notification.target,
            bootstrap_admin_phones=[phone],
            wallet_target="",
            **common,
        ) as users,
    ):
        stub = users_service_pb2_grpc.UsersServiceStub(users.channel)
        outbox = Outbox(notification_service_pb2_grpc.NotificationServiceStub(notification.channel))
        await stub.StartPhoneVerification(
            pb.StartPhoneVerificationRequest(request_id=request_id(), phone_number=phone)
        )
        signed_in = await stub.VerifyPhone(
            pb.VerifyPhoneRequest(
                request_id=request_id(), phone_number=phone, code=await outbox.next_code(phone)
            )
        )
        token = (("authorization", f"Bearer {signed_in.tokens.access_token}"),)
        assert users_pb2.ROLE_ADMIN in signed_in.user.roles
        updated = await stub.UpdateUser(
            pb.UpdateUserRequest(
                request_id=request_id(),
                user=users_pb2.User(
                    name="users/me",
                    display_name="Njeri",
                    consents=[
                        users_pb2.Consent(type=users_pb2.CONSENT_TYPE_MARKETING, granted=True)
                    ],
                ),
                update_mask=field_mask_pb2.FieldMask(paths=["display_name", "consents"]),
            ),
            metadata=token,
        )
        assert updated.user.display_name == "Njeri" and len(updated.user.consents) == 1
        client = UsersClient(users.target, ServiceTokens(SECRET, "ai", "bitsacco"))
        other = await client.token_for_phone(fresh_phone(), create_user_if_missing=True)
        changed = await stub.SetUserTier(
            pb.SetUserTierRequest(
                request_id=request_id(), name=other.user.name, kyc_tier=3, reason="full KYC"
            ),
            metadata=token,
        )
        assert changed.audit_event.tier_change.new_tier == users_pb2.KYC_TIER_3
        refreshed = await stub.RefreshSession(
            pb.RefreshSessionRequest(
                request_id=request_id(), refresh_token=signed_in.tokens.refresh_token
            )
        )
        assert refreshed.tokens.refresh_token != signed_in.tokens.refresh_token
        jwks = json.loads((await stub.GetJwks(pb.GetJwksRequest())).http_body.data)
        assert len(jwks["keys"]) == 1
        with pytest.raises(sqlalchemy.exc.DBAPIError, match="append-only"):
            async with users.resources.db.transaction() as session:
                await session.execute(sqlalchemy.text("DELETE FROM audit_events"))
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await stub.GetUser(pb.GetUserRequest(name=other.user.name), metadata=())
        assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
        await client.close()
