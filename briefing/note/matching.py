"""How alike two items from different sources are: names, roles, wording, instruments, dates.

The helpers the merger (:mod:`briefing.note.merge`) decides with. Outlets name one person
"Lloyd J. Austin III", "Mr. Austin" and "Secretary Austin", one agreement "a memorandum",
"a deal" and "the RDT&E Arrangement", spell "defense" and "defence": these functions fold
such differences away and measure what is left. What they know of wording (honorifics,
spellings, stop words, instrument families, hedging words, how a stay's length is written)
is data in ``resources/merge/matching.toml``. Qt-free.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from briefing.knowledge.loader import read_resource_text
from briefing.resources_path import resource

__all__ = ["Wording", "wording", "fold", "words", "content_words", "name_tokens", "same_person",
           "topic_words", "event_words", "happenings", "named_words", "without_countries",
           "role_words", "compare_roles", "overlap", "acronyms", "instrument_family",
           "dates_agree", "duration_phrase", "is_hedged", "instrument_words"]

_PLAIN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2010": "-",
                        "\u2011": "-", "\u2013": "-", "\u2014": "-", "\u00a0": " "})


@dataclass(frozen=True)
class Wording:
    """The word lists of ``matching.toml``."""

    honorifics: frozenset[str]
    suffixes: frozenset[str]
    spellings: dict[str, str]
    stopwords: frozenset[str]
    role_ignore: frozenset[str]
    families: dict[str, str]  # instrument word or phrase -> family name
    hedges: frozenset[str]
    duration: re.Pattern[str]
    numbers: dict[str, int]
    source_date_days: int
    happenings: dict[str, str]  # a word for a kind of happening -> the kind (its group's first word)


@cache
def wording() -> Wording:
    path = resource("merge", "matching.toml")
    data = tomllib.loads(read_resource_text(path))
    families = {fold(word): family for family, members in data["instruments"].items()
                for word in members}
    facts = data["facts"]
    return Wording(
        honorifics=frozenset(data["names"]["honorifics"]),
        suffixes=frozenset(data["names"]["suffixes"]),
        spellings={fold(a): fold(b) for a, b in data["words"]["spellings"]},
        stopwords=frozenset(data["words"]["stopwords"]),
        role_ignore=frozenset(data["roles"]["ignore"]),
        families=families,
        hedges=frozenset(facts["hedges"]),
        duration=re.compile(facts["duration"]),
        numbers={word: n for n, word in enumerate(facts["numbers"])},
        source_date_days=int(facts["source_date_days"]),
        happenings={_stem(fold(word)): _stem(fold(group[0])) for group in data.get("events", {}).get("happenings", [])
                    for word in group},
    )


# ---------------------------------------------------------------- words

def fold(text: str) -> str:
    """Lower case, no accents, plain quotes and dashes: ``Türkiye’s`` -> ``turkiye's``."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_PLAIN))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    """The words of ``text``, folded, with one spelling per word (``defense`` -> ``defence``)."""
    spell = wording().spellings
    found = re.findall(r"[a-z0-9]+(?:[&'][a-z0-9]+)*", fold(text))
    return [spell.get(w, w) for w in (w.removesuffix("'s") for w in found)]


