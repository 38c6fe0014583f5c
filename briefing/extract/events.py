"""Events: a dated chronology of the article, one entry per sentence with a date.

Each sentence holding a date expression that resolves against the article's date (the
patterns of :mod:`briefing.knowledge.dates`; spaCy's DATE entities add none) gives one event:
its date at the best precision the sentence offers, and the sentence as the statement.
Sentences with no resolvable date are left out; the result is sorted by date.

Dates of day precision are ISO ``YYYY-MM-DD``; a month or a year alone ("last year",
"in 2022") gives ``YYYY-MM`` or ``YYYY`` (ISO 8601 reduced precision).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from briefing.extract.syntax import NOUN_OBJECTS
from briefing.extraction import Event
from briefing.knowledge.dates import find_date_phrases, iso, resolve_match, year_hints
from briefing.knowledge.lexicon import event_words
from briefing.knowledge.loader import regex
from briefing.provenance import (
    DATE_KIND,
    EVENT_DATED,
    EVENT_INFERRED,
    EVENT_NEEDS_VERB,
    EVENT_SAME_DAY,
    EVENT_WEEKDAY_YEAR,
    enabled,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from briefing.article import Article
    from briefing.extract import Analysis

MAX_TEXT_CHARS = 320
PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
NEAR_DAYS = 14  # a dated sentence this close to the article's date reports the meeting


@cache
def _pattern(key: str) -> re.Pattern[str]:
    """One pattern of ``resources/extraction/events.toml`` (future, same_day, date_hint)."""
    return regex("extraction/events.toml", key, str(event_words(key)), re.IGNORECASE)

_WEEKDAY_KINDS = {"md", "dm", "wd_paren"}  # a day and a month, which a weekday may name the year of
_LEAD = re.compile(r"^\s*(?:(?:on|in|at|since|during|by|from|earlier|later)\s+)?$", re.I)


@dataclass
class DatedSentence:
    """One chronology entry before it becomes an :class:`Event`."""

    date: dt.date
    precision: str  # day | month | year
    text: str
    span: tuple[int, int]
    phrase: str  # the date expression as written
    inferred: bool = False  # no date of its own: the one of the sentence before
    rules: list[str] = field(default_factory=list)  # the ids of the rules that dated it

    @property
    def iso(self) -> str:
        return iso(self.date, self.precision)


def find_events(an: Analysis) -> list[Event]:
    """The article's dated chronology (see the module docstring)."""
    return [Event(date=d.iso, text=d.text, span=d.span, precision=d.precision, inferred=d.inferred,
                  rules=list(d.rules)) for d in find_dated_sentences(an)]


def find_dated_sentences(an: Analysis) -> list[DatedSentence]:
    """Dated sentences with their precision, sorted by date then position."""
    article = an.article
    reference = _reference(article.date)
    skip = _headline_span(article)
    found: list[DatedSentence] = []
    seen: set[tuple[str, str]] = set()
    previous: tuple[dt.date, str] | None = None
    previous_kind = ""
    hints = year_hints(article.original) if reference is None else []  # with its posts' dates
    for sent, start, end in _sentences(an.doc, article.paragraph_spans()):
        if skip and skip[0] <= start < skip[1]:
            continue
        norm = article.norm_text[start:end]
        if _no_event(an, start, end):
            continue  # "New Delhi, June 8", "Rajnath Singh (@rajnathsingh) June 8, 2022": no happening
        found_date = _best_date(norm, reference, hints)
        inferred = False
        if found_date is not None and not (enabled(EVENT_DATED) and enabled(DATE_KIND + found_date[2])):
            found_date = None
        if found_date is None:
            same_day = _pattern("same_day").match(norm)
            if previous is not None and previous[1] == "day" and same_day and enabled(EVENT_SAME_DAY):
                best = previous, (same_day.start(), same_day.end())
                rules = [EVENT_SAME_DAY, previous_kind]
            elif previous is not None and previous[1] == "day" and _near(previous[0], reference) \
                    and _reports_an_event(sent) and enabled(EVENT_INFERRED):
                best, inferred = (previous, (0, 0)), True  # "Additionally, he held meetings with ..."
                rules = [EVENT_INFERRED, previous_kind]
            else:
                continue
        else:
            best = found_date[:2]
            kind, _, hinted = found_date[2].partition("+")
            previous, previous_kind = best[0], DATE_KIND + kind
            rules = [EVENT_DATED, previous_kind] + ([EVENT_WEEKDAY_YEAR] if hinted else [])
        (day, precision), (p0, p1) = best
        text = _statement(article.text, start, end, p0, p1)
        key = (iso(day, precision), re.sub(r"\W+", " ", text.casefold()).strip())
        if key in seen:
            continue
        seen.add(key)
        found.append(DatedSentence(day, precision, text, (start, end), norm[p0:p1], inferred, rules))
    found.sort(key=lambda d: (d.date, PRECISION_RANK[d.precision], d.span[0]))
    return found


