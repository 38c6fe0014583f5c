"""Estimative language in judgements: does the note use the yardstick, and where is it vague?

A template's ``[yardstick]`` lists probability terms ("Likely / probable", "Remote
chance"); each term's alternatives (split on " / " or " or ") are matched as whole words,
with their adverb forms ("probably", "certainly"). The sections that hold judgements and
the vague words to flag there ("maybe", "could possibly") are data in
``resources/wording/estimative.toml``. The yardstick annex is printed only when
:func:`uses_yardstick` is true; :func:`vague_words` feeds the pre-export check.
"""
from __future__ import annotations

import re
import tomllib
from functools import cache
from typing import TYPE_CHECKING

from briefing.note.richtext import plain_text
from briefing.resources_path import resource

if TYPE_CHECKING:
    from briefing.note.model import Note
    from briefing.templates import Template


@cache
def _config() -> dict:
    from briefing.knowledge.loader import read_resource_text

    return tomllib.loads(read_resource_text(resource("wording", "estimative.toml")))


def judgement_sections() -> tuple[str, ...]:
    return tuple(_config().get("judgement_sections", ()))


def _phrase_pattern(phrase: str) -> str:
    words = phrase.lower().split()
    last = re.escape(words[-1])
    forms = [last, last + "ly"] + ([re.escape(words[-1][:-1]) + "y"] if words[-1].endswith("e") else [])
    head = r"\s+".join(re.escape(w) for w in words[:-1])
    return (head + r"\s+" if head else "") + "(?:" + "|".join(forms) + ")"


def term_alternatives(term: str) -> list[str]:
    """``"Likely / probable"`` -> ``["likely", "probable"]``."""
    return [t.strip().lower() for t in re.split(r"\s*/\s*|\s+or\s+", term) if t.strip()]


@cache
def _terms_regex(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    phrases = [alt for term in terms for alt in term_alternatives(term)]
    if not phrases:
        return None
    return re.compile(r"\b(?:" + "|".join(_phrase_pattern(p) for p in phrases) + r")\b", re.I)


@cache
def _vague_regex() -> re.Pattern[str]:
    words = sorted(_config().get("words", []), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + r")\b", re.I)


def judgement_texts(note: Note) -> list[tuple[str, str]]:
    """``(section key, plain text)`` of the note's judgement sections that have text."""
    out = []
    for key in judgement_sections():
        text = note.summary if key == "summary" else note.analyst_comment if key == "analyst_comment" \
            else note.extra(key)
        if text.strip():
            out.append((key, plain_text(text)))
    return out


def uses_yardstick(note: Note, template: Template) -> bool:
    """True when a judgement uses one of the template's yardstick terms."""
    pattern = _terms_regex(tuple(term for term, _ in template.yardstick))
    return pattern is not None and any(pattern.search(text) for _, text in judgement_texts(note))


def vague_words(note: Note, template: Template) -> list[tuple[str, str]]:
    """``(section key, word)`` for estimative words outside the yardstick in judgements."""
    yard = _terms_regex(tuple(term for term, _ in template.yardstick))
    found = []
    for key, text in judgement_texts(note):
        for m in _vague_regex().finditer(text):
            if yard is not None and yard.fullmatch(m.group(1)):
                continue
            word = " ".join(m.group(1).lower().split())
            if (key, word) not in found:
                found.append((key, word))
    return found
