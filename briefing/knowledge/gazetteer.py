"""The country gazetteer: names, abbreviations, demonyms, capitals, forces and groups.

Owns the look-up of states in text. The data live in user-editable files:

* ``resources/gazetteer/countries.tsv`` - one state per line (ISO 3166-1 alpha-2 code,
  display name, other names, demonyms, capitals, armed forces, ministries/metonyms);
* ``resources/gazetteer/countries.blocklist.txt`` - phrases holding a country word that
  name no state ("South China Sea", "Indiana", newspapers);
* ``resources/gazetteer/groups.toml`` - groups of states (ASEAN, the Quad, NATO...);
* ``resources/gazetteer/mentions.toml`` - the words after or before a state's name that
  make the mention its forces ("Vietnamese People's Army") or its ministry.

Public API: :func:`country_name`, :func:`lookup_country`, :func:`find_country_mentions`,
:func:`group_members`, :func:`find_group_mentions`, :func:`country_codes`.
Running-text matching is case-sensitive and whole-word, longest match first, done by a walk
over a trie of every phrase (built once per process).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from briefing.knowledge.flags import FLAG_PATTERN, flag_code
from briefing.knowledge.loader import (
    KnowledgeError,
    read_resource_text,
    read_toml,
    resource,
    text_lines,
    value,
)
from briefing.knowledge.text import plain_forms

__all__ = ["CountryMention", "GroupMention", "country_name", "country_codes", "lookup_country",
           "find_country_mentions", "group_members", "find_group_mentions", "GazetteerError"]

# TSV column -> mention kind
_COLUMNS = ("name", "other_names", "demonyms", "capitals", "forces", "ministries")
_KIND_OF_COLUMN = {"name": "name", "other_names": "name", "demonyms": "demonym",
                   "capitals": "capital", "forces": "force", "ministries": "ministry"}
_BLOCKED = "blocked"

_POSSESSIVE = re.compile(r"(?:'s|')$")


GazetteerError = KnowledgeError  # a gazetteer file is malformed (the message names file and line)


@cache
def _mention_pattern(key: str) -> re.Pattern[str]:
    """One of the force/ministry patterns of ``resources/gazetteer/mentions.toml``."""
    source = value(_MENTIONS, key)
    try:
        return re.compile(str(source))
    except re.error as exc:
        raise KnowledgeError(f"{resource(_MENTIONS)}: {key}: bad pattern: {exc}") from None


_MENTIONS = "gazetteer/mentions.toml"
_GROUPS = "gazetteer/groups.toml"


@dataclass(frozen=True)
class CountryMention:
    """One reference to a state in a text: ``text[start:end]`` names ``code``."""

    start: int
    end: int
    code: str
    kind: str  # name | demonym | capital | force | ministry | flag


@dataclass(frozen=True)
class GroupMention:
    """One reference to a group of states (``group`` is its key in groups.toml)."""

    start: int
    end: int
    group: str


@dataclass(frozen=True)
class _Gazetteer:
    names: dict[str, str]  # code -> display name
    phrases: dict[str, tuple[str, str]]  # matchable phrase -> (code, kind) or ("", "blocked")
    lookup_only: dict[str, tuple[str, str]]  # ambiguous phrase -> (code, kind)
    folded: dict[str, str]  # casefolded phrase -> code (for look-ups)
    pattern: PhraseIndex


def _split_cell(cell: str) -> list[str]:
    return [v.strip() for v in cell.split(";") if v.strip()]


def _plural(demonym: str) -> str | None:
    if demonym.endswith(("s", "sh", "ch", "x", "z", "ese")):
        return None
    return demonym + "s"


@cache
def _load() -> _Gazetteer:
    path = resource("gazetteer", "countries.tsv")
    names: dict[str, str] = {}
    phrases: dict[str, tuple[str, str]] = {}
    lookup_only: dict[str, tuple[str, str]] = {}
    lines = read_resource_text(path).splitlines()
    for lineno, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#") or line.startswith("code\t"):
            continue
        cells = line.split("\t")
        if len(cells) < 2 or not re.fullmatch(r"[A-Z]{2}", cells[0].strip()):
            raise KnowledgeError(f"{path}:{lineno}: expected 'CODE<TAB>name...', got {line[:40]!r}")
        code = cells[0].strip()
        cells = (cells + [""] * len(_COLUMNS))[1:len(_COLUMNS) + 1]
        names[code] = cells[0].strip().lstrip("?")
        for column, cell in zip(_COLUMNS, cells):
            kind = _KIND_OF_COLUMN[column]
            for entry in _split_cell(cell):
                forms = [entry]
                if kind == "demonym" and (pl := _plural(entry.lstrip("?"))) and not entry.startswith("?"):
                    forms.append(pl)
                for form in forms:
                    if form.startswith("?"):
                        lookup_only.setdefault(plain_forms(form[1:]), (code, kind))
                    else:
                        phrases.setdefault(plain_forms(form), (code, kind))
    for phrase, target in list(phrases.items()):  # headlines in capitals
        if any(c.islower() for c in phrase):
            phrases.setdefault(phrase.upper(), target)
    for phrase in _blocklist():
        phrases[phrase] = ("", _BLOCKED)
        phrases.setdefault(phrase.upper(), ("", _BLOCKED))
    folded: dict[str, str] = {}
    for table in (phrases, lookup_only):
        for phrase, (code, _kind) in table.items():
            if code and not _is_abbreviation(phrase):
                folded.setdefault(phrase.casefold(), code)
    return _Gazetteer(names, phrases, lookup_only, folded, _compile(phrases))


def _blocklist() -> list[str]:
    return [plain_forms(line) for line in text_lines("gazetteer/countries.blocklist.txt")]


def _is_abbreviation(phrase: str) -> bool:
    letters = [c for c in phrase if c.isalpha()]
    return len(letters) <= 6 and all(c.isupper() for c in letters)


class PhraseIndex:
    """Every phrase of a table found in running text as a whole word, the longest first at
    each place, left to right (the semantics of one big alternation regex, without the
    quarter-second it takes Python to compile one of some 2,000 phrases)."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.trie: dict = {}
        for phrase in phrases:
            node = self.trie
            for ch in phrase:
                node = node.setdefault(ch, {})
            node[""] = True

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of each phrase found: no word character just before it; after
        it none either when it ends with one ("Japan", not "Japanese")."""
        trie, n, i = self.trie, len(text), 0
        while i < n:
            node = trie.get(text[i])
            if node is None or i > 0 and _word_char(text[i - 1]):
                i += 1
                continue
            best, j = -1, i
            while node is not None:
                j += 1
                if "" in node and (j >= n or not _word_char(text[j - 1]) or not _word_char(text[j])):
                    best = j
                node = node.get(text[j]) if j < n else None
            if best > 0:
                yield i, best
                i = best
            else:
                i += 1


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _compile(phrases: dict[str, object]) -> PhraseIndex:
    return PhraseIndex(phrases)


def country_codes() -> list[str]:
    """Every code in the gazetteer, sorted."""
    return sorted(_load().names)


def country_name(code: str) -> str | None:
    """Display name of an ISO 3166-1 alpha-2 code ("JP" -> "Japan"), or None."""
    return _load().names.get(code.strip().upper()) if code else None


def _clean_phrase(phrase: str) -> str:
    p = plain_forms(phrase).strip().strip(".,;:!?()[]\"").strip()
    p = _POSSESSIVE.sub("", p).strip()
    if p.lower().startswith("the ") and p[4:5].isupper():
        p = p[4:]
    return p


def lookup_country(phrase: str) -> str | None:
    """Code of the state a phrase names: a name, abbreviation, demonym, capital, force or
    ministry ("Japan's", "Vietnamese", "Tokyo", "U.S.", "Vietnamese People's Army").
    Case-insensitive except for abbreviations; None when unknown or ambiguous."""
    if not phrase or not phrase.strip():
        return None
    g = _load()
    if (m := FLAG_PATTERN.fullmatch(phrase.strip())):
        return _flag_code(m.group())
    raw = plain_forms(phrase).strip()
    for p in (raw, _clean_phrase(phrase), _clean_phrase(phrase).rstrip(".")):
        for table in (g.phrases, g.lookup_only):
            if p in table and table[p][0]:
                return table[p][0]
        if p.casefold() in g.folded:
            return g.folded[p.casefold()]
    codes = {m.code for m in find_country_mentions(raw)}
    return codes.pop() if len(codes) == 1 else None


def _flag_code(flag: str) -> str | None:
    code = flag_code(flag)
    return code if code in _load().names else None


def find_country_mentions(text: str) -> list[CountryMention]:
    """Every reference to a state in ``text``, in order, longest match first, whole words.

    A name or demonym directly followed by a force ("Vietnamese People's Army", "Chinese
    navy") or a ministry ("Vietnam Ministry of National Defence") becomes one mention of
    kind "force" or "ministry"; flag emoji give kind "flag"."""
    g = _load()
    norm = plain_forms(text)
    found: list[CountryMention] = []
    for start, end in g.pattern.finditer(norm):
        code, kind = g.phrases.get(norm[start:end], ("", _BLOCKED))
        if kind == _BLOCKED:
            continue
        if kind in ("name", "demonym"):
            if (after := _mention_pattern("ministry_after").match(norm, end)):
                kind, end = "ministry", after.end()
            elif (after := _mention_pattern("force_after").match(norm, end)):
                kind, end = "force", after.end()
            elif (before := _mention_pattern("ministry_before").search(norm, max(0, start - 60), start)):
                kind, start = "ministry", before.start()
        found.append(CountryMention(start, end, code, kind))
    for m in FLAG_PATTERN.finditer(text):
        if (code := _flag_code(m.group())):
            found.append(CountryMention(m.start(), m.end(), code, "flag"))
    found.sort(key=lambda c: (c.start, -c.end))
    return found


@cache
def _groups() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    groups = {}
    for key, table in read_toml(_GROUPS).items():
        names = value(_GROUPS, f"{key}.names", []) if isinstance(table, dict) else None
        members = value(_GROUPS, f"{key}.members", []) if isinstance(table, dict) else None
        if not isinstance(names, list) or not isinstance(members, list):
            raise KnowledgeError(f"{resource(_GROUPS)}: {key}: needs 'names' and 'members' lists")
        names = tuple(dict.fromkeys([key, *map(str, names)]))
        groups[key] = (names, tuple(str(c).upper() for c in members))
    return groups


def group_members(name: str) -> list[str] | None:
    """Member codes of a group named ``name`` ("ASEAN" -> 10 codes), or None if unknown."""
    wanted = _clean_phrase(name).casefold()
    for names, members in _groups().values():
        if any(n.casefold() == wanted for n in names):
            return list(members)
    return None


@cache
def _group_pattern() -> tuple[PhraseIndex, dict[str, str]]:
    by_phrase = {n: key for key, (names, _) in _groups().items() for n in names}
    return _compile(dict.fromkeys(by_phrase)), by_phrase


def find_group_mentions(text: str) -> list[GroupMention]:
    """Every reference to a group of states in ``text`` ("ASEAN", "the Quad", "NATO")."""
    pattern, by_phrase = _group_pattern()
    plain = plain_forms(text)
    return [GroupMention(start, end, by_phrase[plain[start:end]]) for start, end in pattern.finditer(plain)]
