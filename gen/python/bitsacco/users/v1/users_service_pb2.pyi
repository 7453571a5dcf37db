import datetime

from bitsacco.common.v1 import common_pb2 as _common_pb2
from bitsacco.users.v1 import users_pb2 as _users_pb2
from buf.validate import validate_pb2 as _validate_pb2
from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import httpbody_pb2 as _httpbody_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class StartPhoneVerificationRequest(_message.Message):
    __slots__ = ("request_id", "phone_number", "channel")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    phone_number: str
    channel: _users_pb2.VerificationChannel
    def __init__(self, request_id: _Optional[str] = ..., phone_number: _Optional[str] = ..., channel: _Optional[_Union[_users_pb2.VerificationChannel, str]] = ...) -> None: ...

class StartPhoneVerificationResponse(_message.Message):
    __slots__ = ("phone_number", "channel", "expire_time", "resend_time")
    PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    RESEND_TIME_FIELD_NUMBER: _ClassVar[int]
    phone_number: str
    channel: _users_pb2.VerificationChannel
    expire_time: _timestamp_pb2.Timestamp
    resend_time: _timestamp_pb2.Timestamp
    def __init__(self, phone_number: _Optional[str] = ..., channel: _Optional[_Union[_users_pb2.VerificationChannel, str]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resend_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class VerifyPhoneRequest(_message.Message):
    __slots__ = ("request_id", "phone_number", "code")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    phone_number: str
    code: str
    def __init__(self, request_id: _Optional[str] = ..., phone_number: _Optional[str] = ..., code: _Optional[str] = ...) -> None: ...

class VerifyPhoneResponse(_message.Message):
    __slots__ = ("tokens", "user", "new_user")
    TOKENS_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    NEW_USER_FIELD_NUMBER: _ClassVar[int]
    tokens: _users_pb2.SessionTokens
    user: _users_pb2.User
    new_user: bool
    def __init__(self, tokens: _Optional[_Union[_users_pb2.SessionTokens, _Mapping]] = ..., user: _Optional[_Union[_users_pb2.User, _Mapping]] = ..., new_user: _Optional[bool] = ...) -> None: ...

class RefreshSessionRequest(_message.Message):
    __slots__ = ("request_id", "refresh_token")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    REFRESH_TOKEN_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    refresh_token: str
    def __init__(self, request_id: _Optional[str] = ..., refresh_token: _Optional[str] = ...) -> None: ...

class RefreshSessionResponse(_message.Message):
    __slots__ = ("tokens",)
    TOKENS_FIELD_NUMBER: _ClassVar[int]
    tokens: _users_pb2.SessionTokens
    def __init__(self, tokens: _Optional[_Union[_users_pb2.SessionTokens, _Mapping]] = ...) -> None: ...

class RevokeSessionRequest(_message.Message):
    __slots__ = ("request_id", "refresh_token", "all_sessions")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    REFRESH_TOKEN_FIELD_NUMBER: _ClassVar[int]
    ALL_SESSIONS_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    refresh_token: str
    all_sessions: bool
    def __init__(self, request_id: _Optional[str] = ..., refresh_token: _Optional[str] = ..., all_sessions: _Optional[bool] = ...) -> None: ...

class RevokeSessionResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetUserRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetUserResponse(_message.Message):
    __slots__ = ("user",)
    USER_FIELD_NUMBER: _ClassVar[int]
    user: _users_pb2.User
    def __init__(self, user: _Optional[_Union[_users_pb2.User, _Mapping]] = ...) -> None: ...

class UpdateUserRequest(_message.Message):
    __slots__ = ("request_id", "user", "update_mask")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    user: _users_pb2.User
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, request_id: _Optional[str] = ..., user: _Optional[_Union[_users_pb2.User, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class UpdateUserResponse(_message.Message):
    __slots__ = ("user",)
    USER_FIELD_NUMBER: _ClassVar[int]
    user: _users_pb2.User
    def __init__(self, user: _Optional[_Union[_users_pb2.User, _Mapping]] = ...) -> None: ...

class LookupUserByPhoneRequest(_message.Message):
    __slots__ = ("phone_number",)
    PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    phone_number: str
    def __init__(self, phone_number: _Optional[str] = ...) -> None: ...

class LookupUserByPhoneResponse(_message.Message):
    __slots__ = ("user",)
    USER_FIELD_NUMBER: _ClassVar[int]
    user: _users_pb2.User
    def __init__(self, user: _Optional[_Union[_users_pb2.User, _Mapping]] = ...) -> None: ...

class SetUserTierRequest(_message.Message):
    __slots__ = ("request_id", "name", "kyc_tier", "reason")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    KYC_TIER_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    name: str
    kyc_tier: _users_pb2.KycTier
    reason: str
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., kyc_tier: _Optional[_Union[_users_pb2.KycTier, str]] = ..., reason: _Optional[str] = ...) -> None: ...

class SetUserTierResponse(_message.Message):
    __slots__ = ("user", "audit_event")
    USER_FIELD_NUMBER: _ClassVar[int]
    AUDIT_EVENT_FIELD_NUMBER: _ClassVar[int]
    user: _users_pb2.User
    audit_event: _users_pb2.AuditEvent
    def __init__(self, user: _Optional[_Union[_users_pb2.User, _Mapping]] = ..., audit_event: _Optional[_Union[_users_pb2.AuditEvent, _Mapping]] = ...) -> None: ...

class SetUserRolesRequest(_message.Message):
    __slots__ = ("request_id", "name", "roles", "reason")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    name: str
    roles: _containers.RepeatedScalarFieldContainer[_users_pb2.Role]
    reason: str
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., roles: _Optional[_Iterable[_Union[_users_pb2.Role, str]]] = ..., reason: _Optional[str] = ...) -> None: ...

class SetUserRolesResponse(_message.Message):
    __slots__ = ("user", "audit_event")
    USER_FIELD_NUMBER: _ClassVar[int]
    AUDIT_EVENT_FIELD_NUMBER: _ClassVar[int]
    user: _users_pb2.User
    audit_event: _users_pb2.AuditEvent
    def __init__(self, user: _Optional[_Union[_users_pb2.User, _Mapping]] = ..., audit_event: _Optional[_Union[_users_pb2.AuditEvent, _Mapping]] = ...) -> None: ...

class SetUserStatusRequest(_message.Message):
    __slots__ = ("request_id", "name", "status", "reason")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    name: str
    status: _users_pb2.UserStatus
    reason: str
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., status: _Optional[_Union[_users_pb2.UserStatus, str]] = ..., reason: _Optional[str] = ...) -> None: ...

class SetUserStatusResponse(_message.Message):
    __slots__ = ("user", "audit_event")
    USER_FIELD_NUMBER: _ClassVar[int]
    AUDIT_EVENT_FIELD_NUMBER: _ClassVar[int]
    user: _users_pb2.User
    audit_event: _users_pb2.AuditEvent
    def __init__(self, user: _Optional[_Union[_users_pb2.User, _Mapping]] = ..., audit_event: _Optional[_Union[_users_pb2.AuditEvent, _Mapping]] = ...) -> None: ...

class ListAuditEventsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "action")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    action: _users_pb2.AuditAction
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., action: _Optional[_Union[_users_pb2.AuditAction, str]] = ...) -> None: ...

