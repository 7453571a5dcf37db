"""Translation between the users contract's messages and the service's domain objects."""

from __future__ import annotations

from datetime import datetime

from bitsacco.common.v1 import common_pb2
from bitsacco.users.v1 import users_pb2
from google.protobuf import timestamp_pb2

from services.users import model

ROLE_TO_PROTO = {
    model.MEMBER: users_pb2.ROLE_MEMBER,
    model.SUPPORT: users_pb2.ROLE_SUPPORT,
    model.ADMIN: users_pb2.ROLE_ADMIN,
}
ROLE_FROM_PROTO = {v: k for k, v in ROLE_TO_PROTO.items()}

STATUS_TO_PROTO = {
    model.ACTIVE: users_pb2.USER_STATUS_ACTIVE,
    model.SUSPENDED: users_pb2.USER_STATUS_SUSPENDED,
    model.ERASED: users_pb2.USER_STATUS_ERASED,
}
STATUS_FROM_PROTO = {v: k for k, v in STATUS_TO_PROTO.items()}

FREQUENCY_TO_PROTO = {
    "immediate": users_pb2.NOTIFICATION_FREQUENCY_IMMEDIATE,
    "daily": users_pb2.NOTIFICATION_FREQUENCY_DAILY,
    "weekly": users_pb2.NOTIFICATION_FREQUENCY_WEEKLY,
    "off": users_pb2.NOTIFICATION_FREQUENCY_OFF,
}
FREQUENCY_FROM_PROTO = {v: k for k, v in FREQUENCY_TO_PROTO.items()}

CONSENT_TO_PROTO = {
    "terms_of_service": users_pb2.CONSENT_TYPE_TERMS_OF_SERVICE,
    "data_processing": users_pb2.CONSENT_TYPE_DATA_PROCESSING,
    "marketing": users_pb2.CONSENT_TYPE_MARKETING,
    "voice_processing": users_pb2.CONSENT_TYPE_VOICE_PROCESSING,
}
CONSENT_FROM_PROTO = {v: k for k, v in CONSENT_TO_PROTO.items()}

AUDIT_TO_PROTO = {
    model.TIER_CHANGED: users_pb2.AUDIT_ACTION_TIER_CHANGED,
    model.ROLES_CHANGED: users_pb2.AUDIT_ACTION_ROLES_CHANGED,
    model.STATUS_CHANGED: users_pb2.AUDIT_ACTION_STATUS_CHANGED,
    model.USER_ERASED: users_pb2.AUDIT_ACTION_USER_ERASED,
    model.DATA_EXPORTED: users_pb2.AUDIT_ACTION_DATA_EXPORTED,
}
AUDIT_FROM_PROTO = {v: k for k, v in AUDIT_TO_PROTO.items()}

STEP_UP_STATE_TO_PROTO = {
    "pending": users_pb2.STEP_UP_CHALLENGE_STATE_PENDING,
    "verified": users_pb2.STEP_UP_CHALLENGE_STATE_VERIFIED,
    "expired": users_pb2.STEP_UP_CHALLENGE_STATE_EXPIRED,
    "failed": users_pb2.STEP_UP_CHALLENGE_STATE_FAILED,
}


def timestamp(when: datetime | None) -> timestamp_pb2.Timestamp | None:
    if when is None:
        return None
    stamp = timestamp_pb2.Timestamp()
    stamp.FromDatetime(when)
    return stamp


def user_to_proto(user: model.User) -> users_pb2.User:
    message = users_pb2.User(
        name=user.name,
        phone_number=user.phone_number or "",
        display_name=user.display_name,
        language_code=user.language_code,
        voice_replies=user.voice_replies,
        notification_frequency=FREQUENCY_TO_PROTO[user.notification_frequency],
        kyc_tier=user.kyc_tier,
        roles=[ROLE_TO_PROTO[r] for r in user.roles],
        status=STATUS_TO_PROTO[user.status],
        consents=[
            users_pb2.Consent(
                type=CONSENT_TO_PROTO[c.consent_type],
                granted=c.granted,
                policy_version=c.policy_version,
                grant_time=timestamp(c.grant_time),
                revoke_time=timestamp(c.revoke_time),
            )
            for c in user.consents
        ],
        create_time=timestamp(user.created_at),
        update_time=timestamp(user.updated_at),
        erase_time=timestamp(user.erased_at),
    )
    return message


def money(currency_code: str, minor_units: int) -> common_pb2.Money:
    return common_pb2.Money(currency_code=currency_code, minor_units=minor_units)


def tier_limits_to_proto(limits: model.TierLimits) -> users_pb2.TierLimits:
    currency = limits.currency_code
    return users_pb2.TierLimits(
        name=f"tierLimits/{limits.tier}",
        kyc_tier=limits.tier,
        daily_save_limit=money(currency, limits.daily_save_minor),
        daily_withdrawal_limit=money(currency, limits.daily_withdrawal_minor),
        daily_transfer_limit=money(currency, limits.daily_transfer_minor),
        step_up_threshold=money(currency, limits.step_up_threshold_minor),
        update_time=timestamp(limits.updated_at),
    )


def audit_event_to_proto(event: model.AuditEvent) -> users_pb2.AuditEvent:
    message = users_pb2.AuditEvent(
        name=f"users/{event.user_id}/auditEvents/{event.id}",
        action=AUDIT_TO_PROTO[event.action],
        actor=event.actor,
        reason=event.reason,
        request_id=event.request_id,
        create_time=timestamp(event.created_at),
    )
    change = event.change or {}
    if event.action == model.TIER_CHANGED:
        message.tier_change.CopyFrom(
            users_pb2.TierChange(old_tier=change["old"], new_tier=change["new"])
        )
    elif event.action == model.ROLES_CHANGED:
        message.roles_change.CopyFrom(
            users_pb2.RolesChange(
                old_roles=[ROLE_TO_PROTO[r] for r in change["old"]],
                new_roles=[ROLE_TO_PROTO[r] for r in change["new"]],
            )
        )
    elif event.action in (model.STATUS_CHANGED, model.USER_ERASED):
        message.status_change.CopyFrom(
            users_pb2.StatusChange(
                old_status=STATUS_TO_PROTO[change["old"]],
                new_status=STATUS_TO_PROTO[change["new"]],
            )
        )
    return message


def step_up_to_proto(challenge: model.StepUpChallenge, state: str) -> users_pb2.StepUpChallenge:
    return users_pb2.StepUpChallenge(
        name=f"users/{challenge.user_id}/stepUpChallenges/{challenge.id}",
        transaction_request_id=challenge.transaction_request_id,
        action=users_pb2.StepUpAction.Value(challenge.action),
        amount=money(challenge.currency_code, challenge.minor_units),
        state=STEP_UP_STATE_TO_PROTO[state],
        channel=users_pb2.VERIFICATION_CHANNEL_SMS,
        expire_time=timestamp(challenge.code_expires_at),
        resend_time=timestamp(challenge.resend_at),
        create_time=timestamp(challenge.created_at),
    )
