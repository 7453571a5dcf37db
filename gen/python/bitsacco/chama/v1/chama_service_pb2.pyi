from bitsacco.chama.v1 import chama_pb2 as _chama_pb2
from bitsacco.common.v1 import common_pb2 as _common_pb2
from buf.validate import validate_pb2 as _validate_pb2
from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CreateChamaRequest(_message.Message):
    __slots__ = ("chama", "request_id")
    CHAMA_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    chama: _chama_pb2.Chama
    request_id: str
    def __init__(self, chama: _Optional[_Union[_chama_pb2.Chama, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class CreateChamaResponse(_message.Message):
    __slots__ = ("chama",)
    CHAMA_FIELD_NUMBER: _ClassVar[int]
    chama: _chama_pb2.Chama
    def __init__(self, chama: _Optional[_Union[_chama_pb2.Chama, _Mapping]] = ...) -> None: ...

class GetChamaRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetChamaResponse(_message.Message):
    __slots__ = ("chama",)
    CHAMA_FIELD_NUMBER: _ClassVar[int]
    chama: _chama_pb2.Chama
    def __init__(self, chama: _Optional[_Union[_chama_pb2.Chama, _Mapping]] = ...) -> None: ...

class ListChamasRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListChamasResponse(_message.Message):
    __slots__ = ("chamas", "next_page_token")
    CHAMAS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    chamas: _containers.RepeatedCompositeFieldContainer[_chama_pb2.Chama]
    next_page_token: str
    def __init__(self, chamas: _Optional[_Iterable[_Union[_chama_pb2.Chama, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpdateChamaRequest(_message.Message):
    __slots__ = ("chama", "update_mask", "request_id")
    CHAMA_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    chama: _chama_pb2.Chama
    update_mask: _field_mask_pb2.FieldMask
    request_id: str
    def __init__(self, chama: _Optional[_Union[_chama_pb2.Chama, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class UpdateChamaResponse(_message.Message):
    __slots__ = ("chama",)
    CHAMA_FIELD_NUMBER: _ClassVar[int]
    chama: _chama_pb2.Chama
    def __init__(self, chama: _Optional[_Union[_chama_pb2.Chama, _Mapping]] = ...) -> None: ...

class CloseChamaRequest(_message.Message):
    __slots__ = ("name", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class CloseChamaResponse(_message.Message):
    __slots__ = ("chama",)
    CHAMA_FIELD_NUMBER: _ClassVar[int]
    chama: _chama_pb2.Chama
    def __init__(self, chama: _Optional[_Union[_chama_pb2.Chama, _Mapping]] = ...) -> None: ...

class VerifyVoteLogRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class VerifyVoteLogResponse(_message.Message):
    __slots__ = ("intact", "votes_checked", "approvals_checked", "head_sequence", "head_hash", "defects")
    INTACT_FIELD_NUMBER: _ClassVar[int]
    VOTES_CHECKED_FIELD_NUMBER: _ClassVar[int]
    APPROVALS_CHECKED_FIELD_NUMBER: _ClassVar[int]
    HEAD_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    HEAD_HASH_FIELD_NUMBER: _ClassVar[int]
    DEFECTS_FIELD_NUMBER: _ClassVar[int]
    intact: bool
    votes_checked: int
    approvals_checked: int
    head_sequence: int
    head_hash: bytes
    defects: _containers.RepeatedCompositeFieldContainer[_chama_pb2.VoteLogDefect]
    def __init__(self, intact: _Optional[bool] = ..., votes_checked: _Optional[int] = ..., approvals_checked: _Optional[int] = ..., head_sequence: _Optional[int] = ..., head_hash: _Optional[bytes] = ..., defects: _Optional[_Iterable[_Union[_chama_pb2.VoteLogDefect, _Mapping]]] = ...) -> None: ...

class GetChamaStatementRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetChamaStatementResponse(_message.Message):
    __slots__ = ("statement",)
    STATEMENT_FIELD_NUMBER: _ClassVar[int]
    statement: _chama_pb2.ChamaStatement
    def __init__(self, statement: _Optional[_Union[_chama_pb2.ChamaStatement, _Mapping]] = ...) -> None: ...

class ListMembersRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "state")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    state: _chama_pb2.MemberState
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., state: _Optional[_Union[_chama_pb2.MemberState, str]] = ...) -> None: ...

class ListMembersResponse(_message.Message):
    __slots__ = ("members", "next_page_token")
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    members: _containers.RepeatedCompositeFieldContainer[_chama_pb2.Member]
    next_page_token: str
    def __init__(self, members: _Optional[_Iterable[_Union[_chama_pb2.Member, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetMemberRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetMemberResponse(_message.Message):
    __slots__ = ("member",)
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    member: _chama_pb2.Member
    def __init__(self, member: _Optional[_Union[_chama_pb2.Member, _Mapping]] = ...) -> None: ...

class UpdateMemberRolesRequest(_message.Message):
    __slots__ = ("name", "roles", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    roles: _containers.RepeatedScalarFieldContainer[_chama_pb2.MemberRole]
    request_id: str
    def __init__(self, name: _Optional[str] = ..., roles: _Optional[_Iterable[_Union[_chama_pb2.MemberRole, str]]] = ..., request_id: _Optional[str] = ...) -> None: ...

class UpdateMemberRolesResponse(_message.Message):
    __slots__ = ("member",)
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    member: _chama_pb2.Member
    def __init__(self, member: _Optional[_Union[_chama_pb2.Member, _Mapping]] = ...) -> None: ...

class SuspendMemberRequest(_message.Message):
    __slots__ = ("name", "reason", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    reason: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., reason: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class SuspendMemberResponse(_message.Message):
    __slots__ = ("member",)
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    member: _chama_pb2.Member
    def __init__(self, member: _Optional[_Union[_chama_pb2.Member, _Mapping]] = ...) -> None: ...

class ReinstateMemberRequest(_message.Message):
    __slots__ = ("name", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class ReinstateMemberResponse(_message.Message):
    __slots__ = ("member",)
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    member: _chama_pb2.Member
    def __init__(self, member: _Optional[_Union[_chama_pb2.Member, _Mapping]] = ...) -> None: ...

class RemoveMemberRequest(_message.Message):
    __slots__ = ("name", "reason", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    reason: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., reason: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class RemoveMemberResponse(_message.Message):
    __slots__ = ("member",)
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    member: _chama_pb2.Member
    def __init__(self, member: _Optional[_Union[_chama_pb2.Member, _Mapping]] = ...) -> None: ...

class LeaveChamaRequest(_message.Message):
    __slots__ = ("name", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class LeaveChamaResponse(_message.Message):
    __slots__ = ("member",)
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    member: _chama_pb2.Member
    def __init__(self, member: _Optional[_Union[_chama_pb2.Member, _Mapping]] = ...) -> None: ...

class GetMemberStandingRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetMemberStandingResponse(_message.Message):
    __slots__ = ("standing",)
    STANDING_FIELD_NUMBER: _ClassVar[int]
    standing: _chama_pb2.MemberStanding
    def __init__(self, standing: _Optional[_Union[_chama_pb2.MemberStanding, _Mapping]] = ...) -> None: ...

class CreateInviteRequest(_message.Message):
    __slots__ = ("parent", "invite", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    INVITE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    invite: _chama_pb2.Invite
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., invite: _Optional[_Union[_chama_pb2.Invite, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class CreateInviteResponse(_message.Message):
    __slots__ = ("invite",)
    INVITE_FIELD_NUMBER: _ClassVar[int]
    invite: _chama_pb2.Invite
    def __init__(self, invite: _Optional[_Union[_chama_pb2.Invite, _Mapping]] = ...) -> None: ...

class GetInviteRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetInviteResponse(_message.Message):
    __slots__ = ("invite",)
    INVITE_FIELD_NUMBER: _ClassVar[int]
    invite: _chama_pb2.Invite
    def __init__(self, invite: _Optional[_Union[_chama_pb2.Invite, _Mapping]] = ...) -> None: ...

class ListInvitesRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "state")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    state: _chama_pb2.InviteState
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., state: _Optional[_Union[_chama_pb2.InviteState, str]] = ...) -> None: ...

class ListInvitesResponse(_message.Message):
    __slots__ = ("invites", "next_page_token")
    INVITES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    invites: _containers.RepeatedCompositeFieldContainer[_chama_pb2.Invite]
    next_page_token: str
    def __init__(self, invites: _Optional[_Iterable[_Union[_chama_pb2.Invite, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class AcceptInviteRequest(_message.Message):
    __slots__ = ("code", "request_id")
    CODE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    code: str
    request_id: str
    def __init__(self, code: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class AcceptInviteResponse(_message.Message):
    __slots__ = ("invite", "member")
    INVITE_FIELD_NUMBER: _ClassVar[int]
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    invite: _chama_pb2.Invite
    member: _chama_pb2.Member
    def __init__(self, invite: _Optional[_Union[_chama_pb2.Invite, _Mapping]] = ..., member: _Optional[_Union[_chama_pb2.Member, _Mapping]] = ...) -> None: ...

class DeclineInviteRequest(_message.Message):
    __slots__ = ("code", "request_id")
    CODE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    code: str
    request_id: str
    def __init__(self, code: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class DeclineInviteResponse(_message.Message):
    __slots__ = ("invite",)
    INVITE_FIELD_NUMBER: _ClassVar[int]
    invite: _chama_pb2.Invite
    def __init__(self, invite: _Optional[_Union[_chama_pb2.Invite, _Mapping]] = ...) -> None: ...

class RevokeInviteRequest(_message.Message):
    __slots__ = ("name", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class RevokeInviteResponse(_message.Message):
    __slots__ = ("invite",)
    INVITE_FIELD_NUMBER: _ClassVar[int]
    invite: _chama_pb2.Invite
    def __init__(self, invite: _Optional[_Union[_chama_pb2.Invite, _Mapping]] = ...) -> None: ...

class CreateContributionRequest(_message.Message):
    __slots__ = ("parent", "amount_sats", "value", "period", "step_up_token", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_SATS_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    STEP_UP_TOKEN_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    amount_sats: int
    value: _common_pb2.Money
    period: str
    step_up_token: str
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., amount_sats: _Optional[int] = ..., value: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., period: _Optional[str] = ..., step_up_token: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class CreateContributionResponse(_message.Message):
    __slots__ = ("contribution",)
    CONTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    contribution: _chama_pb2.Contribution
    def __init__(self, contribution: _Optional[_Union[_chama_pb2.Contribution, _Mapping]] = ...) -> None: ...

class GetContributionRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetContributionResponse(_message.Message):
    __slots__ = ("contribution",)
    CONTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    contribution: _chama_pb2.Contribution
    def __init__(self, contribution: _Optional[_Union[_chama_pb2.Contribution, _Mapping]] = ...) -> None: ...

class ListContributionsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "member", "period")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    member: str
    period: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., member: _Optional[str] = ..., period: _Optional[str] = ...) -> None: ...

class ListContributionsResponse(_message.Message):
    __slots__ = ("contributions", "next_page_token")
    CONTRIBUTIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    contributions: _containers.RepeatedCompositeFieldContainer[_chama_pb2.Contribution]
    next_page_token: str
    def __init__(self, contributions: _Optional[_Iterable[_Union[_chama_pb2.Contribution, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreatePenaltyRequest(_message.Message):
    __slots__ = ("parent", "penalty", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PENALTY_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    penalty: _chama_pb2.Penalty
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., penalty: _Optional[_Union[_chama_pb2.Penalty, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class CreatePenaltyResponse(_message.Message):
    __slots__ = ("penalty",)
    PENALTY_FIELD_NUMBER: _ClassVar[int]
    penalty: _chama_pb2.Penalty
    def __init__(self, penalty: _Optional[_Union[_chama_pb2.Penalty, _Mapping]] = ...) -> None: ...

class GetPenaltyRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetPenaltyResponse(_message.Message):
    __slots__ = ("penalty",)
    PENALTY_FIELD_NUMBER: _ClassVar[int]
    penalty: _chama_pb2.Penalty
    def __init__(self, penalty: _Optional[_Union[_chama_pb2.Penalty, _Mapping]] = ...) -> None: ...

class ListPenaltiesRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "member", "state")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    member: str
    state: _chama_pb2.PenaltyState
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., member: _Optional[str] = ..., state: _Optional[_Union[_chama_pb2.PenaltyState, str]] = ...) -> None: ...

class ListPenaltiesResponse(_message.Message):
    __slots__ = ("penalties", "next_page_token")
    PENALTIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    penalties: _containers.RepeatedCompositeFieldContainer[_chama_pb2.Penalty]
    next_page_token: str
    def __init__(self, penalties: _Optional[_Iterable[_Union[_chama_pb2.Penalty, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class WaivePenaltyRequest(_message.Message):
    __slots__ = ("name", "reason", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    reason: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., reason: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class WaivePenaltyResponse(_message.Message):
    __slots__ = ("penalty",)
    PENALTY_FIELD_NUMBER: _ClassVar[int]
    penalty: _chama_pb2.Penalty
    def __init__(self, penalty: _Optional[_Union[_chama_pb2.Penalty, _Mapping]] = ...) -> None: ...

class PayPenaltyRequest(_message.Message):
    __slots__ = ("name", "step_up_token", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    STEP_UP_TOKEN_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    step_up_token: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., step_up_token: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class PayPenaltyResponse(_message.Message):
    __slots__ = ("penalty",)
    PENALTY_FIELD_NUMBER: _ClassVar[int]
    penalty: _chama_pb2.Penalty
    def __init__(self, penalty: _Optional[_Union[_chama_pb2.Penalty, _Mapping]] = ...) -> None: ...

class CreateProposalRequest(_message.Message):
    __slots__ = ("parent", "proposal", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PROPOSAL_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    proposal: _chama_pb2.Proposal
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., proposal: _Optional[_Union[_chama_pb2.Proposal, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class CreateProposalResponse(_message.Message):
    __slots__ = ("proposal",)
    PROPOSAL_FIELD_NUMBER: _ClassVar[int]
    proposal: _chama_pb2.Proposal
    def __init__(self, proposal: _Optional[_Union[_chama_pb2.Proposal, _Mapping]] = ...) -> None: ...

class GetProposalRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetProposalResponse(_message.Message):
    __slots__ = ("proposal",)
    PROPOSAL_FIELD_NUMBER: _ClassVar[int]
    proposal: _chama_pb2.Proposal
    def __init__(self, proposal: _Optional[_Union[_chama_pb2.Proposal, _Mapping]] = ...) -> None: ...

class ListProposalsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "state", "kind")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    state: _chama_pb2.ProposalState
    kind: _chama_pb2.ProposalKind
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., state: _Optional[_Union[_chama_pb2.ProposalState, str]] = ..., kind: _Optional[_Union[_chama_pb2.ProposalKind, str]] = ...) -> None: ...

class ListProposalsResponse(_message.Message):
    __slots__ = ("proposals", "next_page_token")
    PROPOSALS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    proposals: _containers.RepeatedCompositeFieldContainer[_chama_pb2.Proposal]
    next_page_token: str
    def __init__(self, proposals: _Optional[_Iterable[_Union[_chama_pb2.Proposal, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CancelProposalRequest(_message.Message):
    __slots__ = ("name", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class CancelProposalResponse(_message.Message):
    __slots__ = ("proposal",)
    PROPOSAL_FIELD_NUMBER: _ClassVar[int]
    proposal: _chama_pb2.Proposal
    def __init__(self, proposal: _Optional[_Union[_chama_pb2.Proposal, _Mapping]] = ...) -> None: ...

class CastVoteRequest(_message.Message):
    __slots__ = ("name", "choice", "step_up_token", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CHOICE_FIELD_NUMBER: _ClassVar[int]
    STEP_UP_TOKEN_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    choice: _chama_pb2.VoteChoice
    step_up_token: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., choice: _Optional[_Union[_chama_pb2.VoteChoice, str]] = ..., step_up_token: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class CastVoteResponse(_message.Message):
    __slots__ = ("vote", "proposal")
    VOTE_FIELD_NUMBER: _ClassVar[int]
    PROPOSAL_FIELD_NUMBER: _ClassVar[int]
    vote: _chama_pb2.Vote
    proposal: _chama_pb2.Proposal
    def __init__(self, vote: _Optional[_Union[_chama_pb2.Vote, _Mapping]] = ..., proposal: _Optional[_Union[_chama_pb2.Proposal, _Mapping]] = ...) -> None: ...

class ListVotesRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListVotesResponse(_message.Message):
    __slots__ = ("votes", "next_page_token")
    VOTES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    votes: _containers.RepeatedCompositeFieldContainer[_chama_pb2.Vote]
    next_page_token: str
    def __init__(self, votes: _Optional[_Iterable[_Union[_chama_pb2.Vote, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreateTreasuryWithdrawalRequest(_message.Message):
    __slots__ = ("parent", "withdrawal", "step_up_token", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWAL_FIELD_NUMBER: _ClassVar[int]
    STEP_UP_TOKEN_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    withdrawal: _chama_pb2.TreasuryWithdrawal
    step_up_token: str
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., withdrawal: _Optional[_Union[_chama_pb2.TreasuryWithdrawal, _Mapping]] = ..., step_up_token: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class CreateTreasuryWithdrawalResponse(_message.Message):
    __slots__ = ("withdrawal",)
    WITHDRAWAL_FIELD_NUMBER: _ClassVar[int]
    withdrawal: _chama_pb2.TreasuryWithdrawal
    def __init__(self, withdrawal: _Optional[_Union[_chama_pb2.TreasuryWithdrawal, _Mapping]] = ...) -> None: ...

class GetTreasuryWithdrawalRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetTreasuryWithdrawalResponse(_message.Message):
    __slots__ = ("withdrawal",)
    WITHDRAWAL_FIELD_NUMBER: _ClassVar[int]
    withdrawal: _chama_pb2.TreasuryWithdrawal
    def __init__(self, withdrawal: _Optional[_Union[_chama_pb2.TreasuryWithdrawal, _Mapping]] = ...) -> None: ...

class ListTreasuryWithdrawalsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "state")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    state: _chama_pb2.TreasuryWithdrawalState
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., state: _Optional[_Union[_chama_pb2.TreasuryWithdrawalState, str]] = ...) -> None: ...

class ListTreasuryWithdrawalsResponse(_message.Message):
    __slots__ = ("withdrawals", "next_page_token")
    WITHDRAWALS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    withdrawals: _containers.RepeatedCompositeFieldContainer[_chama_pb2.TreasuryWithdrawal]
    next_page_token: str
    def __init__(self, withdrawals: _Optional[_Iterable[_Union[_chama_pb2.TreasuryWithdrawal, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ApproveTreasuryWithdrawalRequest(_message.Message):
    __slots__ = ("name", "terms_hash", "step_up_token", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TERMS_HASH_FIELD_NUMBER: _ClassVar[int]
    STEP_UP_TOKEN_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    terms_hash: bytes
    step_up_token: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., terms_hash: _Optional[bytes] = ..., step_up_token: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class ApproveTreasuryWithdrawalResponse(_message.Message):
    __slots__ = ("withdrawal",)
    WITHDRAWAL_FIELD_NUMBER: _ClassVar[int]
    withdrawal: _chama_pb2.TreasuryWithdrawal
    def __init__(self, withdrawal: _Optional[_Union[_chama_pb2.TreasuryWithdrawal, _Mapping]] = ...) -> None: ...

class RejectTreasuryWithdrawalRequest(_message.Message):
    __slots__ = ("name", "reason", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    reason: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., reason: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class RejectTreasuryWithdrawalResponse(_message.Message):
    __slots__ = ("withdrawal",)
    WITHDRAWAL_FIELD_NUMBER: _ClassVar[int]
    withdrawal: _chama_pb2.TreasuryWithdrawal
    def __init__(self, withdrawal: _Optional[_Union[_chama_pb2.TreasuryWithdrawal, _Mapping]] = ...) -> None: ...
