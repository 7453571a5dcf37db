"""Goal milestones reached by a P2P credit, in the transfer's own statement (PostgreSQL).

`record_goal_milestones` is what services/wallet/storage/milestones.py `record` does, in SQL: the
transfer path calls it right after `p2p_transfer`, in the same statement and transaction (see
storage/transfers.py), so the hot path keeps its single round trip. Progress is rounded down and
capped at 100 as in rules/goals.py; a fiat target without a price is left for the price watcher.
"""

from alembic import op

from services.runtime.db import migration_schema

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

RECORD_GOAL_MILESTONES = """
CREATE OR REPLACE FUNCTION {s}.record_goal_milestones(
    p_account text, p_balance bigint, p_kes_mid bigint, p_usd_mid bigint, p_at timestamptz,
    p_reach_time text
) RETURNS integer
LANGUAGE sql AS $fn$
WITH marks (percent, milestone) AS (VALUES (25, 1), (50, 2), (75, 3), (100, 4)),
progress AS (
    SELECT g.id, g.display_name, a.owner,
           CASE
             WHEN g.target_sats IS NOT NULL THEN
               CASE WHEN g.target_sats <= 0 THEN 100
                    ELSE LEAST(100, GREATEST(p_balance, 0) * 100 / g.target_sats) END
             WHEN (CASE g.target_currency WHEN 'KES' THEN p_kes_mid ELSE p_usd_mid END) IS NULL
               THEN NULL
             WHEN g.target_minor <= 0 THEN 100
             ELSE LEAST(100, div(
                    div(GREATEST(p_balance, 0)::numeric
                        * (CASE g.target_currency WHEN 'KES' THEN p_kes_mid ELSE p_usd_mid END),
                        100000000) * 100,
                    g.target_minor))
           END::integer AS percent
      FROM {s}.goals g JOIN {s}.accounts a ON a.id = g.account_id
     WHERE g.account_id = p_account
),
reached AS (
    INSERT INTO {s}.goal_milestones (goal_id, milestone, reached_at)
    SELECT p.id, m.milestone, p_at FROM progress p JOIN marks m ON p.percent >= m.percent
    ON CONFLICT DO NOTHING
    RETURNING goal_id, milestone
),
announced AS (
    INSERT INTO {s}.outbox (event_id, topic, payload, created_at)
    SELECT gen_random_uuid()::text, 'wallet.goal.milestone_reached',
           json_build_object(
               'goal', 'wallets/' || p_account || '/goals/' || p.id,
               'wallet', 'wallets/' || p_account,
               'user', p.owner,
               'display_name', p.display_name,
               'milestone', m.percent,
               'progress_percent', p.percent,
               'reach_time', p_reach_time),
           p_at
      FROM reached r JOIN progress p ON p.id = r.goal_id JOIN marks m ON m.milestone = r.milestone
     ORDER BY p.id, m.milestone
    RETURNING 1
)
SELECT count(*)::integer FROM announced;
$fn$;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(RECORD_GOAL_MILESTONES.replace("{s}", migration_schema()))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP FUNCTION {migration_schema()}.record_goal_milestones")
