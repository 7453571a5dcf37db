"""A turn as the rules see it: the member's message in; replies, the new context and perhaps a
request for the shell out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.ai.dialogue.context import Context
from services.ai.understanding import Interpretation


@dataclass(frozen=True)
class Message:
    turn_id: str  # the CreateTurn request_id (a UUID): seeds the ids of the calls this turn makes
    received_at: datetime  # timezone-aware
    text: str = ""
    reply_id: str = ""  # a pressed button or list row
    profile_name: str = ""  # WhatsApp profile name: a suggestion, never identity
    voice_note: bool = False  # `text` is a transcript
    interpretation: Interpretation | None = None  # None for a button that needs no understanding


@dataclass(frozen=True)
class Button:
    id: str
    title: str


@dataclass(frozen=True)
class Reply:
    text: str
    language: str
    buttons: tuple[Button, ...] = ()
    voice_note: bool = False


@dataclass(frozen=True)
class Step:
    context: Context
    replies: tuple[Reply, ...] = ()
    request: object | None = None  # one of services.ai.dialogue.requests' requests
    flag_for_support: bool = False
