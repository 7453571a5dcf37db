"""CreateTurn and GetTurn: one member message through the dialogue, exactly once.

A turn is claimed under its request_id before it runs (a retry of a finished turn gets the stored
Turn; one still running gets TURN_IN_PROGRESS; one whose runner died is taken over), runs alone in
its conversation, and every call it makes carries an idempotency key derived from the turn id, so
a turn run twice after a crash takes effect once. The new context and the finished Turn are saved
together in the cache before the turn is marked done."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bitsacco.ai.v1 import ai_pb2

from services.ai.adapters.members import Identity, MemberDirectory
from services.ai.dialogue.context import NEW, Context
from services.ai.dialogue.phrases import say
from services.ai.dialogue.rules import button_interpretation, respond, resume
from services.ai.dialogue.situation import Policy
from services.ai.dialogue.turns import Message, Reply
from services.ai.fulfilment import Fulfilment
from services.ai.interpretations import to_proto
from services.ai.interpreter import Interpreter
from services.ai.resources import outbound_reply, timestamp, turn_name
from services.ai.storage import conversations
from services.ai.storage import turns as turn_store
from services.ai.storage.context import ContextStore
from services.ai.storage.locks import ConversationLocks
from services.runtime.db import Database
from services.runtime.errors import Aborted, AlreadyExists, NotFound

log = logging.getLogger("bitsacco.ai.turns")

MAX_REQUESTS_PER_TURN = 10


def phone_of(conversation: str) -> str:
    """`conversations/254712345678` → `+254712345678` (the verified sender's number)."""
    return "+" + conversation.split("/", 1)[1]


def fingerprint(phone: str, turn: ai_pb2.Turn) -> str:
    parts = [
        phone,
        turn.channel_message_id,
        turn.text,
        turn.reply_id,
        turn.audio,
        turn.profile_name,
        f"{turn.receive_time.seconds}.{turn.receive_time.nanos}",
    ]
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


class TurnRunner:
    def __init__(
        self,
        *,
        db: Database,
        contexts: ContextStore,
        locks: ConversationLocks,
        members: MemberDirectory,
        fulfilment: Fulfilment,
        interpreter: Interpreter,
        policy: Policy,
        context_ttl: timedelta,
        lease: timedelta,
    ) -> None:
        self._db = db
        self._contexts = contexts
        self._locks = locks
        self._members = members
        self._fulfilment = fulfilment
        self._interpreter = interpreter
        self._policy = policy
        self._ttl = context_ttl
        self._lease = lease

    async def create(self, parent: str, turn: ai_pb2.Turn, request_id: str) -> ai_pb2.Turn:
        phone = phone_of(parent)
        now = datetime.now(UTC)
        claim = await turn_store.claim(
            self._db, request_id, phone, fingerprint(phone, turn), now, self._lease
        )
        if claim.status == turn_store.DONE:
            return ai_pb2.Turn.FromString(claim.turn or b"")
        if claim.status == turn_store.REUSED:
            raise AlreadyExists(
                "REQUEST_ID_REUSED", "This request_id was used for a different message."
            )
        if claim.status == turn_store.BUSY:
            raise Aborted(
                "TURN_IN_PROGRESS",
                "This message is still being answered; retry shortly.",
                retry_after_seconds=1,
            )
        try:
            async with self._locks.hold(phone):
                answered = await self._run(phone, turn, request_id)
            await self._finish(phone, request_id, claim.lease_token, answered)
        except BaseException:
            await turn_store.release(self._db, request_id, claim.lease_token, datetime.now(UTC))
            raise
        return answered.turn

    async def get(self, name: str) -> ai_pb2.Turn:
        conversation, _, turn_id = name.partition("/turns/")
        stored = await turn_store.find(
            self._db, turn_id, phone_of(conversation), datetime.now(UTC) - self._ttl
        )
        if stored is None:
            raise NotFound("TURN_NOT_FOUND", "No such turn (or it is older than 24 hours).")
        return ai_pb2.Turn.FromString(stored)

    async def forget_old_turns(self) -> int:
        return await turn_store.forget_before(self._db, datetime.now(UTC) - self._ttl)

    # --- running one turn -----------------------------------------------------------------------

    async def _run(self, phone: str, turn: ai_pb2.Turn, request_id: str) -> _Answered:
        saved = await self._contexts.load(phone)
        if saved is not None and saved.turn_id == request_id and saved.turn:
            # This turn ran to the end before a crash; only its records were missing.
            answered = ai_pb2.Turn.FromString(saved.turn)
            return _Answered(answered, saved.context, saved.flagged)
        context = saved.context if saved is not None else Context(phone=phone)
        received = turn.receive_time.ToDatetime(tzinfo=UTC)
        message, interpretation = await self._message(context, turn, request_id, received)
        replies: list[Reply] = []
        flagged = False
        try:
            identity = await self._members.find(phone)
        except Exception as error:  # users cannot say who this is: answer plainly, try next time
            log.warning("users unavailable for a turn: %s", error)
            replies.append(Reply(say(context.language, "failure.generic"), context.language))
            identity = None
        if identity is not None:
            context, replies, flagged = await self._dialogue(context, message, identity, phone)
        answered = ai_pb2.Turn(
            name=turn_name(phone, request_id),
            channel_message_id=turn.channel_message_id,
            text=turn.text,
            reply_id=turn.reply_id,
            audio=turn.audio,
            profile_name=turn.profile_name,
            receive_time=turn.receive_time,
            replies=[outbound_reply(reply) for reply in replies],
            create_time=timestamp(datetime.now(UTC)),
        )
        if interpretation is not None:
            answered.interpretation.CopyFrom(interpretation)
        await self._contexts.save(context, request_id, answered.SerializeToString(), flagged)
        return _Answered(answered, context, flagged)

    async def _message(
        self, context: Context, turn: ai_pb2.Turn, request_id: str, received: datetime
    ) -> tuple[Message, ai_pb2.Interpretation | None]:
        understood = None
        proto = None
        if turn.reply_id:
            understood = button_interpretation(turn.reply_id, context.language)
        if understood is None and turn.text.strip():
            hint = None if context.stage == NEW else context.language
            result = await self._interpreter.understand(turn.text, hint)
            understood = result.interpretation
            proto = to_proto(understood)
        message = Message(
            turn_id=request_id,
            received_at=received,
            text=turn.text,
            reply_id=turn.reply_id,
            profile_name=turn.profile_name,
            voice_note=bool(turn.audio),
            interpretation=understood,
        )
        return message, proto

    async def _dialogue(
        self, context: Context, message: Message, identity: Identity, phone: str
    ) -> tuple[Context, list[Reply], bool]:
        step = respond(context, message, identity.member, self._policy)
        replies = list(step.replies)
        flagged = step.flag_for_support
        for _ in range(MAX_REQUESTS_PER_TURN):
            if step.request is None:
                break
            outcome, identity = await self._fulfilment.perform(
                step.request, phone, identity, message.turn_id
            )
            step = resume(
                step.context, message, identity.member, self._policy, step.request, outcome
            )
            replies += step.replies
            flagged = flagged or step.flag_for_support
        else:
            log.error("a turn asked for too many calls; stopped")
        return step.context, replies, flagged

    async def _finish(
        self, phone: str, request_id: str, lease_token: str, answered: _Answered
    ) -> None:
        turn = answered.turn
        last_intent = (
            ai_pb2.Intent.Name(turn.interpretation.intent)
            if turn.HasField("interpretation")
            else answered.context.last_intent
        )
        async with self._db.transaction() as session:  # one round trip: the record and the turn
            await conversations.touch(
                session,
                phone,
                user_name=answered.context.user,
                language_code=answered.context.language,
                last_intent=last_intent,
                flag=answered.flagged,
                now=datetime.now(UTC),
            )
            await turn_store.complete(session, request_id, lease_token, turn.SerializeToString())


@dataclass(frozen=True)
class _Answered:
    turn: ai_pb2.Turn
    context: Context
    flagged: bool
