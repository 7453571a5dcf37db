"""Assembles the ai service for the runtime."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from services.ai.adapters.members import MemberDirectory
from services.ai.conversations import ConversationReader
from services.ai.dialogue.situation import Policy
from services.ai.fulfilment import Fulfilment
from services.ai.handlers import AiHandlers
from services.ai.interpreter import Interpreter, build_interpreter
from services.ai.rate_limit import RateLimiter
from services.ai.settings import AiSettings, ai_settings
from services.ai.storage.context import ContextStore
from services.ai.storage.locks import ConversationLocks
from services.ai.turns import TurnRunner
from services.runtime.bootstrap import Resources
from services.runtime.server import Service
from services.users.client import UsersClient

log = logging.getLogger("bitsacco.ai")

SWEEP_SECONDS = 3600.0


def policy_of(settings: AiSettings) -> Policy:
    return Policy(
        confirmation_ttl=timedelta(seconds=settings.confirmation_ttl_seconds),
        min_confidence=settings.min_confidence,
        terms_url=settings.terms_url,
        privacy_url=settings.privacy_url,
        policy_version=settings.terms_policy_version,
    )


async def build(resources: Resources | None) -> Service:
    """The ai service. Without resources only the servicer is built (contract introspection)."""
    if resources is None:
        return Service(name="ai", servicers=[AiHandlers(Interpreter(), None)])
    settings = ai_settings(resources.settings)
    interpreter = build_interpreter(settings)
    ttl = timedelta(seconds=settings.context_ttl_seconds)
    contexts = ContextStore(resources.cache, settings.context_ttl_seconds)
    members = MemberDirectory(UsersClient.from_settings(settings), settings.member_cache_seconds)
    fulfilment = Fulfilment(members, settings.wallet_target, settings.call_timeout_seconds)
    turns = TurnRunner(
        db=resources.db,
        contexts=contexts,
        locks=ConversationLocks(
            resources.cache, settings.turn_lease_seconds, settings.turn_lease_seconds
        ),
        members=members,
        fulfilment=fulfilment,
        interpreter=interpreter,
        policy=policy_of(settings),
        context_ttl=ttl,
        lease=timedelta(seconds=settings.turn_lease_seconds),
    )
    reader = ConversationReader(resources.db, contexts, ttl, frozenset(settings.turn_callers))

    async def forget_old_turns() -> None:
        """Turns are kept as long as the context (24 hours)."""
        try:
            while True:
                try:
                    await turns.forget_old_turns()
                except Exception as exc:
                    log.warning("old turns not swept: %s", exc)
                await asyncio.sleep(SWEEP_SECONDS)
        finally:
            await interpreter.close()
            await fulfilment.close()
            await members.close()

    handlers = AiHandlers(
        interpreter,
        RateLimiter(resources.cache, settings.requests_per_minute),
        turns,
        reader,
        tuple(settings.turn_callers),
    )
    return Service(name="ai", servicers=[handlers], background=[forget_old_turns])
