"""The users service's rules: codes, guesses, update masks, access, the last admin."""

from __future__ import annotations

import pytest

from services.runtime.auth import Caller
from services.runtime.errors import FailedPrecondition, InvalidArgument, PermissionDenied
from services.users.rules import access
from services.users.rules.codes import (
    MAX_FAILURES,
    code_hash,
    code_matches,
    judge_guess,
    new_code,
)
from services.users.rules.profile import check_mask, guard_last_admin, ordered_roles, profile_change
from services.users.rules.refresh_tokens import new_refresh_token, refresh_token_hash


def test_codes_are_six_digits_and_vary():
    codes = {new_code() for _ in range(200)}
    assert all(len(c) == 6 and c.isdigit() for c in codes)
    assert len(codes) > 190


def test_code_hash_is_keyed_and_bound_to_its_purpose():
    stored = code_hash(b"pepper", "+254712345678", "123456")
    assert "123456" not in stored
    assert code_matches(b"pepper", "+254712345678", "123456", stored)
    assert not code_matches(b"pepper", "+254712345679", "123456", stored)
    assert not code_matches(b"other pepper", "+254712345678", "123456", stored)


def test_guesses_count_down_to_the_burn():
    outcomes = [judge_guess(False, failures) for failures in range(MAX_FAILURES)]
    assert [o.attempts_remaining for o in outcomes] == [4, 3, 2, 1, 0]
    assert [o.burned for o in outcomes] == [False, False, False, False, True]
    assert judge_guess(True, 4).correct


def test_refresh_tokens_are_random_and_hashed():
    first, second = new_refresh_token(), new_refresh_token()
    assert first != second and len(first) > 40
    assert refresh_token_hash(b"p", first) != refresh_token_hash(b"p", second)
    assert first not in refresh_token_hash(b"p", first)


@pytest.mark.parametrize("paths", [[], ["*"], ["display_name", "*"]])
def test_mask_is_required(paths):
    with pytest.raises(InvalidArgument) as caught:
        check_mask(paths)
    assert caught.value.reason == "UPDATE_MASK_REQUIRED"


def test_every_forbidden_path_is_named():
    with pytest.raises(InvalidArgument) as caught:
        check_mask(["display_name", "kyc_tier", "roles", "status", "nonsense"])
    assert caught.value.reason == "FIELD_NOT_UPDATABLE"
    assert [v.field for v in caught.value.violations] == ["kyc_tier", "roles", "status", "nonsense"]


def change(paths, **values):
    defaults = dict(
        display_name="",
        language_code="",
        voice_replies=False,
        notification_frequency=None,
        consents=[],
    )
    defaults.update(values)
    return profile_change(paths, **defaults)


def test_profile_change_takes_only_masked_fields():
    result = change(["display_name"], display_name="  Amina ", language_code="sw")
    assert result.values == {"display_name": "Amina"}
    result = change(
        ["consents"],
        consents=[("marketing", True, "2025-01"), ("terms_of_service", False, "")],
    )
    assert [(c.consent_type, c.granted) for c in result.consents] == [
        ("marketing", True),
        ("terms_of_service", False),
    ]


@pytest.mark.parametrize(
    ("paths", "values"),
    [
        (["language_code"], {"language_code": ""}),
        (["language_code"], {"language_code": "fr"}),
        (["notification_frequency"], {"notification_frequency": None}),
        (["consents"], {"consents": [("marketing", True, ""), ("marketing", False, "")]}),
        (["consents"], {"consents": [(None, True, "")]}),
    ],
)
def test_masked_values_must_be_valid(paths, values):
    with pytest.raises(InvalidArgument) as caught:
        change(paths, **values)
    assert caught.value.reason == "INVALID_FIELD_VALUE"


MEMBER = Caller(subject="users/a", roles=frozenset({"member"}))
SUPPORT = Caller(subject="users/s", roles=frozenset({"member", "support"}))
ADMIN = Caller(subject="users/x", roles=frozenset({"member", "admin"}))
SERVICE = Caller(subject="services/wallet")


def test_members_reach_only_themselves():
    assert access.readable_target(MEMBER, "users/me") == ("a", False)
    assert access.readable_target(MEMBER, "users/a") == ("a", False)
    for name in ("users/b", "users/missing"):
        with pytest.raises(PermissionDenied) as caught:
            access.readable_target(MEMBER, name)
        assert caught.value.reason == "USER_ACCESS_DENIED"


def test_support_admin_and_services_read_anyone():
    for caller in (SUPPORT, ADMIN, SERVICE):
        assert access.readable_target(caller, "users/b") == ("b", True)
    with pytest.raises(PermissionDenied):
        access.readable_target(SERVICE, "users/me")  # a service is nobody's "me"


def test_only_the_user_changes_their_own_profile():
    assert access.own_target(MEMBER, "users/me") == "a"
    for caller in (SUPPORT, ADMIN):
        with pytest.raises(PermissionDenied):
            access.own_target(caller, "users/a")


def test_export_and_erasure_are_for_the_user_or_an_admin():
    assert access.admin_or_self_target(MEMBER, "users/me") == ("a", False)
    assert access.admin_or_self_target(ADMIN, "users/a") == ("a", True)
    with pytest.raises(PermissionDenied):
        access.admin_or_self_target(SUPPORT, "users/a")


def test_roles_keep_a_stable_order():
    assert ordered_roles({"admin", "member"}) == ("member", "admin")


def test_the_last_active_admin_stays():
    with pytest.raises(FailedPrecondition) as caught:
        guard_last_admin(currently_admin=True, stays_admin=False, other_active_admins=0)
    assert caught.value.reason == "LAST_ADMIN"
    guard_last_admin(currently_admin=True, stays_admin=False, other_active_admins=1)
    guard_last_admin(currently_admin=False, stays_admin=False, other_active_admins=0)
