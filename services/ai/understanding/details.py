"""Reading the details of a message: frequency, price direction, requested language, a vote or
voice choice, and the names of recipients, goals and chamas. Amounts are read in money.py and
phone numbers in phones.py; `details_for` puts everything together for one intent."""

from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

from services.ai.understanding import lexicon
from services.ai.understanding.labels import Choice, Direction, Frequency, Intent
from services.ai.understanding.matching import find_phrase, normalised_words, word_strength
from services.ai.understanding.money import Amount
from services.ai.understanding.numbers import NUMBER_WORDS, decimal_text, digits_value
from services.ai.understanding.phones import PhoneMatch
from services.ai.understanding.tokens import PHONE, Token

# Longest values the contract accepts; a run of digits or letters that long is no real detail.
MAX_AMOUNT_LENGTH, MAX_TEXT_LENGTH = 32, 100
# The details each intent may carry; anything else the message mentions is left out.
_AMOUNT = ("amount", "currency")
ALLOWED_DETAILS: dict[Intent, tuple[str, ...]] = {
    Intent.SAVE: _AMOUNT,
    Intent.WITHDRAW: (*_AMOUNT, "recipient_phone"),
    Intent.SEND: (*_AMOUNT, "recipient_phone", "recipient_name"),
    Intent.SET_GOAL: (*_AMOUNT, "goal_name"),
    Intent.DCA_SETUP: (*_AMOUNT, "frequency"),
    Intent.PRICE_ALERT: (*_AMOUNT, "direction"),
    Intent.CHAMA_CREATE: ("chama_name",),
    Intent.CHAMA_CONTRIBUTE: (*_AMOUNT, "chama_name", "frequency"),
    Intent.CHAMA_BALANCE: ("chama_name",),
    Intent.CHAMA_INVITE: ("recipient_phone", "recipient_name", "chama_name"),
    Intent.CHAMA_PROPOSE: (*_AMOUNT, "chama_name"),
    Intent.CHAMA_VOTE: ("choice",),
    Intent.SET_LANGUAGE: ("requested_language",),
    Intent.SET_VOICE: ("choice",),
    # Not understood, but a bare "500" or phone number may answer the question just asked.
    Intent.UNKNOWN: (*_AMOUNT, "recipient_phone"),
}


def details_for(
    intent: Intent, tokens: Sequence[Token], phones: Sequence[PhoneMatch], amount: Amount | None
) -> dict[str, str]:
    """The details of the message that the intent can use, with their wire values."""
    allowed = ALLOWED_DETAILS.get(intent, ())
    words = [token.text for token in tokens]
    amount_text = decimal_text(amount.value) if amount else ""
    if len(amount_text) > MAX_AMOUNT_LENGTH:
        amount_text = ""
    readers = {
        "amount": lambda: amount_text,
        "currency": lambda: amount.currency if amount_text else None,
        "recipient_phone": lambda: phones[0].e164 if phones else None,
        "recipient_name": lambda: find_recipient_name(tokens, intent),
        "frequency": lambda: find_frequency(words, amount),
        "direction": lambda: find_direction(words),
        "requested_language": lambda: find_requested_language(words),
        "choice": lambda: find_choice(words, intent),
        "goal_name": lambda: find_goal_name(tokens, amount),
        "chama_name": lambda: find_chama_name(tokens, intent),
    }
    # Only the allowed readers run; str() turns the label enums into their wire values.
    values = {key: str(value) for key in allowed if (value := readers[key]())}
    return {key: value for key, value in values.items() if len(value) <= MAX_TEXT_LENGTH}


def find_frequency(words: Sequence[str], amount: Amount | None) -> Frequency | None:
    """From "kila wiki", "daily", "every Friday", or "a month" right after the amount."""
    found = _first_of(words, _FREQUENCIES)
    if found:
        return found
    if amount and amount.end + 1 < len(words) and words[amount.end] in ("a", "an"):
        return lexicon.FREQUENCY_AFTER_AMOUNT.get(words[amount.end + 1])
    return None


def find_direction(words: Sequence[str]) -> Direction | None:
    return _first_of(words, _DIRECTIONS)


def find_requested_language(words: Sequence[str]) -> str | None:
    position = _first_position(words, _LANGUAGES)
    if position is None:
        return None
    index, language = position
    if _first_index(words[:index], _NEGATIONS) is not None:
        return "sw" if language == "en" else "en"
    return language


