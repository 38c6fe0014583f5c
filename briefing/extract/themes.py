"""Themes: the security subjects an article is about, each with its evidence sentences.

The themes, their labels and the terms that signal them come from the user-editable
taxonomy ``resources/taxonomy/themes.toml`` (see the comments there). An article is under
a theme when its terms score at least ``min_score``: a term counts 1, a weak term half
(a word that must be repeated or backed up to make the theme a subject). Job titles and
office names ("Minister of Defence", "Ministry of Border Affairs") are blanked out first,
so a title alone gives no theme.

Public API: :func:`load_taxonomy`, :func:`find_themes`, :class:`Taxonomy`, :class:`ThemeDef`,
:class:`TaxonomyError`. Every step is linear or n log n in the text (a 300 KB paragraph
of one repeated term takes seconds, not minutes).
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from briefing.extract.phrasing import sentence_note, subject_pronoun
from briefing.extraction import Theme
from briefing.provenance import (
    THEME_PATTERNS,
    THEME_TERMS,
    THEME_WEAK_PATTERNS,
    THEME_WEAK_TERMS,
    DISABLED,
    enabled,
)
from briefing.knowledge.countries import takes_the
from briefing.knowledge.taxonomy import (
    LazyPattern,
    Taxonomy,
    TaxonomyError,
    ThemeDef,
    load_taxonomy,
    term_pattern,
)

if TYPE_CHECKING:
    from briefing.extract import Analysis

__all__ = ["ThemeDef", "Taxonomy", "TaxonomyError", "load_taxonomy", "find_themes",
           "term_pattern"]

MAX_EVIDENCE = 4


def _blank_offices(text: str, taxonomy: Taxonomy) -> str:
    chars = list(text)
    for pattern in taxonomy.offices:
        for m in pattern.finditer(text):
            chars[m.start():m.end()] = " " * (m.end() - m.start())
    return "".join(chars)


@lru_cache(maxsize=4096)
def _literal_prefix(pattern: re.Pattern[str] | LazyPattern) -> str | None:
    """The letters every match starts with (lower case), when the pattern says so plainly."""
    source = pattern.pattern.removeprefix(r"(?<!\w)")
    if "|" in source or not pattern.flags & re.IGNORECASE:
        return None
    m = re.match(r"[A-Za-z]{3,}", source)
    return m.group(0).lower() if m and not re.match(r"[A-Za-z]*[?*{]", source[m.end() - 1:]) else None


def _matches(patterns: tuple[re.Pattern[str] | LazyPattern, ...], text: str,
             lowered: str) -> list[tuple[int, int]]:
    """Spans of every pattern's matches; a pattern whose first word is absent is skipped."""
    out = []
    same_length = len(lowered) == len(text)
    for p in patterns:
        prefix = _literal_prefix(p)
        if prefix is None or not same_length:
            out.extend((m.start(), m.end()) for m in p.finditer(text) if m.end() > m.start())
            continue
        at = lowered.find(prefix)  # try the pattern only where its first word stands
        while at != -1:
            m = p.match(text, at)
            if m is not None and m.end() > m.start():
                out.append((m.start(), m.end()))
            at = lowered.find(prefix, at + 1)
    return out


def _hits(theme: ThemeDef, text: str, weak_weight: float) -> list[tuple[int, int, float]]:
    """Non-overlapping signal spans with their weights (a strong signal wins an overlap)."""
    lowered = text.lower()
    strong, weak = (theme.strong, theme.weak) if not DISABLED else _enabled_signals(theme)
    found = [(s, e, 1.0) for s, e in _matches(strong, text, lowered)]
    found += [(s, e, weak_weight) for s, e in _matches(weak, text, lowered)]
    return non_overlapping(found, len(text))


def _kind(pattern: re.Pattern[str] | LazyPattern, strong: bool) -> str:
    """The rule id of a signal's kind: a term (``LazyPattern``) or a regular expression."""
    if isinstance(pattern, LazyPattern):
        return THEME_TERMS if strong else THEME_WEAK_TERMS
    return THEME_PATTERNS if strong else THEME_WEAK_PATTERNS


def _enabled_signals(theme: ThemeDef) -> tuple[tuple[re.Pattern[str] | LazyPattern, ...], ...]:
    return (tuple(p for p in theme.strong if enabled(_kind(p, True))),
            tuple(p for p in theme.weak if enabled(_kind(p, False))))


