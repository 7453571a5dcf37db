"""The P2P path's milestone step costs nothing for a recipient without goals (PostgreSQL).

0003's `record_goal_milestones` is a SQL function: PostgreSQL plans its body afresh on every call,
and the transfer path calls it for every credit, which nearly doubled the database's CPU per
transfer. It keeps its body under a new name and is called only when the recipient has a goal;
`record_goal_milestones` becomes a PL/pgSQL guard (its plans are cached per connection).
"""

from alembic import op

from services.runtime.db import migration_schema

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SIGNATURE = "(text, bigint, bigint, bigint, timestamptz, text)"

GUARD = """
CREATE FUNCTION {s}.record_goal_milestones(
    p_account text, p_balance bigint, p_kes_mid bigint, p_usd_mid bigint, p_at timestamptz,
    p_reach_time text
) RETURNS integer
LANGUAGE plpgsql AS $fn$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM {s}.goals WHERE account_id = p_account) THEN
        RETURN 0;
    END IF;
    RETURN {s}.record_goal_milestones_of_goals(
        p_account, p_balance, p_kes_mid, p_usd_mid, p_at, p_reach_time);
END
$fn$;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    s = migration_schema()
    op.execute(
        f"ALTER FUNCTION {s}.record_goal_milestones{SIGNATURE}"
        " RENAME TO record_goal_milestones_of_goals"
    )
    op.execute(GUARD.replace("{s}", s))


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    s = migration_schema()
    op.execute(f"DROP FUNCTION {s}.record_goal_milestones{SIGNATURE}")
    op.execute(
        f"ALTER FUNCTION {s}.record_goal_milestones_of_goals{SIGNATURE}"
        " RENAME TO record_goal_milestones"
    )
