"""Matcher patterns kept as data: ``resources/patterns/NAME.toml``.

A pattern file holds spaCy ``Matcher`` patterns (``[[token]]``) and ``DependencyMatcher``
patterns (``[[dependency]]``), each with a ``label``, and an ``order`` of the labels (a
word matched by several is read by the first). A string ``"@name"`` inside an ``IN`` list
stands for the word list ``name`` of the file ``lists`` names, so the words stay in one
place (lemmas listed in lower case also match capitalised: "Signing" in a headline).

This module only reads and checks the data (it is spaCy-free); :mod:`briefing.extract.matchers`
builds the matchers. A malformed file is a :class:`KnowledgeError` naming file and key.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from briefing.knowledge.loader import KnowledgeError, read_toml, resource, strings

__all__ = ["PatternSet", "pattern_set"]

_CASED_ATTRS = {"LEMMA", "ORTH", "TEXT"}  # attributes a lower-case word list is widened for


@dataclass(frozen=True)
class PatternSet:
    """The patterns of one file, ready for spaCy's matchers (plain lists and dicts)."""

    name: str
    order: tuple[str, ...]
    token: tuple[tuple[str, list[dict[str, Any]]], ...]  # (label, Matcher pattern)
    dependency: tuple[tuple[str, list[dict[str, Any]]], ...]  # (label, DependencyMatcher pattern)


@cache
def pattern_set(name: str) -> PatternSet:
    """``resources/patterns/NAME.toml``, checked and with its ``@list`` references filled in."""
    rel = f"patterns/{name}.toml"
    data = read_toml(rel)
    path = resource(rel)
    lists = data.get("lists")
    if lists is not None and not isinstance(lists, str):
        raise KnowledgeError(f"{path}: lists: expected the name of a word-list file")
    order = strings(rel, "order")
    out: dict[str, list[tuple[str, list[dict[str, Any]]]]] = {"token": [], "dependency": []}
    for kind in ("token", "dependency"):
        entries = data.get(kind, [])
        if not isinstance(entries, list):
            raise KnowledgeError(f"{path}: {kind}: expected [[{kind}]] tables")
        for i, entry in enumerate(entries, 1):
            where = f"{path}: {kind} #{i}"
            label, pattern = (entry.get("label"), entry.get("pattern")) if isinstance(entry, dict) else (None, None)
            if not isinstance(label, str) or label not in order:
                raise KnowledgeError(f"{where}: label: expected one of the labels in 'order'")
            if not isinstance(pattern, list) or not pattern or not all(isinstance(p, dict) for p in pattern):
                raise KnowledgeError(f"{where}: pattern: expected a list of tables")
            out[kind].append((label, [_fill(node, lists, where) for node in pattern]))
    return PatternSet(name, order, tuple(out["token"]), tuple(out["dependency"]))


def _fill(node: Any, lists: str | None, where: str, attr: str = "") -> Any:
    """A copy of a pattern node with each ``"@name"`` replaced by its word list."""
    if isinstance(node, dict):
        return {k: _fill(v, lists, where, k if k.isupper() and k not in {"IN", "NOT_IN"} else attr)
                for k, v in node.items()}
    if isinstance(node, list):
        return [_fill(v, lists, where, attr) for v in node]
    if isinstance(node, str) and node.startswith("@"):
        if lists is None:
            raise KnowledgeError(f"{where}: {node}: the file names no 'lists' file")
        words = list(strings(lists, node[1:]))
        if attr in _CASED_ATTRS:
            words = sorted({form for w in words for form in (w, w.lower(), w.capitalize(), w.upper())})
        return words
    return node
