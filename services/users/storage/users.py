"""Queries on users and their consents."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import String, cast, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.runtime.db import insert_ignoring_conflict
from services.users.model import ACTIVE, ADMIN, ERASED, MEMBER, Consent, User
from services.users.storage.tables import consent_history, consents, users


def _user(row, consent_rows=()) -> User:
    return User(
        id=row.id,
        phone_number=row.phone_number,
        display_name=row.display_name,
        language_code=row.language_code,
        voice_replies=row.voice_replies,
        notification_frequency=row.notification_frequency,
        kyc_tier=row.kyc_tier,
        roles=tuple(row.roles),
        status=row.status,
        created_at=row.created_at,
        updated_at=row.updated_at,
        erased_at=row.erased_at,
        consents=tuple(
            Consent(c.consent_type, c.granted, c.policy_version, c.grant_time, c.revoke_time)
            for c in consent_rows
        ),
    )


def _with_consents(condition):
    return (
        select(
            users,
            consents.c.consent_type,
            consents.c.granted,
            consents.c.policy_version,
            consents.c.grant_time,
            consents.c.revoke_time,
        )
        .select_from(users.outerjoin(consents, consents.c.user_id == users.c.id))
        .where(condition)
        .order_by(consents.c.consent_type)
    )


async def _one_user(session: AsyncSession, query) -> User | None:
    rows = (await session.execute(query)).all()
    if not rows:
        return None
    return _user(rows[0], [r for r in rows if r.consent_type is not None])


async def get_user(session: AsyncSession, user_id: str, *, for_update: bool = False) -> User | None:
    """The user with their consents, in one round trip (a row per consent)."""
    query = _with_consents(users.c.id == user_id)
    if for_update:
        query = query.with_for_update(of=users)
    return await _one_user(session, query)


async def get_user_by_phone(session: AsyncSession, phone: str) -> User | None:
    return await _one_user(session, _with_consents(users.c.phone_number == phone))


async def user_id_by_phone(session: AsyncSession, phone: str) -> str | None:
    return (await session.execute(select(users.c.id).where(users.c.phone_number == phone))).scalar()


async def get_or_create_by_phone(
    session: AsyncSession, phone: str, now: datetime, roles: tuple[str, ...] = (MEMBER,)
) -> tuple[User, bool]:
    """The user with this number, created (tier 1, given roles) when there is none yet."""
    created = await insert_ignoring_conflict(
        session,
        users,
        {
            "id": uuid.uuid4().hex,
            "phone_number": phone,
            "display_name": "",
            "language_code": "en",
            "voice_replies": False,
            "notification_frequency": "daily",
            "kyc_tier": 1,
            "roles": list(roles),
            "status": ACTIVE,
            "created_at": now,
            "updated_at": now,
        },
    )
    return await get_user_by_phone(session, phone), created


async def update_user(session: AsyncSession, user_id: str, now: datetime, **values) -> None:
    await session.execute(
        update(users).where(users.c.id == user_id).values(updated_at=now, **values)
    )


async def set_consent(
    session: AsyncSession,
    user_id: str,
    consent_type: str,
    granted: bool,
    policy_version: str,
    now: datetime,
) -> None:
    """Grant or withdraw one consent, and record the change in its history."""
    current = (
        await session.execute(
            select(consents).where(
                consents.c.user_id == user_id, consents.c.consent_type == consent_type
            )
        )
    ).first()
    if current is None:
        await session.execute(
            consents.insert().values(
                user_id=user_id,
                consent_type=consent_type,
                granted=granted,
                policy_version=policy_version,
                grant_time=now if granted else None,
                revoke_time=None if granted else now,
            )
        )
    else:
        if current.granted == granted and (
            not policy_version or policy_version == current.policy_version
        ):
            return  # nothing changes, nothing to record
        values = {"granted": granted}
        if granted:
            values.update(grant_time=now, revoke_time=None)
            values["policy_version"] = policy_version or current.policy_version
        else:
            values.update(revoke_time=now)
        await session.execute(
            update(consents)
            .where(consents.c.user_id == user_id, consents.c.consent_type == consent_type)
            .values(**values)
        )
    await session.execute(
        consent_history.insert().values(
            user_id=user_id,
            consent_type=consent_type,
            granted=granted,
            policy_version=policy_version,
            changed_at=now,
        )
    )


async def consent_changes(session: AsyncSession, user_id: str) -> list[dict]:
    rows = (
        await session.execute(
            select(consent_history)
            .where(consent_history.c.user_id == user_id)
            .order_by(consent_history.c.id)
        )
    ).all()
    return [
        {
            "type": r.consent_type,
            "granted": r.granted,
            "policy_version": r.policy_version,
            "time": r.changed_at,
        }
        for r in rows
    ]


async def count_active_admins(session: AsyncSession, excluding: str) -> int:
    """Active admins other than `excluding` (locked, so two demotions cannot race past zero)."""
    rows = (
        await session.execute(
            select(users.c.id, users.c.roles)
            .where(
                users.c.status == ACTIVE,
                users.c.id != excluding,
                cast(users.c.roles, String).like(f'%"{ADMIN}"%'),
            )
            .with_for_update()
        )
    ).all()
    return sum(1 for r in rows if ADMIN in r.roles)


async def erase_user(session: AsyncSession, user_id: str, now: datetime) -> None:
    """Remove personal data; what remains is linked only to the pseudonymous id."""
    await session.execute(
        update(users)
        .where(users.c.id == user_id)
        .values(
            phone_number=None,
            display_name="",
            language_code="en",
            voice_replies=False,
            notification_frequency="off",
            status=ERASED,
            erased_at=now,
            updated_at=now,
        )
    )
    await session.execute(
        update(consent_history)
        .where(consent_history.c.user_id == user_id)
        .values(policy_version="")
    )


async def count_users(session: AsyncSession) -> int:
    return (await session.execute(select(func.count()).select_from(users))).scalar_one()
