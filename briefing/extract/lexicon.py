"""Word lists the extractors read from ``resources/`` (loaded once).

``titles.toml`` holds office titles, ranks, honorifics and the words that are never
names; ``agreements.toml`` the verbs and nouns of commitments. Users edit those files;
this module only loads them and offers phrase matching over word sequences.
"""
from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

from briefing.resources_path import resource


@cache
def load_toml(*parts: str) -> dict[str, Any]:
    """A TOML file under ``resources/``, parsed once."""
    with resource(*parts).open("rb") as handle:
        return tomllib.load(handle)


@cache
def word_set(file: str, key: str) -> frozenset[str]:
    """Lower-cased single words and phrases of one list in ``resources/gazetteer/FILE``."""
    return frozenset(w.lower() for w in load_toml("gazetteer", file).get(key, []))


def titles(key: str) -> frozenset[str]:
    """One list of ``resources/gazetteer/titles.toml``."""
    return word_set("titles.toml", key)


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
