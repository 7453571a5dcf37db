"""Step-up verification: an SMS code (a second channel) that authorises one large transaction,
named by its request_id. The grant is a signed token the transaction's service checks offline."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta

from bitsacco.users.v1 import users_pb2
from bitsacco.users.v1 import users_service_pb2 as pb

from services.runtime.auth import Caller
from services.runtime.errors import (
    DomainError,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    ResourceExhausted,
)
from services.users.adapters.delivery import SMS
from services.users.app import UsersApp, as_utc
from services.users.identity import refuse_suspended
from services.users.messages import step_up_to_proto, timestamp
from services.users.model import ACTIVE, StepUpChallenge
from services.users.rules import access
from services.users.rules.codes import MAX_FAILURES, code_hash, code_matches, judge_guess, new_code
from services.users.storage import requests as idempotency
from services.users.storage import step_ups as step_up_rows
from services.users.storage import users as user_rows
from services.users.throttles import Window, over_limit

SENDS_PER_CHALLENGE = 5
PER_USER = (Window("hour", 3600, 10),)

ACTION_WORDS = {
    "en": {
        "STEP_UP_ACTION_SAVE": "save",
        "STEP_UP_ACTION_WITHDRAWAL": "withdraw",
        "STEP_UP_ACTION_TRANSFER": "send",
        "STEP_UP_ACTION_CHAMA_WITHDRAWAL": "approve a chama withdrawal of",
    },
    "sw": {
        "STEP_UP_ACTION_SAVE": "kuweka akiba ya",
        "STEP_UP_ACTION_WITHDRAWAL": "kutoa",
        "STEP_UP_ACTION_TRANSFER": "kutuma",
        "STEP_UP_ACTION_CHAMA_WITHDRAWAL": "kuidhinisha utoaji wa chama wa",
    },
}
STEP_UP_TEXT = {
    "en": "Bitsacco: {code} is your code to {what} {amount}. It expires in 5 minutes. "
    "Never share it; Bitsacco never asks for it.",
    "sw": "Bitsacco: {code} ni nambari yako ya {what} {amount}. Itaisha baada ya dakika 5. "
    "Usimpe mtu yeyote; Bitsacco haitakuuliza.",
}


def _purpose(challenge_id: str) -> str:
    return f"step-up:{challenge_id}"


def _amount_text(currency: str, minor: int) -> str:
    return f"{currency} {minor // 100:,}.{minor % 100:02d}"


def _state(challenge: StepUpChallenge, now) -> str:
    if challenge.state == "pending" and as_utc(challenge.code_expires_at) <= now:
        return "expired"
    return challenge.state


async def start_step_up(
    app: UsersApp, caller: Caller, request: pb.StartStepUpRequest
) -> pb.StartStepUpResponse:
    ident = access.own_target(caller, request.parent)
    action = users_pb2.StepUpAction.Name(request.action)
    async with app.db.transaction() as session:
        claim = await idempotency.claim(
            session,
            caller.subject,
            request.request_id,
            "StartStepUp",
            idempotency.fingerprint(request),
            app.now(),
        )
        if claim.previous is not None:
            return pb.StartStepUpResponse.FromString(claim.previous)
        user = await user_rows.get_user(session, ident)
        if user is None or user.status != ACTIVE or not user.phone_number:
            if user is not None:
                refuse_suspended(user)
            raise access.access_denied()
        now = app.now()
        existing = await step_up_rows.by_transaction(session, ident, request.transaction_request_id)
        if existing is not None and existing.state == "verified":
            raise FailedPrecondition(
                "STEP_UP_ALREADY_VERIFIED", "This transaction was already approved."
            )
        if existing is not None:
            wait = (as_utc(existing.resend_at) - now).total_seconds()
            if wait > 0 or existing.sends >= SENDS_PER_CHALLENGE:
                raise ResourceExhausted(
                    "STEP_UP_SEND_THROTTLED",
                    "A code was sent moments ago. Wait a little before asking again.",
                    retry_after_seconds=max(wait, 1.0)
                    if existing.sends < SENDS_PER_CHALLENGE
                    else 3600.0,
                )
        wait = await over_limit(app.cache, f"step-up-send:{ident}", PER_USER)
        if wait is not None:
            raise ResourceExhausted(
                "STEP_UP_SEND_THROTTLED",
                "Too many approval codes were requested. Try again later.",
                retry_after_seconds=wait,
            )
        code = new_code()
        resend_after = timedelta(seconds=app.settings.step_up_resend_seconds)
        expires = now + timedelta(seconds=app.settings.otp_ttl_seconds)
        if existing is None:
            challenge_id = uuid.uuid4().hex
            challenge = StepUpChallenge(
                id=challenge_id,
                user_id=ident,
                transaction_request_id=request.transaction_request_id,
                action=action,
                currency_code=request.amount.currency_code,
                minor_units=request.amount.minor_units,
                code_hash=code_hash(app.pepper, _purpose(challenge_id), code),
                code_expires_at=expires,
                resend_at=now + resend_after,
                failures=0,
                sends=1,
                state="pending",
                created_at=now,
                verified_at=None,
            )
            await step_up_rows.insert(session, challenge)
        else:
            # A new code on the same challenge: the failures of the old one still count, unless
            # five of them burned it (then this is a fresh start).
            challenge = replace(
                existing,
                action=action,
                currency_code=request.amount.currency_code,
                minor_units=request.amount.minor_units,
                code_hash=code_hash(app.pepper, _purpose(existing.id), code),
                code_expires_at=expires,
                resend_at=now + resend_after,
                failures=0 if existing.state == "failed" else existing.failures,
                sends=existing.sends + 1,
                state="pending",
            )
            await step_up_rows.save(session, challenge)
        amount = _amount_text(challenge.currency_code, challenge.minor_units)
        language = user.language_code if user.language_code in STEP_UP_TEXT else "en"
        await app.delivery.send(
            request_id=request.request_id,
            phone=user.phone_number,
            channel=SMS,
            text=STEP_UP_TEXT[language].format(
                code=code, what=ACTION_WORDS[language][action], amount=amount
            ),
            code=code,
            language=language,
        )
        response = pb.StartStepUpResponse(step_up_challenge=step_up_to_proto(challenge, "pending"))
        await idempotency.complete(session, claim, response.SerializeToString())
    return response


async def verify_step_up(
    app: UsersApp, caller: Caller, request: pb.VerifyStepUpRequest
) -> pb.VerifyStepUpResponse:
    parent, _, challenge_id = request.name.partition("/stepUpChallenges/")
    ident = access.own_target(caller, parent)
    scope = caller.subject
    failure: DomainError | None = None
    async with app.db.transaction() as session:
        claim = await idempotency.claim(
            session,
            scope,
            request.request_id,
            "VerifyStepUp",
            idempotency.fingerprint(request),
            app.now(),
        )
        if claim.previous is not None:
            return pb.VerifyStepUpResponse.FromString(
                app.sealer.open(claim.previous, scope, request.request_id)
            )
        challenge = await step_up_rows.by_id(session, challenge_id)
        if challenge is None or challenge.user_id != ident:
            raise NotFound("STEP_UP_CHALLENGE_NOT_FOUND", "There is no such step-up challenge.")
        now = app.now()
        state = _state(challenge, now)
        if state == "verified":
            raise FailedPrecondition("OTP_ALREADY_USED", "This code was already used.")
        if state == "failed" or challenge.failures >= MAX_FAILURES:
            raise FailedPrecondition(
                "OTP_ATTEMPTS_EXCEEDED", "Too many wrong codes. Ask for a new code."
            )
        if state == "expired":
            raise FailedPrecondition("OTP_EXPIRED", "This code has expired. Ask for a new one.")
        guess = judge_guess(
            code_matches(app.pepper, _purpose(challenge.id), request.code, challenge.code_hash),
            challenge.failures,
        )
        if not guess.correct:
            # The failure must be kept, so it commits and the error is raised afterwards.
            await step_up_rows.save(
                session,
                replace(
                    challenge,
                    failures=challenge.failures + 1,
                    state="failed" if guess.burned else "pending",
                    code_hash=None if guess.burned else challenge.code_hash,
                ),
            )
            await idempotency.release(session, claim)
            failure = InvalidArgument(
                "OTP_INVALID",
                "That code is not right.",
                metadata={"attempts_remaining": str(guess.attempts_remaining)},
            )
        else:
            verified = replace(challenge, state="verified", code_hash=None, verified_at=now)
            await step_up_rows.save(session, verified)
            grant = app.issuer.step_up_grant(
                ident,
                challenge.transaction_request_id,
                challenge.action,
                challenge.currency_code,
                challenge.minor_units,
                now,
            )
            response = pb.VerifyStepUpResponse(
                step_up_challenge=step_up_to_proto(verified, "verified"),
                grant=users_pb2.StepUpGrant(
                    token=grant.token, expire_time=timestamp(grant.expires_at)
                ),
            )
            await idempotency.complete(
                session,
                claim,
                app.sealer.seal(response.SerializeToString(), scope, request.request_id),
            )
    if failure is not None:
        raise failure
    return response