def find_choice(words: Sequence[str], intent: Intent) -> Choice | None:
    if intent is Intent.CHAMA_VOTE:
        vote_at = _first_index(words, _VOTE_WORDS) or 0
        return _first_of(words[vote_at:], _VOTE_CHOICES) or _first_of(words, _VOTE_CHOICES)
    if intent is Intent.SET_VOICE:
        return _first_of(words, _VOICE_SWITCHES) or Choice.YES
    return None


def find_recipient_name(tokens: Sequence[Token], intent: Intent) -> str | None:
    """The person in "tuma 1500 kwa Wanjiku", "send John 200", "invite Akinyi to Umoja": the
    first unknown word(s) after a send verb or "to"/"kwa", or after an invite verb."""
    inviting = intent is Intent.CHAMA_INVITE
    openers = _INVITE_VERBS if inviting else _SEND_VERBS + _RECIPIENT_MARKERS
    for start in _positions_after(tokens, openers):
        name = _read_name(tokens, _skip(tokens, start, _BEFORE_NAMES), strict=True)
        if name:
            return name
    return None


def find_goal_name(tokens: Sequence[Token], amount: Amount | None) -> str | None:
    """The goal in "save 50k for school fees", "lengo la shamba", "weka 20k ya rent", lower-cased
    as the contract asks."""
    words = [token.text for token in tokens]
    starts = [_skip(tokens, start, _GOAL_LINKS) for start in _positions_after(tokens, _GOAL_WORDS)]
    if amount:
        after = amount.end
        starts += [
            after + len(m) for m in _GOAL_MARKERS if tuple(words[after : after + len(m)]) == m
        ]
    starts += _positions_after(tokens, _GOAL_PHRASES)
    for start in starts:
        name = _read_name(tokens, start, strict=False)
        if name:
            return name.lower()
    return None


def find_chama_name(tokens: Sequence[Token], intent: Intent) -> str | None:
    """The chama in "a chama called Umoja", "chama cha Tujenge", "contribute 1000 to Umoja"."""
    for start in _positions_after(tokens, _NAMING_WORDS):
        name = _read_name(tokens, start, strict=False)
        if name:
            return name
    for start in _positions_after(tokens, _CHAMA_WORDS):
        name = _read_name(tokens, _skip(tokens, start, _CHAMA_LINKS), strict=True)
        if name:
            return name
    if intent is Intent.CHAMA_CREATE:
        return None  # "create a chama for my family" names no chama
    markers = tuple(tuple(normalised_words(m)) for m in lexicon.CHAMA_MARKERS.get(intent, ()))
    for start in _positions_after(tokens, markers):
        while start < len(tokens) and _is_chama_word(tokens[start].text):
            start += 1  # "to chama Umoja"
        name = _read_name(tokens, start, strict=True)
        if name:
            return name
    for index, token in enumerate(tokens):
        if index and _is_chama_word(token.text) and _is_unknown(tokens[index - 1].text):
            return tokens[index - 1].raw  # "Umoja chama"
    return None


def _read_name(tokens: Sequence[Token], start: int, *, strict: bool) -> str | None:
    """Up to four words from start that can be part of a name. Strict names (people, chamas)
    must be words the lexicon does not know; goal names may be any words ("school fees")."""
    taken: list[Token] = []
    index = _skip(tokens, start, _DETERMINERS)
    while index < len(tokens) and len(taken) < 4:
        word = tokens[index].text
        if word in lexicon.NAME_CONNECTORS and taken:
            taken.append(tokens[index])  # kept only if a name word follows
        elif _can_be_in_name(word, strict):
            taken.append(tokens[index])
        else:
            break
        index += 1
    while taken and taken[-1].text in lexicon.NAME_CONNECTORS:
        taken.pop()
    if strict and len(taken) > 1 and taken[0].text in lexicon.TITLES:
        taken.pop(0)
    if not taken or taken[0].text in lexicon.NOT_NAMES:
        return None
    return " ".join(token.raw for token in taken)


def _skip(tokens: Sequence[Token], start: int, words: frozenset[str]) -> int:
    """The first index from start whose word is not one of the words: "chama cha Umoja"."""
    while start < len(tokens) and tokens[start].text in words:
        start += 1
    return start


