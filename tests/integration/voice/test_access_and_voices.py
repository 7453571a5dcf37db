"""Who may call voice, and ListVoices."""

from __future__ import annotations

import grpc
import pytest
from bitsacco.voice.v1 import voice_pb2
from bitsacco.voice.v1 import voice_service_pb2 as pb

from tests.harness import details_of

ALL_VOICES = [
    "voices/elevenlabs-default",
    "voices/google-en",
    "voices/google-sw",
    "voices/espeak-ng-en",
    "voices/espeak-ng-en-male",
    "voices/espeak-ng-sw",
    "voices/espeak-ng-sw-male",
]


@pytest.mark.parametrize("subject", ["services/ai", "services/notification", "users/42"])
async def test_services_and_members_may_call(voice_service, tokens, subject):
    async with voice_service() as voice:
        answer = await voice.ListVoices(pb.ListVoicesRequest(), metadata=tokens.metadata(subject))
    assert answer.voices


async def test_service_tokens_minted_from_the_service_secret(voice_service, tokens):
    async with voice_service() as voice:
        answer = await voice.ListVoices(
            pb.ListVoicesRequest(), metadata=tokens.service_metadata("notification")
        )
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await voice.ListVoices(
                pb.ListVoicesRequest(), metadata=tokens.service_metadata("chama")
            )
    assert answer.voices
    assert details_of(caught.value)["ErrorInfo"].reason == "CALLER_NOT_ALLOWED"


async def test_other_services_are_refused(voice_service, tokens):
    async with voice_service() as voice:
        for call, request in [
            (voice.ListVoices, pb.ListVoicesRequest()),
            (voice.SynthesizeSpeech, pb.SynthesizeSpeechRequest(text="hi", language_code="en")),
            (
                voice.TranscribeAudio,
                pb.TranscribeAudioRequest(audio_content=b"x", content_type="audio/ogg"),
            ),
        ]:
            with pytest.raises(grpc.aio.AioRpcError) as caught:
                await call(request, metadata=tokens.metadata("services/wallet"))
            assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
            assert details_of(caught.value)["ErrorInfo"].reason == "CALLER_NOT_ALLOWED"


async def test_members_can_be_turned_away(voice_service, tokens):
    async with voice_service(voice_allow_members=False) as voice:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await voice.ListVoices(pb.ListVoicesRequest(), metadata=tokens.metadata("users/42"))
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED


async def test_no_token_is_unauthenticated(voice_service):
    async with voice_service() as voice:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await voice.SynthesizeSpeech(pb.SynthesizeSpeechRequest(text="hi", language_code="en"))
    assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED


async def test_voices_page_by_page_in_engine_order(voice_service, tokens, elevenlabs):
    names, token, pages = [], "", 0
    async with voice_service(
        elevenlabs_api_key=elevenlabs.api_key, elevenlabs_base_url=elevenlabs.url
    ) as voice:
        while True:
            page = await voice.ListVoices(
                pb.ListVoicesRequest(page_size=3, page_token=token), metadata=tokens.metadata()
            )
            names += [v.name for v in page.voices]
            pages += 1
            if not (token := page.next_page_token):
                break
        everything = await voice.ListVoices(pb.ListVoicesRequest(), metadata=tokens.metadata())
    assert names == ALL_VOICES
    assert pages == 3
    by_name = {v.name: v for v in everything.voices}
    assert everything.next_page_token == ""
    assert by_name["voices/elevenlabs-default"].available  # configured
    assert not by_name["voices/google-en"].available  # no key
    assert by_name["voices/espeak-ng-sw"].available
    sw = by_name["voices/espeak-ng-sw"]
    assert (list(sw.language_codes), sw.engine, sw.gender, sw.default_voice) == (
        ["sw"],
        voice_pb2.ENGINE_ESPEAK_NG,
        voice_pb2.VOICE_GENDER_FEMALE,
        True,
    )


async def test_voices_filtered_by_language_and_engine(voice_service, tokens):
    async with voice_service() as voice:
        swahili = await voice.ListVoices(
            pb.ListVoicesRequest(language_code="sw-KE"), metadata=tokens.metadata()
        )
        local_english = await voice.ListVoices(
            pb.ListVoicesRequest(language_code="en", engine=voice_pb2.ENGINE_ESPEAK_NG),
            metadata=tokens.metadata(),
        )
    assert [v.name for v in swahili.voices] == [
        "voices/elevenlabs-default",
        "voices/google-sw",
        "voices/espeak-ng-sw",
        "voices/espeak-ng-sw-male",
    ]
    assert [v.name for v in local_english.voices] == [
        "voices/espeak-ng-en",
        "voices/espeak-ng-en-male",
    ]


@pytest.mark.parametrize("token", ["not-a-token", "eyJvIjoxLCJmIjoiMDAwMDAwMDAwMDAwIn0"])
async def test_a_foreign_page_token_is_invalid(voice_service, tokens, token):
    async with voice_service() as voice:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await voice.ListVoices(
                pb.ListVoicesRequest(page_token=token), metadata=tokens.metadata()
            )
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert details_of(caught.value)["ErrorInfo"].reason == "INVALID_PAGE_TOKEN"


async def test_a_page_token_is_bound_to_its_filter(voice_service, tokens):
    async with voice_service() as voice:
        first = await voice.ListVoices(
            pb.ListVoicesRequest(page_size=1, language_code="sw"), metadata=tokens.metadata()
        )
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await voice.ListVoices(
                pb.ListVoicesRequest(page_token=first.next_page_token, language_code="en"),
                metadata=tokens.metadata(),
            )
    assert details_of(caught.value)["ErrorInfo"].reason == "INVALID_PAGE_TOKEN"
