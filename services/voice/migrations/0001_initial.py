"""The synthesized-audio cache."""

import sqlalchemy as sa
from alembic import op

from services.runtime.db import migration_schema

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    schema = migration_schema()
    op.create_table(
        "synthesized_audio",
        sa.Column("cache_key", sa.String(64), primary_key=True),
        sa.Column("engine", sa.String(32), nullable=False),
        sa.Column("voice", sa.String(80), nullable=False),
        sa.Column("language_code", sa.String(8), nullable=False),
        sa.Column("audio_format", sa.String(16), nullable=False),
        sa.Column("text_sha256", sa.String(64), nullable=False),
        sa.Column("content_type", sa.String(64), nullable=False),
        sa.Column("audio", sa.LargeBinary, nullable=False),
        sa.Column("duration_ms", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        schema=schema,
    )
    op.create_index(
        "synthesized_audio_last_used_at", "synthesized_audio", ["last_used_at"], schema=schema
    )


def downgrade() -> None:
    op.drop_table("synthesized_audio", schema=migration_schema())
