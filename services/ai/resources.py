"""The contract's resources built from what the service keeps: Turn, Conversation, PendingAction."""

from __future__ import annotations

from datetime import datetime, timedelta

from bitsacco.ai.v1 import ai_pb2
from google.protobuf import json_format, timestamp_pb2

from services.ai.dialogue.context import COLLECTING, CONFIRMING, STEP_UP, Context, Pending
from services.ai.dialogue.turns import Reply
from services.ai.interpretations import DETAIL_FIELDS
from services.ai.storage.conversations import ConversationRow

_STATES = {
    COLLECTING: ai_pb2.PENDING_ACTION_STATE_COLLECTING_DETAILS,
    CONFIRMING: ai_pb2.PENDING_ACTION_STATE_AWAITING_CONFIRMATION,
    STEP_UP: ai_pb2.PENDING_ACTION_STATE_AWAITING_STEP_UP,
}


def timestamp(moment: datetime) -> timestamp_pb2.Timestamp:
    stamp = timestamp_pb2.Timestamp()
    stamp.FromDatetime(moment)
    return stamp


def conversation_name(phone: str) -> str:
    return "conversations/" + phone.removeprefix("+")


def turn_name(phone: str, turn_id: str) -> str:
    return f"{conversation_name(phone)}/turns/{turn_id}"


def outbound_reply(reply: Reply) -> ai_pb2.OutboundReply:
    return ai_pb2.OutboundReply(
        text=reply.text,
        buttons=[ai_pb2.ReplyButton(id=b.id, title=b.title) for b in reply.buttons],
        voice_note=reply.voice_note,
        language_code=reply.language,
    )


def pending_action(pending: Pending, language: str) -> ai_pb2.PendingAction:
    details = {key: value for key, value in pending.details.items() if key in DETAIL_FIELDS}
    interpretation = json_format.ParseDict(
        {"intent": pending.intent, "confidence": 1.0, "language_code": language, **details},
        ai_pb2.Interpretation(),
    )
    action = ai_pb2.PendingAction(
        intent=ai_pb2.Intent.Value(pending.intent),
        state=_STATES[pending.state],
        details=interpretation,
        awaiting_detail=pending.awaiting if pending.state == COLLECTING else "",
        summary=pending.summary if pending.state != COLLECTING else "",
        step_up_required=pending.step_up_required,
    )
    if pending.expires_at is not None:
        action.expire_time.CopyFrom(timestamp(pending.expires_at))
    return action


def conversation(
    row: ConversationRow, context: Context | None, now: datetime, ttl: timedelta
) -> ai_pb2.Conversation:
    """The conversation as it reads now: once the context has expired, a fresh one (only the
    account, language and support flag remain)."""
    live = row.update_time + ttl > now
    message = ai_pb2.Conversation(
        name=conversation_name(row.phone),
        phone_number=row.phone,
        user=row.user_name,
        language_code=(context.language if context and live else row.language_code),
        last_intent=ai_pb2.Intent.Value(row.last_intent) if live else ai_pb2.INTENT_UNSPECIFIED,
        flagged_for_support=row.flagged_for_support,
        create_time=timestamp(row.create_time),
        update_time=timestamp(row.update_time),
        expire_time=timestamp(row.update_time + ttl),
    )
    if row.flag_time is not None:
        message.flag_time.CopyFrom(timestamp(row.flag_time))
    pending = context.pending if context and live else None
    if pending is not None and not pending.expired(now):
        message.pending_action.CopyFrom(pending_action(pending, message.language_code))
    return message
