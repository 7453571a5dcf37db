"""What the rules know while answering one message, and how a reply is shaped."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from services.ai.dialogue.context import READY, Context, Member
from services.ai.dialogue.turns import Button, Message, Reply
from services.ai.understanding import Interpretation


@dataclass(frozen=True)
class Policy:
    confirmation_ttl: timedelta = timedelta(minutes=5)
    collecting_ttl: timedelta = timedelta(minutes=30)
    step_up_ttl: timedelta = timedelta(minutes=5)
    min_confidence: float = 0.5
    # A single save, withdrawal or transfer worth more than this needs a step-up code (USD 100).
    step_up_threshold_usd_minor: int = 10_000
    terms_url: str = "https://bitsacco.com/terms"
    privacy_url: str = "https://bitsacco.com/privacy"
    policy_version: str = "2025-01"


@dataclass(frozen=True)
class Situation:
    message: Message
    interpretation: Interpretation
    member: Member | None
    policy: Policy

    @property
    def now(self) -> datetime:
        return self.message.received_at

    @property
    def text(self) -> str:
        return self.message.text

    def derived_id(self, label: str) -> str:
        """A UUID fixed by this turn and `label`: the same on every retry of the turn."""
        return str(uuid.uuid5(uuid.UUID(self.message.turn_id), label))


def reply(context: Context, text: str, buttons: tuple[Button, ...] = ()) -> Reply:
    return Reply(
        text=text,
        language=context.language,
        buttons=buttons,
        voice_note=context.voice_replies and context.stage == READY,
    )
