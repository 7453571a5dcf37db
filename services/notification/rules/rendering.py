"""The assistant's replies as WhatsApp or SMS messages, within each channel's limits.

WhatsApp: text up to 4096 characters (longer text is split on paragraph, line or word
boundaries), at most 3 reply buttons with titles of at most 20 characters (more buttons, or a
longer title, become a list), lists of at most 10 rows with titles of at most 24 characters and
descriptions of at most 72, interactive bodies of at most 1024 characters (the text before the
last 1024 goes first as plain text). SMS: text only, options numbered, 1600 characters a part.
"""

from __future__ import annotations

from bitsacco.ai.v1 import ai_pb2
from bitsacco.notification.v1 import notification_pb2 as pb

WHATSAPP_TEXT_MAX = 4096
SMS_TEXT_MAX = 1600
INTERACTIVE_BODY_MAX = 1024
MAX_BUTTONS = 3
BUTTON_TITLE_MAX = 20
MAX_LIST_ROWS = 10
ROW_TITLE_MAX = 24
ROW_DESCRIPTION_MAX = 72
LIST_LABEL_MAX = 20

_LIST_LABELS = {"sw": "Chagua", "en": "Choose"}


def split_text(text: str, limit: int) -> list[str]:
    """`text` in parts of at most `limit` characters, cut at the last paragraph break, line
    break or space before the limit (mid-word only when a word is longer than the limit)."""
    parts: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[: limit + 1]
        cut = -1
        for separator in ("\n\n", "\n", " "):
            position = window.rfind(separator)
            if position > 0:
                cut = position
                break
        if cut <= 0:
            parts.append(rest[:limit])
            rest = rest[limit:]
            continue
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest or not parts:
        parts.append(rest)
    return [part for part in parts if part] or [text[:limit]]


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _body_parts(text: str, channel_limit: int) -> tuple[list[str], str]:
    """Leading plain-text parts, and the last part (≤1024 characters) for an interactive body."""
    if len(text) <= INTERACTIVE_BODY_MAX:
        return [], text
    parts = split_text(text, INTERACTIVE_BODY_MAX)
    return split_text("\n\n".join(parts[:-1]), channel_limit), parts[-1]


def _as_rows(reply: ai_pb2.OutboundReply) -> list[pb.ListRow]:
    if reply.buttons:
        options = [(b.id, b.title, "") for b in reply.buttons]
    else:
        options = [(r.id, r.title, r.description) for r in reply.list.rows]
    rows = []
    for option_id, title, description in options:
        if len(title) > ROW_TITLE_MAX and not description:
            description = title
        rows.append(
            pb.ListRow(
                id=option_id[:200],
                title=_shorten(title, ROW_TITLE_MAX),
                description=_shorten(description, ROW_DESCRIPTION_MAX),
            )
        )
    return rows


def _numbered(text: str, titles: list[str]) -> str:
    lines = [f"{number}. {title}" for number, title in enumerate(titles, start=1)]
    return "\n".join([text, "", *lines]) if text else "\n".join(lines)


def render_reply(reply: ai_pb2.OutboundReply, channel: int) -> list[pb.MessageContent]:
    """One reply as the messages to send, in order (a voice note is added by the worker)."""
    options = [b.title for b in reply.buttons] or [r.title for r in reply.list.rows]
    if channel == pb.CHANNEL_SMS:
        text = _numbered(reply.text, options) if options else reply.text
        return [pb.MessageContent(text=part) for part in split_text(text, SMS_TEXT_MAX) if part]

    if not options:
        return [pb.MessageContent(text=p) for p in split_text(reply.text, WHATSAPP_TEXT_MAX) if p]

    if len(options) > MAX_LIST_ROWS:  # beyond what WhatsApp can show: numbered text
        text = _numbered(reply.text, options)
        return [pb.MessageContent(text=part) for part in split_text(text, WHATSAPP_TEXT_MAX)]

    leading, body = _body_parts(reply.text or " ", WHATSAPP_TEXT_MAX)
    messages = [pb.MessageContent(text=part) for part in leading]
    fits_buttons = (
        reply.buttons
        and len(reply.buttons) <= MAX_BUTTONS
        and all(len(b.title) <= BUTTON_TITLE_MAX for b in reply.buttons)
    )
    if fits_buttons:
        messages.append(
            pb.MessageContent(
                buttons=pb.ButtonsContent(
                    body=body,
                    buttons=[pb.Button(id=b.id[:256], title=b.title) for b in reply.buttons],
                )
            )
        )
        return messages
    label = reply.list.button_label or _LIST_LABELS.get(reply.language_code, "Choose")
    messages.append(
        pb.MessageContent(
            list=pb.ListContent(
                body=body,
                button_label=_shorten(label, LIST_LABEL_MAX),
                sections=[pb.ListSection(rows=_as_rows(reply))],
            )
        )
    )
    return messages
