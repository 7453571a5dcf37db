"""The wallet's first schema: the double-entry ledger, payments, goals, plans and alerts.

On PostgreSQL it also creates `p2p_transfer`, the server-side function that posts a P2P transfer
in one round trip (see services/wallet/storage/transfers.py for the equivalent statements).
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from services.runtime.db import migration_schema
from services.runtime.events import create_event_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

HOUSE_ACCOUNTS = {
    "house-mpesa-clearing": "house/mpesa-clearing",
    "house-spread-revenue": "house/spread-revenue",
    "house-fees": "house/fees",
}

P2P_TRANSFER = """
CREATE OR REPLACE FUNCTION {s}.p2p_transfer(
    p_caller text, p_request_id text, p_method text, p_fingerprint text,
    p_transfer_id text, p_txn_id text, p_src text, p_dst text, p_amount bigint,
    p_day text, p_usd bigint, p_usd_limit bigint, p_at timestamptz,
    p_src_line jsonb, p_dst_line jsonb, p_record jsonb,
    p_funds_error jsonb, p_limit_error jsonb,
    p_event_id text, p_topic text, p_payload json
) RETURNS TABLE (status text, src_balance bigint, dst_balance bigint, available bigint,
                 used bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
    v_resource text := 'wallets/' || p_src || '/transfers/' || p_transfer_id;
    v_kind text;
    v_balance bigint;
    v_pending bigint;
    v_used bigint;
    v_src_after bigint;
    v_dst_after bigint;
    v_error jsonb;
BEGIN
    -- 1. Claim the request id (a concurrent duplicate waits here for the first to finish).
    INSERT INTO {s}.idempotency (caller, request_id, method, fingerprint, state, resource,
                                 created_at, updated_at)
    VALUES (p_caller, p_request_id, p_method, p_fingerprint, 'DONE', v_resource, p_at, p_at)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'DUPLICATE'::text, NULL::bigint, NULL::bigint, NULL::bigint,
                            NULL::bigint;
        RETURN;
    END IF;

    -- 2. Lock both accounts in id order (every posting does), then check funds on the locked row.
    PERFORM 1 FROM {s}.accounts WHERE id IN (p_src, p_dst) ORDER BY id FOR NO KEY UPDATE;
    SELECT kind, balance, pending_out INTO v_kind, v_balance, v_pending
      FROM {s}.accounts WHERE id = p_src;
    IF NOT FOUND OR NOT EXISTS (SELECT 1 FROM {s}.accounts WHERE id = p_dst) THEN
        RAISE EXCEPTION 'unknown account % or %', p_src, p_dst;
    END IF;
    IF v_kind <> 'HOUSE' AND v_balance - v_pending < p_amount THEN
        v_error := p_funds_error;
    END IF;

    -- 3. Count the daily limit (never past it).
    IF v_error IS NULL AND p_usd_limit IS NOT NULL THEN
        IF p_usd <= p_usd_limit THEN
            INSERT INTO {s}.limit_usage AS u (account_id, day, operation, used_usd_minor)
            VALUES (p_src, p_day, 'transfer', p_usd)
            ON CONFLICT (account_id, day, operation) DO UPDATE
               SET used_usd_minor = u.used_usd_minor + EXCLUDED.used_usd_minor
             WHERE u.used_usd_minor + EXCLUDED.used_usd_minor <= p_usd_limit
            RETURNING u.used_usd_minor INTO v_used;
        END IF;
        IF v_used IS NULL THEN
            SELECT COALESCE(max(u.used_usd_minor), 0) INTO v_used FROM {s}.limit_usage u
             WHERE u.account_id = p_src AND u.day = p_day AND u.operation = 'transfer';
            v_error := jsonb_set(p_limit_error, '{extra,metadata,remaining_usd_minor}',
                                 to_jsonb(GREATEST(p_usd_limit - v_used, 0)::text));
        END IF;
    END IF;

    IF v_error IS NOT NULL THEN
        UPDATE {s}.idempotency
           SET resource = NULL, error_code = v_error->>'code', error_reason = v_error->>'reason',
               error_message = v_error->>'message', error_metadata = (v_error->'extra')::json
         WHERE caller = p_caller AND request_id = p_request_id;
        RETURN QUERY SELECT (v_error->>'reason')::text, NULL::bigint, NULL::bigint,
                            GREATEST(v_balance - v_pending, 0), v_used;
        RETURN;
    END IF;

    -- 4. Move the money and write the lines, the transfer and its event.
    UPDATE {s}.accounts SET balance = balance - p_amount WHERE id = p_src
    RETURNING balance INTO v_src_after;
    UPDATE {s}.accounts SET balance = balance + p_amount WHERE id = p_dst
    RETURNING balance INTO v_dst_after;
    INSERT INTO {s}.ledger_transactions (id, kind, source, created_at)
    VALUES (p_txn_id, 'transfer', v_resource, p_at);
    INSERT INTO {s}.entries (txn_id, account_id, amount, balance_after, line_type, fiat_minor,
                             price_minor, counterparty_name, counterparty_phone, reference,
                             source, memo, created_at)
    VALUES (p_txn_id, p_src, -p_amount, v_src_after, 4, (p_src_line->>'fiat_minor')::bigint,
            (p_src_line->>'price_minor')::bigint, p_src_line->>'counterparty_name',
            p_src_line->>'counterparty_phone', p_src_line->>'reference', p_src_line->>'source',
            p_src_line->>'memo', p_at),
           (p_txn_id, p_dst, p_amount, v_dst_after, 3, (p_dst_line->>'fiat_minor')::bigint,
            (p_dst_line->>'price_minor')::bigint, p_dst_line->>'counterparty_name',
            p_dst_line->>'counterparty_phone', p_dst_line->>'reference', p_dst_line->>'source',
            p_dst_line->>'memo', p_at);
    INSERT INTO {s}.transfers (id, account_id, recipient_account_id, recipient_phone,
                               recipient_name, amount_sats, fiat_currency, fiat_minor,
                               rate_currency, rate, note, txn_id, created_at)
    VALUES (p_transfer_id, p_src, p_dst, p_record->>'recipient_phone',
            p_record->>'recipient_name', p_amount, p_record->>'fiat_currency',
            (p_record->>'fiat_minor')::bigint, p_record->>'rate_currency',
            (p_record->>'rate')::bigint, p_record->>'note', p_txn_id, p_at);
    INSERT INTO {s}.outbox (event_id, topic, payload, created_at)
    VALUES (p_event_id, p_topic, p_payload, p_at);
    RETURN QUERY SELECT 'OK'::text, v_src_after, v_dst_after, v_src_after - v_pending, v_used;
END
$fn$;
"""


def upgrade() -> None:
    S = migration_schema()
    P = f"{S}." if S else ""
    create_event_tables()
    op.create_table(
        "accounts",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("owner", sa.String(length=100), nullable=False),
        sa.Column("balance", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("pending_out", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind = 'HOUSE' OR (balance >= 0 AND pending_out >= 0 AND balance >= pending_out)",
            name="accounts_never_negative",
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("owner"),
        schema=S,
    )
    op.create_table(
        "goal_milestones",
        sa.Column("goal_id", sa.String(length=40), nullable=False),
        sa.Column("milestone", sa.SmallInteger(), nullable=False),
        sa.Column("reached_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("goal_id", "milestone"),
        schema=S,
    )
    op.create_table(
        "idempotency",
        sa.Column("caller", sa.String(length=100), nullable=False),
        sa.Column("request_id", sa.String(length=36), nullable=False),
        sa.Column("method", sa.String(length=60), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=8), nullable=False),
        sa.Column("resource", sa.String(length=200), nullable=True),
        sa.Column("error_code", sa.String(length=30), nullable=True),
        sa.Column("error_reason", sa.String(length=60), nullable=True),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.Column("error_metadata", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("caller", "request_id"),
        schema=S,
    )
    op.create_table(
        "ledger_transactions",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        schema=S,
    )
    op.create_table(
        "limit_usage",
        sa.Column("account_id", sa.String(length=40), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("operation", sa.String(length=10), nullable=False),
        sa.Column("used_usd_minor", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("account_id", "day", "operation"),
        schema=S,
    )
    op.create_table(
        "mpesa_callbacks",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("body_hash", sa.String(length=64), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "body_hash", name="mpesa_callbacks_once"),
        schema=S,
    )
    op.create_index(
        "mpesa_callbacks_by_key", "mpesa_callbacks", ["kind", "key"], unique=False, schema=S
    )
    op.create_table(
        "mpesa_status_queries",
        sa.Column("originator_conversation_id", sa.String(length=100), nullable=False),
        sa.Column("withdrawal_id", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("originator_conversation_id"),
        schema=S,
    )
    op.create_table(
        "savings_plan_runs",
        sa.Column("plan_id", sa.String(length=40), nullable=False),
        sa.Column("occurrence_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("deposit_id", sa.String(length=40), nullable=True),
        sa.Column("detail", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("plan_id", "occurrence_at"),
        schema=S,
    )
    op.create_table(
        "deposits",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("account_id", sa.String(length=40), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("quote_id", sa.String(length=40), nullable=True),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("failure_reason", sa.String(length=30), nullable=True),
        sa.Column("result_code", sa.Integer(), nullable=True),
        sa.Column("result_description", sa.Text(), nullable=True),
        sa.Column("rate", sa.BigInteger(), nullable=False),
        sa.Column("mid", sa.BigInteger(), nullable=False),
        sa.Column("amount_sats", sa.BigInteger(), nullable=False),
        sa.Column("merchant_request_id", sa.String(length=100), nullable=True),
        sa.Column("checkout_request_id", sa.String(length=100), nullable=True),
        sa.Column("mpesa_receipt", sa.String(length=40), nullable=True),
        sa.Column("pushed", sa.Boolean(), nullable=False),
        sa.Column("needs_query", sa.Boolean(), nullable=False),
        sa.Column("query_attempts", sa.Integer(), nullable=False),
        sa.Column("next_check_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expire_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolve_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("txn_id", sa.String(length=40), nullable=True),
        sa.Column("savings_plan_id", sa.String(length=40), nullable=True),
        sa.Column("usage_day", sa.String(length=10), nullable=True),
        sa.Column("usage_usd_minor", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            [f"{P}accounts.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("checkout_request_id"),
        sa.UniqueConstraint("mpesa_receipt"),
        schema=S,
    )
    op.create_index(
        "deposits_by_account", "deposits", ["account_id", "created_at"], unique=False, schema=S
    )
    op.create_index(
        "deposits_to_check", "deposits", ["state", "next_check_at"], unique=False, schema=S
    )
    op.create_table(
        "entries",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("txn_id", sa.String(length=40), nullable=False),
        sa.Column("account_id", sa.String(length=40), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("balance_after", sa.BigInteger(), nullable=False),
        sa.Column("line_type", sa.SmallInteger(), nullable=False),
        sa.Column("fiat_minor", sa.BigInteger(), nullable=True),
        sa.Column("price_minor", sa.BigInteger(), nullable=True),
        sa.Column("counterparty_name", sa.String(length=100), nullable=True),
        sa.Column("counterparty_phone", sa.String(length=20), nullable=True),
        sa.Column("counterparty_chama", sa.String(length=100), nullable=True),
        sa.Column("reference", sa.String(length=100), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("memo", sa.String(length=256), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            [f"{P}accounts.id"],
        ),
        sa.ForeignKeyConstraint(
            ["txn_id"],
            [f"{P}ledger_transactions.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("txn_id", "account_id", name="entries_one_line_per_account"),
        schema=S,
    )
    op.create_index("entries_by_account", "entries", ["account_id", "id"], unique=False, schema=S)
    op.create_table(
        "goals",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("account_id", sa.String(length=40), nullable=False),
        sa.Column("display_name", sa.String(length=60), nullable=False),
        sa.Column("target_currency", sa.String(length=3), nullable=True),
        sa.Column("target_minor", sa.BigInteger(), nullable=True),
        sa.Column("target_sats", sa.BigInteger(), nullable=True),
        sa.Column("target_date", sa.String(length=10), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            [f"{P}accounts.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        schema=S,
    )
    op.create_index(
        "goals_by_account", "goals", ["account_id", "created_at"], unique=False, schema=S
    )
    op.create_table(
        "price_alerts",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("account_id", sa.String(length=40), nullable=False),
        sa.Column("direction", sa.SmallInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("level", sa.BigInteger(), nullable=False),
        sa.Column("state", sa.SmallInteger(), nullable=False),
        sa.Column("trigger_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("trigger_price", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            [f"{P}accounts.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        schema=S,
    )
    op.create_index(
        "price_alerts_active", "price_alerts", ["state", "currency"], unique=False, schema=S
    )
    op.create_table(
        "quotes",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("account_id", sa.String(length=40), nullable=False),
        sa.Column("side", sa.SmallInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("fiat_minor", sa.BigInteger(), nullable=False),
        sa.Column("sats", sa.BigInteger(), nullable=False),
        sa.Column("rate", sa.BigInteger(), nullable=False),
        sa.Column("mid", sa.BigInteger(), nullable=False),
        sa.Column("spread_bps", sa.Integer(), nullable=False),
        sa.Column("spread_minor", sa.BigInteger(), nullable=False),
        sa.Column("fee_minor", sa.BigInteger(), nullable=False),
        sa.Column("price_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expire_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_by", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            [f"{P}accounts.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        schema=S,
    )
    op.create_table(
        "savings_plans",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("account_id", sa.String(length=40), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("frequency", sa.SmallInteger(), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("anchor_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=8), nullable=False),
        sa.Column("pause_reason", sa.SmallInteger(), nullable=False),
        sa.Column("next_run_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_run_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_deposit_id", sa.String(length=40), nullable=True),
        sa.Column("consecutive_failures", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            [f"{P}accounts.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        schema=S,
    )
    op.create_index(
        "savings_plans_due", "savings_plans", ["state", "next_run_at"], unique=False, schema=S
    )
    op.create_table(
        "transfers",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("account_id", sa.String(length=40), nullable=False),
        sa.Column("recipient_account_id", sa.String(length=40), nullable=False),
        sa.Column("recipient_phone", sa.String(length=20), nullable=False),
        sa.Column("recipient_name", sa.String(length=100), nullable=False),
        sa.Column("amount_sats", sa.BigInteger(), nullable=False),
        sa.Column("fiat_currency", sa.String(length=3), nullable=False),
        sa.Column("fiat_minor", sa.BigInteger(), nullable=False),
        sa.Column("rate_currency", sa.String(length=3), nullable=False),
        sa.Column("rate", sa.BigInteger(), nullable=False),
        sa.Column("note", sa.String(length=140), nullable=False),
        sa.Column("txn_id", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            [f"{P}accounts.id"],
        ),
        sa.ForeignKeyConstraint(
            ["recipient_account_id"],
            [f"{P}accounts.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        schema=S,
    )
    op.create_index(
        "transfers_by_account", "transfers", ["account_id", "created_at"], unique=False, schema=S
    )
    op.create_table(
        "withdrawals",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("account_id", sa.String(length=40), nullable=False),
        sa.Column("fiat_minor", sa.BigInteger(), nullable=False),
        sa.Column("amount_sats", sa.BigInteger(), nullable=False),
        sa.Column("quote_id", sa.String(length=40), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("failure_reason", sa.String(length=30), nullable=True),
        sa.Column("result_code", sa.Integer(), nullable=True),
        sa.Column("result_description", sa.Text(), nullable=True),
        sa.Column("rate", sa.BigInteger(), nullable=False),
        sa.Column("mid", sa.BigInteger(), nullable=False),
        sa.Column("conversation_id", sa.String(length=100), nullable=True),
        sa.Column("originator_conversation_id", sa.String(length=100), nullable=False),
        sa.Column("receipt", sa.String(length=40), nullable=True),
        sa.Column("recipient_name", sa.String(length=200), nullable=True),
        sa.Column("memo", sa.String(length=256), nullable=True),
        sa.Column("submit_attempts", sa.Integer(), nullable=False),
        sa.Column("status_queries", sa.Integer(), nullable=False),
        sa.Column("next_check_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolve_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("txn_id", sa.String(length=40), nullable=True),
        sa.Column("usage_day", sa.String(length=10), nullable=True),
        sa.Column("usage_usd_minor", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            [f"{P}accounts.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("conversation_id"),
        sa.UniqueConstraint("originator_conversation_id"),
        sa.UniqueConstraint("receipt"),
        schema=S,
    )
    op.create_index(
        "withdrawals_by_account",
        "withdrawals",
        ["account_id", "created_at"],
        unique=False,
        schema=S,
    )
    op.create_index(
        "withdrawals_to_check", "withdrawals", ["state", "next_check_at"], unique=False, schema=S
    )

    accounts = sa.table(
        "accounts",
        sa.column("id"),
        sa.column("kind"),
        sa.column("owner"),
        sa.column("balance"),
        sa.column("pending_out"),
        sa.column("created_at", sa.DateTime(timezone=True)),
        schema=S,
    )
    op.bulk_insert(
        accounts,
        [
            {
                "id": ident,
                "kind": "HOUSE",
                "owner": owner,
                "balance": 0,
                "pending_out": 0,
                "created_at": datetime.now(UTC),
            }
            for ident, owner in HOUSE_ACCOUNTS.items()
        ],
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(P2P_TRANSFER.replace("{s}", S))


def downgrade() -> None:
    raise NotImplementedError("the ledger is never dropped by a migration")
