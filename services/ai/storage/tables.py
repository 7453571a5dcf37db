"""The ai service's tables (schema `ai`)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Boolean, Column, DateTime, Index, LargeBinary, MetaData, String, Table

metadata = MetaData(schema="ai")


def _conversations(meta: MetaData) -> Table:
    """One row per WhatsApp number: what outlives the 24-hour context (the support flag) and what
    ListConversations sorts and filters on."""
    return Table(
        "conversations",
        meta,
        Column("phone", String(16), primary_key=True),  # E.164
        Column("user_name", String(80), nullable=False, default=""),  # users/{id}, once onboarded
        Column("language_code", String(2), nullable=False, default="en"),
        Column("last_intent", String(40), nullable=False, default="INTENT_UNSPECIFIED"),
        Column("flagged_for_support", Boolean, nullable=False, default=False),
        Column("flag_time", DateTime(timezone=True)),
        Column("create_time", DateTime(timezone=True), nullable=False),
        Column("update_time", DateTime(timezone=True), nullable=False),
        Index("conversations_recent", "update_time", "phone"),
    )


def _turns(meta: MetaData) -> Table:
    """One row per CreateTurn request_id: claimed (with a lease) before the turn runs, then the
    finished Turn, so a retry returns the same replies and runs nothing again."""
    return Table(
        "turns",
        meta,
        Column("id", String(36), primary_key=True),  # the request_id
        Column("phone", String(16), nullable=False),
        Column("fingerprint", String(64), nullable=False),  # of the inbound message
        Column("lease_token", String(36)),  # who is running it, while not done
        Column("lease_until", DateTime(timezone=True)),
        Column("done", Boolean, nullable=False, default=False),
        Column("turn", LargeBinary),  # bitsacco.ai.v1.Turn, serialized, once done
        Column("create_time", DateTime(timezone=True), nullable=False),
        Index("turns_by_time", "create_time"),
    )


TABLES = (_conversations, _turns)
conversations, turns = (make(metadata) for make in TABLES)


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything stored is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)
