"""The notification service's first tables: messages (both ways, with delivery status and the
worker's progress), the dev outbox, media, Twilio Content SIDs, early statuses, and the event
tables."""

import sqlalchemy as sa
from alembic import op

from services.runtime.db import migration_schema
from services.runtime.events import create_event_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

RowId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Moment = sa.DateTime(timezone=True)


def upgrade() -> None:
    schema = migration_schema()
    create_event_tables()
    op.create_table(
        "messages",
        sa.Column("seq", RowId, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(36), nullable=False, unique=True),
        sa.Column("direction", sa.SmallInteger, nullable=False),
        sa.Column("channel", sa.SmallInteger, nullable=False),
        sa.Column("sender_phone", sa.String(16), nullable=False),
        sa.Column("recipient_phone", sa.String(16), nullable=False),
        sa.Column("member_phone", sa.String(16), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("fallback_template", sa.LargeBinary),
        sa.Column("state", sa.SmallInteger, nullable=False),
        sa.Column("provider", sa.SmallInteger, nullable=False),
        sa.Column("provider_message_id", sa.String(128)),
        sa.Column("dedupe_key", sa.String(160), unique=True),
        sa.Column("request_id", sa.String(36), unique=True),
        sa.Column("request_hash", sa.String(64)),
        sa.Column("in_reply_to", sa.String(36)),
        sa.Column("error", sa.LargeBinary),
        sa.Column("attempt_count", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", Moment),
        sa.Column("sender_profile_name", sa.String(256), nullable=False),
        sa.Column("remote_media", sa.Text),
        sa.Column("transcript", sa.Text),
        sa.Column("turn_requested_at", Moment),
        sa.Column("rate_limit", sa.String(8), nullable=False),
        sa.Column("create_time", Moment, nullable=False),
        sa.Column("send_time", Moment),
        sa.Column("deliver_time", Moment),
        sa.Column("read_time", Moment),
        sa.Column("fail_time", Moment),
        sa.Column("process_time", Moment),
        sa.Column("update_time", Moment, nullable=False),
        schema=schema,
    )
    op.create_index(
        "messages_member_window",
        "messages",
        ["member_phone", "direction", "create_time"],
        schema=schema,
    )
    op.create_index(
        "messages_pending",
        "messages",
        ["direction", "state", "member_phone", "seq"],
        schema=schema,
    )
    op.create_index("messages_provider_id", "messages", ["provider_message_id"], schema=schema)
    op.create_table(
        "outbox_messages",
        sa.Column("sequence", RowId, primary_key=True, autoincrement=True),
        sa.Column("message_id", sa.String(36), nullable=False, unique=True),
        sa.Column("channel", sa.SmallInteger, nullable=False),
        sa.Column("recipient_phone", sa.String(16), nullable=False, index=True),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("create_time", Moment, nullable=False),
        schema=schema,
    )
    op.create_table(
        "media",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("request_id", sa.String(36), unique=True),
        sa.Column("content_type", sa.String(128), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("size_bytes", sa.BigInteger, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("create_time", Moment, nullable=False),
        sa.Column("expire_time", Moment, nullable=False, index=True),
        schema=schema,
    )
    op.create_table(
        "twilio_contents",
        sa.Column("content_key", sa.String(64), primary_key=True),
        sa.Column("content_sid", sa.String(64), nullable=False),
        sa.Column("create_time", Moment, nullable=False),
        schema=schema,
    )
    op.create_table(
        "early_statuses",
        sa.Column("provider_message_id", sa.String(128), primary_key=True),
        sa.Column("state", sa.SmallInteger, primary_key=True),
        sa.Column("error", sa.LargeBinary),
        sa.Column("status_time", Moment, nullable=False),
        sa.Column("create_time", Moment, nullable=False, index=True),
        schema=schema,
    )


def downgrade() -> None:
    schema = migration_schema()
    for table in (
        "early_statuses",
        "twilio_contents",
        "media",
        "outbox_messages",
        "messages",
        "processed_events",
        "outbox",
    ):
        op.drop_table(table, schema=schema)
