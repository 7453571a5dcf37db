"""Phone sign-in: a 6-digit code to the number (StartPhoneVerification), checked by VerifyPhone,
which starts a session. Code state lives in the cache (Redis in production):

    otp:{phone}                  the current code: hash, id, expiry, lineage, used   (24 h)
    otp:{phone}:{lineage}:tries  guesses at the codes of one lineage                 (24 h)
    otp-used:{code id}           the single-use claim of a correct code              (24 h)

A lineage is the run of codes sent until one is used or five wrong guesses burn it: a resend
continues the lineage (new code, same guess count), so resending never buys more guesses.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bitsacco.users.v1 import users_service_pb2 as pb

from services.runtime.errors import (
    FailedPrecondition,
    InvalidArgument,
    ResourceExhausted,
)
from services.users.adapters.delivery import SMS, WHATSAPP
from services.users.app import UsersApp
from services.users.identity import find_or_create_user, phone_or_invalid, refuse_suspended
from services.users.messages import timestamp, user_to_proto
from services.users.rules.codes import MAX_FAILURES, code_hash, code_matches, new_code
from services.users.sessions import start_session
from services.users.storage import requests as idempotency
from services.users.storage import users as user_rows
from services.users.throttles import Window, over_limit, used

STATE_TTL = 24 * 3600
PER_NUMBER = (Window("10m", 600, 3), Window("day", 86400, 10))

CODE_TEXT = {
    "en": "Your Bitsacco code is {code}. It expires in 5 minutes. Never share it with anyone.",
    "sw": "Nambari yako ya Bitsacco ni {code}. Itaisha baada ya dakika 5. Usimpe mtu yeyote.",
}


@dataclass(frozen=True)
class CodeState:
    lineage: str
    code_id: str
    code_hash: str
    expires_at: float
    used: bool

    def dumps(self) -> str:
        return json.dumps(self.__dict__)

    @classmethod
    def loads(cls, raw: bytes | None) -> CodeState | None:
        return cls(**json.loads(raw)) if raw else None


def _state_key(phone: str) -> str:
    return f"otp:{phone}"


def _tries_key(phone: str, lineage: str) -> str:
    return f"otp:{phone}:{lineage}:tries"


async def _tries(app: UsersApp, phone: str, lineage: str) -> int:
    value = await app.cache.get(_tries_key(phone, lineage))
    return int(value) if value else 0


async def start_phone_verification(
    app: UsersApp, request: pb.StartPhoneVerificationRequest, client_ip: str
) -> pb.StartPhoneVerificationResponse:
    phone = phone_or_invalid(request.phone_number)
    replay_key = f"start:{phone}:{request.request_id}"
    print_ = idempotency.fingerprint(request)
    if (replayed := await _replay(app, replay_key, print_)) is not None:
        return pb.StartPhoneVerificationResponse.FromString(replayed)

    wait = await over_limit(
        app.cache,
        f"otp-send-ip:{client_ip}",
        (Window("hour", 3600, app.settings.otp_sends_per_ip_per_hour),),
    )
    wait = wait or await over_limit(app.cache, f"otp-send:{phone}", PER_NUMBER)
    if wait is not None:
        raise ResourceExhausted(
            "OTP_SEND_THROTTLED",
            "Too many codes were requested. Wait a little before asking again.",
            retry_after_seconds=wait,
        )

    previous = CodeState.loads(await app.cache.get(_state_key(phone)))
    lineage = uuid.uuid4().hex
    if (
        previous is not None
        and not previous.used
        and await _tries(app, phone, previous.lineage) < MAX_FAILURES
    ):
        lineage = previous.lineage  # a resend: the guesses already made still count
    code = new_code()
    code_id = uuid.uuid4().hex
    ttl = app.settings.otp_ttl_seconds
    state = CodeState(
        lineage, code_id, code_hash(app.pepper, phone, code), time.time() + ttl, False
    )
    # Stored before it is sent: a member never holds a code the server does not know.
    await app.cache.set(_state_key(phone), state.dumps(), STATE_TTL)

    # A member's own language when the number is known; the answer does not depend on it.
    language = await _language_of(app, phone)
    wanted = SMS if request.channel == 2 else WHATSAPP
    channel = await app.delivery.send(
        request_id=request.request_id,
        phone=phone,
        channel=wanted,
        text=CODE_TEXT[language].format(code=code),
        code=code,
        language=language,
    )
    now = datetime.now(UTC)
    response = pb.StartPhoneVerificationResponse(
        phone_number=phone,
        channel=2 if channel == SMS else 1,
        expire_time=timestamp(now + timedelta(seconds=ttl)),
        resend_time=timestamp(now + timedelta(seconds=await _resend_wait(app, phone))),
    )
    await app.cache.set(
        replay_key,
        json.dumps({"print": print_, "response": response.SerializeToString().hex()}),
        STATE_TTL,
    )
    return response


async def _language_of(app: UsersApp, phone: str) -> str:
    async with app.reading() as session:
        user = await user_rows.get_user_by_phone(session, phone)
    return user.language_code if user and user.language_code in CODE_TEXT else "en"


async def _resend_wait(app: UsersApp, phone: str) -> float:
    wait = 0.0
    for window in PER_NUMBER:
        if await used(app.cache, f"otp-send:{phone}", window) >= window.limit:
            wait = max(wait, await app.cache.ttl(f"otp-send:{phone}:{window.name}") or 0.0)
    return wait


async def _replay(app: UsersApp, key: str, print_: str) -> bytes | None:
    raw = await app.cache.get(key)
    if raw is None:
        return None
    stored = json.loads(raw)
    if stored["print"] != print_:
        raise InvalidArgument(
            "REQUEST_ID_REUSED", "This request_id was already used for a different request."
        )
    return bytes.fromhex(stored["response"])


async def _check_code(app: UsersApp, phone: str, code: str) -> None:
    """Raise the contract's error unless `code` is the live code of `phone`; use it up if it is."""
    state = CodeState.loads(await app.cache.get(_state_key(phone)))
    if state is None:
        raise FailedPrecondition("OTP_NOT_FOUND", "No code was sent to this number. Ask for one.")
    if state.used:
        raise FailedPrecondition(
            "OTP_ALREADY_USED", "That code was already used. Ask for a new one."
        )
    tries = _tries_key(phone, state.lineage)
    if await _tries(app, phone, state.lineage) >= MAX_FAILURES:
        raise FailedPrecondition(
            "OTP_ATTEMPTS_EXCEEDED", "Too many wrong codes. Ask for a new code and start again."
        )
    if time.time() >= state.expires_at:
        raise FailedPrecondition("OTP_EXPIRED", "That code has expired. Ask for a new one.")
    # Each guess takes one of the lineage's attempts before it is compared, so concurrent
    # guesses cannot exceed five between them.
    attempt = await app.cache.incr(tries, STATE_TTL)
    if attempt > MAX_FAILURES:
        raise FailedPrecondition(
            "OTP_ATTEMPTS_EXCEEDED", "Too many wrong codes. Ask for a new code and start again."
        )
    if not code_matches(app.pepper, phone, code, state.code_hash):
        remaining = MAX_FAILURES - attempt
        raise InvalidArgument(
            "OTP_INVALID",
            "That code is not right." + (" Ask for a new one." if remaining == 0 else ""),
            metadata={"attempts_remaining": str(remaining)},
        )
    if not await app.cache.set(f"otp-used:{state.code_id}", "1", STATE_TTL, only_if_absent=True):
        raise FailedPrecondition(
            "OTP_ALREADY_USED", "That code was already used. Ask for a new one."
        )
    left = await app.cache.ttl(_state_key(phone)) or STATE_TTL
    used_state = CodeState(state.lineage, state.code_id, "", state.expires_at, True)
    await app.cache.set(_state_key(phone), used_state.dumps(), left)


