"""Date expressions in article text: finding them, resolving them, and the article's date.

One set of patterns serves both the article-date detection of ingestion and the events
step of extraction. Dates resolve against a reference date (the article's), and carry a
precision: ``"day"``, ``"month"`` or ``"year"``; :func:`iso` writes them as ISO 8601 at
that precision (``2021-09-12``, ``2021-09``, ``2021``).

Conventions (news style): a bare weekday ("on Sunday") is the most recent such day on or
before the reference, unless the sentence speaks of the future; a month-day without a
year ("Sep 11") takes the reference's year, moved back a year when that would put it
well after the reference. Without a reference, only expressions that name their year
resolve.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from briefing.knowledge.loader import KnowledgeError, mapping, resource

__all__ = ["DateMatch", "date_words", "iso", "find_date_phrases", "resolve_date_phrase", "resolve_match",
           "year_hints", "find_article_date", "article_date_where", "parse_iso_date", "month_name", "format_date",
           "format_date_range"]

_DATE_WORDS = "language/dates.toml"


def _names(key: str) -> list[tuple[str, list[str]]]:
    """``[(full name, [short forms])]`` of ``resources/language/dates.toml``, in order."""
    table = mapping(_DATE_WORDS, key)
    out = []
    for name, short in table.items():
        if not isinstance(short, list) or not all(isinstance(s, str) for s in short):
            raise KnowledgeError(f"{resource(_DATE_WORDS)}: {key}.{name}: expected a list of short forms")
        out.append((name, short))
    if len(out) != {"months": 12, "weekdays": 7}[key]:
        raise KnowledgeError(f"{resource(_DATE_WORDS)}: {key}: expected {12 if key == 'months' else 7} names")
    return out


def _alternation(forms: list[str]) -> str:
    return "(?:" + "|".join(re.escape(f) for f in sorted(set(forms), key=lambda f: (-len(f), f))) + ")"


@dataclass(frozen=True)
class _DateWords:
    """Names and compiled patterns, built once from the data file."""

    month_names: tuple[str, ...]
    weekday_names: tuple[str, ...]
    months: dict[str, int]  # every accepted form, lower case -> 1..12
    weekdays: dict[str, int]  # every accepted form, lower case -> 0 (Monday)..6
    compiled: tuple[tuple[str, re.Pattern[str]], ...]
    rank: dict[str, int]
    dateline: re.Pattern[str]


_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"


@cache
def _words() -> _DateWords:
    months, weekdays = _names("months"), _names("weekdays")
    mon = _alternation([f for name, short in months for f in [name, *short]]) + r"\.?"
    wd = _alternation([f for name, short in weekdays for f in [name, *short]]) + r"\.?"
    wd_full = _alternation([name for name, _ in weekdays])
    mon_full = _alternation([name for name, _ in months])
    day, year = _DAY, _YEAR
    # (kind, pattern); earlier kinds win over later ones on the same text
    patterns: list[tuple[str, str]] = [
        ("iso", rf"\b(?P<y>{year})-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)\b"),
        ("numeric", rf"(?:(?P<wd>{wd}),?\s+)?\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>{year})\b"),
        ("dmy", rf"(?:(?P<wd>{wd}),?\s+)?\b(?P<d>{day})\s+(?:of\s+)?(?P<mon>{mon}),?\s+(?P<y>{year})\b"),
        ("mdy", rf"(?:(?P<wd>{wd}),?\s+)?\b(?P<mon>{mon})\s+(?P<d>{day}),?\s+(?P<y>{year})\b"),
        ("wd_paren", rf"\b(?P<wd>{wd}),?\s*\((?:(?P<mon>{mon})\s+(?P<d>{day})|(?P<d2>{day})\s+(?P<mon2>{mon}))\)"),
        ("md", rf"(?:(?P<wd>{wd}),?\s+)?\b(?P<mon>{mon})\s+(?P<d>{day})\b(?!\s*(?:,\s*)?\d)"),
        ("dm", rf"(?:(?P<wd>{wd}),?\s+)?\b(?P<d>{day})\s+(?:of\s+)?(?P<mon>{mon})\b(?!\s*,?\s*\d)"),
        ("month_rel", rf"\b(?P<mon>{mon})\s+(?P<rel>last|this|next)\s+year\b"),
        ("month_year", rf"\b(?P<mon>{mon}),?\s+(?P<y>{year})\b"),
        ("month_in", rf"\b(?:in|since|until|by|during|from|early|late|mid-|end of)\s+(?:the\s+)?"
                     rf"(?P<mon>{mon_full})\b(?!\s*,?\s*\d)"),
        ("day_rel", r"\b(?P<rel>yesterday|today|tomorrow|tonight|last night|this (?:morning|afternoon|evening))\b"),
        ("weekday", rf"\b(?:(?P<rel>last|next|this|on)\s+)?(?P<wd>{wd_full})\b"),
        ("year_rel", r"\b(?P<rel>last|this|next)\s+year\b"),
        ("month_rel2", r"\b(?P<rel>last|this|next)\s+month\b"),
        ("year", rf"\b(?:in|since|during|until|by|from|of|early|late|mid-|end of|before|after)\s+"
                 rf"(?:the\s+)?(?:year\s+)?(?P<y>{year})\b(?!-\d)"),
    ]
    dateline = re.compile(
        rf"^[A-Z][A-Za-z.'\- ]{{1,40}}(?:,\s*[A-Z][A-Za-z.'\- ]{{1,30}})?,\s*"
        rf"(?P<phrase>(?:{wd},?\s+)?(?:{mon}\s+{day}|{day}\s+(?:of\s+)?{mon}),?\s*{year})\b,?\s*"
        rf"(?:\([^)]{{1,40}}\)\s*)?(?:\(|--|[-\u2013\u2014:]|[A-Z][A-Za-z]{{1,10}}\s*--)")
    return _DateWords(
        month_names=tuple(name for name, _ in months),
        weekday_names=tuple(name for name, _ in weekdays),
        months={f.lower(): i + 1 for i, (name, short) in enumerate(months) for f in [name, *short]},
        weekdays={f.lower(): i for i, (name, short) in enumerate(weekdays) for f in [name, *short]},
        compiled=tuple((kind, re.compile(p)) for kind, p in patterns),
        rank={kind: i for i, (kind, _p) in enumerate(patterns)},
        dateline=dateline)


_FULL_KINDS = {"iso", "numeric", "dmy", "mdy"}


@dataclass(frozen=True)
class DateMatch:
    """One date expression found in a text."""

    start: int
    end: int
    kind: str
    groups: tuple[tuple[str, str | None], ...]

    @property
    def has_year(self) -> bool:
        return self.kind in _FULL_KINDS

    def group(self, name: str) -> str | None:
        return dict(self.groups).get(name)


def date_words() -> frozenset[str]:
    """Every month and weekday name and short form, lower case ("march", "mar", "saturday")."""
    return frozenset(_words().months) | frozenset(_words().weekdays)


def iso(day: dt.date, precision: str = "day") -> str:
    """ISO 8601 at ``precision``: ``2021-09-12``, ``2021-09`` or ``2021``."""
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def find_date_phrases(text: str) -> list[DateMatch]:
    """Every date expression in ``text``, left to right, without overlaps (longest wins)."""
    found: list[DateMatch] = []
    for kind, rx in _words().compiled:
        for m in rx.finditer(text):
            if m.end() > m.start():
                found.append(DateMatch(m.start(), m.end(), kind, tuple(m.groupdict().items())))
    found.sort(key=lambda d: (-(d.end - d.start), _words().rank[d.kind], d.start))
    kept: list[DateMatch] = []
    for d in found:  # longest first
        if any(d.start < k.end and k.start < d.end for k in kept):
            continue
        kept.append(d)
    return sorted(kept, key=lambda d: d.start)


def resolve_date_phrase(phrase: str, reference: dt.date | None, *, future: bool = False,
                        year_hints: Sequence[int] = ()) -> tuple[dt.date, str] | None:
    """The date and precision a phrase names, e.g. ("on Sunday", 2021-09-13) -> 2021-09-12.

    ``future`` reads bare weekdays forward ("will meet on Friday"). ``year_hints`` are
    years to try for a month-day without a year when there is no reference.
    """
    for m in find_date_phrases(phrase):
        got = resolve_match(m, reference, future=future, year_hints=year_hints)
        if got:
            return got
    return None


def resolve_match(m: DateMatch, reference: dt.date | None, *, future: bool = False,
                  year_hints: Sequence[int] = ()) -> tuple[dt.date, str] | None:
    """Resolve one :class:`DateMatch` (see :func:`resolve_date_phrase`)."""
    g = m.group
    try:
        if m.kind == "iso":
            return dt.date(int(g("y")), int(g("m")), int(g("d"))), "day"
        if m.kind == "numeric":
            return _numeric(int(g("a")), int(g("b")), int(g("y")), g("wd")), "day"
        if m.kind in ("dmy", "mdy"):
            return dt.date(int(g("y")), _month(g("mon")), _day(g("d"))), "day"
        if m.kind in ("md", "dm", "wd_paren"):
            mon = _month(g("mon") or g("mon2"))
            day = _day(g("d") or g("d2"))
            found = _month_day(mon, day, _weekday(g("wd")), reference, future, year_hints)
            return (found, "day") if found else None
        if m.kind == "month_year":
            return dt.date(int(g("y")), _month(g("mon")), 1), "month"
        if m.kind == "year":
            return dt.date(int(g("y")), 1, 1), "year"
    except (ValueError, TypeError):
        return None
    if reference is None:
        return None
    rel = (g("rel") or "").lower()
    if m.kind == "day_rel":
        shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(rel, 0)
        return reference + dt.timedelta(days=shift), "day"
    if m.kind == "weekday":
        return _weekday_date(_weekday(g("wd")), rel, reference, future), "day"
    if m.kind == "year_rel":
        return dt.date(reference.year + {"last": -1, "next": 1}.get(rel, 0), 1, 1), "year"
    if m.kind == "month_rel":
        year = reference.year + {"last": -1, "next": 1}.get(rel, 0)
        return dt.date(year, _month(g("mon")), 1), "month"
    if m.kind == "month_in":  # "in April": the latest April not after the reference
        month = _month(g("mon"))
        year = reference.year
        if future and month < reference.month:
            year += 1
        elif not future and month > reference.month:
            year -= 1
        return dt.date(year, month, 1), "month"
    if m.kind == "month_rel2":
        month = reference.year * 12 + reference.month - 1 + {"last": -1, "next": 1}.get(rel, 0)
        return dt.date(month // 12, month % 12 + 1, 1), "month"
    return None


def _month(name: str | None) -> int:
    return _words().months[(name or "").lower().rstrip(".")]


def _day(text: str | None) -> int:
    return int(re.match(r"\d+", text or "").group())


def _weekday(name: str | None) -> int | None:
    return _words().weekdays.get(name.lower().rstrip(".")) if name else None


def _numeric(a: int, b: int, year: int, wd: str | None) -> dt.date:
    """``a/b/year``: month/day unless that is impossible or the weekday says day/month."""
    options = []
    for month, day in ((a, b), (b, a)):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            pass
    if not options:
        raise ValueError("no such date")
    weekday = _weekday(wd)
    for d in options:
        if weekday is None or d.weekday() == weekday:
            return d
    return options[0]


def _month_day(month: int, day: int, weekday: int | None, reference: dt.date | None,
               future: bool, year_hints: Sequence[int]) -> dt.date | None:
    if reference is not None:
        d = dt.date(reference.year, month, day)
        if not future and d > reference + dt.timedelta(days=45):
            d = dt.date(reference.year - 1, month, day)
        elif future and d < reference - dt.timedelta(days=45):
            d = dt.date(reference.year + 1, month, day)
        return d
    for year in year_hints:
        try:
            d = dt.date(year, month, day)
        except ValueError:
            continue
        if weekday is None or d.weekday() == weekday:
            return d
    return None


def _weekday_date(weekday: int | None, rel: str, reference: dt.date, future: bool) -> dt.date:
    assert weekday is not None
    back = (reference.weekday() - weekday) % 7
    ahead = (weekday - reference.weekday()) % 7
    if rel == "last":
        return reference - dt.timedelta(days=back or 7)
    if rel == "next":
        return reference + dt.timedelta(days=ahead or 7)
    if future:
        return reference + dt.timedelta(days=ahead)
    return reference - dt.timedelta(days=back)


# --- dates for readers ------------------------------------------------------------

EN_DASH = "\u2013"


def parse_iso_date(text: str | None) -> dt.date | None:
    """A ``YYYY-MM-DD`` string (or its first ten characters) as a date, or None."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def month_name(month: int, short: bool = False) -> str:
    """``9`` -> "September" ("Sep" when ``short``), from the date words' data file."""
    name = _words().month_names[month - 1]
    return name[:3] if short else name


