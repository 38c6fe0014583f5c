"""Small phrase builders for drafted text: lists, sentences, shortened sentences.

Used by :mod:`briefing.note.draft` to write the summary and theme notes. Country names
and dates as readers see them come from the knowledge layer (:mod:`briefing.knowledge`);
they are re-exported here for the note's callers.
"""
from __future__ import annotations

import re

from briefing.knowledge.countries import (
    country_label,
    country_phrase,
    names_a_country,
    possessive,
)
from briefing.knowledge.dates import format_date, format_date_range, parse_iso_date
from briefing.knowledge.lexicon import drafting_words

__all__ = ["country_label", "country_phrase", "names_a_country", "possessive", "join_list", "parse_iso_date",
           "format_date", "format_date_range", "shorten", "first_sentence", "sentences", "full_stop"]


def join_list(parts: list[str], conjunction: str = "and") -> str:
    """"a", "a and b", "a, b and c" (no serial comma)."""
    parts = [p for p in parts if p]
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return f"{', '.join(parts[:-1])} {conjunction} {parts[-1]}"


def full_stop(text: str) -> str:
    """``text`` ended with a full stop, not a second one ("… Ferdinand Marcos Jr." stays)."""
    return text if text.endswith((".", "!", "?")) else text + "."


_SENTENCE_END = re.compile(r"(?<=[.!?\u2026])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")


def _abbreviation() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in drafting_words("abbreviations"))
    return re.compile(rf"\b(?:{words}|[A-Z])\.$")


def sentences(text: str) -> list[str]:
    """Split prose into sentences (a light rule-based splitter for drafted text)."""
    text = " ".join((text or "").split())
    if not text:
        return []
    out: list[str] = []
    start = 0
    abbreviation = _abbreviation()
    for match in _SENTENCE_END.finditer(text):
        candidate = text[start:match.start()].strip()
        if abbreviation.search(candidate):
            continue
        out.append(candidate)
        start = match.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (empty for empty text)."""
    found = sentences(text)
    return found[0] if found else ""


_CLAUSE_BREAKS = re.compile(r"\s*(?:[,;:\u2013\u2014(]|\s-\s)\s*")
ELLIPSIS = "\u2026"


def shorten(text: str, max_words: int = 16) -> str:
    """``text`` cut to at most ``max_words`` words at a clause break (a comma, a semicolon, a
    dash, a bracket), ending with "…"; never inside a phrase: with no break early enough the
    text stays whole. A final full stop is dropped."""
    text = " ".join((text or "").split()).rstrip(" .;,:")
    if len(text.split()) <= max_words:
        return text
    cut = None
    for match in _CLAUSE_BREAKS.finditer(text):
        words = len(text[:match.start()].split())
        if max(3, max_words // 3) <= words <= max_words:
            cut = match.start()
    return text if cut is None else text[:cut].rstrip(" ,;:") + ELLIPSIS
