"""Finding and reading the shipped data files under ``resources/``, with one error behaviour.

Every resource the program reads (word lists, the gazetteer, the taxonomy, patterns,
cleaning rules) is read here (:func:`read_resource_text`, bounded in size), once per
process. Whatever goes wrong - a missing file, a file that is not valid TOML, a key that
is absent or of the wrong type - raises :class:`KnowledgeError` with one line naming the
file and the key: ``resources/gazetteer/titles.toml: role_heads: expected a list of
strings``. Callers show that line and stop.

The folder is installed as the package ``briefing.resources`` (see pyproject.toml), so
``importlib.resources`` resolves it the same way in an editable install and in a wheel.
"""
from __future__ import annotations

import json
import os
import re
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["KnowledgeError", "resources_dir", "resource", "read_resource_text", "read_toml", "read_json", "value",
           "strings", "word_set", "mapping", "text_lines", "regex", "regexes", "one_line"]


class KnowledgeError(ValueError):
    """A resource file is missing or malformed: one line naming the file and the key."""


def one_line(text: object) -> str:
    """``text`` with its line breaks folded, for a one-line message."""
    return " ".join(str(text).split())


RESOURCES_ENV = "BRIEFING_RESOURCES_DIR"  # a whole other resources folder (a test, a user's own)


@cache
def resources_dir() -> Path:
    """The folder holding taxonomy, gazetteers, word lists, templates, fonts and icons: the
    shipped one, or the folder ``BRIEFING_RESOURCES_DIR`` names."""
    override = os.environ.get(RESOURCES_ENV)
    path = Path(override) if override else Path(str(resources.files("briefing.resources")))
    if not (path / "taxonomy").is_dir():  # pragma: no cover - broken install
        raise KnowledgeError(f"{path}: briefing resources not found")
    return path


def resource(*parts: str) -> Path:
    """Path of one shipped resource, e.g. ``resource("taxonomy", "themes.toml")``."""
    return resources_dir().joinpath(*parts)


def _path(name: str | Path) -> Path:
    """``"gazetteer/titles.toml"`` (relative to ``resources/``) or a user's own file."""
    path = Path(name)
    return path if path.is_absolute() else resource(*path.parts)


MAX_RESOURCE_BYTES = 16 * 1024 * 1024
"""The largest resource text file read (the largest shipped one is well under 1 MB)."""


def read_resource_text(path: Path) -> str:
    """The text of a resource file (or a user's own), read bounded
    (:func:`briefing.fileio.read_bounded`); :class:`KnowledgeError` naming it otherwise."""
    from briefing.fileio import ReadError, read_text_bounded

    try:
        return read_text_bounded(path, MAX_RESOURCE_BYTES, what="resource file", encoding="utf-8-sig")
    except ReadError as exc:  # "NAME: too large (...)" -> "NAME: cannot read: too large (...)"
        from briefing.safe_text import display_name

        reason = str(exc).removeprefix(f"{display_name(path)}: ")
        raise KnowledgeError(f"{display_name(path)}: cannot read: {reason}") from None
    except UnicodeDecodeError:
        raise KnowledgeError(f"{path}: not UTF-8 text") from None



@cache
def read_toml(name: str | Path) -> dict[str, Any]:
    """A TOML file (``resources/``-relative name or absolute path), parsed once."""
    path = _path(name)
    try:
        return tomllib.loads(read_resource_text(path))
    except tomllib.TOMLDecodeError as exc:
        raise KnowledgeError(f"{path}: not valid TOML: {one_line(exc)}") from None


@cache
def read_json(name: str | Path) -> Any:
    """A JSON file (``resources/``-relative name or absolute path), parsed once."""
    path = _path(name)
    try:
        return json.loads(read_resource_text(path))
    except json.JSONDecodeError as exc:
        raise KnowledgeError(f"{path}: not valid JSON: {one_line(exc)}") from None


_MISSING = object()


def value(name: str | Path, key: str, default: Any = _MISSING) -> Any:
    """The value at a dotted ``key`` ("history.markers") of a TOML file; a missing key is
    an error unless a ``default`` is given."""
    node: Any = read_toml(name)
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            if default is not _MISSING:
                return default
            raise KnowledgeError(f"{_path(name)}: {key}: missing")
        node = node[part]
    return node


@cache
def strings(name: str | Path, key: str) -> tuple[str, ...]:
    """A list of strings at ``key``, as written."""
    found = value(name, key)
    if not isinstance(found, list) or not all(isinstance(v, str) for v in found):
        raise KnowledgeError(f"{_path(name)}: {key}: expected a list of strings")
    return tuple(found)


@cache
def word_set(name: str | Path, key: str) -> frozenset[str]:
    """A list of words or phrases at ``key``, lower-cased, for membership tests."""
    return frozenset(w.lower() for w in strings(name, key))


@cache
def mapping(name: str | Path, key: str) -> dict[str, Any]:
    """A table at ``key`` (its values as written)."""
    found = value(name, key)
    if not isinstance(found, dict):
        raise KnowledgeError(f"{_path(name)}: {key}: expected a table")
    return dict(found)


@cache
def text_lines(name: str | Path) -> tuple[str, ...]:
    """The non-blank lines of a text file that are not ``#`` comments, stripped."""
    return tuple(line.strip() for line in read_resource_text(_path(name)).splitlines()
                 if line.strip() and not line.lstrip().startswith("#"))


def regex(name: str | Path, key: str, source: str, flags: int = 0) -> re.Pattern[str]:
    """``source`` (a pattern found at ``key`` of a file) compiled; a bad one is an error."""
    try:
        return re.compile(source, flags)
    except re.error as exc:
        raise KnowledgeError(f"{_path(name)}: {key}: bad pattern {source!r}: {exc}") from None


@cache
def regexes(name: str | Path, key: str, ignore_case: bool = False,
            optional: bool = False) -> tuple[re.Pattern[str], ...]:
    """The regular expressions listed at ``key``, compiled (none when ``optional`` and absent)."""
    if optional and value(name, key, None) is None:
        return ()
    flags = re.IGNORECASE if ignore_case else 0
    return tuple(regex(name, key, f"(?:{p})", flags) for p in strings(name, key))
