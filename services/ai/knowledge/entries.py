"""The knowledge base entries, shipped as entries.toml in this package."""

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

LANGUAGES = ("en", "sw")


@dataclass(frozen=True)
class Entry:
    id: str
    titles: dict[str, str]  # language code → title
    answers: dict[str, str]  # language code → answer text
    keywords: tuple[str, ...]  # in either language
    questions: tuple[str, ...]  # sample questions, in either language


@cache
def load_entries() -> tuple[Entry, ...]:
    """Every entry, read once; a missing translation is a packaging error, so it raises."""
    data = tomllib.loads(files(__package__).joinpath("entries.toml").read_text("utf-8"))
    entries = tuple(
        Entry(
            id=raw["id"],
            titles=dict(raw["title"]),
            answers=dict(raw["answer"]),
            keywords=tuple(raw["keywords"]),
            questions=tuple(raw["questions"]),
        )
        for raw in data["entry"]
    )
    for entry in entries:
        for language in LANGUAGES:
            if not entry.titles.get(language) or not entry.answers.get(language):
                raise ValueError(f"knowledge entry {entry.id!r} has no {language} text")
    return entries
