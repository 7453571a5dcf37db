"""Finding the entry that answers a member's question: BM25 over the words of each entry (its
titles, keywords, sample questions and answers in both languages), plus how closely the question
matches one of the entry's sample questions, so a question in either language finds the entry
and the answer comes back in the language asked for."""

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from difflib import get_close_matches
from functools import cache

from services.ai.knowledge.entries import LANGUAGES, Entry, load_entries

# Below this the best entry shares too little with the question to be its answer.
MIN_SCORE = 2.5

# How much each part of an entry counts: what members ask (keywords, sample questions) matters
# more than the wording of our own answer.
_FIELD_WEIGHTS = {"keywords": 3.0, "questions": 2.0, "titles": 2.0, "answers": 1.0}
# BM25's usual constants: term-frequency saturation and length normalisation.
_K1, _B = 1.2, 0.75
# Weight of the best word overlap with a sample question. It matters for short questions about
# words every entry uses: "what is bitcoin?" is mostly the word "bitcoin".
_SAMPLE_WEIGHT = 5.0

_ENGLISH_STOPWORDS = """
    a an the is are am was be do does did i me my mine you your it its this that to of in on at
    for from with and or can could should would will what how which who when please pls tell
    explain about much many there get got have has want know just some any so if learn teach
"""
_SWAHILI_STOPWORDS = """
    ni na ya wa za la kwa nini gani je hii huu hiyo yangu langu changu zangu wangu yako kuhusu
    tafadhali mimi wewe nataka naweza aje vipi nieleze eleza maana tu sana pia kama au katika
    kwenye nifundishe fundisha
"""
_STOPWORDS = frozenset((_ENGLISH_STOPWORDS + _SWAHILI_STOPWORDS).split())


@dataclass(frozen=True)
class Answer:
    entry_id: str
    title: str
    text: str
    language_code: str
    score: float


def answer(question: str, language_code: str) -> Answer | None:
    """The best entry for the question, in the language asked for ("en" when it is neither),
    or None when no entry is close enough."""
    language = language_code if language_code in LANGUAGES else "en"
    entry, score = _index().best(question)
    if entry is None or score < MIN_SCORE:
        return None
    return Answer(
        entry_id=entry.id,
        title=entry.titles[language],
        text=entry.answers[language],
        language_code=language,
        score=round(score, 2),
    )


def terms(text: str) -> list[str]:
    """Lower-cased, accent-free word stems without stop words: "Withdrawals?" → ["withdrawal"]."""
    folded = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", folded.replace("-", ""))
    return [_stem(word) for word in words if word not in _STOPWORDS]


def _stem(word: str) -> str:
    """Crude on purpose: English plurals and -ing, and the Swahili infinitive "ku-"."""
    for suffix in ("ings", "ing", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    if word.startswith("ku") and len(word) >= 5:
        return word[2:]  # "kutoa" → "toa", "kuweka" → "weka"
    return word


class _Index:
    def __init__(self, entries: tuple[Entry, ...]) -> None:
        self.entries = entries
        self.documents = [self._document(entry) for entry in entries]
        self.samples = [
            [set(terms(text)) for text in (*entry.questions, *entry.titles.values())]
            for entry in entries
        ]
        self.average_length = sum(sum(d.values()) for d in self.documents) / len(entries)
        frequency = Counter(term for document in self.documents for term in document)
        self.idf = {
            term: math.log(1 + (len(entries) - count + 0.5) / (count + 0.5))
            for term, count in frequency.items()
        }

    @staticmethod
    def _document(entry: Entry) -> Counter[str]:
        fields = {
            "keywords": entry.keywords,
            "questions": entry.questions,
            "titles": entry.titles.values(),
            "answers": entry.answers.values(),
        }
        document: Counter[str] = Counter()
        for field, texts in fields.items():
            for text in texts:
                for term in terms(text):
                    document[term] += _FIELD_WEIGHTS[field]
        return document

    def best(self, question: str) -> tuple[Entry | None, float]:
        query = [self._known(term) for term in terms(question)]
        query = [term for term in query if term]
        if not query:
            return None, 0.0
        scores = [
            self._score(query, document) + _SAMPLE_WEIGHT * _best_overlap(set(query), samples)
            for document, samples in zip(self.documents, self.samples, strict=True)
        ]
        best = max(range(len(scores)), key=scores.__getitem__)
        return self.entries[best], scores[best]

    def _known(self, term: str) -> str | None:
        """The term itself, or for a typo the closest indexed term ("bitcon" → "bitcoin")."""
        if term in self.idf:
            return term
        if len(term) < 5:
            return None
        close = get_close_matches(term, self.idf, n=1, cutoff=0.85)
        return close[0] if close else None

    def _score(self, query: list[str], document: Counter[str]) -> float:
        length = sum(document.values())
        score = 0.0
        for term in query:
            tf = document.get(term, 0.0)
            if tf:
                norm = _K1 * (1 - _B + _B * length / self.average_length)
                score += self.idf[term] * tf * (_K1 + 1) / (tf + norm)
        return score


def _best_overlap(query: set[str], samples: list[set[str]]) -> float:
    """Largest share of words in common (Jaccard) between the question and a sample."""
    return max((len(query & sample) / len(query | sample) for sample in samples), default=0.0)


@cache
def _index() -> _Index:
    return _Index(load_entries())
