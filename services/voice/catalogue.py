"""The voices, the order engines are tried in, and ListVoices paging. Plain rules, no I/O."""

from __future__ import annotations

import base64
import binascii
import enum
import hashlib
import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from services.runtime.errors import FieldViolation, InvalidArgument, NotFound

SUPPORTED_LANGUAGES = ("en", "sw")
_ISO_639_2 = {"eng": "en", "swa": "sw", "swh": "sw"}


class Engine(enum.Enum):
    ELEVENLABS = "elevenlabs"
    GOOGLE = "google"
    OPENAI = "openai"
    ESPEAK_NG = "espeak-ng"
    POCKETSPHINX = "pocketsphinx"


# Text to speech: the order engines are tried in. The last one is local and always there.
SYNTHESIS_ORDER = (Engine.ELEVENLABS, Engine.GOOGLE, Engine.ESPEAK_NG)
LOCAL_SYNTHESIS = Engine.ESPEAK_NG


class Gender(enum.Enum):
    UNSPECIFIED = "unspecified"
    FEMALE = "female"
    MALE = "male"
    NEUTRAL = "neutral"


@dataclass(frozen=True)
class VoiceSpec:
    """A voice: `voice_id` is the last part of its resource name, `engine_voice` what its engine
    needs to speak with it (an ElevenLabs voice id, a Google voice name, an espeak-ng variant)."""

    voice_id: str
    display_name: str
    languages: tuple[str, ...]
    engine: Engine
    gender: Gender
    default: bool
    engine_voice: str

    @property
    def name(self) -> str:
        return f"voices/{self.voice_id}"


def bare_language(code: str) -> str:
    """`sw-KE` → `sw`, `eng` → `en`: the language without its region, as a two-letter code when
    there is one."""
    language = code.split("-", 1)[0].lower()
    return _ISO_639_2.get(language, language)


def base_language(code: str) -> str:
    """`bare_language`, and UNSUPPORTED_LANGUAGE for anything but English and Swahili."""
    language = bare_language(code)
    if language not in SUPPORTED_LANGUAGES:
        raise InvalidArgument(
            "UNSUPPORTED_LANGUAGE",
            f"Language {code!r} is not supported; use one of {', '.join(SUPPORTED_LANGUAGES)}.",
            metadata={"language_code": code, "supported": ",".join(SUPPORTED_LANGUAGES)},
            violations=[FieldViolation("language_code", "Use en or sw.")],
        )
    return language


def find_voice(voices: Iterable[VoiceSpec], name: str) -> VoiceSpec:
    for voice in voices:
        if voice.name == name:
            return voice
    raise NotFound("VOICE_NOT_FOUND", f"There is no voice {name!r}.", metadata={"voice": name})


def default_voice(voices: Iterable[VoiceSpec], engine: Engine, language: str) -> VoiceSpec | None:
    candidates = [v for v in voices if v.engine is engine and language in v.languages]
    for voice in candidates:
        if voice.default:
            return voice
    return candidates[0] if candidates else None


def synthesis_plan(
    voices: Sequence[VoiceSpec],
    language: str,
    requested: str | None,
    usable: Collection[Engine],
) -> list[VoiceSpec]:
    """The voices to try, in order: the requested voice (or the best engine's default voice for
    the language), then the default voice of each later engine. Engines not in `usable`
    (unconfigured, or cooling down after failures) are left out, except the local one."""
    if requested:
        first = find_voice(voices, requested)
        if language not in first.languages:
            raise InvalidArgument(
                "VOICE_LANGUAGE_MISMATCH",
                f"{first.display_name} does not speak {language!r}.",
                metadata={"voice": requested, "language_code": language},
                violations=[
                    FieldViolation("voice", f"This voice speaks {', '.join(first.languages)} only.")
                ],
            )
        later = SYNTHESIS_ORDER[SYNTHESIS_ORDER.index(first.engine) + 1 :]
        plan = [first] + [v for e in later if (v := default_voice(voices, e, language))]
    else:
        plan = [v for e in SYNTHESIS_ORDER if (v := default_voice(voices, e, language))]
    return [v for v in plan if v.engine is LOCAL_SYNTHESIS or v.engine in usable]


