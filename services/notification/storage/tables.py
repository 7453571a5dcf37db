"""The notification service's tables (schema `notification`)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
)

from services.runtime.events import RowId, event_tables

metadata = MetaData(schema="notification")
outbox, processed = event_tables(metadata)


def _messages(meta: MetaData) -> Table:
    return Table(
        "messages",
        meta,
        # Arrival order: the worker processes a member's messages in this order.
        Column("seq", RowId, primary_key=True, autoincrement=True),
        Column("id", String(36), nullable=False, unique=True),
        Column("direction", SmallInteger, nullable=False),
        Column("channel", SmallInteger, nullable=False),
        Column("sender_phone", String(16), nullable=False),
        Column("recipient_phone", String(16), nullable=False),
        # The member's number (sender inbound, recipient outbound): the window and the lanes.
        Column("member_phone", String(16), nullable=False),
        Column("content", LargeBinary, nullable=False),  # MessageContent, serialized
        Column("fallback_template", LargeBinary),  # TemplateContent, serialized
        Column("state", SmallInteger, nullable=False),
        Column("provider", SmallInteger, nullable=False, default=0),
        Column("provider_message_id", String(128)),
        # Inbound: "<provider>:<provider message id>", unique, so a retried webhook stores nothing.
        Column("dedupe_key", String(160), unique=True),
        # Outbound: the SendMessage request_id and a hash of the request it came with.
        Column("request_id", String(36), unique=True),
        Column("request_hash", String(64)),
        Column("in_reply_to", String(36)),
        Column("error", LargeBinary),  # google.rpc.Status, serialized
        Column("attempt_count", Integer, nullable=False, default=0),
        Column("next_attempt_at", DateTime(timezone=True)),
        Column("sender_profile_name", String(256), nullable=False, default=""),
        # Inbound media: where the provider has it (a URL, or a WhatsApp Cloud media id).
        Column("remote_media", Text),
        Column("transcript", Text),  # inbound voice note: the transcript, once made
        Column("turn_requested_at", DateTime(timezone=True)),  # inbound: CreateTurn was called
        Column("rate_limit", String(8), nullable=False, default=""),
        Column("create_time", DateTime(timezone=True), nullable=False),
        Column("send_time", DateTime(timezone=True)),
        Column("deliver_time", DateTime(timezone=True)),
        Column("read_time", DateTime(timezone=True)),
        Column("fail_time", DateTime(timezone=True)),
        Column("process_time", DateTime(timezone=True)),
        Column("update_time", DateTime(timezone=True), nullable=False),
        Index("messages_member_window", "member_phone", "direction", "create_time"),
        Index("messages_pending", "direction", "state", "member_phone", "seq"),
        Index("messages_provider_id", "provider_message_id"),
    )


def _outbox_messages(meta: MetaData) -> Table:
    return Table(
        "outbox_messages",
        meta,
        Column("sequence", RowId, primary_key=True, autoincrement=True),
        Column("message_id", String(36), nullable=False, unique=True),
        Column("channel", SmallInteger, nullable=False),
        Column("recipient_phone", String(16), nullable=False, index=True),
        Column("content", LargeBinary, nullable=False),
        Column("create_time", DateTime(timezone=True), nullable=False),
    )


def _media(meta: MetaData) -> Table:
    return Table(
        "media",
        meta,
        Column("id", String(64), primary_key=True),
        Column("request_id", String(36), unique=True),
        Column("content_type", String(128), nullable=False),
        Column("data", LargeBinary, nullable=False),
        Column("size_bytes", BigInteger, nullable=False),
        Column("sha256", String(64), nullable=False),
        Column("create_time", DateTime(timezone=True), nullable=False),
        Column("expire_time", DateTime(timezone=True), nullable=False, index=True),
    )


def _twilio_contents(meta: MetaData) -> Table:
    """Twilio Content resources created for interactive messages, by a hash of their definition."""
    return Table(
        "twilio_contents",
        meta,
        Column("content_key", String(64), primary_key=True),
        Column("content_sid", String(64), nullable=False),
        Column("create_time", DateTime(timezone=True), nullable=False),
    )


def _early_statuses(meta: MetaData) -> Table:
    """Provider statuses that arrived before we recorded the provider's message id."""
    return Table(
        "early_statuses",
        meta,
        Column("provider_message_id", String(128), primary_key=True),
        Column("state", SmallInteger, primary_key=True),
        Column("error", LargeBinary),
        Column("status_time", DateTime(timezone=True), nullable=False),
        Column("create_time", DateTime(timezone=True), nullable=False, index=True),
    )


messages = _messages(metadata)
outbox_messages = _outbox_messages(metadata)
media = _media(metadata)
twilio_contents = _twilio_contents(metadata)
early_statuses = _early_statuses(metadata)
