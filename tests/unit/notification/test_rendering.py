"""The assistant's replies rendered within WhatsApp's and SMS's limits."""

from __future__ import annotations

from bitsacco.ai.v1 import ai_pb2
from bitsacco.notification.v1 import notification_pb2 as pb

from services.notification.rules.rendering import render_reply, split_text

WA, SMS = pb.CHANNEL_WHATSAPP, pb.CHANNEL_SMS


def buttons(*titles: str, text: str = "Choose") -> ai_pb2.OutboundReply:
    return ai_pb2.OutboundReply(
        text=text,
        language_code="sw",
        buttons=[ai_pb2.ReplyButton(id=f"id{i}", title=t) for i, t in enumerate(titles)],
    )


def test_split_text_keeps_every_word_within_the_limit():
    text = "\n\n".join(["para " * 300, "line\n" * 500, "x" * 5000])
    parts = split_text(text, 4096)
    assert all(0 < len(p) <= 4096 for p in parts)
    assert "".join(parts).replace(" ", "").replace("\n", "") == text.replace(" ", "").replace(
        "\n", ""
    )
    assert split_text("short", 4096) == ["short"]


def test_split_text_prefers_paragraphs_then_lines_then_spaces():
    assert split_text("aaaa bbbb\n\ncccc", 12) == ["aaaa bbbb", "cccc"]
    assert split_text("aaaa\nbbbb cccc", 12) == ["aaaa", "bbbb cccc"]
    assert split_text("aaaa bbbb cccc", 10) == ["aaaa bbbb", "cccc"]


def test_plain_text_over_4096_is_split():
    reply = ai_pb2.OutboundReply(text="neno " * 2000)
    messages = render_reply(reply, WA)
    assert len(messages) == 3
    assert all(len(m.text) <= 4096 for m in messages)


def test_up_to_three_short_buttons_stay_buttons():
    [message] = render_reply(buttons("Ndio", "Hapana", "Baadaye"), WA)
    assert message.WhichOneof("content") == "buttons"
    assert [b.title for b in message.buttons.buttons] == ["Ndio", "Hapana", "Baadaye"]
    assert message.buttons.body == "Choose"


def test_more_than_three_buttons_become_a_list():
    [message] = render_reply(buttons("A", "B", "C", "D"), WA)
    assert message.WhichOneof("content") == "list"
    assert [r.id for r in message.list.sections[0].rows] == ["id0", "id1", "id2", "id3"]
    assert message.list.button_label == "Chagua"  # the reply's language


def test_a_button_title_over_20_characters_becomes_a_list_row():
    [message] = render_reply(buttons("Yes", "Send to Wanjiku now please"), WA)
    assert message.WhichOneof("content") == "list"
    rows = message.list.sections[0].rows
    assert rows[1].title == "Send to Wanjiku now ple…" and len(rows[1].title) <= 24
    assert rows[1].description == "Send to Wanjiku now please"


def test_list_rows_are_kept_within_whatsapps_limits():
    reply = ai_pb2.OutboundReply(
        text="Which chama?",
        list=ai_pb2.ReplyList(
            button_label="Chamas of this member, all of them",
            rows=[
                ai_pb2.ReplyListRow(id="c1", title="Umoja", description="d" * 100),
                ai_pb2.ReplyListRow(id="c2", title="T" * 30),
            ],
        ),
    )
    [message] = render_reply(reply, WA)
    rows = message.list.sections[0].rows
    assert len(message.list.button_label) <= 20
    assert len(rows[0].description) <= 72 and len(rows[1].title) <= 24


def test_more_than_ten_options_become_numbered_text():
    [message] = render_reply(buttons(*[f"Option {i}" for i in range(12)]), WA)
    assert message.text.startswith("Choose\n\n1. Option 0\n2. Option 1")
    assert message.text.endswith("12. Option 11")


def test_a_long_body_with_buttons_sends_the_text_first():
    messages = render_reply(buttons("Yes", "No", text="habari " * 300), WA)
    assert [m.WhichOneof("content") for m in messages] == ["text", "buttons"]
    assert len(messages[1].buttons.body) <= 1024


def test_sms_numbers_the_options_and_splits_at_1600():
    [message] = render_reply(buttons("Yes", "No", text="Send KES 200?"), SMS)
    assert message.text == "Send KES 200?\n\n1. Yes\n2. No"
    parts = render_reply(ai_pb2.OutboundReply(text="x " * 1000), SMS)
    assert len(parts) == 2 and all(len(p.text) <= 1600 for p in parts)


def test_an_empty_reply_sends_nothing():
    assert render_reply(ai_pb2.OutboundReply(text=""), WA) == []
