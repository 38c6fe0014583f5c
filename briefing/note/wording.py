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

__all__ = ["country_label", "country_phrase", "names_a_country", "possessive", "join_list", "parse_iso_date",
           "format_date", "format_date_range", "shorten", "first_sentence", "sentences"]


def join_list(parts: list[str], conjunction: str = "and") -> str:
    """"a", "a and b", "a, b and c" (no serial comma)."""
    parts = [p for p in parts if p]
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return f"{', '.join(parts[:-1])} {conjunction} {parts[-1]}"


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")
_ABBREVIATIONS = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Capt|Sgt|Adm|Maj|Prof|Sen|Rep|"
                            r"St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|"
                            r"U\.K|[A-Z])\.$")


def sentences(text: str) -> list[str]:
    """Split prose into sentences (a light rule-based splitter for drafted text)."""
    text = " ".join((text or "").split())
    if not text:
        return []
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        candidate = text[start:match.start()].strip()
        if _ABBREVIATIONS.search(candidate):
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


_CLAUSE_BREAKS = re.compile(r"[,;:\u2013\u2014(]\s*|\s+-\s+")
_DANGLING = {"a", "an", "the", "and", "or", "of", "to", "in", "on", "by", "for", "with", "at",
             "from", "as", "that", "which", "who", "its", "their", "his", "her", "including",
             "between", "among", "about", "into", "toward", "towards", "such"}


def shorten(text: str, max_words: int = 16) -> str:
    """``text`` cut to at most ``max_words`` words, at a clause break when there is one.

    No ellipsis is added: the result is meant to read as a phrase. Trailing words that
    leave it dangling ("of", "the", "and") are dropped, as is a final full stop.
    """
    words = " ".join((text or "").split()).split(" ")
    if words == [""]:
        return ""
    if len(words) <= max_words:
        return " ".join(words).rstrip(" .;,:")
    head = " ".join(words[:max_words])
    cut = None
    for match in _CLAUSE_BREAKS.finditer(head):
        if len(head[:match.start()].split()) >= max(4, max_words // 3):
            cut = match.start()  # the first clause break that keeps enough words
            break
    if cut is not None:
        head = head[:cut]
    kept = head.split()
    while len(kept) > 1 and kept[-1].lower().strip(",;:") in _DANGLING:
        kept.pop()
    return " ".join(kept).rstrip(" .;,:")
