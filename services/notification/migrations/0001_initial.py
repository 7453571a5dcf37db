"""The notification service's tables: messages, dev outbox, media, Twilio contents, early
statuses, and the event tables."""

from alembic import op
from sqlalchemy import MetaData

from services.notification.storage.tables import TABLES
from services.runtime.db import migration_schema
from services.runtime.events import create_event_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_event_tables()
    meta = MetaData(schema=migration_schema())
    for make in TABLES:
        make(meta).create(op.get_bind())


def downgrade() -> None:
    meta = MetaData(schema=migration_schema())
    for make in reversed(TABLES):
        make(meta).drop(op.get_bind())
    op.drop_table("processed_events", schema=migration_schema())
    op.drop_table("outbox", schema=migration_schema())