async def verify_phone(
    app: UsersApp, request: pb.VerifyPhoneRequest, client_ip: str, device: str
) -> pb.VerifyPhoneResponse:
    phone = phone_or_invalid(request.phone_number)
    wait = await over_limit(
        app.cache,
        f"otp-verify-ip:{client_ip}",
        (Window("hour", 3600, app.settings.otp_verifies_per_ip_per_hour),),
    )
    if wait is not None:
        raise ResourceExhausted(
            "RATE_LIMITED",
            "Too many attempts from here. Try again later.",
            retry_after_seconds=wait,
        )
    scope = f"phone:{phone}"
    async with app.db.transaction() as session:
        claim = await idempotency.claim(
            session,
            scope,
            request.request_id,
            "VerifyPhone",
            idempotency.fingerprint(request),
            app.now(),
        )
        if claim.previous is not None:
            return pb.VerifyPhoneResponse.FromString(
                app.sealer.open(claim.previous, scope, request.request_id)
            )
        await _check_code(app, phone, request.code)
        user, created = await find_or_create_user(app, session, phone)
        refuse_suspended(user)
        tokens = await start_session(app, session, user, device)
        response = pb.VerifyPhoneResponse(tokens=tokens, user=user_to_proto(user), new_user=created)
        await idempotency.complete(
            session,
            claim,
            app.sealer.seal(response.SerializeToString(), scope, request.request_id),
        )
    return response