class ListAuditEventsResponse(_message.Message):
    __slots__ = ("audit_events", "next_page_token")
    AUDIT_EVENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    audit_events: _containers.RepeatedCompositeFieldContainer[_users_pb2.AuditEvent]
    next_page_token: str
    def __init__(self, audit_events: _Optional[_Iterable[_Union[_users_pb2.AuditEvent, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetTierLimitsRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetTierLimitsResponse(_message.Message):
    __slots__ = ("tier_limits",)
    TIER_LIMITS_FIELD_NUMBER: _ClassVar[int]
    tier_limits: _users_pb2.TierLimits
    def __init__(self, tier_limits: _Optional[_Union[_users_pb2.TierLimits, _Mapping]] = ...) -> None: ...

class ListTierLimitsRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListTierLimitsResponse(_message.Message):
    __slots__ = ("tier_limits", "next_page_token")
    TIER_LIMITS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    tier_limits: _containers.RepeatedCompositeFieldContainer[_users_pb2.TierLimits]
    next_page_token: str
    def __init__(self, tier_limits: _Optional[_Iterable[_Union[_users_pb2.TierLimits, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class StartStepUpRequest(_message.Message):
    __slots__ = ("request_id", "parent", "transaction_request_id", "action", "amount")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    PARENT_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    parent: str
    transaction_request_id: str
    action: _users_pb2.StepUpAction
    amount: _common_pb2.Money
    def __init__(self, request_id: _Optional[str] = ..., parent: _Optional[str] = ..., transaction_request_id: _Optional[str] = ..., action: _Optional[_Union[_users_pb2.StepUpAction, str]] = ..., amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ...) -> None: ...

class StartStepUpResponse(_message.Message):
    __slots__ = ("step_up_challenge",)
    STEP_UP_CHALLENGE_FIELD_NUMBER: _ClassVar[int]
    step_up_challenge: _users_pb2.StepUpChallenge
    def __init__(self, step_up_challenge: _Optional[_Union[_users_pb2.StepUpChallenge, _Mapping]] = ...) -> None: ...

class VerifyStepUpRequest(_message.Message):
    __slots__ = ("request_id", "name", "code")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    name: str
    code: str
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., code: _Optional[str] = ...) -> None: ...

class VerifyStepUpResponse(_message.Message):
    __slots__ = ("step_up_challenge", "grant")
    STEP_UP_CHALLENGE_FIELD_NUMBER: _ClassVar[int]
    GRANT_FIELD_NUMBER: _ClassVar[int]
    step_up_challenge: _users_pb2.StepUpChallenge
    grant: _users_pb2.StepUpGrant
    def __init__(self, step_up_challenge: _Optional[_Union[_users_pb2.StepUpChallenge, _Mapping]] = ..., grant: _Optional[_Union[_users_pb2.StepUpGrant, _Mapping]] = ...) -> None: ...

class ExportUserDataRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ExportUserDataResponse(_message.Message):
    __slots__ = ("http_body",)
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class EraseUserRequest(_message.Message):
    __slots__ = ("request_id", "name", "confirm", "reason")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CONFIRM_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    name: str
    confirm: bool
    reason: str
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., confirm: _Optional[bool] = ..., reason: _Optional[str] = ...) -> None: ...

class EraseUserResponse(_message.Message):
    __slots__ = ("user",)
    USER_FIELD_NUMBER: _ClassVar[int]
    user: _users_pb2.User
    def __init__(self, user: _Optional[_Union[_users_pb2.User, _Mapping]] = ...) -> None: ...

class GetJwksRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetJwksResponse(_message.Message):
    __slots__ = ("http_body",)
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class IssueServiceTokenRequest(_message.Message):
    __slots__ = ("request_id", "user", "phone_number", "create_user_if_missing", "ttl")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    CREATE_USER_IF_MISSING_FIELD_NUMBER: _ClassVar[int]
    TTL_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    user: str
    phone_number: str
    create_user_if_missing: bool
    ttl: _duration_pb2.Duration
    def __init__(self, request_id: _Optional[str] = ..., user: _Optional[str] = ..., phone_number: _Optional[str] = ..., create_user_if_missing: _Optional[bool] = ..., ttl: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class IssueServiceTokenResponse(_message.Message):
    __slots__ = ("access_token", "expire_time", "user", "new_user")
    ACCESS_TOKEN_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    NEW_USER_FIELD_NUMBER: _ClassVar[int]
    access_token: str
    expire_time: _timestamp_pb2.Timestamp
    user: _users_pb2.User
    new_user: bool
    def __init__(self, access_token: _Optional[str] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., user: _Optional[_Union[_users_pb2.User, _Mapping]] = ..., new_user: _Optional[bool] = ...) -> None: ...
