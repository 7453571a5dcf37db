"""What a member may change about themselves, and the rules on tiers, roles and status."""

from __future__ import annotations

from dataclasses import dataclass, field

from services.runtime.errors import FailedPrecondition, FieldViolation, InvalidArgument
from services.users.model import CONSENT_TYPES, FREQUENCIES, ROLES

UPDATABLE = ("display_name", "language_code", "voice_replies", "notification_frequency", "consents")
# Fields of User a member can never set (UpdateUser rejects them rather than ignore them).
NOT_UPDATABLE = (
    "name",
    "phone_number",
    "kyc_tier",
    "roles",
    "status",
    "create_time",
    "update_time",
    "erase_time",
)
LANGUAGES = ("en", "sw")


@dataclass(frozen=True)
class ConsentChange:
    consent_type: str
    granted: bool
    policy_version: str


@dataclass(frozen=True)
class ProfileChange:
    """The validated changes of one UpdateUser (only the masked fields are set)."""

    values: dict = field(default_factory=dict)
    consents: tuple[ConsentChange, ...] = ()


def check_mask(paths: list[str]) -> list[str]:
    """The mask's paths, deduplicated; INVALID_ARGUMENT for an empty or `*` mask and for any
    path a member may not update (each one named in BadRequest)."""
    if not paths or "*" in paths:
        raise InvalidArgument(
            "UPDATE_MASK_REQUIRED",
            "Say which fields to change in update_mask (`*` is not accepted).",
            violations=[FieldViolation("update_mask", "list the fields to change")],
        )
    refused = []
    for path in paths:
        if path in UPDATABLE:
            continue
        why = (
            "cannot be changed with UpdateUser"
            if path in NOT_UPDATABLE
            else "is not an updatable field of User"
        )
        refused.append(FieldViolation(path, f"{path} {why}", "FIELD_NOT_UPDATABLE"))
    if refused:
        raise InvalidArgument(
            "FIELD_NOT_UPDATABLE",
            "These fields cannot be changed here: " + ", ".join(v.field for v in refused) + ".",
            violations=refused,
        )
    return list(dict.fromkeys(paths))


def profile_change(
    paths: list[str],
    *,
    display_name: str,
    language_code: str,
    voice_replies: bool,
    notification_frequency: str | None,
    consents: list[tuple[str | None, bool, str]],
) -> ProfileChange:
    """Validate the masked values (already decoded from proto; unknown enums are None)."""
    values: dict = {}
    bad: list[FieldViolation] = []
    for path in check_mask(paths):
        if path == "display_name":
            values["display_name"] = display_name.strip()
        elif path == "language_code":
            if language_code not in LANGUAGES:
                bad.append(FieldViolation("user.language_code", "must be `en` or `sw`"))
            values["language_code"] = language_code
        elif path == "voice_replies":
            values["voice_replies"] = voice_replies
        elif path == "notification_frequency":
            if notification_frequency not in FREQUENCIES:
                bad.append(FieldViolation("user.notification_frequency", "must be set"))
            values["notification_frequency"] = notification_frequency
    changes: list[ConsentChange] = []
    if "consents" in paths:
        seen = set()
        for index, (kind, granted, version) in enumerate(consents):
            if kind not in CONSENT_TYPES:
                bad.append(FieldViolation(f"user.consents[{index}].type", "unknown consent type"))
            elif kind in seen:
                bad.append(FieldViolation(f"user.consents[{index}].type", "given twice"))
            else:
                seen.add(kind)
                changes.append(ConsentChange(kind, granted, version))
    if bad:
        raise InvalidArgument(
            "INVALID_FIELD_VALUE", "Some values cannot be used; see the details.", violations=bad
        )
    return ProfileChange(values, tuple(changes))


def ordered_roles(roles: set[str]) -> tuple[str, ...]:
    return tuple(r for r in ROLES if r in roles)


def guard_last_admin(currently_admin: bool, stays_admin: bool, other_active_admins: int) -> None:
    """FAILED_PRECONDITION LAST_ADMIN when a change would leave no active admin."""
    if currently_admin and not stays_admin and other_active_admins == 0:
        raise FailedPrecondition(
            "LAST_ADMIN", "This is the last active admin; appoint another admin first."
        )
