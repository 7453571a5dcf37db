"""Users, consents, sessions and refresh tokens, the audit log, tier limits, step-up challenges,
idempotency records, and the event tables."""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from services.runtime.db import migration_schema
from services.runtime.events import create_event_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

RowId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
When = sa.DateTime(timezone=True)


def upgrade() -> None:
    schema = migration_schema()
    create_event_tables()
    op.create_table(
        "users",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("phone_number", sa.String(16), unique=True),
        sa.Column("display_name", sa.String(64), nullable=False),
        sa.Column("language_code", sa.String(2), nullable=False),
        sa.Column("voice_replies", sa.Boolean, nullable=False),
        sa.Column("notification_frequency", sa.String(16), nullable=False),
        sa.Column("kyc_tier", sa.Integer, nullable=False),
        sa.Column("roles", sa.JSON, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", When, nullable=False),
        sa.Column("updated_at", When, nullable=False),
        sa.Column("erased_at", When),
        schema=schema,
    )
    op.create_table(
        "consents",
        sa.Column("user_id", sa.String(32), primary_key=True),
        sa.Column("consent_type", sa.String(32), primary_key=True),
        sa.Column("granted", sa.Boolean, nullable=False),
        sa.Column("policy_version", sa.String(32), nullable=False),
        sa.Column("grant_time", When),
        sa.Column("revoke_time", When),
        schema=schema,
    )
    op.create_table(
        "consent_history",
        sa.Column("id", RowId, primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.String(32), nullable=False, index=True),
        sa.Column("consent_type", sa.String(32), nullable=False),
        sa.Column("granted", sa.Boolean, nullable=False),
        sa.Column("policy_version", sa.String(32), nullable=False),
        sa.Column("changed_at", When, nullable=False),
        schema=schema,
    )
    op.create_table(
        "sessions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("user_id", sa.String(32), nullable=False, index=True),
        sa.Column("created_at", When, nullable=False),
        sa.Column("last_used_at", When, nullable=False),
        sa.Column("device", sa.String(200), nullable=False),
        sa.Column("revoked_at", When),
        sa.Column("revoke_reason", sa.String(32)),
        schema=schema,
    )
    op.create_table(
        "refresh_tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("session_id", sa.String(32), nullable=False, index=True),
        sa.Column("issued_at", When, nullable=False),
        sa.Column("expires_at", When, nullable=False),
        sa.Column("used_at", When),
        schema=schema,
    )
    op.create_table(
        "audit_events",
        sa.Column("seq", RowId, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(32), nullable=False, unique=True),
        sa.Column("user_id", sa.String(32), nullable=False, index=True),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(80), nullable=False),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("change", sa.JSON),
        sa.Column("request_id", sa.String(36), nullable=False),
        sa.Column("created_at", When, nullable=False),
        schema=schema,
    )
    _make_append_only("audit_events", schema)
    limits = op.create_table(
        "tier_limits",
        sa.Column("tier", sa.Integer, primary_key=True),
        sa.Column("currency_code", sa.String(3), nullable=False),
        sa.Column("daily_save_minor", sa.BigInteger, nullable=False),
        sa.Column("daily_withdrawal_minor", sa.BigInteger, nullable=False),
        sa.Column("daily_transfer_minor", sa.BigInteger, nullable=False),
        sa.Column("step_up_threshold_minor", sa.BigInteger, nullable=False),
        sa.Column("updated_at", When, nullable=False),
        schema=schema,
    )
    now = datetime.now(UTC)
    # USD cents: tier 1 save 100 / withdraw 50 / transfer 25 per day, x10 per tier; step-up > 100.
    op.bulk_insert(
        limits,
        [
            {
                "tier": tier,
                "currency_code": "USD",
                "daily_save_minor": save * 100,
                "daily_withdrawal_minor": withdraw * 100,
                "daily_transfer_minor": transfer * 100,
                "step_up_threshold_minor": 100 * 100,
                "updated_at": now,
            }
            for tier, save, withdraw, transfer in (
                (1, 100, 50, 25),
                (2, 1_000, 500, 250),
                (3, 10_000, 5_000, 2_500),
            )
        ],
    )
    op.create_table(
        "step_up_challenges",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.Column("transaction_request_id", sa.String(36), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("currency_code", sa.String(3), nullable=False),
        sa.Column("minor_units", sa.BigInteger, nullable=False),
        sa.Column("code_hash", sa.String(64)),
        sa.Column("code_expires_at", When, nullable=False),
        sa.Column("resend_at", When, nullable=False),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("sends", sa.Integer, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("created_at", When, nullable=False),
        sa.Column("verified_at", When),
        sa.Index("step_up_by_transaction", "user_id", "transaction_request_id", unique=True),
        schema=schema,
    )
    op.create_table(
        "requests",
        sa.Column("scope", sa.String(80), primary_key=True),
        sa.Column("request_id", sa.String(36), primary_key=True),
        sa.Column("method", sa.String(40), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("response", sa.LargeBinary, nullable=False),
        sa.Column("created_at", When, nullable=False, index=True),
        schema=schema,
    )


def _make_append_only(table: str, schema: str | None) -> None:
    """Refuse UPDATE and DELETE on `table` in the database itself."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"""
            CREATE FUNCTION "{schema}".refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
            """
        )
        op.execute(
            f"""
            CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON "{schema}"."{table}"
            FOR EACH ROW EXECUTE FUNCTION "{schema}".refuse_change();
            """
        )
    else:
        for change in ("UPDATE", "DELETE"):
            op.execute(
                f"""
                CREATE TRIGGER {table}_no_{change.lower()} BEFORE {change} ON {table}
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """
            )


def downgrade() -> None:
    schema = migration_schema()
    for table in (
        "requests",
        "step_up_challenges",
        "tier_limits",
        "audit_events",
        "refresh_tokens",
        "sessions",
        "consent_history",
        "consents",
        "users",
        "outbox",
        "processed_events",
    ):
        op.drop_table(table, schema=schema)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f'DROP FUNCTION IF EXISTS "{schema}".refuse_change()')
