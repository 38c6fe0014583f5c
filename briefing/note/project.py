"""``.briefing`` project files: versioned JSON, atomic save, clear load errors.

A project holds the note, the article it was drafted from (original and cleaned text,
so it opens without the original file) and optionally the extraction::

    {"format": "briefing-composer-project", "schema_version": 2, "app_version": "0.1.0",
     "note": {...}, "article": {...}, "extraction": {...} | null}

Version 2 added portion levels (items and text sections), the classification authority
fields, and a source block without local file paths (author, url, accessed). A version 1
file is read by its own parser and brought up to date: its ``source.location`` becomes
the source URL when it is a web address and is dropped when it is a file path.

The note and the article are written field by field from their dataclasses
(:mod:`briefing.note.serial`), so fields added to them later round-trip without
changes here. Loading reads into typed records with one parser per schema version; a
file that is not JSON, truncated, of another format, of a newer version or with values
of the wrong type raises :class:`ProjectError` (``"<file>: <problem>"``) and is never
written to. Only a regular file of at most ``MAX_PROJECT_BYTES`` is read (counted while
reading); text that UTF-8 cannot encode (lone surrogates) is replaced with U+FFFD as it
is read (:mod:`briefing.note.serial`) and again before saving, so any project can be saved. Saving writes a temporary file in the same folder, fsyncs it and renames
it over the target, so a failure leaves the old file as it was.
"""
from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from briefing.article import Article
from briefing.note.model import SECTIONS, Note
from briefing.note.serial import SerialError, check_value, from_plain, to_plain

if TYPE_CHECKING:
    from briefing.extract.schema import Extraction

__all__ = ["FORMAT", "SCHEMA_VERSION", "PROJECT_SUFFIX", "Project", "ProjectError",
           "save_project", "load_project", "project_to_json", "project_from_json", "new_project"]

FORMAT = "briefing-composer-project"
MAX_PROJECT_BYTES = 64 * 1024 * 1024  # a note and a 400,000-character article take a few MB
SCHEMA_VERSION = 2
PROJECT_SUFFIX = ".briefing"


class ProjectError(Exception):
    """A project file cannot be read or written; the message is one line naming the file."""


@dataclass
class Project:
    """What a ``.briefing`` file holds."""

    note: Note
    article: Article
    extraction: Extraction | None = None


def new_project(article: Article, extraction: Extraction | None = None, **draft_options: Any) -> Project:
    """A project for ``article``: runs the extraction if not given, then drafts the note."""
    from briefing.note.draft import draft_note

    if extraction is None:
        from briefing.extract import extract

        extraction = extract(article)
    return Project(draft_note(article, extraction, **draft_options), article, extraction)


# ---------------------------------------------------------------- writing

def project_to_json(project: Project) -> dict[str, Any]:
    """The JSON document of the current schema version."""
    from briefing import __version__

    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "app_version": __version__,
        "note": to_plain(project.note),
        "article": to_plain(project.article),
        "extraction": project.extraction.to_json() if project.extraction is not None else None,
    }


def save_project(path: str | os.PathLike[str], project: Project) -> None:
    """Write ``project`` to ``path`` atomically; raise ProjectError if it cannot be written."""
    from briefing.safe_text import display_name, replace_surrogates

    target = Path(path)
    try:
        data = replace_surrogates(json.dumps(project_to_json(project), ensure_ascii=False, indent=1))
    except (TypeError, ValueError, RecursionError) as exc:
        raise ProjectError(f"{display_name(target)}: cannot save the project: "
                           f"{' '.join(str(exc).split())[:200]}") from None
    from briefing.fileio import WriteError

    try:
        write_atomically(target, data.encode("utf-8") + b"\n")
    except WriteError as exc:
        raise ProjectError(str(exc)) from None
    except OSError as exc:
        raise ProjectError(f"{target}: cannot write: {exc.strerror or exc}") from None


def write_atomically(target: Path, payload: bytes) -> None:
    """Write ``payload`` to ``target`` atomically (:func:`briefing.fileio.atomic_write_bytes`):
    a temp file beside ``target``, fsync, rename; on any error ``target`` is left as it was
    and :class:`briefing.fileio.WriteError` (an OSError) names the file."""
    from briefing.fileio import atomic_write_bytes

    atomic_write_bytes(target, payload)


# ---------------------------------------------------------------- reading