def format_date(value: str | dt.date | None, short: bool = False) -> str:
    """"2021-09-11" -> "11 September 2021" ("11 Sep 2021" when ``short``); text that is not
    an ISO date is returned as it is."""
    if value is None:
        return ""
    day = value if isinstance(value, dt.date) else parse_iso_date(value)
    if day is None or not isinstance(value, dt.date) and len(str(value).strip()) != 10:
        return str(value)  # not a date, or a date with more text the analyst wrote
    return f"{day.day} {month_name(day.month, short)} {day.year}"


def format_date_range(first: dt.date, last: dt.date) -> str:
    """"11–12 September 2021", "30 September–1 October 2021", or one date."""
    if last < first:
        first, last = last, first
    if first == last:
        return format_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}{EN_DASH}{last.day} {month_name(last.month)} {last.year}"
    if first.year == last.year:
        return f"{first.day} {month_name(first.month)}{EN_DASH}{format_date(last)}"
    return f"{format_date(first)}{EN_DASH}{format_date(last)}"


# --- the article's own date --------------------------------------------------------


def year_hints(text: str) -> list[int]:
    """Years the text names, the likeliest article year first.

    Years of full dates come first, then the other years by how often they occur
    (ties: the later year first).
    """
    full = [got[0].year for m in _matches(text, _FULL_KINDS) if (got := resolve_match(m, None))]
    counts = Counter(int(y) for y in re.findall(rf"\b({_YEAR})\b", text))
    ordered = list(dict.fromkeys(full))
    ordered += [y for y, _n in sorted(counts.items(), key=lambda kv: (-kv[1], -kv[0])) if y not in ordered]
    return ordered


