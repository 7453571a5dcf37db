"""Events the wallet publishes (transactional outbox → stream `events.wallet`).

Each is written in the same database transaction as the change it describes, so it exists if and
only if the change committed; consumers (the notification service) dedupe on the event id.
Amounts are integers: sats, or `{"currency_code", "minor_units"}`. Every payload names the member
it concerns (`user`, or `sender`/`recipient`) so the notification service can reach them; `message`
fields are ready-made texts for the member, `{"en": ..., "sw": ...}`.

Topics and payloads:

- `wallet.deposit.completed` — a save was paid and credited:
  {deposit, wallet, user, amount: Money(KES), amount_sats, rate: Money(KES per BTC),
   mpesa_receipt_number, phone_number, balance_sats, savings_plan?, complete_time}
- `wallet.deposit.failed` — a save failed or expired; nothing was credited:
  {deposit, wallet, user, amount, state ("FAILED"|"EXPIRED"), failure_reason (DepositFailureReason
   name without prefix), result_code?, message {en, sw}, savings_plan?}
- `wallet.withdrawal.completed` — M-Pesa paid the member:
  {withdrawal, wallet, owner, amount: Money(KES), amount_sats, mpesa_receipt_number, phone_number,
   balance_sats, complete_time}
- `wallet.withdrawal.failed` — definitely not paid; the reservation was released:
  {withdrawal, wallet, owner, amount, amount_sats, failure_reason, result_code?, message {en, sw}}
- `wallet.withdrawal.review_needed` — for operations (the member is reassured too), once per
  withdrawal: its outcome is still unknown after the status queries allowed; the sats stay
  reserved and M-Pesa is still asked (less often), so a late answer resolves it; someone should
  check it with Safaricom:
  {withdrawal, wallet, owner, amount, amount_sats, phone_number, originator_conversation_id,
   conversation_id, status_queries, create_time, review_time}
- `wallet.withdrawal.paid_after_failure` — for operations, once per withdrawal: M-Pesa says it
  paid a withdrawal we had already failed (its sats went back to the member); recover by hand:
  {withdrawal, wallet, owner, amount, amount_sats, phone_number, mpesa_receipt_number,
   originator_conversation_id, conversation_id, review_time}
- `wallet.transfer.completed` — a P2P transfer (one event; notify both sides):
  {transfer, sender, sender_wallet, sender_phone, sender_display_name, recipient, recipient_wallet,
   recipient_phone, recipient_display_name, amount_sats, fiat_amount, note, create_time}
- `wallet.goal.milestone_reached` — a savings goal reached 25/50/75/100% (once per milestone):
  {goal, wallet, user, display_name, milestone (25|50|75|100), progress_percent, reach_time}
- `wallet.price_alert.triggered` — a price alert fired (once):
  {price_alert, wallet, user, direction ("ABOVE"|"BELOW"), price: BtcPrice,
   trigger_price: BtcPrice, trigger_time}
- `wallet.savings_plan.paused` — a recurring plan paused itself after repeated failures:
  {savings_plan, wallet, user, consecutive_failures}
"""

DEPOSIT_COMPLETED = "wallet.deposit.completed"
DEPOSIT_FAILED = "wallet.deposit.failed"
WITHDRAWAL_COMPLETED = "wallet.withdrawal.completed"
WITHDRAWAL_FAILED = "wallet.withdrawal.failed"
WITHDRAWAL_REVIEW_NEEDED = "wallet.withdrawal.review_needed"
WITHDRAWAL_PAID_AFTER_FAILURE = "wallet.withdrawal.paid_after_failure"
TRANSFER_COMPLETED = "wallet.transfer.completed"
GOAL_MILESTONE_REACHED = "wallet.goal.milestone_reached"
PRICE_ALERT_TRIGGERED = "wallet.price_alert.triggered"
SAVINGS_PLAN_PAUSED = "wallet.savings_plan.paused"

TOPICS = (
    DEPOSIT_COMPLETED,
    DEPOSIT_FAILED,
    WITHDRAWAL_COMPLETED,
    WITHDRAWAL_FAILED,
    WITHDRAWAL_REVIEW_NEEDED,
    WITHDRAWAL_PAID_AFTER_FAILURE,
    TRANSFER_COMPLETED,
    GOAL_MILESTONE_REACHED,
    PRICE_ALERT_TRIGGERED,
    SAVINGS_PLAN_PAUSED,
)