NO_EVENT_WORDS = 8  # a line this short with no verb is a dateline, a byline or a timestamp


def _no_event(an: Analysis, start: int, end: int) -> bool:
    """A short line with no verb tells of no happening (a dateline, a byline, a post's
    attribution line), even when it holds a date."""
    span = an.doc.char_span(start, end, alignment_mode="expand")
    if span is None or len([t for t in span if not t.is_punct]) > NO_EVENT_WORDS:
        return False
    return not any(t.pos_ in {"VERB", "AUX"} for t in span) and enabled(EVENT_NEEDS_VERB)


def _near(day: dt.date, reference: dt.date | None) -> bool:
    """A date of the meeting the article reports (not of its background)."""
    return reference is None or abs((reference - day).days) <= NEAR_DAYS


def _reports_an_event(sent: Span) -> bool:
    """The sentence's main verb is a meeting's event: "held meetings with", "paid a courtesy call"."""
    root = sent.root
    verbs, nouns = set(event_words("event_verbs")), set(event_words("event_nouns"))
    if root.lemma_.lower() not in verbs:
        return False
    if root.lemma_.lower() in {"hold", "pay", "deliver", "lay", "call"}:  # only with their object
        return any(c.lemma_.lower() in nouns or c.lower_ in nouns for c in root.subtree if c.dep_ in NOUN_OBJECTS)
    return True


def _reference(date: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(date) if date else None
    except ValueError:
        return None


def _headline_span(article: Article) -> tuple[int, int] | None:
    idx = getattr(article, "headline_paragraph", None)
    if idx is None:
        return None
    return article.paragraph_spans()[idx]


def _sentences(doc: Doc, paragraphs: list[tuple[int, int]]) -> list[tuple[Span, int, int]]:
    """spaCy sentences cut at paragraph boundaries: ``(sentence, start, end)``, trimmed."""
    out = []
    text = doc.text
    for sent in doc.sents:
        for p0, p1 in paragraphs:
            s, e = max(sent.start_char, p0), min(sent.end_char, p1)
            if s < e:
                s, e = _trim(text, s, e)
                if e - s > 1:
                    out.append((sent, s, e))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _best_date(norm: str, reference: dt.date | None,
               hints: Sequence[int] = ()) -> tuple[tuple[dt.date, str], tuple[int, int], str] | None:
    """The most precise resolvable date in a sentence (the first among equals), its span and
    the kind of date phrase it is ("weekday", "mdy", ...). With no article date, a day and
    month named with their weekday ("on Saturday, 20 March") take the year of ``hints`` (the
    years the article names) on which that day is that weekday; the kind then ends in
    ``+weekday_year``."""
    if not _pattern("date_hint").search(norm):
        return None  # no digit, month, weekday or relative word: no date to find
    future = bool(_pattern("future").search(norm))
    candidates: list[tuple[tuple[dt.date, str], tuple[int, int], str]] = []
    for m in find_date_phrases(norm):
        got = resolve_match(m, reference, future=future)
        kind = m.kind
        if got is None and reference is None and hints and m.group("wd") and m.kind in _WEEKDAY_KINDS \
                and enabled(EVENT_WEEKDAY_YEAR):
            got, kind = resolve_match(m, None, year_hints=hints), m.kind + "+weekday_year"
        if got:
            candidates.append((got, (m.start, m.end), kind))
    if not candidates:
        return None
    return min(candidates, key=lambda c: (PRECISION_RANK[c[0][1]], c[1][0]))


def _statement(text: str, start: int, end: int, p0: int, p1: int) -> str:
    """The sentence from the typographic text, without a leading "On Sunday," and cut to size."""
    sentence = text[start:end]
    lead = sentence[:p0]
    if _LEAD.match(lead):
        rest = sentence[p1:]
        m = re.match(r"\s*,\s*", rest)
        if m and len(rest) > m.end() + 20:
            rest = rest[m.end():]
            sentence = rest[0].upper() + rest[1:]
    if len(sentence) > MAX_TEXT_CHARS:  # cut at the last clause break, never inside a phrase
        breaks = [m.start() for m in re.finditer(r"[,;:\u2013\u2014]\s", sentence[:MAX_TEXT_CHARS])]
        cut = breaks[-1] if breaks and breaks[-1] > MAX_TEXT_CHARS // 3 else sentence.rfind(" ", 0, MAX_TEXT_CHARS)
        sentence = sentence[:cut].rstrip(",;: ") + "\u2026"
    return sentence
