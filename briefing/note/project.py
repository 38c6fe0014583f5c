"""``.briefing`` project files: versioned JSON, atomic save, clear load errors.

A project holds the note, the article it was drafted from (original and cleaned text,
so it opens without the original file) and optionally the extraction; a note with several
sources holds each further source's article and extraction too::

    {"format": "briefing-composer-project", "schema_version": 3, "app_version": "0.1.0",
     "note": {..., "sources": [{"id": "s1", "outlet": ..., ...}, {"id": "s2", ...}]},
     "article": {...}, "extraction": {...} | null,
     "source_texts": [{"id": "s2", "article": {...}, "extraction": {...} | null}, ...]}

``article`` and ``extraction`` are the first source's; ``source_texts`` the others', by
source id. Version 3 added the list of sources (a version 2 note had one ``source``), the
source of every item's spans (``source_id``), the other sources citing an item
(``citations``), disagreements between sources (``conflicts``, ``source_conflicts``), a
stable ``note_id`` (given on the first save) and an agreement's earlier report
(``first_reported``, ``first_reference``). Version 2 added portion levels (items and text
sections), the classification authority fields, and a source block without local file
paths (author, url, accessed). A version 1
file is read by its own parser and brought up to date: its ``source.location`` becomes
the source URL when it is a web address and is dropped when it is a file path. Each
older version is read by its own parser into the records of the version after it.

The note and the article are written field by field from their dataclasses
(:mod:`briefing.note.serial`), so fields added to them later round-trip without
changes here. Loading reads into typed records with one parser per schema version; a
file that is not JSON, truncated, of another format, of a newer version or with values
of the wrong type raises :class:`ProjectError` (``"<file>: <problem>"``) and is never
written to. Only a regular file of at most ``MAX_PROJECT_BYTES`` is read (counted while
reading); text that UTF-8 cannot encode (lone surrogates) is replaced with U+FFFD as it
is read (:mod:`briefing.note.serial`) and again before saving, so any project can be saved.
Saving writes a temporary file in the same folder, fsyncs it and renames it over the target,
so a failure leaves the old file as it was.
"""
from __future__ import annotations

import copy
import dataclasses
import json
import os
import re
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from collections.abc import Callable

from briefing.article import Article
from briefing.note.model import SECTIONS, Note
from briefing.note.serial import SerialError, check_value, from_plain, to_plain

if TYPE_CHECKING:
    from briefing.extraction import Extraction

__all__ = ["FORMAT", "SCHEMA_VERSION", "PROJECT_SUFFIX", "Project", "ProjectError",
           "save_project", "load_project", "project_to_json", "project_from_json", "new_project"]

FORMAT = "briefing-composer-project"
MAX_PROJECT_BYTES = 64 * 1024 * 1024  # a note and a 400,000-character article take a few MB
SCHEMA_VERSION = 3
PROJECT_SUFFIX = ".briefing"


class ProjectError(Exception):
    """A project file cannot be read or written; the message is one line naming the file."""


@dataclass
class Project:
    """What a ``.briefing`` file holds. ``article`` and ``extraction`` are the note's first
    source's (the same objects as ``note.sources[0].article`` and ``.extraction``)."""

    note: Note
    article: Article
    extraction: Extraction | None = None

    def __post_init__(self) -> None:
        first = self.note.source
        first.article = self.article
        if self.extraction is not None:
            first.extraction = self.extraction
        else:
            self.extraction = first.extraction


def new_project(article: Article, extraction: Extraction, **draft_options: Any) -> Project:
    """A project for ``article`` and its ``extraction`` (``briefing.extract(article)``),
    with the note drafted from them."""
    from briefing.note.draft import draft_note

    return Project(draft_note(article, extraction, **draft_options), article, extraction)


# ---------------------------------------------------------------- writing

def project_to_json(project: Project) -> dict[str, Any]:
    """The JSON document of the current schema version."""
    from briefing import __version__

    note = project.note
    first = note.sources[0] if note.sources else None
    article = first.article if first is not None and first.article is not None else project.article
    extraction = first.extraction if first is not None and first.extraction is not None else project.extraction
    plain = to_plain(_without_texts(note))
    for source in plain.get("sources", []):
        source.pop("article", None)
        source.pop("extraction", None)
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "app_version": __version__,
        "note": plain,
        "article": to_plain(article),
        "extraction": extraction.to_json() if extraction is not None else None,
        "source_texts": [{"id": s.id, "article": to_plain(s.article),
                          "extraction": s.extraction.to_json() if s.extraction is not None else None}
                         for s in note.sources[1:] if s.article is not None],
    }