DATELINE_PARAGRAPHS = 4  # where a dateline may stand
BYLINE_PARAGRAPHS = 8  # where a byline, timestamp or "Posted On" line may stand (name blocks first)
BYLINE_MAX_CHARS = 80  # a line this short holding a full date is a byline or a timestamp


def find_article_date(lead_lines: Iterable[str], paragraphs: Sequence[str],
                      extra: Iterable[str] = (), *, year_text: str = "") -> dt.date | None:
    """The date an article was published, from its text; None when the text does not say.

    Only where a publication date stands: a full date on a site-chrome line
    (``Fri, 05/27/2016 - 05:55``); a dateline with its year opening one of the first
    paragraphs (``CAIRO, Aug 14, 2024 —``, ``ABU DHABI, 22nd October, 2024 (WAM)``); a
    short line among them holding a full date (``12 June 2025 | By John Smith``,
    ``Updated 4:51 PM CST, September 3, 2025``). A dateline without a year
    (``ASTANA, May 14``), a date in a photo caption (``extra``) or in a sentence of the
    body gives no date: an article that does not say when it was published has none.
    """
    del extra, year_text  # captions and the body never date the article
    return article_date_where(lead_lines, paragraphs)[0]


def article_date_where(lead_lines: Iterable[str], paragraphs: Sequence[str]) -> tuple[dt.date | None, str]:
    """:func:`find_article_date` and where the date stood: ``"date_line"`` (a line of site
    chrome holding only a date), ``"short_line"`` (a short line among the first paragraphs),
    ``"dateline"`` (a dateline with its year), or ``""`` when there is none."""
    for line in lead_lines:
        for m in find_date_phrases(line):
            if m.has_year:
                got = resolve_match(m, None)
                if got:
                    return got[0], "date_line"
    for index, para in enumerate(paragraphs[:BYLINE_PARAGRAPHS]):
        head = para.strip()
        dateline = _words().dateline.match(head) if index < DATELINE_PARAGRAPHS else None
        short = len(head) <= BYLINE_MAX_CHARS
        window = head if short else head[:dateline.end()] if dateline else ""
        window = _CAPITALISED.sub(lambda m: m.group(1) + m.group(2).lower(), window)  # "05 MAY 2025"
        for m in _matches(window, _FULL_KINDS):
            got = resolve_match(m, None)
            if got:
                return got[0], "dateline" if dateline and m.start < dateline.end() else "short_line"
    return None, ""


_CAPITALISED = re.compile(r"\b([A-Z])([A-Z]{2,})\b")


def _matches(text: str, kinds: set[str]) -> list[DateMatch]:
    """Matches of the patterns of ``kinds`` only, left to right (a fast partial scan)."""
    found = [DateMatch(m.start(), m.end(), kind, tuple(m.groupdict().items()))
             for kind, rx in _words().compiled if kind in kinds for m in rx.finditer(text)]
    return sorted(found, key=lambda d: (d.start, -(d.end - d.start)))
