"""Turning a raw message into tokens: lower case, accents and punctuation gone, emoji that carry
meaning spelled out, phone numbers replaced by one placeholder token."""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from services.ai.understanding.phones import PhoneMatch

# Stands in for a phone number, so words around it are not read as names or amounts.
PHONE = "<phone>"

# Emoji that members use instead of words.
_EMOJI_WORDS = {
    "👍": " yes ",
    "👌": " ok ",
    "✅": " yes ",
    "👎": " no ",
    "❌": " no ",
    "👋": " hi ",
    "🙋": " hi ",
}

# Numbers keep their thousands commas and decimals ("1,200", "1.5"); words keep inner hyphens
# and apostrophes ("ku-save", "what's") so they can be joined up below; "$" is a currency word.
_TOKEN = re.compile(r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[a-z]+(?:['’-][a-z]+)*|\$")


@dataclass(frozen=True)
class Token:
    text: str  # normalised: "ku-save" → "kusave", "What's" → "whats"
    raw: str  # as the member wrote it, for names


def tokenize(text: str, phones: Sequence[PhoneMatch] = ()) -> list[Token]:
    """Tokens of the message in order; each phone span becomes a single PHONE token."""
    tokens: list[Token] = []
    cursor = 0
    for phone in phones:
        tokens += _words(text[cursor : phone.start])
        tokens.append(Token(PHONE, text[phone.start : phone.end]))
        cursor = phone.end
    return tokens + _words(text[cursor:])


def _words(text: str) -> list[Token]:
    for emoji, word in _EMOJI_WORDS.items():
        text = text.replace(emoji, word)
    # One character in, one character out, so match spans also index the raw text.
    lowered = "".join(_fold(ch) for ch in text)
    return [
        Token(re.sub(r"['’-]", "", match.group()), text[match.start() : match.end()])
        for match in _TOKEN.finditer(lowered)
    ]


def _fold(ch: str) -> str:
    """The character in lower case without accents: "É" → "e"."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return bare.lower()[:1] or ch