def _without_texts(note: Note) -> Note:
    """A shallow view of ``note`` whose sources leave out their article and extraction."""
    view = copy.copy(note)
    view.sources = [dataclasses.replace(s, article=None, extraction=None) for s in note.sources]
    return view


def save_project(path: str | os.PathLike[str], project: Project) -> None:
    """Write ``project`` to ``path`` atomically; raise ProjectError if it cannot be written."""
    from briefing.safe_text import display_name, replace_surrogates

    target = Path(path)
    if not project.note.note_id:  # the note's identity in the library, kept when the file moves
        project.note.note_id = uuid.uuid4().hex
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


def _parse_v3(data: dict[str, Any]) -> Project:
    for key in ("note", "article"):
        if key not in data:
            raise ProjectError(f"missing {key!r}")
    note = from_plain(Note, data["note"], "note")
    _check_unique_ids(note)
    _check_sources(note)
    article = from_plain(Article, data["article"], "article")
    extraction = _parse_extraction(data.get("extraction"))
    texts = data.get("source_texts") or []
    if not isinstance(texts, list):
        raise ProjectError("source_texts: expected a list")
    for index, entry in enumerate(texts):
        where = f"source_texts[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise ProjectError(f"{where}: expected an object with a text 'id'")
        source = note.source_by_id(entry["id"]) if entry["id"] else None
        if source is None or source is note.sources[0]:
            raise ProjectError(f"{where}.id: {entry['id']!r} is not a further source of the note")
        source.article = from_plain(Article, entry.get("article"), f"{where}.article")
        source.extraction = _parse_extraction(entry.get("extraction"), f"{where}.extraction")
    return Project(note=note, article=article, extraction=extraction)


def _parse_v2(data: dict[str, Any]) -> Project:
    """Version 2: one ``source`` per note; every item's spans point into the article."""
    note = data.get("note")
    if isinstance(note, dict):
        note = dict(note)
        source = note.pop("source", None)
        note["sources"] = [dict(source, id="s1")] if isinstance(source, dict) else []
        data = dict(data, note=note)
    return _parse_v3(data)


def _parse_v1(data: dict[str, Any]) -> Project:
    """Version 1: the source block had ``location`` (a file path or a URL)."""
    project = _parse_v2(data)
    source = data["note"].get("source") if isinstance(data["note"], dict) else None
    location = source.get("location") if isinstance(source, dict) else None
    if isinstance(location, str) and re.match(r"(?i)https?://\S+$", location.strip()) \
            and not project.note.source.url:
        project.note.source.url = location.strip()
    return project


def _check_sources(note: Note) -> None:
    """Source ids are unique and non-empty, and every item names sources the note has."""
    ids: set[str] = set()
    for index, source in enumerate(note.sources):
        if not source.id:
            raise ProjectError(f"note.sources[{index}].id: empty")
        if source.id in ids:
            raise ProjectError(f"note.sources[{index}].id: {source.id!r} is used twice")
        ids.add(source.id)
    for section in SECTIONS:
        for index, item in enumerate(getattr(note, section)):
            named = [item.source_id] if item.source_id else []
            named += [c.source for c in item.citations]
            for source_id in named:
                if source_id not in ids:
                    raise ProjectError(f"note.{section}[{index}]: cites source {source_id!r}, "
                                       "which the note does not have")


def _check_unique_ids(note: Note) -> None:
    seen: set[str] = set()
    for section in SECTIONS:
        for index, item in enumerate(getattr(note, section)):
            if not item.id:
                raise ProjectError(f"note.{section}[{index}].id: empty")
            if item.id in seen:
                raise ProjectError(f"note.{section}[{index}].id: {item.id!r} is used twice")
            seen.add(item.id)


def _parse_extraction(data: Any, where: str = "extraction") -> Extraction | None:
    if data is None:
        return None
    from briefing.extraction import Extraction

    if not isinstance(data, dict):
        raise ProjectError(f"{where}: expected an object or null")
    try:
        extraction = Extraction.from_json(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        detail = f"missing key {exc}" if isinstance(exc, KeyError) else str(exc)
        raise ProjectError(f"{where}: {detail}") from None
    check_value(Extraction, extraction, where)  # the types its fields declare
    return extraction


_PARSERS: dict[int, Callable[[dict[str, Any]], Project]] = {1: _parse_v1, 2: _parse_v2, 3: _parse_v3}
