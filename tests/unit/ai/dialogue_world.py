"""A member's side of the dialogue rules, for unit tests: messages in, replies out, and the service
calls the rules ask for answered by the test (a plain function of the request), recorded."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from services.ai.dialogue import requests as rq
from services.ai.dialogue.context import Context, Member
from services.ai.dialogue.rules import button_interpretation, respond, resume
from services.ai.dialogue.situation import Policy
from services.ai.dialogue.turns import Message, Reply
from services.ai.understanding import interpret

PHONE = "+254700111222"
# KES 200 ≈ 1,650 sats at this mid price (the example); USD 1 ≈ KES 129.
PRICE = rq.Price(
    mid_kes=1_212_121_212, buy_kes=1_218_181_818, sell_kes=1_206_060_606, mid_usd=9_396_288
)
# 10:00 in Nairobi.
MORNING = datetime(2025, 5, 12, 7, 0, tzinfo=UTC)


@dataclass
class World:
    member: Member | None = None
    context: Context = field(default_factory=lambda: Context(phone=PHONE))
    now: datetime = MORNING
    policy: Policy = field(default_factory=Policy)
    calls: list[object] = field(default_factory=list)
    flagged: bool = False
    answer: Callable[[object], object] | None = None  # the test's answers, else the defaults
    last_replies: list[Reply] = field(default_factory=list)

    def send(self, text: str = "", reply_id: str = "", *, after: timedelta | None = None, **more):
        if after:
            self.now += after
        interpretation = (
            button_interpretation(reply_id, self.context.language) if reply_id else None
        )
        if interpretation is None and text.strip():
            interpretation = interpret(text, self.context.language)
        message = Message(
            turn_id=str(uuid.uuid4()),
            received_at=self.now,
            text=text,
            reply_id=reply_id,
            interpretation=interpretation,
            **more,
        )
        step = respond(self.context, message, self.member, self.policy)
        replies = list(step.replies)
        flagged = step.flag_for_support
        for _ in range(10):
            if step.request is None:
                break
            self.calls.append(step.request)
            outcome = self._outcome(step.request)
            step = resume(step.context, message, self.member, self.policy, step.request, outcome)
            replies += step.replies
            flagged = flagged or step.flag_for_support
        assert step.request is None, "the rules kept asking"
        # The context survives a round trip through JSON (it lives in the cache between turns).
        self.context = Context.from_dict(json.loads(json.dumps(step.context.to_dict())))
        self.flagged = self.flagged or flagged
        self.last_replies = replies
        return [r.text for r in replies]

    def press(self, reply_id: str, title: str = "", **more):
        return self.send(title, reply_id, **more)

    def calls_of(self, kind: type) -> list:
        return [call for call in self.calls if isinstance(call, kind)]

    def _outcome(self, request: object) -> object:
        if self.answer is not None:
            outcome = self.answer(request)
            if outcome is not None:
                return outcome
        return default_outcome(self, request)


def default_outcome(world: World, request: object) -> object:
    if isinstance(request, rq.CreateAccount):
        world.member = Member(
            user="users/u1", language_code=request.language, consented=True, display_name=""
        )
        return rq.AccountReady(world.member)
    if isinstance(request, rq.UpdateProfile):
        assert world.member is not None
        changes = {}
        if request.display_name is not None:
            changes["display_name"] = request.display_name
        if request.language is not None:
            changes["language_code"] = request.language
        if request.voice_replies is not None:
            changes["voice_replies"] = request.voice_replies
        world.member = replace(world.member, **changes)
        return rq.Done()
    if isinstance(request, rq.FetchPrice):
        return PRICE
    if isinstance(request, rq.FetchBalance):
        return rq.Balance(
            balance_sats=12_345, available_sats=12_345, pending_in_sats=0, value_kes_minor=149_636
        )
    if isinstance(request, rq.FetchStatement):
        return rq.Statement(lines=(), balance_sats=0)
    if isinstance(request, rq.Execute):
        intent = request.pending.intent
        details = request.pending.details
        if intent == "INTENT_SEND":
            return rq.Transferred(1650, 20000, "KES", details["recipient_phone"])
        if intent == "INTENT_SAVE":
            return rq.DepositStarted("wallets/w1/deposits/d1", "pending", amount_sats=4100)
        if intent == "INTENT_WITHDRAW":
            return rq.WithdrawalStarted("submitted", 30000, 2488)
        if intent == "INTENT_DCA_SETUP":
            return rq.PlanCreated(next_run=MORNING + timedelta(days=7))
        if intent == "INTENT_SET_GOAL":
            return rq.GoalCreated(progress_percent=3)
        if intent == "INTENT_PRICE_ALERT":
            return rq.AlertCreated()
    if isinstance(request, rq.StartStepUp):
        return rq.StepUpStarted("users/u1/stepUpChallenges/c1", world.now + timedelta(minutes=5))
    if isinstance(request, rq.VerifyStepUp):
        return rq.StepUpGranted("grant-token")
    raise AssertionError(f"no default outcome for {request!r}")


def member(**overrides) -> Member:
    values = {
        "user": "users/u1",
        "display_name": "Amina",
        "language_code": "en",
        "consented": True,
    }
    values.update(overrides)
    return Member(**values)


def ready_world(**overrides) -> World:
    """A member who has finished onboarding, with a fresh context."""
    world = World(member=member(**overrides))
    return world
