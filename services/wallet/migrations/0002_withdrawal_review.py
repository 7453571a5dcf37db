"""Withdrawals whose outcome stays unknown are handed to operations: when that happened."""

import sqlalchemy as sa
from alembic import op

from services.runtime.db import migration_schema

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "withdrawals",
        sa.Column("review_at", sa.DateTime(timezone=True), nullable=True),
        schema=migration_schema(),
    )


def downgrade() -> None:
    op.drop_column("withdrawals", "review_at", schema=migration_schema())
