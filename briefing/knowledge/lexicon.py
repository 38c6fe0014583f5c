"""The word lists extraction and drafting read, and phrase look-ups over word sequences.

Every list is data in a file under ``resources/`` that users edit:

* ``gazetteer/titles.toml`` - office titles, ranks, honorifics, words that are never names;
* ``gazetteer/agreements.toml`` - verbs and nouns of commitments, kinds of documents;
* ``gazetteer/countries.context.toml`` - words deciding whether a state acts in an article;
* ``extraction/people.toml`` - who takes part: meeting words, visits, absent senders;
* ``extraction/quotes.toml``, ``extraction/events.toml``, ``extraction/meetings.toml``;
* ``language/drafting.toml`` - grammar words the drafted summary is built with.

Each accessor names its file; the loader gives one error behaviour for all of them.
"""
from __future__ import annotations

from typing import Any

from briefing.knowledge.loader import mapping, strings, value, word_set

__all__ = ["titles", "agreement_words", "agreement_table", "country_context", "people_words",
           "quote_words", "event_words", "meeting_words", "drafting_words", "longest_phrase_at",
           "longest_phrase_ending_at"]


def titles(key: str) -> frozenset[str]:
    """One list of ``resources/gazetteer/titles.toml`` (lower case)."""
    return word_set("gazetteer/titles.toml", key)


def agreement_words(key: str) -> frozenset[str]:
    """One list of ``resources/gazetteer/agreements.toml`` (lower case)."""
    return word_set("gazetteer/agreements.toml", key)


def agreement_table(key: str) -> dict[str, Any]:
    """One table of ``resources/gazetteer/agreements.toml`` (instruments, negative positions)."""
    return mapping("gazetteer/agreements.toml", key)


def country_context(key: str) -> frozenset[str]:
    """One list of ``resources/gazetteer/countries.context.toml`` (lower case)."""
    return word_set("gazetteer/countries.context.toml", key)


def people_words(key: str) -> frozenset[str]:
    """One list of ``resources/extraction/people.toml`` (lower case)."""
    return word_set("extraction/people.toml", key)


def quote_words(key: str) -> frozenset[str]:
    """One list of ``resources/extraction/quotes.toml`` (lower case)."""
    return word_set("extraction/quotes.toml", key)


def event_words(key: str) -> Any:
    """One value of ``resources/extraction/events.toml``."""
    return value("extraction/events.toml", key)


def meeting_words(key: str) -> frozenset[str]:
    """One list of ``resources/extraction/meetings.toml`` (lower case)."""
    return word_set("extraction/meetings.toml", key)


def drafting_words(key: str) -> tuple[str, ...]:
    """One list of ``resources/language/drafting.toml``, as written."""
    return strings("language/drafting.toml", key)


def longest_phrase_at(words: list[str], index: int, phrases: frozenset[str], max_len: int = 4) -> int:
    """Length (in words) of the longest phrase of ``phrases`` starting at ``words[index]``."""
    best = 0
    for size in range(1, max_len + 1):
        if index + size > len(words):
            break
        if " ".join(w.lower() for w in words[index:index + size]) in phrases:
            best = size
    return best


def longest_phrase_ending_at(words: list[str], end: int, phrases: frozenset[str], max_len: int = 4) -> int:
    """Length of the longest phrase of ``phrases`` ending just before ``words[end]``."""
    best = 0
    for size in range(1, max_len + 1):
        if end - size < 0:
            break
        if " ".join(w.lower() for w in words[end - size:end]) in phrases:
            best = size
    return best
