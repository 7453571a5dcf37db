"""Authenticate the caller from `authorization: Bearer <jwt>` and expose it as `Caller`."""

from __future__ import annotations

import grpc

from services.runtime.auth import TokenVerifier, caller_var
from services.runtime.errors import Unauthenticated
from services.runtime.interceptors.wrapping import UnaryInterceptor


def bearer_token(context: grpc.aio.ServicerContext, public: bool) -> str | None:
    """The bearer token, if any. Other schemes are refused, except on public methods, where a
    provider may send credentials of its own (Twilio puts Basic auth in a webhook URL)."""
    for item in context.invocation_metadata() or ():
        if item.key == "authorization":
            scheme, _, token = str(item.value).partition(" ")
            if scheme.lower() == "bearer" and token:
                return token.strip()
            if public:
                return None
            raise Unauthenticated("TOKEN_MALFORMED", "Use 'authorization: Bearer <token>'.")
    return None


class AuthenticationInterceptor(UnaryInterceptor):
    """Methods in `public` (sign-in, webhooks, JWKS, health) need no token."""

    def __init__(self, verifier: TokenVerifier | None, public: frozenset[str]) -> None:
        self._verifier = verifier
        self._public = public

    def around(self, method: str):
        public = method in self._public
        verifier = self._verifier

        async def around(call_next, request, context):
            token = bearer_token(context, public)
            if token is None:
                if not public:
                    raise Unauthenticated("UNAUTHENTICATED", "This call needs a bearer token.")
                return await call_next(request)
            if verifier is None:
                raise Unauthenticated("TOKEN_KEY_UNKNOWN", "No key set is configured to verify.")
            reset = caller_var.set(await verifier.verify(token))
            try:
                return await call_next(request)
            finally:
                caller_var.reset(reset)

        return around
