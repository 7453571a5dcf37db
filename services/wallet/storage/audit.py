"""Ledger invariants, checkable at any time (tests run them after every test; operations can
run them as an audit). Each query returns the rows that break its rule."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

CHECKS = {
    "transaction does not sum to zero": """
        SELECT txn_id, SUM(amount) FROM {p}entries GROUP BY txn_id HAVING SUM(amount) <> 0""",
    "transaction with fewer than two lines": """
        SELECT t.id FROM {p}ledger_transactions t LEFT JOIN {p}entries e ON e.txn_id = t.id
        GROUP BY t.id HAVING COUNT(e.id) < 2""",
    "trial balance is not zero": """
        SELECT SUM(balance) FROM {p}accounts HAVING SUM(balance) <> 0""",
    "balance differs from the sum of its lines": """
        SELECT a.id, a.balance, COALESCE(e.total, 0) FROM {p}accounts a
        LEFT JOIN (SELECT account_id, SUM(amount) AS total FROM {p}entries GROUP BY account_id) e
          ON e.account_id = a.id
        WHERE a.balance <> COALESCE(e.total, 0)""",
    "user or chama account negative": """
        SELECT id, balance, pending_out FROM {p}accounts
        WHERE kind <> 'HOUSE' AND (balance < 0 OR pending_out < 0 OR balance < pending_out)""",
    "running balance broken": """
        SELECT id FROM (
          SELECT id, amount, balance_after,
                 LAG(balance_after, 1, 0) OVER (PARTITION BY account_id ORDER BY id) AS before
          FROM {p}entries) lines
        WHERE before + amount <> balance_after""",
    "pending_out differs from the withdrawals in flight": """
        SELECT a.id, a.pending_out, COALESCE(w.reserved, 0) FROM {p}accounts a
        LEFT JOIN (SELECT account_id, SUM(amount_sats) AS reserved FROM {p}withdrawals
                   WHERE state IN ('RESERVED', 'SENDING', 'SUBMITTED', 'UNKNOWN')
                   GROUP BY account_id) w
          ON w.account_id = a.id
        WHERE a.pending_out <> COALESCE(w.reserved, 0)""",
    "completed deposit not credited exactly once": """
        SELECT d.id FROM {p}deposits d
        WHERE (d.state = 'COMPLETED') <> (d.txn_id IS NOT NULL)
           OR (SELECT COUNT(*) FROM {p}entries e WHERE e.source = 'wallets/' || d.account_id
               || '/deposits/' || d.id AND e.account_id = d.account_id) <> CASE
               WHEN d.state = 'COMPLETED' THEN 1 ELSE 0 END""",
}


async def ledger_problems(conn: AsyncConnection) -> list[str]:
    prefix = "" if conn.dialect.name == "sqlite" else "wallet."
    problems = []
    for rule, query in CHECKS.items():
        rows = (await conn.execute(text(query.format(p=prefix)))).all()
        problems.extend(f"{rule}: {tuple(row)}" for row in rows[:5])
    return problems
