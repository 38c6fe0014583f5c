"""Small phrase builders for drafted text: dates, lists, country names, shortened sentences.

Used by :mod:`briefing.note.draft` to write the summary and theme notes; exporters may
use :func:`country_label` and :func:`format_date` to show codes and ISO dates to readers.
"""
from __future__ import annotations

import datetime as dt
import re

__all__ = ["country_label", "country_phrase", "names_a_country", "possessive", "join_list", "parse_iso_date",
           "format_date", "format_date_range", "shorten", "first_sentence", "sentences"]

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
EN_DASH = "\u2013"


def country_label(code: str) -> str:
    """Display name of an ISO 3166-1 alpha-2 code (the code itself if unknown or free text)."""
    if not code:
        return ""
    if not (len(code) == 2 and code.isalpha() and code.isupper()):
        return code  # already a name the analyst typed
    try:
        from briefing.gazetteer import country_name
    except ImportError:
        return code
    try:
        name = country_name(code)
    except (KeyError, LookupError, ValueError):
        return code
    return name or code


def names_a_country(text: str) -> bool:
    """True if ``text`` (a role such as "Japanese Defence Minister") already names a state."""
    if not text:
        return False
    try:
        from briefing.gazetteer import lookup_country
    except ImportError:
        return False
    try:
        return lookup_country(text) is not None
    except (LookupError, ValueError):
        return False


def country_phrase(code: str) -> str:
    """The country as it reads in running text: "Japan", "the United States", "the Philippines"."""
    name = country_label(code)
    return f"the {name}" if _takes_article(name) else name


def _takes_article(name: str) -> bool:
    # Grammar, not a word list: plural or compound state names take "the".
    if name.lower().startswith("the "):
        return False
    return (name.startswith("United ") or name.endswith(("Republic", "Emirates", "Kingdom",
                                                         "Islands", "ands", "ines", "ives", "elles")))


def possessive(phrase: str) -> str:
    """"Japan" -> "Japan's", "the Philippines" -> "the Philippines'"."""
    if not phrase:
        return phrase
    return phrase + ("'" if phrase.endswith("s") else "'s")


def join_list(parts: list[str], conjunction: str = "and") -> str:
    """"a", "a and b", "a, b and c" (no serial comma)."""
    parts = [p for p in parts if p]
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return f"{', '.join(parts[:-1])} {conjunction} {parts[-1]}"


def parse_iso_date(text: str | None) -> dt.date | None:
    """A ``YYYY-MM-DD`` string as a date, or None."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def format_date(value: str | dt.date | None) -> str:
    """"2021-09-11" -> "11 September 2021"; text that is not an ISO date is returned as it is."""
    if value is None:
        return ""
    day = value if isinstance(value, dt.date) else parse_iso_date(value)
    if day is None:
        return str(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_date_range(first: dt.date, last: dt.date) -> str:
    """"11–12 September 2021", "30 September–1 October 2021", or one date."""
    if last < first:
        first, last = last, first
    if first == last:
        return format_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}{EN_DASH}{last.day} {MONTHS[last.month - 1]} {last.year}"
    if first.year == last.year:
        return f"{first.day} {MONTHS[first.month - 1]}{EN_DASH}{format_date(last)}"
    return f"{format_date(first)}{EN_DASH}{format_date(last)}"


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
