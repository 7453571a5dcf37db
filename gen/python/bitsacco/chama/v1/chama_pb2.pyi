import datetime

from bitsacco.common.v1 import common_pb2 as _common_pb2
from buf.validate import validate_pb2 as _validate_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.rpc import status_pb2 as _status_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ChamaState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CHAMA_STATE_UNSPECIFIED: _ClassVar[ChamaState]
    CHAMA_STATE_ACTIVE: _ClassVar[ChamaState]
    CHAMA_STATE_CLOSED: _ClassVar[ChamaState]

class ContributionFrequency(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CONTRIBUTION_FREQUENCY_UNSPECIFIED: _ClassVar[ContributionFrequency]
    CONTRIBUTION_FREQUENCY_DAILY: _ClassVar[ContributionFrequency]
    CONTRIBUTION_FREQUENCY_WEEKLY: _ClassVar[ContributionFrequency]
    CONTRIBUTION_FREQUENCY_MONTHLY: _ClassVar[ContributionFrequency]

class MemberRole(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MEMBER_ROLE_UNSPECIFIED: _ClassVar[MemberRole]
    MEMBER_ROLE_MEMBER: _ClassVar[MemberRole]
    MEMBER_ROLE_TREASURER: _ClassVar[MemberRole]
    MEMBER_ROLE_CHAIRPERSON: _ClassVar[MemberRole]
    MEMBER_ROLE_SECRETARY: _ClassVar[MemberRole]

class MemberState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MEMBER_STATE_UNSPECIFIED: _ClassVar[MemberState]
    MEMBER_STATE_ACTIVE: _ClassVar[MemberState]
    MEMBER_STATE_SUSPENDED: _ClassVar[MemberState]
    MEMBER_STATE_LEFT: _ClassVar[MemberState]
    MEMBER_STATE_REMOVED: _ClassVar[MemberState]

class InviteState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INVITE_STATE_UNSPECIFIED: _ClassVar[InviteState]
    INVITE_STATE_PENDING: _ClassVar[InviteState]
    INVITE_STATE_ACCEPTED: _ClassVar[InviteState]
    INVITE_STATE_DECLINED: _ClassVar[InviteState]
    INVITE_STATE_EXPIRED: _ClassVar[InviteState]
    INVITE_STATE_REVOKED: _ClassVar[InviteState]

class ContributionState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CONTRIBUTION_STATE_UNSPECIFIED: _ClassVar[ContributionState]
    CONTRIBUTION_STATE_PENDING: _ClassVar[ContributionState]
    CONTRIBUTION_STATE_COMPLETED: _ClassVar[ContributionState]
    CONTRIBUTION_STATE_FAILED: _ClassVar[ContributionState]

class PenaltyReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PENALTY_REASON_UNSPECIFIED: _ClassVar[PenaltyReason]
    PENALTY_REASON_LATE_CONTRIBUTION: _ClassVar[PenaltyReason]
    PENALTY_REASON_MISSED_MEETING: _ClassVar[PenaltyReason]
    PENALTY_REASON_OTHER: _ClassVar[PenaltyReason]

class PenaltyState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PENALTY_STATE_UNSPECIFIED: _ClassVar[PenaltyState]
    PENALTY_STATE_OUTSTANDING: _ClassVar[PenaltyState]
    PENALTY_STATE_PAID: _ClassVar[PenaltyState]
    PENALTY_STATE_WAIVED: _ClassVar[PenaltyState]

class ProposalKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PROPOSAL_KIND_UNSPECIFIED: _ClassVar[ProposalKind]
    PROPOSAL_KIND_TREASURY_WITHDRAWAL: _ClassVar[ProposalKind]
    PROPOSAL_KIND_SETTINGS_CHANGE: _ClassVar[ProposalKind]
    PROPOSAL_KIND_MEMBER_REMOVAL: _ClassVar[ProposalKind]
    PROPOSAL_KIND_GENERAL: _ClassVar[ProposalKind]

class ProposalState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PROPOSAL_STATE_UNSPECIFIED: _ClassVar[ProposalState]
    PROPOSAL_STATE_OPEN: _ClassVar[ProposalState]
    PROPOSAL_STATE_APPROVED: _ClassVar[ProposalState]
    PROPOSAL_STATE_REJECTED: _ClassVar[ProposalState]
    PROPOSAL_STATE_EXPIRED: _ClassVar[ProposalState]
    PROPOSAL_STATE_EXECUTED: _ClassVar[ProposalState]
    PROPOSAL_STATE_CANCELLED: _ClassVar[ProposalState]

class VoteChoice(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VOTE_CHOICE_UNSPECIFIED: _ClassVar[VoteChoice]
    VOTE_CHOICE_YES: _ClassVar[VoteChoice]
    VOTE_CHOICE_NO: _ClassVar[VoteChoice]
    VOTE_CHOICE_ABSTAIN: _ClassVar[VoteChoice]

class TreasuryWithdrawalState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TREASURY_WITHDRAWAL_STATE_UNSPECIFIED: _ClassVar[TreasuryWithdrawalState]
    TREASURY_WITHDRAWAL_STATE_PENDING_APPROVAL: _ClassVar[TreasuryWithdrawalState]
    TREASURY_WITHDRAWAL_STATE_APPROVED: _ClassVar[TreasuryWithdrawalState]
    TREASURY_WITHDRAWAL_STATE_EXECUTED: _ClassVar[TreasuryWithdrawalState]
    TREASURY_WITHDRAWAL_STATE_REJECTED: _ClassVar[TreasuryWithdrawalState]
    TREASURY_WITHDRAWAL_STATE_EXPIRED: _ClassVar[TreasuryWithdrawalState]
    TREASURY_WITHDRAWAL_STATE_FAILED: _ClassVar[TreasuryWithdrawalState]

class ApprovalDecision(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    APPROVAL_DECISION_UNSPECIFIED: _ClassVar[ApprovalDecision]
    APPROVAL_DECISION_APPROVE: _ClassVar[ApprovalDecision]
    APPROVAL_DECISION_REJECT: _ClassVar[ApprovalDecision]

class VoteLogDefectKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VOTE_LOG_DEFECT_KIND_UNSPECIFIED: _ClassVar[VoteLogDefectKind]
    VOTE_LOG_DEFECT_KIND_HASH_MISMATCH: _ClassVar[VoteLogDefectKind]
    VOTE_LOG_DEFECT_KIND_CHAIN_BROKEN: _ClassVar[VoteLogDefectKind]
    VOTE_LOG_DEFECT_KIND_SEQUENCE_GAP: _ClassVar[VoteLogDefectKind]
    VOTE_LOG_DEFECT_KIND_TALLY_MISMATCH: _ClassVar[VoteLogDefectKind]
    VOTE_LOG_DEFECT_KIND_TERMS_MISMATCH: _ClassVar[VoteLogDefectKind]
CHAMA_STATE_UNSPECIFIED: ChamaState
CHAMA_STATE_ACTIVE: ChamaState
CHAMA_STATE_CLOSED: ChamaState
CONTRIBUTION_FREQUENCY_UNSPECIFIED: ContributionFrequency
CONTRIBUTION_FREQUENCY_DAILY: ContributionFrequency
CONTRIBUTION_FREQUENCY_WEEKLY: ContributionFrequency
CONTRIBUTION_FREQUENCY_MONTHLY: ContributionFrequency
MEMBER_ROLE_UNSPECIFIED: MemberRole
MEMBER_ROLE_MEMBER: MemberRole
MEMBER_ROLE_TREASURER: MemberRole
MEMBER_ROLE_CHAIRPERSON: MemberRole
MEMBER_ROLE_SECRETARY: MemberRole
MEMBER_STATE_UNSPECIFIED: MemberState
MEMBER_STATE_ACTIVE: MemberState
MEMBER_STATE_SUSPENDED: MemberState
MEMBER_STATE_LEFT: MemberState
MEMBER_STATE_REMOVED: MemberState
INVITE_STATE_UNSPECIFIED: InviteState
INVITE_STATE_PENDING: InviteState
INVITE_STATE_ACCEPTED: InviteState
INVITE_STATE_DECLINED: InviteState
INVITE_STATE_EXPIRED: InviteState
INVITE_STATE_REVOKED: InviteState
CONTRIBUTION_STATE_UNSPECIFIED: ContributionState
CONTRIBUTION_STATE_PENDING: ContributionState
CONTRIBUTION_STATE_COMPLETED: ContributionState
CONTRIBUTION_STATE_FAILED: ContributionState
PENALTY_REASON_UNSPECIFIED: PenaltyReason
PENALTY_REASON_LATE_CONTRIBUTION: PenaltyReason
PENALTY_REASON_MISSED_MEETING: PenaltyReason
PENALTY_REASON_OTHER: PenaltyReason
PENALTY_STATE_UNSPECIFIED: PenaltyState
PENALTY_STATE_OUTSTANDING: PenaltyState
PENALTY_STATE_PAID: PenaltyState
PENALTY_STATE_WAIVED: PenaltyState
PROPOSAL_KIND_UNSPECIFIED: ProposalKind
PROPOSAL_KIND_TREASURY_WITHDRAWAL: ProposalKind
PROPOSAL_KIND_SETTINGS_CHANGE: ProposalKind
PROPOSAL_KIND_MEMBER_REMOVAL: ProposalKind
PROPOSAL_KIND_GENERAL: ProposalKind
PROPOSAL_STATE_UNSPECIFIED: ProposalState
PROPOSAL_STATE_OPEN: ProposalState
PROPOSAL_STATE_APPROVED: ProposalState
PROPOSAL_STATE_REJECTED: ProposalState
PROPOSAL_STATE_EXPIRED: ProposalState
PROPOSAL_STATE_EXECUTED: ProposalState
PROPOSAL_STATE_CANCELLED: ProposalState
VOTE_CHOICE_UNSPECIFIED: VoteChoice
VOTE_CHOICE_YES: VoteChoice
VOTE_CHOICE_NO: VoteChoice
VOTE_CHOICE_ABSTAIN: VoteChoice
TREASURY_WITHDRAWAL_STATE_UNSPECIFIED: TreasuryWithdrawalState
TREASURY_WITHDRAWAL_STATE_PENDING_APPROVAL: TreasuryWithdrawalState
TREASURY_WITHDRAWAL_STATE_APPROVED: TreasuryWithdrawalState
TREASURY_WITHDRAWAL_STATE_EXECUTED: TreasuryWithdrawalState
TREASURY_WITHDRAWAL_STATE_REJECTED: TreasuryWithdrawalState
TREASURY_WITHDRAWAL_STATE_EXPIRED: TreasuryWithdrawalState
TREASURY_WITHDRAWAL_STATE_FAILED: TreasuryWithdrawalState
APPROVAL_DECISION_UNSPECIFIED: ApprovalDecision
APPROVAL_DECISION_APPROVE: ApprovalDecision
APPROVAL_DECISION_REJECT: ApprovalDecision
VOTE_LOG_DEFECT_KIND_UNSPECIFIED: VoteLogDefectKind
VOTE_LOG_DEFECT_KIND_HASH_MISMATCH: VoteLogDefectKind
VOTE_LOG_DEFECT_KIND_CHAIN_BROKEN: VoteLogDefectKind
VOTE_LOG_DEFECT_KIND_SEQUENCE_GAP: VoteLogDefectKind
VOTE_LOG_DEFECT_KIND_TALLY_MISMATCH: VoteLogDefectKind
VOTE_LOG_DEFECT_KIND_TERMS_MISMATCH: VoteLogDefectKind

class Chama(_message.Message):
    __slots__ = ("name", "display_name", "description", "settings", "state", "member_count", "treasury_wallet", "treasury_balance_sats", "treasury_available_sats", "treasury_value", "create_time", "update_time", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    MEMBER_COUNT_FIELD_NUMBER: _ClassVar[int]
    TREASURY_WALLET_FIELD_NUMBER: _ClassVar[int]
    TREASURY_BALANCE_SATS_FIELD_NUMBER: _ClassVar[int]
    TREASURY_AVAILABLE_SATS_FIELD_NUMBER: _ClassVar[int]
    TREASURY_VALUE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    description: str
    settings: ChamaSettings
    state: ChamaState
    member_count: int
    treasury_wallet: str
    treasury_balance_sats: int
    treasury_available_sats: int
    treasury_value: _common_pb2.Money
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., description: _Optional[str] = ..., settings: _Optional[_Union[ChamaSettings, _Mapping]] = ..., state: _Optional[_Union[ChamaState, str]] = ..., member_count: _Optional[int] = ..., treasury_wallet: _Optional[str] = ..., treasury_balance_sats: _Optional[int] = ..., treasury_available_sats: _Optional[int] = ..., treasury_value: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class ChamaSettings(_message.Message):
    __slots__ = ("approvals_required", "approval_window", "contribution_schedule", "penalty_rules", "time_zone", "currency_code")
    APPROVALS_REQUIRED_FIELD_NUMBER: _ClassVar[int]
    APPROVAL_WINDOW_FIELD_NUMBER: _ClassVar[int]
    CONTRIBUTION_SCHEDULE_FIELD_NUMBER: _ClassVar[int]
    PENALTY_RULES_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_CODE_FIELD_NUMBER: _ClassVar[int]
    approvals_required: int
    approval_window: _duration_pb2.Duration
    contribution_schedule: ContributionSchedule
    penalty_rules: PenaltyRules
    time_zone: str
    currency_code: str
    def __init__(self, approvals_required: _Optional[int] = ..., approval_window: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., contribution_schedule: _Optional[_Union[ContributionSchedule, _Mapping]] = ..., penalty_rules: _Optional[_Union[PenaltyRules, _Mapping]] = ..., time_zone: _Optional[str] = ..., currency_code: _Optional[str] = ...) -> None: ...

class ContributionSchedule(_message.Message):
    __slots__ = ("amount", "frequency", "due_day", "grace_period", "start_period")
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    FREQUENCY_FIELD_NUMBER: _ClassVar[int]
    DUE_DAY_FIELD_NUMBER: _ClassVar[int]
    GRACE_PERIOD_FIELD_NUMBER: _ClassVar[int]
    START_PERIOD_FIELD_NUMBER: _ClassVar[int]
    amount: _common_pb2.Money
    frequency: ContributionFrequency
    due_day: int
    grace_period: _duration_pb2.Duration
    start_period: str
    def __init__(self, amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., frequency: _Optional[_Union[ContributionFrequency, str]] = ..., due_day: _Optional[int] = ..., grace_period: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., start_period: _Optional[str] = ...) -> None: ...

class PenaltyRules(_message.Message):
    __slots__ = ("late_fee_amount", "late_fee_bps")
    LATE_FEE_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    LATE_FEE_BPS_FIELD_NUMBER: _ClassVar[int]
    late_fee_amount: _common_pb2.Money
    late_fee_bps: int
    def __init__(self, late_fee_amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., late_fee_bps: _Optional[int] = ...) -> None: ...

class Member(_message.Message):
    __slots__ = ("name", "user", "display_name", "roles", "state", "state_reason", "join_time", "leave_time", "update_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    STATE_REASON_FIELD_NUMBER: _ClassVar[int]
    JOIN_TIME_FIELD_NUMBER: _ClassVar[int]
    LEAVE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    user: str
    display_name: str
    roles: _containers.RepeatedScalarFieldContainer[MemberRole]
    state: MemberState
    state_reason: str
    join_time: _timestamp_pb2.Timestamp
    leave_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., user: _Optional[str] = ..., display_name: _Optional[str] = ..., roles: _Optional[_Iterable[_Union[MemberRole, str]]] = ..., state: _Optional[_Union[MemberState, str]] = ..., state_reason: _Optional[str] = ..., join_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., leave_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Invite(_message.Message):
    __slots__ = ("name", "phone_number", "invitee", "inviter", "chama_display_name", "code", "message", "expire_time", "state", "create_time", "respond_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    INVITEE_FIELD_NUMBER: _ClassVar[int]
    INVITER_FIELD_NUMBER: _ClassVar[int]
    CHAMA_DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    RESPOND_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    phone_number: str
    invitee: str
    inviter: str
    chama_display_name: str
    code: str
    message: str
    expire_time: _timestamp_pb2.Timestamp
    state: InviteState
    create_time: _timestamp_pb2.Timestamp
    respond_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., phone_number: _Optional[str] = ..., invitee: _Optional[str] = ..., inviter: _Optional[str] = ..., chama_display_name: _Optional[str] = ..., code: _Optional[str] = ..., message: _Optional[str] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., state: _Optional[_Union[InviteState, str]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., respond_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Contribution(_message.Message):
    __slots__ = ("name", "member", "period", "amount_sats", "value", "price", "state", "wallet_transaction", "failure", "create_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_SATS_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    WALLET_TRANSACTION_FIELD_NUMBER: _ClassVar[int]
    FAILURE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    member: str
    period: str
    amount_sats: int
    value: _common_pb2.Money
    price: _common_pb2.BtcPrice
    state: ContributionState
    wallet_transaction: str
    failure: _status_pb2.Status
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., member: _Optional[str] = ..., period: _Optional[str] = ..., amount_sats: _Optional[int] = ..., value: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., price: _Optional[_Union[_common_pb2.BtcPrice, _Mapping]] = ..., state: _Optional[_Union[ContributionState, str]] = ..., wallet_transaction: _Optional[str] = ..., failure: _Optional[_Union[_status_pb2.Status, _Mapping]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Penalty(_message.Message):
    __slots__ = ("name", "member", "reason", "description", "amount", "period", "state", "issuer", "paid_sats", "pay_time", "waived_by", "waive_reason", "waive_time", "create_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    ISSUER_FIELD_NUMBER: _ClassVar[int]
    PAID_SATS_FIELD_NUMBER: _ClassVar[int]
    PAY_TIME_FIELD_NUMBER: _ClassVar[int]
    WAIVED_BY_FIELD_NUMBER: _ClassVar[int]
    WAIVE_REASON_FIELD_NUMBER: _ClassVar[int]
    WAIVE_TIME_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    member: str
    reason: PenaltyReason
    description: str
    amount: _common_pb2.Money
    period: str
    state: PenaltyState
    issuer: str
    paid_sats: int
    pay_time: _timestamp_pb2.Timestamp
    waived_by: str
    waive_reason: str
    waive_time: _timestamp_pb2.Timestamp
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., member: _Optional[str] = ..., reason: _Optional[_Union[PenaltyReason, str]] = ..., description: _Optional[str] = ..., amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., period: _Optional[str] = ..., state: _Optional[_Union[PenaltyState, str]] = ..., issuer: _Optional[str] = ..., paid_sats: _Optional[int] = ..., pay_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., waived_by: _Optional[str] = ..., waive_reason: _Optional[str] = ..., waive_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Proposal(_message.Message):
    __slots__ = ("name", "kind", "title", "description", "proposer", "treasury_withdrawal", "settings_change", "member_removal", "state", "approvals_required", "tally", "caller_vote", "expire_time", "close_time", "execution_error", "create_time", "update_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    PROPOSER_FIELD_NUMBER: _ClassVar[int]
    TREASURY_WITHDRAWAL_FIELD_NUMBER: _ClassVar[int]
    SETTINGS_CHANGE_FIELD_NUMBER: _ClassVar[int]
    MEMBER_REMOVAL_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    APPROVALS_REQUIRED_FIELD_NUMBER: _ClassVar[int]
    TALLY_FIELD_NUMBER: _ClassVar[int]
    CALLER_VOTE_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    CLOSE_TIME_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_ERROR_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    kind: ProposalKind
    title: str
    description: str
    proposer: str
    treasury_withdrawal: TreasuryWithdrawalPayload
    settings_change: SettingsChangePayload
    member_removal: MemberRemovalPayload
    state: ProposalState
    approvals_required: int
    tally: ProposalTally
    caller_vote: VoteChoice
    expire_time: _timestamp_pb2.Timestamp
    close_time: _timestamp_pb2.Timestamp
    execution_error: _status_pb2.Status
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., kind: _Optional[_Union[ProposalKind, str]] = ..., title: _Optional[str] = ..., description: _Optional[str] = ..., proposer: _Optional[str] = ..., treasury_withdrawal: _Optional[_Union[TreasuryWithdrawalPayload, _Mapping]] = ..., settings_change: _Optional[_Union[SettingsChangePayload, _Mapping]] = ..., member_removal: _Optional[_Union[MemberRemovalPayload, _Mapping]] = ..., state: _Optional[_Union[ProposalState, str]] = ..., approvals_required: _Optional[int] = ..., tally: _Optional[_Union[ProposalTally, _Mapping]] = ..., caller_vote: _Optional[_Union[VoteChoice, str]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., close_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., execution_error: _Optional[_Union[_status_pb2.Status, _Mapping]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ProposalTally(_message.Message):
    __slots__ = ("votes_for", "votes_against", "votes_abstain", "eligible_voters")
    VOTES_FOR_FIELD_NUMBER: _ClassVar[int]
    VOTES_AGAINST_FIELD_NUMBER: _ClassVar[int]
    VOTES_ABSTAIN_FIELD_NUMBER: _ClassVar[int]
    ELIGIBLE_VOTERS_FIELD_NUMBER: _ClassVar[int]
    votes_for: int
    votes_against: int
    votes_abstain: int
    eligible_voters: int
    def __init__(self, votes_for: _Optional[int] = ..., votes_against: _Optional[int] = ..., votes_abstain: _Optional[int] = ..., eligible_voters: _Optional[int] = ...) -> None: ...

class TreasuryWithdrawalPayload(_message.Message):
    __slots__ = ("amount_sats", "destination", "reason", "withdrawal")
    AMOUNT_SATS_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWAL_FIELD_NUMBER: _ClassVar[int]
    amount_sats: int
    destination: WithdrawalDestination
    reason: str
    withdrawal: str
    def __init__(self, amount_sats: _Optional[int] = ..., destination: _Optional[_Union[WithdrawalDestination, _Mapping]] = ..., reason: _Optional[str] = ..., withdrawal: _Optional[str] = ...) -> None: ...

class SettingsChangePayload(_message.Message):
    __slots__ = ("settings", "update_mask")
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    settings: ChamaSettings
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, settings: _Optional[_Union[ChamaSettings, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class MemberRemovalPayload(_message.Message):
    __slots__ = ("member", "reason")
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    member: str
    reason: str
    def __init__(self, member: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class WithdrawalDestination(_message.Message):
    __slots__ = ("recipient_member", "mpesa_phone_number")
    RECIPIENT_MEMBER_FIELD_NUMBER: _ClassVar[int]
    MPESA_PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    recipient_member: str
    mpesa_phone_number: str
    def __init__(self, recipient_member: _Optional[str] = ..., mpesa_phone_number: _Optional[str] = ...) -> None: ...

class Vote(_message.Message):
    __slots__ = ("name", "voter", "choice", "create_time", "sequence", "previous_hash", "hash")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VOTER_FIELD_NUMBER: _ClassVar[int]
    CHOICE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_HASH_FIELD_NUMBER: _ClassVar[int]
    HASH_FIELD_NUMBER: _ClassVar[int]
    name: str
    voter: str
    choice: VoteChoice
    create_time: _timestamp_pb2.Timestamp
    sequence: int
    previous_hash: bytes
    hash: bytes
    def __init__(self, name: _Optional[str] = ..., voter: _Optional[str] = ..., choice: _Optional[_Union[VoteChoice, str]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., sequence: _Optional[int] = ..., previous_hash: _Optional[bytes] = ..., hash: _Optional[bytes] = ...) -> None: ...

class TreasuryWithdrawal(_message.Message):
    __slots__ = ("name", "requester", "proposal", "amount_sats", "destination", "reason", "state", "approvals_required", "eligible_approvers", "approvals", "approval_count", "rejection_count", "terms_hash", "estimated_value", "payout_value", "wallet_transaction", "failure", "expire_time", "create_time", "update_time", "execute_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUESTER_FIELD_NUMBER: _ClassVar[int]
    PROPOSAL_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_SATS_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    APPROVALS_REQUIRED_FIELD_NUMBER: _ClassVar[int]
    ELIGIBLE_APPROVERS_FIELD_NUMBER: _ClassVar[int]
    APPROVALS_FIELD_NUMBER: _ClassVar[int]
    APPROVAL_COUNT_FIELD_NUMBER: _ClassVar[int]
    REJECTION_COUNT_FIELD_NUMBER: _ClassVar[int]
    TERMS_HASH_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_VALUE_FIELD_NUMBER: _ClassVar[int]
    PAYOUT_VALUE_FIELD_NUMBER: _ClassVar[int]
    WALLET_TRANSACTION_FIELD_NUMBER: _ClassVar[int]
    FAILURE_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    EXECUTE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    requester: str
    proposal: str
    amount_sats: int
    destination: WithdrawalDestination
    reason: str
    state: TreasuryWithdrawalState
    approvals_required: int
    eligible_approvers: int
    approvals: _containers.RepeatedCompositeFieldContainer[Approval]
    approval_count: int
    rejection_count: int
    terms_hash: bytes
    estimated_value: _common_pb2.Money
    payout_value: _common_pb2.Money
    wallet_transaction: str
    failure: _status_pb2.Status
    expire_time: _timestamp_pb2.Timestamp
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    execute_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., requester: _Optional[str] = ..., proposal: _Optional[str] = ..., amount_sats: _Optional[int] = ..., destination: _Optional[_Union[WithdrawalDestination, _Mapping]] = ..., reason: _Optional[str] = ..., state: _Optional[_Union[TreasuryWithdrawalState, str]] = ..., approvals_required: _Optional[int] = ..., eligible_approvers: _Optional[int] = ..., approvals: _Optional[_Iterable[_Union[Approval, _Mapping]]] = ..., approval_count: _Optional[int] = ..., rejection_count: _Optional[int] = ..., terms_hash: _Optional[bytes] = ..., estimated_value: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., payout_value: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., wallet_transaction: _Optional[str] = ..., failure: _Optional[_Union[_status_pb2.Status, _Mapping]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., execute_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Approval(_message.Message):
    __slots__ = ("member", "decision", "decide_time", "comment", "vote", "sequence", "previous_hash", "hash")
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    DECIDE_TIME_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    VOTE_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_HASH_FIELD_NUMBER: _ClassVar[int]
    HASH_FIELD_NUMBER: _ClassVar[int]
    member: str
    decision: ApprovalDecision
    decide_time: _timestamp_pb2.Timestamp
    comment: str
    vote: str
    sequence: int
    previous_hash: bytes
    hash: bytes
    def __init__(self, member: _Optional[str] = ..., decision: _Optional[_Union[ApprovalDecision, str]] = ..., decide_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., comment: _Optional[str] = ..., vote: _Optional[str] = ..., sequence: _Optional[int] = ..., previous_hash: _Optional[bytes] = ..., hash: _Optional[bytes] = ...) -> None: ...

class MemberStanding(_message.Message):
    __slots__ = ("name", "current_period", "current_period_due", "current_period_paid", "next_due_time", "total_due", "total_paid", "arrears", "credit", "periods_in_arrears", "penalties_outstanding", "penalties_outstanding_count", "contributed_sats", "good_standing", "compute_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CURRENT_PERIOD_FIELD_NUMBER: _ClassVar[int]
    CURRENT_PERIOD_DUE_FIELD_NUMBER: _ClassVar[int]
    CURRENT_PERIOD_PAID_FIELD_NUMBER: _ClassVar[int]
    NEXT_DUE_TIME_FIELD_NUMBER: _ClassVar[int]
    TOTAL_DUE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_PAID_FIELD_NUMBER: _ClassVar[int]
    ARREARS_FIELD_NUMBER: _ClassVar[int]
    CREDIT_FIELD_NUMBER: _ClassVar[int]
    PERIODS_IN_ARREARS_FIELD_NUMBER: _ClassVar[int]
    PENALTIES_OUTSTANDING_FIELD_NUMBER: _ClassVar[int]
    PENALTIES_OUTSTANDING_COUNT_FIELD_NUMBER: _ClassVar[int]
    CONTRIBUTED_SATS_FIELD_NUMBER: _ClassVar[int]
    GOOD_STANDING_FIELD_NUMBER: _ClassVar[int]
    COMPUTE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    current_period: str
    current_period_due: _common_pb2.Money
    current_period_paid: _common_pb2.Money
    next_due_time: _timestamp_pb2.Timestamp
    total_due: _common_pb2.Money
    total_paid: _common_pb2.Money
    arrears: _common_pb2.Money
    credit: _common_pb2.Money
    periods_in_arrears: int
    penalties_outstanding: _common_pb2.Money
    penalties_outstanding_count: int
    contributed_sats: int
    good_standing: bool
    compute_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., current_period: _Optional[str] = ..., current_period_due: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., current_period_paid: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., next_due_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., total_due: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., total_paid: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., arrears: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., credit: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., periods_in_arrears: _Optional[int] = ..., penalties_outstanding: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., penalties_outstanding_count: _Optional[int] = ..., contributed_sats: _Optional[int] = ..., good_standing: _Optional[bool] = ..., compute_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ChamaStatement(_message.Message):
    __slots__ = ("name", "period", "start_time", "end_time", "complete", "opening_balance_sats", "closing_balance_sats", "contributions_sats", "penalties_paid_sats", "withdrawals_sats", "other_net_sats", "contributions_value", "penalties_charged", "penalties_waived", "closing_value", "closing_price", "member_lines", "withdrawals", "vote_log_head_sequence", "vote_log_head_hash", "generate_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    COMPLETE_FIELD_NUMBER: _ClassVar[int]
    OPENING_BALANCE_SATS_FIELD_NUMBER: _ClassVar[int]
    CLOSING_BALANCE_SATS_FIELD_NUMBER: _ClassVar[int]
    CONTRIBUTIONS_SATS_FIELD_NUMBER: _ClassVar[int]
    PENALTIES_PAID_SATS_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWALS_SATS_FIELD_NUMBER: _ClassVar[int]
    OTHER_NET_SATS_FIELD_NUMBER: _ClassVar[int]
    CONTRIBUTIONS_VALUE_FIELD_NUMBER: _ClassVar[int]
    PENALTIES_CHARGED_FIELD_NUMBER: _ClassVar[int]
    PENALTIES_WAIVED_FIELD_NUMBER: _ClassVar[int]
    CLOSING_VALUE_FIELD_NUMBER: _ClassVar[int]
    CLOSING_PRICE_FIELD_NUMBER: _ClassVar[int]
    MEMBER_LINES_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWALS_FIELD_NUMBER: _ClassVar[int]
    VOTE_LOG_HEAD_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    VOTE_LOG_HEAD_HASH_FIELD_NUMBER: _ClassVar[int]
    GENERATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    period: str
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    complete: bool
    opening_balance_sats: int
    closing_balance_sats: int
    contributions_sats: int
    penalties_paid_sats: int
    withdrawals_sats: int
    other_net_sats: int
    contributions_value: _common_pb2.Money
    penalties_charged: _common_pb2.Money
    penalties_waived: _common_pb2.Money
    closing_value: _common_pb2.Money
    closing_price: _common_pb2.BtcPrice
    member_lines: _containers.RepeatedCompositeFieldContainer[StatementMemberLine]
    withdrawals: _containers.RepeatedCompositeFieldContainer[StatementWithdrawal]
    vote_log_head_sequence: int
    vote_log_head_hash: bytes
    generate_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., period: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., complete: _Optional[bool] = ..., opening_balance_sats: _Optional[int] = ..., closing_balance_sats: _Optional[int] = ..., contributions_sats: _Optional[int] = ..., penalties_paid_sats: _Optional[int] = ..., withdrawals_sats: _Optional[int] = ..., other_net_sats: _Optional[int] = ..., contributions_value: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., penalties_charged: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., penalties_waived: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., closing_value: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., closing_price: _Optional[_Union[_common_pb2.BtcPrice, _Mapping]] = ..., member_lines: _Optional[_Iterable[_Union[StatementMemberLine, _Mapping]]] = ..., withdrawals: _Optional[_Iterable[_Union[StatementWithdrawal, _Mapping]]] = ..., vote_log_head_sequence: _Optional[int] = ..., vote_log_head_hash: _Optional[bytes] = ..., generate_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class StatementMemberLine(_message.Message):
    __slots__ = ("member", "display_name", "contributed_sats", "contributed_value", "contribution_count", "due", "arrears", "penalties_charged", "penalties_paid", "penalties_waived")
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    CONTRIBUTED_SATS_FIELD_NUMBER: _ClassVar[int]
    CONTRIBUTED_VALUE_FIELD_NUMBER: _ClassVar[int]
    CONTRIBUTION_COUNT_FIELD_NUMBER: _ClassVar[int]
    DUE_FIELD_NUMBER: _ClassVar[int]
    ARREARS_FIELD_NUMBER: _ClassVar[int]
    PENALTIES_CHARGED_FIELD_NUMBER: _ClassVar[int]
    PENALTIES_PAID_FIELD_NUMBER: _ClassVar[int]
    PENALTIES_WAIVED_FIELD_NUMBER: _ClassVar[int]
    member: str
    display_name: str
    contributed_sats: int
    contributed_value: _common_pb2.Money
    contribution_count: int
    due: _common_pb2.Money
    arrears: _common_pb2.Money
    penalties_charged: _common_pb2.Money
    penalties_paid: _common_pb2.Money
    penalties_waived: _common_pb2.Money
    def __init__(self, member: _Optional[str] = ..., display_name: _Optional[str] = ..., contributed_sats: _Optional[int] = ..., contributed_value: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., contribution_count: _Optional[int] = ..., due: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., arrears: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., penalties_charged: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., penalties_paid: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., penalties_waived: _Optional[_Union[_common_pb2.Money, _Mapping]] = ...) -> None: ...

class StatementWithdrawal(_message.Message):
    __slots__ = ("withdrawal", "amount_sats", "payout_value", "destination", "reason", "execute_time")
    WITHDRAWAL_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_SATS_FIELD_NUMBER: _ClassVar[int]
    PAYOUT_VALUE_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    EXECUTE_TIME_FIELD_NUMBER: _ClassVar[int]
    withdrawal: str
    amount_sats: int
    payout_value: _common_pb2.Money
    destination: WithdrawalDestination
    reason: str
    execute_time: _timestamp_pb2.Timestamp
    def __init__(self, withdrawal: _Optional[str] = ..., amount_sats: _Optional[int] = ..., payout_value: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., destination: _Optional[_Union[WithdrawalDestination, _Mapping]] = ..., reason: _Optional[str] = ..., execute_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class VoteLogDefect(_message.Message):
    __slots__ = ("entry", "sequence", "kind")
    ENTRY_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    entry: str
    sequence: int
    kind: VoteLogDefectKind
    def __init__(self, entry: _Optional[str] = ..., sequence: _Optional[int] = ..., kind: _Optional[_Union[VoteLogDefectKind, str]] = ...) -> None: ...