def _can_be_in_name(word: str, strict: bool) -> bool:
    if word == PHONE or word in NUMBER_WORDS or digits_value(word) is not None:
        return False
    if word in lexicon.NAME_BOUNDARIES or word in _FREQUENCY_WORDS:
        return False
    return _is_unknown(word) if strict else True


def _is_unknown(word: str) -> bool:
    return word.isalpha() and word not in _KNOWN_WORDS and word not in NUMBER_WORDS


def _is_chama_word(word: str) -> bool:
    return any(word_strength(word, chama) for chama in lexicon.CHAMA_WORDS)


def _positions_after(tokens: Sequence[Token], phrases: Iterable[tuple[str, ...]]) -> list[int]:
    """Indices just after each occurrence of any of the phrases, in message order."""
    words = [token.text for token in tokens]
    found = set()
    for phrase in phrases:
        for start in range(len(words) - len(phrase) + 1):
            if all(word_strength(words[start + k], phrase[k]) for k in range(len(phrase))):
                found.add(start + len(phrase))
    return sorted(found)


Label = TypeVar("Label")
Phrases = tuple[tuple[str, ...], ...]


def _first_of(words: Sequence[str], table: Mapping[Label, Phrases]) -> Label | None:
    """The label whose phrase comes first in the message."""
    position = _first_position(words, table)
    return position[1] if position else None


def _first_position(
    words: Sequence[str], table: Mapping[Label, Phrases]
) -> tuple[int, Label] | None:
    found = [
        (index, label)
        for label, phrases in table.items()
        if (index := _first_index(words, phrases)) is not None
    ]
    return min(found, key=lambda position: position[0]) if found else None


def _first_index(words: Sequence[str], phrases: Phrases) -> int | None:
    """Where the earliest of the phrases starts in the message."""
    indices = [index for phrase in phrases if (index := find_phrase(words, phrase)) is not None]
    return min(indices) if indices else None


def _phrases(texts: Iterable[str]) -> Phrases:
    return tuple(tuple(normalised_words(text)) for text in texts)


def _table(table: Mapping[Label, Iterable[str]]) -> dict[Label, Phrases]:
    return {label: _phrases(texts) for label, texts in table.items()}


_FREQUENCIES = _table(lexicon.FREQUENCIES)
_DIRECTIONS = _table(lexicon.DIRECTIONS)
_LANGUAGES = _table(lexicon.LANGUAGE_NAMES)
_NEGATIONS = _phrases(lexicon.NEGATIONS)
_VOTE_CHOICES = _table(lexicon.VOTE_CHOICES)
_VOTE_WORDS = _phrases(lexicon.VOTE_WORDS)
_VOICE_SWITCHES = _table({Choice.NO: lexicon.VOICE_OFF, Choice.YES: lexicon.VOICE_ON})
_SEND_VERBS = _phrases(lexicon.SEND_VERBS)
_RECIPIENT_MARKERS = _phrases(lexicon.RECIPIENT_MARKERS)
_INVITE_VERBS = _phrases(lexicon.INVITE_VERBS)
_GOAL_WORDS = _phrases(lexicon.GOAL_WORDS)
_GOAL_MARKERS = _phrases(lexicon.GOAL_MARKERS)
_GOAL_PHRASES = _phrases(lexicon.GOAL_PHRASES)
_NAMING_WORDS = _phrases(lexicon.NAMING_WORDS)
_CHAMA_WORDS = _phrases(lexicon.CHAMA_WORDS)
_DETERMINERS = frozenset({"my", "our", "your", "the", "a", "an"})
_GOAL_LINKS = frozenset({"of", "for", "la", "ya", "cha", "called", "named", "is", "ni"})
_CHAMA_LINKS = frozenset({"of", "la", "ya", "cha"})
_BEFORE_NAMES = frozenset({"member", "members", "mwanachama", "new", "mpya"})  # "add new member X"
_FREQUENCY_WORDS = frozenset(
    word for phrases in _FREQUENCIES.values() for phrase in phrases for word in phrase
) - {"a", "of", "end", "wa", "ya"}
# Words the lexicon knows: a strict name is none of them ("our" or "balance" is not a chama),
# except titles and relations that may name a person ("mum", "bro").
_KNOWN_WORDS = lexicon.VOCABULARY - lexicon.TITLES