def _stem(word: str) -> str:
    """A crude stem that makes plurals and verb forms meet (procedures/procedure, signed/sign)."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            return word[: len(word) - len(suffix)] + keep
    return word


@lru_cache(maxsize=4096)
def content_words(text: str) -> frozenset[str]:
    """Stems of the words that say what ``text`` is about (no stop words)."""
    stop = wording().stopwords
    return frozenset(_stem(w) for w in words(text) if w not in stop and len(w) > 1)


@lru_cache(maxsize=4096)
def topic_words(text: str) -> frozenset[str]:
    """:func:`content_words` without the names of states: what an agreement or event is
    about, not who took part ("the radar incident", not "South Korean")."""
    return content_words(without_countries(text))


@lru_cache(maxsize=4096)
def event_words(text: str) -> frozenset[str]:
    """:func:`topic_words` of a chronology entry with each word for a kind of happening read
    as the kind: "held talks with X", "met X" and "a meeting with X" all say ``meet``."""
    kinds = wording().happenings
    return frozenset(kinds.get(w, w) for w in topic_words(text))


def happenings(text: str) -> frozenset[str]:
    """The kinds of happening a chronology entry tells of (``meet``, ``sign``, ``visit``...)."""
    kinds = set(wording().happenings.values())
    return frozenset(w for w in event_words(text) if w in kinds)


@lru_cache(maxsize=4096)
def named_words(text: str) -> frozenset[str]:
    """The folded words of the names in ``text`` (people and places: capitalised words not
    opening a sentence), as :func:`event_words` spells them."""
    from briefing.knowledge.dates import date_words

    found = re.finditer(r"(?<![.!?\"\u201c]\s)(?<!^)\b[A-Z][\w'\u2019-]+", (text or "").strip())
    skip = date_words()
    return frozenset(w for m_ in found if m_.group(0).lower() not in skip for w in content_words(m_.group(0)))


def without_countries(text: str) -> str:
    """``text`` with its country names and demonyms blanked out."""
    from briefing.gazetteer import find_country_mentions

    text = text or ""
    for mention in sorted(find_country_mentions(text), key=lambda c: -c.start):
        if mention.kind in ("name", "demonym", "flag"):
            text = text[:mention.start] + " " + text[mention.end:]
    return text


def overlap(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    """Shared words over the smaller set (1.0 when one holds the other; 0 if either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


# ---------------------------------------------------------------- people

def name_tokens(name: str) -> tuple[str, ...]:
    """A person's name without honorifics, initials and suffixes: ``Adm. Dong Jun`` ->
    ``("dong", "jun")``, ``Lloyd J. Austin III`` -> ``("lloyd", "austin")``."""
    w = wording()
    tokens = re.findall(r"[a-z0-9]+", fold(name))
    kept = [t for t in tokens if len(t) > 1 and t not in w.suffixes]
    while kept and kept[0] in w.honorifics:  # titles stand before the name
        kept.pop(0)
    return tuple(kept)


def same_person(a: str, b: str) -> float:
    """1.0 for the same name, 0.8 when one name is part of the other ("Rajnath" / "Rajnath
    Singh", "Austin" / "Lloyd Austin"), else 0."""
    x, y = set(name_tokens(a)), set(name_tokens(b))
    if not x or not y:
        return 0.0
    if x == y:
        return 1.0
    if x <= y or y <= x:
        return 0.8
    return 0.0


def role_words(role: str) -> set[str]:
    """What a role says without the country it names: ``Japanese Defense Minister`` ->
    ``{"defence", "minister"}``."""
    text = without_countries(role)
    ignore = wording().role_ignore
    return {_stem(w) for w in words(text) if w not in ignore}


def compare_roles(a: str, b: str) -> str:
    """``same``, ``wider`` (``b`` says more: "Secretary" / "Secretary of Defense"),
    ``narrower``, ``unknown`` (one is empty) or ``differ``."""
    x, y = role_words(a), role_words(b)
    if not x or not y:
        return "unknown"
    if x == y:
        return "same"
    if x < y:
        return "wider"
    if y < x:
        return "narrower"
    return "differ"


# ---------------------------------------------------------------- agreements

@lru_cache(maxsize=4096)
def acronyms(text: str) -> frozenset[str]:
    """Short names an agreement goes by: acronyms written out (``RAA``, ``RDT&E``, ``DCA``)
    and the initials of a capitalised name (``Reciprocal Access Agreement`` -> ``RAA``)."""
    found = {m.group(0).replace(" ", "") for m in re.finditer(r"\b[A-Z][A-Z&]{1,7}\b", text or "")
             if m.group(0) not in {"US", "UK", "EU", "UN", "PM", "MOU", "MOC"}}
    for m in re.finditer(r"(?:\b[A-Z][a-z]+\b[ -]?){3,6}", text or ""):
        initials = "".join(w[0] for w in re.findall(r"[A-Z][a-z]+", m.group(0)))
        found.add(initials)
    # a name written in lower case: "a reciprocal access agreement" -> RAA
    w = wording()
    folded = words(text or "")
    for i, word in enumerate(folded):
        if w.families.get(word) and i >= 2:
            before = folded[max(0, i - 3):i]
            while before and before[0] in w.stopwords:
                before.pop(0)
            if len(before) >= 2 and not any(x in w.stopwords for x in before):
                found.add("".join(x[0] for x in before[-3:]).upper() + word[0].upper())
                found.add("".join(x[0] for x in before[-2:]).upper() + word[0].upper())
    return frozenset(a for a in found if len(a) >= 3)


@cache
def instrument_words() -> frozenset[str]:
    """Stems of the instrument names ("agreement", "memorandum", "deal"...)."""
    return frozenset(_stem(w) for w in wording().families)


@lru_cache(maxsize=4096)
def instrument_family(instrument: str, text: str = "") -> str:
    """The family of an instrument ("document", "statement", "plan"), from its name or,
    failing that, the agreement's own words; "" when neither names one."""
    families = wording().families
    for source in (instrument, text):
        folded = " ".join(words(source))
        if folded in families:
            return families[folded]
        for phrase in sorted(families, key=len, reverse=True):  # "joint statement" before "statement"
            if re.search(rf"\b{re.escape(phrase)}\b", folded):
                return families[phrase]
    return ""


# ---------------------------------------------------------------- dates and facts

def dates_agree(a: str, b: str) -> bool | None:
    """Whether two ISO dates (of any precision) can be the same day; None if one is empty."""
    a, b = (a or "").strip()[:10], (b or "").strip()[:10]
    if not re.match(r"^\d{4}", a) or not re.match(r"^\d{4}", b):
        return None
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def duration_phrase(text: str) -> tuple[int, str] | None:
    """A stay's length as (days, the phrase): "a two-day trip" -> ``(2, "two-day trip")``."""
    m = wording().duration.search(text or "")
    if not m:
        return None
    word = fold(m.group(1))
    days = int(word) if word.isdigit() else wording().numbers.get(word)
    return (days, m.group(0)) if days is not None else None


def is_hedged(text: str) -> bool:
    """Whether ``text`` reports its fact as a claim ("allegedly", "reportedly", "accused")."""
    return any(w in wording().hedges for w in words(text))
