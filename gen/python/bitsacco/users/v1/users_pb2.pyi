import datetime

from bitsacco.common.v1 import common_pb2 as _common_pb2
from buf.validate import validate_pb2 as _validate_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class KycTier(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    KYC_TIER_UNSPECIFIED: _ClassVar[KycTier]
    KYC_TIER_1: _ClassVar[KycTier]
    KYC_TIER_2: _ClassVar[KycTier]
    KYC_TIER_3: _ClassVar[KycTier]

class Role(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ROLE_UNSPECIFIED: _ClassVar[Role]
    ROLE_MEMBER: _ClassVar[Role]
    ROLE_SUPPORT: _ClassVar[Role]
    ROLE_ADMIN: _ClassVar[Role]

class UserStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    USER_STATUS_UNSPECIFIED: _ClassVar[UserStatus]
    USER_STATUS_ACTIVE: _ClassVar[UserStatus]
    USER_STATUS_SUSPENDED: _ClassVar[UserStatus]
    USER_STATUS_ERASED: _ClassVar[UserStatus]

class NotificationFrequency(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    NOTIFICATION_FREQUENCY_UNSPECIFIED: _ClassVar[NotificationFrequency]
    NOTIFICATION_FREQUENCY_IMMEDIATE: _ClassVar[NotificationFrequency]
    NOTIFICATION_FREQUENCY_DAILY: _ClassVar[NotificationFrequency]
    NOTIFICATION_FREQUENCY_WEEKLY: _ClassVar[NotificationFrequency]
    NOTIFICATION_FREQUENCY_OFF: _ClassVar[NotificationFrequency]

class ConsentType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CONSENT_TYPE_UNSPECIFIED: _ClassVar[ConsentType]
    CONSENT_TYPE_TERMS_OF_SERVICE: _ClassVar[ConsentType]
    CONSENT_TYPE_DATA_PROCESSING: _ClassVar[ConsentType]
    CONSENT_TYPE_MARKETING: _ClassVar[ConsentType]
    CONSENT_TYPE_VOICE_PROCESSING: _ClassVar[ConsentType]

class VerificationChannel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VERIFICATION_CHANNEL_UNSPECIFIED: _ClassVar[VerificationChannel]
    VERIFICATION_CHANNEL_WHATSAPP: _ClassVar[VerificationChannel]
    VERIFICATION_CHANNEL_SMS: _ClassVar[VerificationChannel]

class AuditAction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AUDIT_ACTION_UNSPECIFIED: _ClassVar[AuditAction]
    AUDIT_ACTION_TIER_CHANGED: _ClassVar[AuditAction]
    AUDIT_ACTION_ROLES_CHANGED: _ClassVar[AuditAction]
    AUDIT_ACTION_STATUS_CHANGED: _ClassVar[AuditAction]
    AUDIT_ACTION_USER_ERASED: _ClassVar[AuditAction]
    AUDIT_ACTION_DATA_EXPORTED: _ClassVar[AuditAction]

class StepUpAction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STEP_UP_ACTION_UNSPECIFIED: _ClassVar[StepUpAction]
    STEP_UP_ACTION_SAVE: _ClassVar[StepUpAction]
    STEP_UP_ACTION_WITHDRAWAL: _ClassVar[StepUpAction]
    STEP_UP_ACTION_TRANSFER: _ClassVar[StepUpAction]
    STEP_UP_ACTION_CHAMA_WITHDRAWAL: _ClassVar[StepUpAction]

class StepUpChallengeState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STEP_UP_CHALLENGE_STATE_UNSPECIFIED: _ClassVar[StepUpChallengeState]
    STEP_UP_CHALLENGE_STATE_PENDING: _ClassVar[StepUpChallengeState]
    STEP_UP_CHALLENGE_STATE_VERIFIED: _ClassVar[StepUpChallengeState]
    STEP_UP_CHALLENGE_STATE_EXPIRED: _ClassVar[StepUpChallengeState]
    STEP_UP_CHALLENGE_STATE_FAILED: _ClassVar[StepUpChallengeState]
KYC_TIER_UNSPECIFIED: KycTier
KYC_TIER_1: KycTier
KYC_TIER_2: KycTier
KYC_TIER_3: KycTier
ROLE_UNSPECIFIED: Role
ROLE_MEMBER: Role
ROLE_SUPPORT: Role
ROLE_ADMIN: Role
USER_STATUS_UNSPECIFIED: UserStatus
USER_STATUS_ACTIVE: UserStatus
USER_STATUS_SUSPENDED: UserStatus
USER_STATUS_ERASED: UserStatus
NOTIFICATION_FREQUENCY_UNSPECIFIED: NotificationFrequency
NOTIFICATION_FREQUENCY_IMMEDIATE: NotificationFrequency
NOTIFICATION_FREQUENCY_DAILY: NotificationFrequency
NOTIFICATION_FREQUENCY_WEEKLY: NotificationFrequency
NOTIFICATION_FREQUENCY_OFF: NotificationFrequency
CONSENT_TYPE_UNSPECIFIED: ConsentType
CONSENT_TYPE_TERMS_OF_SERVICE: ConsentType
CONSENT_TYPE_DATA_PROCESSING: ConsentType
CONSENT_TYPE_MARKETING: ConsentType
CONSENT_TYPE_VOICE_PROCESSING: ConsentType
VERIFICATION_CHANNEL_UNSPECIFIED: VerificationChannel
VERIFICATION_CHANNEL_WHATSAPP: VerificationChannel
VERIFICATION_CHANNEL_SMS: VerificationChannel
AUDIT_ACTION_UNSPECIFIED: AuditAction
AUDIT_ACTION_TIER_CHANGED: AuditAction
AUDIT_ACTION_ROLES_CHANGED: AuditAction
AUDIT_ACTION_STATUS_CHANGED: AuditAction
AUDIT_ACTION_USER_ERASED: AuditAction
AUDIT_ACTION_DATA_EXPORTED: AuditAction
STEP_UP_ACTION_UNSPECIFIED: StepUpAction
STEP_UP_ACTION_SAVE: StepUpAction
STEP_UP_ACTION_WITHDRAWAL: StepUpAction
STEP_UP_ACTION_TRANSFER: StepUpAction
STEP_UP_ACTION_CHAMA_WITHDRAWAL: StepUpAction
STEP_UP_CHALLENGE_STATE_UNSPECIFIED: StepUpChallengeState
STEP_UP_CHALLENGE_STATE_PENDING: StepUpChallengeState
STEP_UP_CHALLENGE_STATE_VERIFIED: StepUpChallengeState
STEP_UP_CHALLENGE_STATE_EXPIRED: StepUpChallengeState
STEP_UP_CHALLENGE_STATE_FAILED: StepUpChallengeState

class User(_message.Message):
    __slots__ = ("name", "phone_number", "display_name", "language_code", "voice_replies", "notification_frequency", "kyc_tier", "roles", "status", "consents", "create_time", "update_time", "erase_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    VOICE_REPLIES_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_FREQUENCY_FIELD_NUMBER: _ClassVar[int]
    KYC_TIER_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CONSENTS_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ERASE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    phone_number: str
    display_name: str
    language_code: str
    voice_replies: bool
    notification_frequency: NotificationFrequency
    kyc_tier: KycTier
    roles: _containers.RepeatedScalarFieldContainer[Role]
    status: UserStatus
    consents: _containers.RepeatedCompositeFieldContainer[Consent]
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    erase_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., phone_number: _Optional[str] = ..., display_name: _Optional[str] = ..., language_code: _Optional[str] = ..., voice_replies: _Optional[bool] = ..., notification_frequency: _Optional[_Union[NotificationFrequency, str]] = ..., kyc_tier: _Optional[_Union[KycTier, str]] = ..., roles: _Optional[_Iterable[_Union[Role, str]]] = ..., status: _Optional[_Union[UserStatus, str]] = ..., consents: _Optional[_Iterable[_Union[Consent, _Mapping]]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., erase_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Consent(_message.Message):
    __slots__ = ("type", "granted", "policy_version", "grant_time", "revoke_time")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    GRANTED_FIELD_NUMBER: _ClassVar[int]
    POLICY_VERSION_FIELD_NUMBER: _ClassVar[int]
    GRANT_TIME_FIELD_NUMBER: _ClassVar[int]
    REVOKE_TIME_FIELD_NUMBER: _ClassVar[int]
    type: ConsentType
    granted: bool
    policy_version: str
    grant_time: _timestamp_pb2.Timestamp
    revoke_time: _timestamp_pb2.Timestamp
    def __init__(self, type: _Optional[_Union[ConsentType, str]] = ..., granted: _Optional[bool] = ..., policy_version: _Optional[str] = ..., grant_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., revoke_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SessionTokens(_message.Message):
    __slots__ = ("access_token", "access_token_expire_time", "refresh_token", "refresh_token_expire_time", "token_type")
    ACCESS_TOKEN_FIELD_NUMBER: _ClassVar[int]
    ACCESS_TOKEN_EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    REFRESH_TOKEN_FIELD_NUMBER: _ClassVar[int]
    REFRESH_TOKEN_EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    TOKEN_TYPE_FIELD_NUMBER: _ClassVar[int]
    access_token: str
    access_token_expire_time: _timestamp_pb2.Timestamp
    refresh_token: str
    refresh_token_expire_time: _timestamp_pb2.Timestamp
    token_type: str
    def __init__(self, access_token: _Optional[str] = ..., access_token_expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., refresh_token: _Optional[str] = ..., refresh_token_expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., token_type: _Optional[str] = ...) -> None: ...

class TierLimits(_message.Message):
    __slots__ = ("name", "kyc_tier", "daily_save_limit", "daily_withdrawal_limit", "daily_transfer_limit", "step_up_threshold", "update_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    KYC_TIER_FIELD_NUMBER: _ClassVar[int]
    DAILY_SAVE_LIMIT_FIELD_NUMBER: _ClassVar[int]
    DAILY_WITHDRAWAL_LIMIT_FIELD_NUMBER: _ClassVar[int]
    DAILY_TRANSFER_LIMIT_FIELD_NUMBER: _ClassVar[int]
    STEP_UP_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    kyc_tier: KycTier
    daily_save_limit: _common_pb2.Money
    daily_withdrawal_limit: _common_pb2.Money
    daily_transfer_limit: _common_pb2.Money
    step_up_threshold: _common_pb2.Money
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., kyc_tier: _Optional[_Union[KycTier, str]] = ..., daily_save_limit: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., daily_withdrawal_limit: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., daily_transfer_limit: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., step_up_threshold: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class AuditEvent(_message.Message):
    __slots__ = ("name", "action", "actor", "reason", "tier_change", "roles_change", "status_change", "request_id", "create_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    TIER_CHANGE_FIELD_NUMBER: _ClassVar[int]
    ROLES_CHANGE_FIELD_NUMBER: _ClassVar[int]
    STATUS_CHANGE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    action: AuditAction
    actor: str
    reason: str
    tier_change: TierChange
    roles_change: RolesChange
    status_change: StatusChange
    request_id: str
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., action: _Optional[_Union[AuditAction, str]] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ..., tier_change: _Optional[_Union[TierChange, _Mapping]] = ..., roles_change: _Optional[_Union[RolesChange, _Mapping]] = ..., status_change: _Optional[_Union[StatusChange, _Mapping]] = ..., request_id: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class TierChange(_message.Message):
    __slots__ = ("old_tier", "new_tier")
    OLD_TIER_FIELD_NUMBER: _ClassVar[int]
    NEW_TIER_FIELD_NUMBER: _ClassVar[int]
    old_tier: KycTier
    new_tier: KycTier
    def __init__(self, old_tier: _Optional[_Union[KycTier, str]] = ..., new_tier: _Optional[_Union[KycTier, str]] = ...) -> None: ...

class RolesChange(_message.Message):
    __slots__ = ("old_roles", "new_roles")
    OLD_ROLES_FIELD_NUMBER: _ClassVar[int]
    NEW_ROLES_FIELD_NUMBER: _ClassVar[int]
    old_roles: _containers.RepeatedScalarFieldContainer[Role]
    new_roles: _containers.RepeatedScalarFieldContainer[Role]
    def __init__(self, old_roles: _Optional[_Iterable[_Union[Role, str]]] = ..., new_roles: _Optional[_Iterable[_Union[Role, str]]] = ...) -> None: ...

class StatusChange(_message.Message):
    __slots__ = ("old_status", "new_status")
    OLD_STATUS_FIELD_NUMBER: _ClassVar[int]
    NEW_STATUS_FIELD_NUMBER: _ClassVar[int]
    old_status: UserStatus
    new_status: UserStatus
    def __init__(self, old_status: _Optional[_Union[UserStatus, str]] = ..., new_status: _Optional[_Union[UserStatus, str]] = ...) -> None: ...

class StepUpChallenge(_message.Message):
    __slots__ = ("name", "transaction_request_id", "action", "amount", "state", "channel", "expire_time", "resend_time", "create_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    RESEND_TIME_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    transaction_request_id: str
    action: StepUpAction
    amount: _common_pb2.Money
    state: StepUpChallengeState
    channel: VerificationChannel
    expire_time: _timestamp_pb2.Timestamp
    resend_time: _timestamp_pb2.Timestamp
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., transaction_request_id: _Optional[str] = ..., action: _Optional[_Union[StepUpAction, str]] = ..., amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., state: _Optional[_Union[StepUpChallengeState, str]] = ..., channel: _Optional[_Union[VerificationChannel, str]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resend_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class StepUpGrant(_message.Message):
    __slots__ = ("token", "expire_time")
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    token: str
    expire_time: _timestamp_pb2.Timestamp
    def __init__(self, token: _Optional[str] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