def load_project(path: str | os.PathLike[str]) -> Project:
    """Read a ``.briefing`` file; raise ProjectError with a one-line reason if it is unusable."""
    from briefing.fileio import ReadError, read_bounded
    from briefing.safe_text import display_name

    source = Path(path)
    try:
        raw = read_bounded(source, MAX_PROJECT_BYTES, what="project file")
    except ReadError as exc:
        raise ProjectError(str(exc)) from None
    try:
        return project_from_json(_decode(raw))
    except ProjectError as exc:
        raise ProjectError(f"{display_name(source)}: {exc}") from None


def _decode(raw: bytes) -> Any:
    if not raw.strip():
        raise ProjectError("the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ProjectError("not a project file (not UTF-8 text)") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        body = text.strip()
        ends_early = body.startswith("{") and not body.endswith("}")
        hint = "truncated" if ends_early or exc.pos >= len(body) else "corrupt"
        raise ProjectError(f"not valid JSON at line {exc.lineno} column {exc.colno} "
                           f"({exc.msg}); the file is {hint}") from None
    except RecursionError:
        raise ProjectError("not a project file (JSON nested too deeply)") from None
    except ValueError as exc:  # a number of more digits than int() converts (4300 by default)
        if "digits" in str(exc):
            limit = sys.get_int_max_str_digits()
            raise ProjectError(f"not a project file (a number of more than {limit:,} digits)") from None
        raise ProjectError(f"not a project file ({' '.join(str(exc).split())[:200]})") from None


def project_from_json(data: Any) -> Project:
    """Typed records from a parsed project document (any known schema version)."""
    if not isinstance(data, dict):
        raise ProjectError("not a Briefing Composer project (expected a JSON object)")
    if data.get("format") != FORMAT:
        found = data.get("format")
        what = f"format is {found!r}" if found is not None else "no 'format' key"
        raise ProjectError(f"not a Briefing Composer project ({what})")
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ProjectError(f"schema_version must be a whole number, not {version!r}")
    if version > SCHEMA_VERSION:
        raise ProjectError(f"saved by a newer version of Briefing Composer (project schema "
                           f"{version}; this version reads up to {SCHEMA_VERSION}); update the app")
    parser = _PARSERS.get(version)
    if parser is None:
        raise ProjectError(f"unknown schema_version {version}")
    try:
        return parser(data)
    except SerialError as exc:
        raise ProjectError(str(exc)) from None


def _parse_v2(data: dict[str, Any]) -> Project:
    for key in ("note", "article"):
        if key not in data:
            raise ProjectError(f"missing {key!r}")
    note = from_plain(Note, data["note"], "note")
    _check_unique_ids(note)
    article = from_plain(Article, data["article"], "article")
    extraction = _parse_extraction(data.get("extraction"))
    return Project(note=note, article=article, extraction=extraction)


def _parse_v1(data: dict[str, Any]) -> Project:
    """Version 1: the source block had ``location`` (a file path or a URL)."""
    project = _parse_v2(data)
    source = data["note"].get("source") if isinstance(data["note"], dict) else None
    location = source.get("location") if isinstance(source, dict) else None
    if isinstance(location, str) and re.match(r"(?i)https?://\S+$", location.strip()) \
            and not project.note.source.url:
        project.note.source.url = location.strip()
    return project


def _check_unique_ids(note: Note) -> None:
    seen: set[str] = set()
    for section in SECTIONS:
        for index, item in enumerate(getattr(note, section)):
            if not item.id:
                raise ProjectError(f"note.{section}[{index}].id: empty")
            if item.id in seen:
                raise ProjectError(f"note.{section}[{index}].id: {item.id!r} is used twice")
            seen.add(item.id)


def _parse_extraction(data: Any) -> Extraction | None:
    if data is None:
        return None
    from briefing.extract.schema import Extraction

    if not isinstance(data, dict):
        raise ProjectError("extraction: expected an object or null")
    try:
        extraction = Extraction.from_json(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        detail = f"missing key {exc}" if isinstance(exc, KeyError) else str(exc)
        raise ProjectError(f"extraction: {detail}") from None
    check_value(Extraction, extraction, "extraction")  # the types its fields declare
    return extraction


_PARSERS: dict[int, Callable[[dict[str, Any]], Project]] = {1: _parse_v1, 2: _parse_v2}
