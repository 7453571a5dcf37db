"""The ai service's tables: conversations and turns."""

from alembic import op
from sqlalchemy import MetaData

from services.ai.storage.tables import TABLES
from services.runtime.db import migration_schema

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    meta = MetaData(schema=migration_schema())
    for make in TABLES:
        make(meta).create(op.get_bind())


def downgrade() -> None:
    meta = MetaData(schema=migration_schema())
    for make in reversed(TABLES):
        make(meta).drop(op.get_bind())
