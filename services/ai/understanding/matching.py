"""Comparing what a member wrote with the lexicon, forgiving the usual slips: typos, English
inflections ("sending", "savings"), Swahili verb prefixes ("kutuma", "nisave"), articles."""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from services.ai.understanding.lexicon import VOCABULARY
from services.ai.understanding.tokens import tokenize

# A near miss (typo) still counts, but less than the word itself, so exact cues win ties.
FUZZY = 0.8

# Articles carry nothing here; dropping them lets "talk to a person" match "talk to person".
_ARTICLES = frozenset({"a", "an", "the"})
# Swahili infinitive and subject prefixes glued to a verb, including to English verbs in Sheng:
# "kutuma", "nisave", "tutoa", "nawithdraw".
SWAHILI_PREFIXES = ("ku", "ni", "tu", "na")
_ENGLISH_SUFFIXES = ("ings", "ing", "ed", "es", "s", "d")


@dataclass(frozen=True)
class Cue:
    """One or more phrases that must all appear (in any order); each phrase is contiguous."""

    phrases: tuple[tuple[str, ...], ...]
    weight: float


def parse_cue(text: str, weight: float) -> Cue:
    """Reads "create + chama" as a cue needing "create" and "chama" anywhere in the message."""
    return Cue(tuple(tuple(normalised_words(part)) for part in text.split("+")), weight)


def normalised_words(text: str) -> list[str]:
    """Lexicon text through the same normalisation as messages, articles dropped."""
    return content_words(token.text for token in tokenize(text))


def content_words(words: Iterable[str]) -> list[str]:
    return [word for word in words if word not in _ARTICLES]


def match_cue(words: Sequence[str], cue: Cue) -> tuple[float, frozenset[int]]:
    """How well the cue is in the message (1 word for word, FUZZY nearly, 0 missing) and the
    positions of the words it matched."""
    strength, positions = 1.0, frozenset()
    for phrase in cue.phrases:
        phrase_strength, start = _match_phrase(words, phrase)
        if not phrase_strength:
            return 0.0, frozenset()
        strength = min(strength, phrase_strength)
        positions |= set(range(start, start + len(phrase)))
    return strength, positions


def _match_phrase(words: Sequence[str], phrase: Sequence[str]) -> tuple[float, int]:
    best, best_start = 0.0, 0
    for start in range(len(words) - len(phrase) + 1):
        strength = 1.0
        for offset, lexicon_word in enumerate(phrase):
            strength = min(strength, word_strength(words[start + offset], lexicon_word))
            if not strength:
                break
        if strength > best:
            best, best_start = strength, start
            if best == 1.0:
                break
    return best, best_start


def find_phrase(words: Sequence[str], phrase: Sequence[str]) -> int | None:
    """Index where the phrase starts in the message (typos forgiven), or None."""
    for start in range(len(words) - len(phrase) + 1):
        if all(word_strength(words[start + k], phrase[k]) for k in range(len(phrase))):
            return start
    return None


@lru_cache(maxsize=65536)
def word_strength(word: str, lexicon_word: str) -> float:
    """How surely a message word is the lexicon word: 1 for the word itself, also with a
    Swahili prefix or an English ending; FUZZY for a likely typo; 0 otherwise."""
    if word == lexicon_word:
        return 1.0
    if not word.isalpha() or not lexicon_word.isalpha():
        return 0.0  # digits and "$" must match exactly
    prefix = word[: -len(lexicon_word)]
    if len(lexicon_word) >= 3 and prefix in SWAHILI_PREFIXES and word.endswith(lexicon_word):
        return 1.0
    if len(lexicon_word) >= 4 and lexicon_word in uninflected(word):
        return 1.0  # "sending" is "send", but "notes" is not "not"
    if word in VOCABULARY:
        return 0.0  # a real word is not a typo
    if _squeezed(word) == _squeezed(lexicon_word):
        return FUZZY  # "sennd", "yesss", "hiii"
    if min(len(word), len(lexicon_word)) >= 5:  # shorter words are too close to each other
        allowed = 2 if len(lexicon_word) >= 8 else 1
        # Each edit changes at most two letters of the letter set: a cheap test first.
        if len(set(word) ^ set(lexicon_word)) > 2 * allowed:
            return 0.0
        if edit_distance(word, lexicon_word, allowed) <= allowed:
            return FUZZY
    return 0.0


@lru_cache(maxsize=8192)
def _squeezed(word: str) -> str:
    """Runs of one letter pressed to one: "yesss" → "yes"."""
    return re.sub(r"(.)\1+", r"\1", word)


@lru_cache(maxsize=8192)
def uninflected(word: str) -> frozenset[str]:
    """Possible base forms: "sending" → {"send", "sende"}, "savings" → {"sav", "save"}."""
    forms = set()
    for suffix in _ENGLISH_SUFFIXES:
        stem = word.removesuffix(suffix)
        if stem != word and len(stem) >= 3:
            forms |= {stem, stem + "e"}
    return frozenset(forms)


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours counts as one edit); returns
    limit + 1 as soon as the distance is known to exceed the limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]