def listing_order(voices: Iterable[VoiceSpec]) -> list[VoiceSpec]:
    """By engine preference, then name."""
    rank = {e: i for i, e in enumerate(SYNTHESIS_ORDER)}
    return sorted(voices, key=lambda v: (rank.get(v.engine, len(rank)), v.name))


def filter_voices(
    voices: Iterable[VoiceSpec], language: str | None, engine: Engine | None
) -> list[VoiceSpec]:
    return [
        v
        for v in listing_order(voices)
        if (language is None or language in v.languages) and (engine is None or v.engine is engine)
    ]


DEFAULT_PAGE_SIZE = 50


@dataclass(frozen=True)
class Page:
    voices: list[VoiceSpec]
    next_page_token: str


def _filter_key(language: str | None, engine: Engine | None) -> str:
    raw = f"{language or ''}|{engine.value if engine else ''}"
    return hashlib.sha256(raw.encode()).hexdigest()[:12]


def page_of(
    voices: Sequence[VoiceSpec],
    page_size: int,
    page_token: str,
    language: str | None,
    engine: Engine | None,
) -> Page:
    """One page of the filtered voices. The token is bound to the filter it was issued for."""
    key = _filter_key(language, engine)
    offset = _offset_from(page_token, key) if page_token else 0
    size = page_size or DEFAULT_PAGE_SIZE
    selected = filter_voices(voices, language, engine)
    page = selected[offset : offset + size]
    following = offset + size
    token = _token(following, key) if following < len(selected) else ""
    return Page(page, token)


def _token(offset: int, key: str) -> str:
    raw = json.dumps({"o": offset, "f": key}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _offset_from(token: str, key: str) -> int:
    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        offset, bound = data["o"], data["f"]
    except (binascii.Error, ValueError, TypeError, KeyError) as exc:
        raise _invalid_page_token() from exc
    if not isinstance(offset, int) or offset < 0 or bound != key:
        raise _invalid_page_token()
    return offset


def _invalid_page_token() -> InvalidArgument:
    return InvalidArgument(
        "INVALID_PAGE_TOKEN",
        "The page token is not one this listing issued (or the filter changed).",
        violations=[FieldViolation("page_token", "Use the next_page_token of the same listing.")],
    )


def configured_voices(settings) -> list[VoiceSpec]:
    """The voices of this deployment, from its VoiceSettings."""
    return [
        VoiceSpec(
            "elevenlabs-default",
            settings.elevenlabs_voice_display_name,
            ("en", "sw"),
            Engine.ELEVENLABS,
            Gender.FEMALE,
            True,
            settings.elevenlabs_voice_id,
        ),
        VoiceSpec(
            "google-en",
            "English (Google)",
            ("en",),
            Engine.GOOGLE,
            Gender.FEMALE,
            True,
            settings.google_tts_voice_en,
        ),
        VoiceSpec(
            "google-sw",
            "Kiswahili (Google)",
            ("sw",),
            Engine.GOOGLE,
            Gender.FEMALE,
            True,
            settings.google_tts_voice_sw,
        ),
        VoiceSpec(
            "espeak-ng-en",
            "English (espeak-ng, female)",
            ("en",),
            Engine.ESPEAK_NG,
            Gender.FEMALE,
            True,
            settings.espeak_voice_en,
        ),
        VoiceSpec(
            "espeak-ng-en-male",
            "English (espeak-ng, male)",
            ("en",),
            Engine.ESPEAK_NG,
            Gender.MALE,
            False,
            settings.espeak_voice_en_male,
        ),
        VoiceSpec(
            "espeak-ng-sw",
            "Kiswahili (espeak-ng, female)",
            ("sw",),
            Engine.ESPEAK_NG,
            Gender.FEMALE,
            True,
            settings.espeak_voice_sw,
        ),
        VoiceSpec(
            "espeak-ng-sw-male",
            "Kiswahili (espeak-ng, male)",
            ("sw",),
            Engine.ESPEAK_NG,
            Gender.MALE,
            False,
            settings.espeak_voice_sw_male,
        ),
    ]
