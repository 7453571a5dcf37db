import pytest

from services.runtime.errors import InvalidArgument, NotFound
from services.voice.catalogue import (
    Engine,
    Gender,
    VoiceSpec,
    bare_language,
    base_language,
    configured_voices,
    page_of,
    synthesis_plan,
)
from services.voice.settings import VoiceSettings

VOICES = configured_voices(VoiceSettings(_env_file=None))
CLOUDS = {Engine.ELEVENLABS, Engine.GOOGLE}


def names(plan):
    return [v.voice_id for v in plan]


@pytest.mark.parametrize(
    ("code", "language"), [("en", "en"), ("sw-KE", "sw"), ("en-GB", "en"), ("swa", "sw")]
)
def test_languages(code, language):
    assert base_language(code) == language


@pytest.mark.parametrize("code", ["fr", "lg", "zu-ZA"])
def test_other_languages_are_unsupported(code):
    with pytest.raises(InvalidArgument) as caught:
        base_language(code)
    assert caught.value.reason == "UNSUPPORTED_LANGUAGE"


def test_bare_language_does_not_judge():
    assert bare_language("fr-FR") == "fr"


def test_default_plan_is_every_engine_in_order():
    assert names(synthesis_plan(VOICES, "sw", None, CLOUDS)) == [
        "elevenlabs-default",
        "google-sw",
        "espeak-ng-sw",
    ]


def test_unusable_engines_are_skipped_but_the_local_engine_never_is():
    assert names(synthesis_plan(VOICES, "en", None, {Engine.GOOGLE})) == [
        "google-en",
        "espeak-ng-en",
    ]
    assert names(synthesis_plan(VOICES, "en", None, set())) == ["espeak-ng-en"]


def test_a_requested_voice_comes_first_then_only_later_engines():
    assert names(synthesis_plan(VOICES, "en", "voices/google-en", CLOUDS)) == [
        "google-en",
        "espeak-ng-en",
    ]
    assert names(synthesis_plan(VOICES, "sw", "voices/espeak-ng-sw-male", CLOUDS)) == [
        "espeak-ng-sw-male"
    ]


def test_unknown_voice_and_wrong_language():
    with pytest.raises(NotFound) as missing:
        synthesis_plan(VOICES, "en", "voices/nobody", CLOUDS)
    assert missing.value.reason == "VOICE_NOT_FOUND"
    with pytest.raises(InvalidArgument) as mismatch:
        synthesis_plan(VOICES, "en", "voices/google-sw", CLOUDS)
    assert mismatch.value.reason == "VOICE_LANGUAGE_MISMATCH"


def test_pages_walk_every_voice_once():
    seen, token = [], ""
    while True:
        page = page_of(VOICES, 2, token, None, None)
        seen += names(page.voices)
        if not (token := page.next_page_token):
            break
    assert seen == [
        "elevenlabs-default",
        "google-en",
        "google-sw",
        "espeak-ng-en",
        "espeak-ng-en-male",
        "espeak-ng-sw",
        "espeak-ng-sw-male",
    ]


def test_default_page_size_and_filters():
    page = page_of(VOICES, 0, "", "en", Engine.ESPEAK_NG)
    assert names(page.voices) == ["espeak-ng-en", "espeak-ng-en-male"]
    assert page.next_page_token == ""


@pytest.mark.parametrize("token", ["%%%", "e30", "eyJvIjotMSwiZiI6IngifQ"])
def test_bad_tokens(token):
    with pytest.raises(InvalidArgument) as caught:
        page_of(VOICES, 1, token, None, None)
    assert caught.value.reason == "INVALID_PAGE_TOKEN"


def test_a_token_only_works_with_its_filter():
    token = page_of(VOICES, 1, "", "sw", None).next_page_token
    assert page_of(VOICES, 1, token, "sw", None).voices
    with pytest.raises(InvalidArgument):
        page_of(VOICES, 1, token, "en", None)


def test_voice_resource_name():
    voice = VoiceSpec("x-1", "X", ("en",), Engine.ESPEAK_NG, Gender.MALE, False, "en")
    assert voice.name == "voices/x-1"
