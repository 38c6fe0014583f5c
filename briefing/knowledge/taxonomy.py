"""The security-theme taxonomy: themes, labels and the compiled terms that signal each.

Read from the user-editable ``resources/taxonomy/themes.toml`` (or a user's own file; see
the comments there) by :func:`load_taxonomy`; a malformed file is a one-line
:class:`KnowledgeError` naming the file and the theme. The matching itself is done by
:mod:`briefing.extract.themes`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from briefing.knowledge.loader import KnowledgeError, read_toml, resource
from briefing.knowledge.text import plain_forms

__all__ = ["ThemeDef", "Taxonomy", "TaxonomyError", "load_taxonomy", "term_pattern"]


TaxonomyError = KnowledgeError  # the taxonomy file is malformed (the message names file and key)


@dataclass(frozen=True)
class ThemeDef:
    """One theme of the taxonomy with its compiled signals."""

    id: str
    label: str
    description: str = ""
    strong: tuple[re.Pattern[str] | LazyPattern, ...] = ()
    weak: tuple[re.Pattern[str] | LazyPattern, ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    themes: tuple[ThemeDef, ...]
    min_score: float = 1.0
    weak_weight: float = 0.5
    offices: tuple[re.Pattern[str], ...] = field(default=())

    @property
    def ids(self) -> list[str]:
        return [t.id for t in self.themes]


class LazyPattern:
    """A term's pattern, compiled the first time it is used: of the taxonomy's hundreds of
    terms an article holds the first word of a few, and compiling them all costs a start-up."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, source: str, flags: int) -> None:
        self.pattern, self.flags = source, flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def finditer(self, text: str, *args: int) -> Any:
        return self.compiled.finditer(text, *args)

    def match(self, text: str, *args: int) -> re.Match[str] | None:
        return self.compiled.match(text, *args)

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        return self.compiled.search(text, *args)


def term_pattern(term: str) -> LazyPattern:
    """A whole-word pattern for a taxonomy term (see the rules in themes.toml), compiled when
    first used (a term is escaped text: it always compiles)."""
    term = plain_forms(term.strip())
    parts = []
    for word in re.split(r"([\s-]+)", term):
        if not word:
            continue
        if re.fullmatch(r"[\s-]+", word):
            parts.append(r"[\s-]+")
        elif word.endswith("*"):
            parts.append(re.escape(word[:-1]) + r"[\w-]*")
        else:
            parts.append(re.escape(word))
    body = "".join(parts)
    exact = any(c.isalpha() for c in term) and not any(c.islower() for c in term)
    flags = 0 if exact else re.IGNORECASE
    last = term.rstrip("*")[-1:]
    return LazyPattern(r"(?<!\w)" + body + (r"(?!\w)" if last.isalnum() else ""), flags)


def _compile_all(path: Path, theme_id: str, key: str, values: Any,
                 regex: bool) -> list[re.Pattern[str] | LazyPattern]:
    if values is None:
        return []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise TaxonomyError(f"{path}: theme {theme_id!r}: {key} must be a list of strings")
    out = []
    for v in values:
        try:
            out.append(re.compile(v, re.IGNORECASE) if regex else term_pattern(v))
        except re.error as exc:
            raise TaxonomyError(f"{path}: theme {theme_id!r}: bad {key[:-1]} {v!r}: {exc}") from None
    return out


def _office_patterns(settings: dict[str, Any]) -> tuple[re.Pattern[str], ...]:
    """Office names built from capitalised portfolio words: "Ministry of Border Affairs",
    "Border Affairs Minister", "minister for Defence" (never "cybersecurity and the ministry")."""
    words = [re.escape(w) for w in settings.get("portfolio_words", [])]
    offices = [re.escape(w) for w in settings.get("office_words", [])]
    links = [re.escape(w) for w in settings.get("connector_words", ["and", "of", "the", "&"])]
    if not words or not offices:
        return ()
    word = r"(?-i:(?=[A-Z]))(?:" + "|".join(words) + r")"
    link = r"(?:(?:" + "|".join(links) + r")\s+)*"
    office = r"(?:" + "|".join(offices) + r")"
    run = rf"{word}(?:[\s,-]+{link}{word})*"
    return (re.compile(rf"\b{run}\s+{office}\b", re.IGNORECASE),  # "Border Affairs Minister"
            re.compile(rf"\b{office}\s+(?:of|for)\s+{link}{run}\b", re.IGNORECASE))


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """The taxonomy in ``path`` (default: the shipped ``resources/taxonomy/themes.toml``)."""
    return _load(str(path) if path else str(resource("taxonomy", "themes.toml")))


@cache
def _load(path_str: str) -> Taxonomy:
    path = Path(path_str)
    data = read_toml(path)
    settings = data.get("settings", {})
    themes, seen = [], set()
    for i, t in enumerate(data.get("theme", []), 1):
        if not isinstance(t, dict) or not t.get("id") or not t.get("label"):
            raise TaxonomyError(f"{path}: theme #{i} needs an 'id' and a 'label'")
        tid = str(t["id"])
        if tid in seen:
            raise TaxonomyError(f"{path}: theme id {tid!r} appears twice")
        seen.add(tid)
        strong = (_compile_all(path, tid, "terms", t.get("terms"), False)
                  + _compile_all(path, tid, "patterns", t.get("patterns"), True))
        weak = (_compile_all(path, tid, "weak_terms", t.get("weak_terms"), False)
                + _compile_all(path, tid, "weak_patterns", t.get("weak_patterns"), True))
        themes.append(ThemeDef(tid, str(t["label"]), str(t.get("description", "")),
                               tuple(strong), tuple(weak)))
    if not themes:
        raise TaxonomyError(f"{path}: no [[theme]] entries")
    return Taxonomy(tuple(themes), float(settings.get("min_score", 1.0)),
                    float(settings.get("weak_weight", 0.5)), _office_patterns(settings))


