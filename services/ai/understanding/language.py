"""Whether a message is English or Swahili (Sheng counts as Swahili), by counting the words
each language's vocabulary knows."""

from collections.abc import Sequence

from services.ai.understanding import lexicon
from services.ai.understanding.matching import SWAHILI_PREFIXES, uninflected

DEFAULT_LANGUAGE = "en"
# A word only shaped like Swahili is weaker evidence than a word we know.
_LOOKS_SWAHILI = 0.5


def detect_language(words: Sequence[str], hint: str | None = None) -> str:
    """Returns "en" or "sw". The hint (the member's known language) decides only a tie, such as
    a message of numbers or of words both languages use ("ok", "bitcoin", "chama")."""
    swahili = sum(_is_swahili(word) for word in words)
    english = sum(_is_english(word) for word in words)
    swahili += _LOOKS_SWAHILI * sum(_looks_swahili(word) for word in words)
    if swahili != english:
        return "sw" if swahili > english else "en"
    return hint if hint in ("en", "sw") else DEFAULT_LANGUAGE


def _is_swahili(word: str) -> bool:
    if word in _SWAHILI:
        return True
    if word in _ENGLISH:
        return False
    # A Swahili prefix on a known verb: "kutuma", and Sheng "nisave" with an English stem.
    for prefix in SWAHILI_PREFIXES:
        stem = word.removeprefix(prefix)
        if stem != word and len(stem) >= 3 and (stem in _SWAHILI or _is_english(stem)):
            return True
    return False


def _looks_swahili(word: str) -> bool:
    """An unknown word shaped like Swahili ("mapendekezo", "imeshuka"): Swahili words end in a
    vowel, unknown English words seldom in a, i, o or u. Names often do; they are weak evidence."""
    return (
        len(word) >= 4
        and word.isalpha()
        and word[-1] in "aiou"
        and word not in lexicon.VOCABULARY  # known words were counted, or say nothing
        and not _is_swahili(word)
        and not _is_english(word)
    )


def _is_english(word: str) -> bool:
    return word in _ENGLISH or bool(uninflected(word) & _ENGLISH)


# Words both vocabularies hold ("bitcoin", "chama", "mpesa") say nothing about the language, and
# neither do names of languages: "Swahili tafadhali" is written in Swahili.
_SHARED = (lexicon.ENGLISH_CUE_WORDS & lexicon.SWAHILI_CUE_WORDS) | {
    word for names in lexicon.LANGUAGE_NAMES.values() for word in names
}
_ENGLISH = (lexicon.ENGLISH_CUE_WORDS | lexicon.ENGLISH_WORDS) - _SHARED - lexicon.SWAHILI_WORDS
_SWAHILI = (lexicon.SWAHILI_CUE_WORDS | lexicon.SWAHILI_WORDS) - _SHARED - lexicon.ENGLISH_WORDS
