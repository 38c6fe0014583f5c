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

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}

_MON = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
        r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WD = (r"(?:Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?"
       r"|Sat(?:urday)?|Sun(?:day)?)\.?")
_WD_FULL = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"

# (kind, pattern); earlier kinds win over later ones on the same text
_PATTERNS: list[tuple[str, str]] = [
    ("iso", rf"\b(?P<y>{_YEAR})-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)\b"),
    ("numeric", rf"(?:(?P<wd>{_WD}),?\s+)?\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>{_YEAR})\b"),
    ("dmy", rf"(?:(?P<wd>{_WD}),?\s+)?\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MON}),?\s+(?P<y>{_YEAR})\b"),
    ("mdy", rf"(?:(?P<wd>{_WD}),?\s+)?\b(?P<mon>{_MON})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})\b"),
    ("wd_paren", rf"\b(?P<wd>{_WD}),?\s*\((?:(?P<mon>{_MON})\s+(?P<d>{_DAY})|(?P<d2>{_DAY})\s+(?P<mon2>{_MON}))\)"),
    ("md", rf"(?:(?P<wd>{_WD}),?\s+)?\b(?P<mon>{_MON})\s+(?P<d>{_DAY})\b(?!\s*(?:,\s*)?\d)"),
    ("dm", rf"(?:(?P<wd>{_WD}),?\s+)?\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MON})\b(?!\s*,?\s*\d)"),
    ("month_rel", rf"\b(?P<mon>{_MON})\s+(?P<rel>last|this|next)\s+year\b"),
    ("month_year", rf"\b(?P<mon>{_MON}),?\s+(?P<y>{_YEAR})\b"),
    ("day_rel", r"\b(?P<rel>yesterday|today|tomorrow|tonight|last night|this (?:morning|afternoon|evening))\b"),
    ("weekday", rf"\b(?:(?P<rel>last|next|this|on)\s+)?(?P<wd>{_WD_FULL})\b"),
    ("year_rel", r"\b(?P<rel>last|this|next)\s+year\b"),
    ("month_rel2", r"\b(?P<rel>last|this|next)\s+month\b"),
    ("year", rf"\b(?:in|since|during|until|by|from|of|early|late|mid-|end of|before|after)\s+"
             rf"(?:the\s+)?(?:year\s+)?(?P<y>{_YEAR})\b(?!-\d)"),
]
_COMPILED = [(kind, re.compile(p)) for kind, p in _PATTERNS]
_RANK = {kind: i for i, (kind, _p) in enumerate(_PATTERNS)}
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
    for kind, rx in _COMPILED:
        for m in rx.finditer(text):
            if m.end() > m.start():
                found.append(DateMatch(m.start(), m.end(), kind, tuple(m.groupdict().items())))
    found.sort(key=lambda d: (-(d.end - d.start), _RANK[d.kind], d.start))
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
    if m.kind == "month_rel2":
        month = reference.year * 12 + reference.month - 1 + {"last": -1, "next": 1}.get(rel, 0)
        return dt.date(month // 12, month % 12 + 1, 1), "month"
    return None


def _month(name: str | None) -> int:
    return MONTHS[(name or "").lower()[:3]]


def _day(text: str | None) -> int:
    return int(re.match(r"\d+", text or "").group())


def _weekday(name: str | None) -> int | None:
    return WEEKDAYS.get((name or "").lower()[:3]) if name else None


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


# --- the article's own date --------------------------------------------------------

_DATELINE = re.compile(
    rf"^[A-Z][A-Za-z.'\- ]{{1,40}}(?:,\s*[A-Z][A-Za-z.'\- ]{{1,30}})?,\s*"
    rf"(?P<phrase>(?:{_WD},?\s+)?{_MON}\s+{_DAY})\b(?:,?\s*{_YEAR})?\s*(?:\(|--|-|:)")


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


def find_article_date(lead_lines: Iterable[str], paragraphs: Sequence[str],
                      extra: Iterable[str] = (), *, year_text: str = "") -> dt.date | None:
    """The date an article was published, from its text; None when the text does not say.

    In order: a full date on a site-chrome line (``Fri, 05/27/2016 - 05:55``); a
    dateline opening one of the first paragraphs (``KUALA LUMPUR, May 27 (Bernama)``)
    or a weekday with its month-day (``Thursday (Dec 10)``), the year taken from elsewhere
    in the text; the first full date in the body, then in ``extra`` (captions). A
    month-day with no year anywhere in the text gives no date.
    """
    for line in lead_lines:
        for m in find_date_phrases(line):
            if m.has_year:
                got = resolve_match(m, None)
                if got:
                    return got[0]
    hints = year_hints(year_text or "\n".join([*paragraphs, *extra]))
    for para in paragraphs[:3]:
        m = _DATELINE.match(para)
        if m:
            got = resolve_date_phrase(m.group("phrase"), None, year_hints=hints)
            if got:
                return got[0]
    for para in paragraphs:
        for m in _matches(para, {"wd_paren"}):
            got = resolve_match(m, None, year_hints=hints)
            if got:
                return got[0]
    for block in [*paragraphs, *extra]:
        for m in _matches(block, _FULL_KINDS):
            got = resolve_match(m, None)
            if got:
                return got[0]
    return None


def _matches(text: str, kinds: set[str]) -> list[DateMatch]:
    """Matches of the patterns of ``kinds`` only, left to right (a fast partial scan)."""
    found = [DateMatch(m.start(), m.end(), kind, tuple(m.groupdict().items()))
             for kind, rx in _COMPILED if kind in kinds for m in rx.finditer(text)]
    return sorted(found, key=lambda d: (d.start, -(d.end - d.start)))
