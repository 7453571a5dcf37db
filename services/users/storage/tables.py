"""The users service's tables (PostgreSQL schema `users`; a SQLite file of its own embedded)."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
)

from services.runtime.events import RowId, event_tables

metadata = MetaData(schema="users")
outbox, processed = event_tables(metadata)

users = Table(
    "users",
    metadata,
    Column("id", String(32), primary_key=True),
    # E.164; NULL once erased, which frees the number (NULLs never collide in a unique index).
    Column("phone_number", String(16), unique=True),
    Column("display_name", String(64), nullable=False, default=""),
    Column("language_code", String(2), nullable=False, default="en"),
    Column("voice_replies", Boolean, nullable=False, default=False),
    Column("notification_frequency", String(16), nullable=False, default="daily"),
    Column("kyc_tier", Integer, nullable=False, default=1),
    Column("roles", JSON, nullable=False),  # ["member", "support", "admin"]
    Column("status", String(16), nullable=False, default="active"),  # active|suspended|erased
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("erased_at", DateTime(timezone=True)),
)

consents = Table(
    "consents",
    metadata,
    Column("user_id", String(32), primary_key=True),
    Column("consent_type", String(32), primary_key=True),
    Column("granted", Boolean, nullable=False),
    Column("policy_version", String(32), nullable=False, default=""),
    Column("grant_time", DateTime(timezone=True)),
    Column("revoke_time", DateTime(timezone=True)),
)

# Every grant and withdrawal, for the export ("consents with their history").
consent_history = Table(
    "consent_history",
    metadata,
    Column("id", RowId, primary_key=True, autoincrement=True),
    Column("user_id", String(32), nullable=False, index=True),
    Column("consent_type", String(32), nullable=False),
    Column("granted", Boolean, nullable=False),
    Column("policy_version", String(32), nullable=False, default=""),
    Column("changed_at", DateTime(timezone=True), nullable=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("user_id", String(32), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_used_at", DateTime(timezone=True), nullable=False),
    Column("device", String(200), nullable=False, default=""),  # user agent; cleared on erasure
    Column("revoked_at", DateTime(timezone=True)),
    Column("revoke_reason", String(32)),  # signed_out|reuse_detected|suspended|erased|all_sessions
)

# Refresh tokens are stored only as a keyed hash; a session's tokens form its rotation family.
refresh_tokens = Table(
    "refresh_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("session_id", String(32), nullable=False, index=True),
    Column("issued_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True)),  # rotated: presenting it again is reuse
)

# Append-only: PostgreSQL and SQLite triggers refuse UPDATE and DELETE (see the migration).
audit_events = Table(
    "audit_events",
    metadata,
    Column("seq", RowId, primary_key=True, autoincrement=True),  # order and page token
    Column("id", String(32), nullable=False, unique=True),
    Column("user_id", String(32), nullable=False, index=True),
    Column("action", String(32), nullable=False),
    Column("actor", String(80), nullable=False),
    Column("reason", String(500), nullable=False, default=""),
    Column("change", JSON),  # {"old": ..., "new": ...}
    Column("request_id", String(36), nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

tier_limits = Table(
    "tier_limits",
    metadata,
    Column("tier", Integer, primary_key=True),
    Column("currency_code", String(3), nullable=False),
    Column("daily_save_minor", BigInteger, nullable=False),
    Column("daily_withdrawal_minor", BigInteger, nullable=False),
    Column("daily_transfer_minor", BigInteger, nullable=False),
    Column("step_up_threshold_minor", BigInteger, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

step_up_challenges = Table(
    "step_up_challenges",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("user_id", String(32), nullable=False),
    Column("transaction_request_id", String(36), nullable=False),
    Column("action", String(40), nullable=False),
    Column("currency_code", String(3), nullable=False),
    Column("minor_units", BigInteger, nullable=False),
    Column("code_hash", String(64)),  # NULL once used or burned
    Column("code_expires_at", DateTime(timezone=True), nullable=False),
    Column("resend_at", DateTime(timezone=True), nullable=False),
    Column("failures", Integer, nullable=False, default=0),
    Column("sends", Integer, nullable=False, default=1),
    Column("state", String(16), nullable=False),  # pending|verified|failed
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("verified_at", DateTime(timezone=True)),
    Index("step_up_by_transaction", "user_id", "transaction_request_id", unique=True),
)

# Idempotency (AIP-155): the first outcome of each (scope, request_id), for at least 24 hours.
requests = Table(
    "requests",
    metadata,
    Column("scope", String(80), primary_key=True),
    Column("request_id", String(36), primary_key=True),
    Column("method", String(40), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("response", LargeBinary, nullable=False),  # encrypted when it holds tokens
    Column("created_at", DateTime(timezone=True), nullable=False, index=True),
)