def _hit_kinds(theme: ThemeDef, text: str, hits: list[tuple[int, int, float]]) -> list[str]:
    """The rule ids of the kinds of signal behind ``hits`` (a theme found: few hits)."""
    kept = {(s, e, w >= 1.0) for s, e, w in hits}
    lowered = text.lower()
    kinds: list[str] = []
    for strong, patterns in ((True, theme.strong), (False, theme.weak)):
        for pattern in patterns:
            kind = _kind(pattern, strong)
            if kind not in kinds and enabled(kind) and any(
                    (s, e, strong) in kept for s, e in _matches((pattern,), text, lowered)):
                kinds.append(kind)
    return kinds


def non_overlapping(found: list[tuple[int, int, float]], size: int) -> list[tuple[int, int, float]]:
    """The hits kept when each, taken by weight, then length, then position, is kept if it
    overlaps none kept before it; sorted by position. Linear in the hits' total length: the
    characters kept hits cover are marked in one array (``size``: the text length)."""
    taken = bytearray(size)
    kept: list[tuple[int, int, float]] = []
    for h in sorted(found, key=lambda h: (-h[2], -(h[1] - h[0]), h[0])):
        start, end = h[0], h[1]
        if taken.find(1, start, end) == -1:
            taken[start:end] = b"\x01" * (end - start)
            kept.append(h)
    return sorted(kept)


def _sentence_spans(an: Analysis) -> list[tuple[int, int]]:
    text = an.article.text
    spans = []
    for sent in an.doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans or [(0, len(text))]


def _sentence_at(sentences: list[tuple[int, int]], starts: list[int],
                 offset: int) -> tuple[int, int] | None:
    """The sentence (of ``sentences``, in order, not overlapping) holding ``offset``."""
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and offset < sentences[i][1]:
        return sentences[i]
    return None


def _score(hits: list[tuple[int, int, float]], text: str) -> float:
    """Strong terms count each time; a weak term counts once however often it recurs
    ("missiles ... missiles" is one hint, not a subject)."""
    strong = sum(w for _, _, w in hits if w >= 1.0)
    weak = {text[s:e].lower().rstrip("s"): w for s, e, w in hits if w < 1.0}
    return strong + sum(weak.values())


def find_themes(an: Analysis, taxonomy: Taxonomy | None = None) -> list[Theme]:
    """The taxonomy's themes that are subjects of the article, with evidence sentences."""
    taxonomy = taxonomy or load_taxonomy()
    text = an.article.text
    searchable = _blank_offices(an.article.norm_text, taxonomy)
    sentences = _sentence_spans(an)
    sentence_starts = [s for s, _ in sentences]
    found = []
    noted: set[tuple[int, int]] = set()  # sentences already some theme's note
    for theme in taxonomy.themes:
        hits = _hits(theme, searchable, taxonomy.weak_weight)
        if _score(hits, searchable) < taxonomy.min_score - 1e-9:
            continue
        spans: list[tuple[int, int]] = []
        for start, _, _weight in sorted(hits, key=lambda h: (-h[2], h[0])):
            sent = _sentence_at(sentences, sentence_starts, start)
            if sent and sent not in spans:
                spans.append(sent)
                if len(spans) == MAX_EVIDENCE:
                    break
        best = next((s for s in spans if s not in noted), spans[0] if spans else None)  # strongest first
        spans = sorted(spans)
        note = ""
        if best is not None:
            noted.add(best)
            note = _note(an, best)
        found.append(Theme(id=theme.id, label=theme.label, evidence=[text[s:e] for s, e in spans],
                           spans=spans, note=note, rules=_hit_kinds(theme, searchable, hits)))
    return found


NOTE_WORDS = 30  # a theme's note: one sentence of at most this many words, whole phrases


def _note(an: Analysis, span: tuple[int, int]) -> str:
    """The evidence sentence as a note; "They ..." says who."""
    sent = an.doc.char_span(span[0], span[1], alignment_mode="expand")
    if sent is None:
        return an.article.text[span[0]:span[1]]
    note = _typographic(an, span[0], sentence_note(sent, NOTE_WORDS))
    pronoun = subject_pronoun(list(sent))
    if pronoun is not None and len(an.countries) >= 2:
        names = " and ".join(c.name if not takes_the(c.name) else f"the {c.name}" for c in an.countries[:2])
        at = pronoun.idx - sent.start_char
        if note[at:at + len(pronoun.text)].lower() == pronoun.lower_:
            names = names[:1].upper() + names[1:] if at == 0 else names
            note = note[:at] + names + note[at + len(pronoun.text):]
    return note


def _typographic(an: Analysis, start: int, note: str) -> str:
    """The note with the article's own quotes and dashes (the parse reads plain forms)."""
    body = note.rstrip("\u2026")
    at = an.article.norm_text.find(body[1:], start) if len(body) > 1 else -1
    if at == start + 1 or at > start and at - start < 3:
        body = body[:1] + an.article.text[at:at + len(body) - 1]
    return body + note[len(note.rstrip("\u2026")):]
