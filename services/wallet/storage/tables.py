"""The wallet's tables (schema `wallet`): the double-entry ledger and what moves money.

Ledger: `accounts` holds one row per account with its posted `balance` and reserved
`pending_out`; `entries` are the posted lines (append-only: never updated or deleted), grouped by
`ledger_transactions`, each transaction's lines summing to zero. An account's balance always
equals the sum of its entries; `balance_after` on each line is the running balance.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from services.runtime.events import RowId, event_tables

SCHEMA = "wallet"
metadata = MetaData(schema=SCHEMA)
outbox, processed = event_tables(metadata)

Id = String(40)
Time = DateTime(timezone=True)

# Account kinds. USER and CHAMA accounts never go below zero; HOUSE accounts (M-Pesa clearing,
# spread revenue, fees) are the other side of money entering and leaving the system.
USER, CHAMA, HOUSE = "USER", "CHAMA", "HOUSE"
HOUSE_MPESA_CLEARING = "house-mpesa-clearing"
HOUSE_SPREAD_REVENUE = "house-spread-revenue"
HOUSE_FEES = "house-fees"
HOUSE_ACCOUNTS = {
    HOUSE_MPESA_CLEARING: "house/mpesa-clearing",
    HOUSE_SPREAD_REVENUE: "house/spread-revenue",
    HOUSE_FEES: "house/fees",
}

accounts = Table(
    "accounts",
    metadata,
    Column("id", Id, primary_key=True),
    Column("kind", String(8), nullable=False),
    Column("owner", String(100), nullable=False, unique=True),
    Column("balance", BigInteger, nullable=False, server_default="0"),
    Column("pending_out", BigInteger, nullable=False, server_default="0"),
    Column("created_at", Time, nullable=False),
    # A backstop only: the posting code never relies on it (it checks under a row lock).
    CheckConstraint(
        "kind = 'HOUSE' OR (balance >= 0 AND pending_out >= 0 AND balance >= pending_out)",
        name="accounts_never_negative",
    ),
)

ledger_transactions = Table(
    "ledger_transactions",
    metadata,
    Column("id", Id, primary_key=True),
    Column("kind", String(30), nullable=False),
    Column("source", String(200), nullable=False),
    Column("created_at", Time, nullable=False),
)

entries = Table(
    "entries",
    metadata,
    Column("id", RowId, primary_key=True, autoincrement=True),
    Column("txn_id", Id, ForeignKey(ledger_transactions.c.id), nullable=False),
    Column("account_id", Id, ForeignKey(accounts.c.id), nullable=False),
    Column("amount", BigInteger, nullable=False),
    Column("balance_after", BigInteger, nullable=False),
    Column("line_type", SmallInteger, nullable=False),  # wallet.v1 TransactionType; 0: house
    Column("fiat_minor", BigInteger),  # signed KES value of the line
    Column("price_minor", BigInteger),  # the KES price per BTC behind fiat_minor
    Column("counterparty_name", String(100)),
    Column("counterparty_phone", String(20)),
    Column("counterparty_chama", String(100)),
    Column("reference", String(100)),
    Column("source", String(200)),
    Column("memo", String(256)),
    Column("created_at", Time, nullable=False),
    UniqueConstraint("txn_id", "account_id", name="entries_one_line_per_account"),
    Index("entries_by_account", "account_id", "id"),
)

# AIP-155: one row per (caller, request_id); the outcome of the first request with that key.
idempotency = Table(
    "idempotency",
    metadata,
    Column("caller", String(100), primary_key=True),
    Column("request_id", String(36), primary_key=True),
    Column("method", String(60), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("state", String(8), nullable=False),  # RUNNING, DONE
    Column("resource", String(200)),
    Column("error_code", String(30)),
    Column("error_reason", String(60)),
    Column("error_message", Text),
    Column("error_metadata", JSON),
    Column("created_at", Time, nullable=False),
    Column("updated_at", Time, nullable=False),
)

# Daily tier-limit use: counted in the same transaction as the operation, released on failure.
limit_usage = Table(
    "limit_usage",
    metadata,
    Column("account_id", Id, primary_key=True),
    Column("day", String(10), primary_key=True),
    Column("operation", String(10), primary_key=True),
    Column("used_usd_minor", BigInteger, nullable=False),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Id, primary_key=True),
    Column("account_id", Id, ForeignKey(accounts.c.id), nullable=False),
    Column("side", SmallInteger, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("fiat_minor", BigInteger, nullable=False),
    Column("sats", BigInteger, nullable=False),
    Column("rate", BigInteger, nullable=False),
    Column("mid", BigInteger, nullable=False),
    Column("spread_bps", Integer, nullable=False),
    Column("spread_minor", BigInteger, nullable=False),
    Column("fee_minor", BigInteger, nullable=False),
    Column("price_time", Time, nullable=False),
    Column("created_at", Time, nullable=False),
    Column("expire_at", Time, nullable=False),
    Column("used_by", String(200)),
)

deposits = Table(
    "deposits",
    metadata,
    Column("id", Id, primary_key=True),
    Column("account_id", Id, ForeignKey(accounts.c.id), nullable=False),
    Column("amount_minor", BigInteger, nullable=False),  # KES, whole shillings
    Column("phone", String(20), nullable=False),
    Column("quote_id", Id),
    Column("state", String(10), nullable=False),  # PENDING, COMPLETED, FAILED, EXPIRED
    Column("failure_reason", String(30)),
    Column("result_code", Integer),
    Column("result_description", Text),
    Column("rate", BigInteger, nullable=False),
    Column("mid", BigInteger, nullable=False),
    Column("amount_sats", BigInteger, nullable=False),
    Column("merchant_request_id", String(100)),
    Column("checkout_request_id", String(100), unique=True),
    Column("mpesa_receipt", String(40), unique=True),
    Column("pushed", Boolean, nullable=False),  # Daraja answered the STK push request
    Column("needs_query", Boolean, nullable=False),  # a callback we could not trust
    Column("query_attempts", Integer, nullable=False),
    Column("next_check_at", Time, nullable=False),
    Column("created_at", Time, nullable=False),
    Column("expire_at", Time, nullable=False),
    Column("resolve_at", Time),
    Column("txn_id", Id),
    Column("savings_plan_id", Id),
    Column("usage_day", String(10)),
    Column("usage_usd_minor", BigInteger, nullable=False),
    Index("deposits_by_account", "account_id", "created_at"),
    Index("deposits_to_check", "state", "next_check_at"),
)

withdrawals = Table(
    "withdrawals",
    metadata,
    Column("id", Id, primary_key=True),
    Column("account_id", Id, ForeignKey(accounts.c.id), nullable=False),
    Column("fiat_minor", BigInteger, nullable=False),  # KES paid out, whole shillings
    Column("amount_sats", BigInteger, nullable=False),  # reserved, then debited
    Column("quote_id", Id),
    Column("phone", String(20), nullable=False),
    # RESERVED, SENDING, SUBMITTED, COMPLETED, FAILED, UNKNOWN (flows/withdrawals.py)
    Column("state", String(10), nullable=False),
    Column("failure_reason", String(30)),
    Column("result_code", Integer),
    Column("result_description", Text),
    Column("rate", BigInteger, nullable=False),
    Column("mid", BigInteger, nullable=False),
    Column("conversation_id", String(100), unique=True),
    Column("originator_conversation_id", String(100), nullable=False, unique=True),
    Column("receipt", String(40), unique=True),
    Column("recipient_name", String(200)),
    Column("memo", String(256)),
    Column("submit_attempts", Integer, nullable=False),
    Column("status_queries", Integer, nullable=False),
    Column("next_check_at", Time, nullable=False),
    Column("created_at", Time, nullable=False),
    Column("resolve_at", Time),
    Column("txn_id", Id),
    Column("usage_day", String(10)),
    Column("usage_usd_minor", BigInteger, nullable=False),
    # When its unknown outcome was handed to operations for manual review (still UNKNOWN).
    Column("review_at", Time),
    Index("withdrawals_by_account", "account_id", "created_at"),
    Index("withdrawals_to_check", "state", "next_check_at"),
)

# Transaction Status queries we sent, to map their result callbacks back to a withdrawal.
status_queries = Table(
    "mpesa_status_queries",
    metadata,
    Column("originator_conversation_id", String(100), primary_key=True),
    Column("withdrawal_id", Id, nullable=False),
    Column("created_at", Time, nullable=False),
)

# Every Daraja callback as received (byte for byte), deduplicated on its body.
callbacks = Table(
    "mpesa_callbacks",
    metadata,
    Column("id", RowId, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),
    Column("key", String(100), nullable=False),  # CheckoutRequestID / (Originator)ConversationID
    Column("body_hash", String(64), nullable=False),
    Column("body", Text, nullable=False),
    Column("received_at", Time, nullable=False),
    Column("applied_at", Time),
    Column("note", String(200)),
    UniqueConstraint("kind", "body_hash", name="mpesa_callbacks_once"),
    Index("mpesa_callbacks_by_key", "kind", "key"),
)

transfers = Table(
    "transfers",
    metadata,
    Column("id", Id, primary_key=True),
    Column("account_id", Id, ForeignKey(accounts.c.id), nullable=False),
    Column("recipient_account_id", Id, ForeignKey(accounts.c.id), nullable=False),
    Column("recipient_phone", String(20), nullable=False),
    Column("recipient_name", String(100), nullable=False),
    Column("amount_sats", BigInteger, nullable=False),
    Column("fiat_currency", String(3), nullable=False),
    Column("fiat_minor", BigInteger, nullable=False),
    Column("rate_currency", String(3), nullable=False),
    Column("rate", BigInteger, nullable=False),
    Column("note", String(140), nullable=False),
    Column("txn_id", Id, nullable=False),
    Column("created_at", Time, nullable=False),
    Index("transfers_by_account", "account_id", "created_at"),
)

goals = Table(
    "goals",
    metadata,
    Column("id", Id, primary_key=True),
    Column("account_id", Id, ForeignKey(accounts.c.id), nullable=False),
    Column("display_name", String(60), nullable=False),
    Column("target_currency", String(3)),
    Column("target_minor", BigInteger),
    Column("target_sats", BigInteger),
    Column("target_date", String(10)),
    Column("created_at", Time, nullable=False),
    Column("updated_at", Time, nullable=False),
    Index("goals_by_account", "account_id", "created_at"),
)

goal_milestones = Table(
    "goal_milestones",
    metadata,
    Column("goal_id", Id, primary_key=True),
    Column("milestone", SmallInteger, primary_key=True),
    Column("reached_at", Time, nullable=False),
)

savings_plans = Table(
    "savings_plans",
    metadata,
    Column("id", Id, primary_key=True),
    Column("account_id", Id, ForeignKey(accounts.c.id), nullable=False),
    Column("amount_minor", BigInteger, nullable=False),
    Column("frequency", SmallInteger, nullable=False),
    Column("phone", String(20)),  # None: the user's own number at run time
    Column("anchor_at", Time, nullable=False),
    Column("state", String(8), nullable=False),  # ACTIVE, PAUSED
    Column("pause_reason", SmallInteger, nullable=False),
    Column("next_run_at", Time),
    Column("last_run_at", Time),
    Column("last_deposit_id", Id),
    Column("consecutive_failures", Integer, nullable=False),
    Column("created_at", Time, nullable=False),
    Column("updated_at", Time, nullable=False),
    Column("deleted_at", Time),
    Index("savings_plans_due", "state", "next_run_at"),
)

# One row per (plan, occurrence): whoever inserts it runs that occurrence; nobody else can.
plan_runs = Table(
    "savings_plan_runs",
    metadata,
    Column("plan_id", Id, primary_key=True),
    Column("occurrence_at", Time, primary_key=True),
    Column("state", String(10), nullable=False),  # CLAIMED, STARTED, SKIPPED, REFUSED
    Column("deposit_id", Id),
    Column("detail", String(200)),
    Column("created_at", Time, nullable=False),
    Column("updated_at", Time, nullable=False),
)

price_alerts = Table(
    "price_alerts",
    metadata,
    Column("id", Id, primary_key=True),
    Column("account_id", Id, ForeignKey(accounts.c.id), nullable=False),
    Column("direction", SmallInteger, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("level", BigInteger, nullable=False),
    Column("state", SmallInteger, nullable=False),  # PriceAlertState values
    Column("trigger_at", Time),
    Column("trigger_price", BigInteger),
    Column("created_at", Time, nullable=False),
    Column("cancelled_at", Time),
    Index("price_alerts_active", "state", "currency"),
)
