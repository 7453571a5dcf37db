"""A migration used by the runtime's migration test."""

import sqlalchemy as sa
from alembic import op

from services.runtime.db import migration_schema

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "things",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(50), nullable=False),
        schema=migration_schema(),
    )


def downgrade() -> None:
    op.drop_table("things", schema=migration_schema())
