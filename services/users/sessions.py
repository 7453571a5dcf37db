"""Sessions of the companion app: access token (15 min) + refresh token (7 days), rotated on
every use; presenting a token that was already rotated revokes its whole session (the family)."""

from __future__ import annotations

from datetime import timedelta

from bitsacco.users.v1 import users_pb2
from bitsacco.users.v1 import users_service_pb2 as pb
from sqlalchemy.ext.asyncio import AsyncSession

from services.runtime.errors import DomainError, PermissionDenied, Unauthenticated
from services.users.app import UsersApp, as_utc
from services.users.messages import timestamp
from services.users.model import ACTIVE, SUSPENDED, User
from services.users.rules.refresh_tokens import new_refresh_token, refresh_token_hash
from services.users.storage import requests as idempotency
from services.users.storage import sessions as session_rows
from services.users.storage import users as user_rows


async def _issue(
    app: UsersApp, session: AsyncSession, user: User, session_id: str
) -> users_pb2.SessionTokens:
    now = app.now()
    refresh = new_refresh_token()
    refresh_expiry = now + timedelta(seconds=app.settings.refresh_token_ttl_seconds)
    await session_rows.add_refresh_token(
        session, session_id, refresh_token_hash(app.pepper, refresh), now, refresh_expiry
    )
    access = app.issuer.access_token(user, now, session_id=session_id)
    return users_pb2.SessionTokens(
        access_token=access.token,
        access_token_expire_time=timestamp(access.expires_at),
        refresh_token=refresh,
        refresh_token_expire_time=timestamp(refresh_expiry),
        token_type="Bearer",
    )


async def start_session(
    app: UsersApp, session: AsyncSession, user: User, device: str
) -> users_pb2.SessionTokens:
    session_id = await session_rows.create_session(session, user.id, device, app.now())
    return await _issue(app, session, user, session_id)


def _invalid() -> Unauthenticated:
    return Unauthenticated(
        "REFRESH_TOKEN_INVALID", "That refresh token is not valid. Sign in again."
    )


async def refresh_session(
    app: UsersApp, request: pb.RefreshSessionRequest
) -> pb.RefreshSessionResponse:
    token_hash = refresh_token_hash(app.pepper, request.refresh_token)
    scope = f"refresh:{token_hash}"
    failure: DomainError | None = None
    async with app.db.transaction() as session:
        claim = await idempotency.claim(
            session,
            scope,
            request.request_id,
            "RefreshSession",
            idempotency.fingerprint(request),
            app.now(),
        )
        if claim.previous is not None:
            return pb.RefreshSessionResponse.FromString(
                app.sealer.open(claim.previous, scope, request.request_id)
            )
        now = app.now()
        presented = await session_rows.find_refresh_token(session, token_hash)
        if presented is None:
            raise _invalid()
        if presented.session_revoked_at is not None:
            raise Unauthenticated("SESSION_REVOKED", "This session has ended. Sign in again.")
        if presented.used_at is not None:
            # Reuse: whoever holds the newer token and whoever replays this one are not both the
            # member. End the session; the revocation must commit, so the error is raised after.
            await session_rows.revoke_session(session, presented.session_id, "reuse_detected", now)
            await idempotency.release(session, claim)
            failure = Unauthenticated(
                "REFRESH_TOKEN_REUSED",
                "This refresh token was already used; the session has been ended. Sign in again.",
            )
        elif as_utc(presented.expires_at) <= now:
            raise Unauthenticated(
                "REFRESH_TOKEN_EXPIRED", "This session has expired. Sign in again."
            )
        else:
            user = await user_rows.get_user(session, presented.user_id)
            if user is None or user.status not in (ACTIVE, SUSPENDED):
                raise Unauthenticated("SESSION_REVOKED", "This session has ended. Sign in again.")
            if user.status == SUSPENDED:
                raise PermissionDenied("USER_SUSPENDED", "This account is suspended.")
            await session_rows.mark_used(session, token_hash, now)
            tokens = await _issue(app, session, user, presented.session_id)
            response = pb.RefreshSessionResponse(tokens=tokens)
            await idempotency.complete(
                session,
                claim,
                app.sealer.seal(response.SerializeToString(), scope, request.request_id),
            )
    if failure is not None:
        raise failure
    return response


async def revoke_session(app: UsersApp, request: pb.RevokeSessionRequest) -> None:
    token_hash = refresh_token_hash(app.pepper, request.refresh_token)
    async with app.db.transaction() as session:
        presented = await session_rows.find_refresh_token(session, token_hash)
        if presented is None:
            raise _invalid()
        claim = await idempotency.claim(
            session,
            f"session:{presented.session_id}",
            request.request_id,
            "RevokeSession",
            idempotency.fingerprint(request),
            app.now(),
        )
        if claim.previous is not None:
            return
        now = app.now()
        if request.all_sessions:
            await session_rows.revoke_user_sessions(session, presented.user_id, "all_sessions", now)
        else:
            await session_rows.revoke_session(session, presented.session_id, "signed_out", now)
        await idempotency.complete(session, claim, b"done")
