"""Delivery states only move forward: QUEUED → SENT → DELIVERED → READ, or → FAILED.

A late status for an earlier state (a "delivered" after "read") changes nothing, and nothing
leaves READ or FAILED.
"""

from __future__ import annotations

from bitsacco.notification.v1 import notification_pb2 as pb

QUEUED = pb.MESSAGE_STATE_QUEUED
SENT = pb.MESSAGE_STATE_SENT
DELIVERED = pb.MESSAGE_STATE_DELIVERED
READ = pb.MESSAGE_STATE_READ
FAILED = pb.MESSAGE_STATE_FAILED
RECEIVED = pb.MESSAGE_STATE_RECEIVED
PROCESSED = pb.MESSAGE_STATE_PROCESSED

_RANK = {QUEUED: 0, SENT: 1, DELIVERED: 2, READ: 3}

# Twilio's MessageStatus values and Meta's status values, as delivery states. Anything else
# (accepted, scheduled, sending, receiving…) says nothing new and is ignored.
TWILIO_STATUSES = {
    "queued": QUEUED,
    "sent": SENT,
    "delivered": DELIVERED,
    "read": READ,
    "failed": FAILED,
    "undelivered": FAILED,
    "canceled": FAILED,
}
WHATSAPP_STATUSES = {"sent": SENT, "delivered": DELIVERED, "read": READ, "failed": FAILED}


def moves_forward(current: int, new: int) -> bool:
    """Whether a message in `current` may take `new`."""
    if current not in _RANK:  # READ is ranked; FAILED and inbound states are final here
        return False
    if new == FAILED:
        return current in (QUEUED, SENT)
    return new in _RANK and _RANK[new] > _RANK[current]


def predecessors(new: int) -> tuple[int, ...]:
    """The states a message may be in to move to `new` (for a conditional UPDATE)."""
    return tuple(state for state in (QUEUED, SENT, DELIVERED, READ) if moves_forward(state, new))
