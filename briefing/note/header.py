"""A new note's header: who wrote it, when, its reference number and its marking.

:func:`prepare_new_note` fills what a freshly drafted note needs before the analyst sees
it, the same way for the command line and the composer: "prepared by" and organisation
from the preferences (or the ``--analyst`` / ``--organisation`` options), a reference
number from the template's pattern (``{prefix}-{year}-{seq:04}``) and the per-user
sequence (:func:`next_reference`), and the default marking from the preferences when the
template's scheme accepts it. :func:`draft_new_note` also drafts the Background from the
notes library's earlier notes on the same partners (:mod:`briefing.note.background`).

The sequence lives in ``<user data dir>/reference-sequence.toml``, one counter per
prefix and year, updated under a file lock so two processes never hand out the same number.
It is read bounded (:data:`MAX_SEQUENCE_BYTES`): a file too large, or not a regular file,
is a one-line :class:`NoteReferenceError` naming it and is left as it is; a damaged one
starts the counters again.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.fileio import ReadError, read_text_bounded
from briefing.userdirs import data_dir

if TYPE_CHECKING:
    from briefing.article import Article
    from briefing.extraction import Extraction
    from briefing.note.model import Note
    from briefing.templates import Template

SEQUENCE_FILE = "reference-sequence.toml"
MAX_SEQUENCE_BYTES = 1024 * 1024
"""The largest sequence file read (one short line per prefix and year)."""


class NoteReferenceError(ValueError):
    """A reference number cannot be made (bad pattern, unwritable sequence file)."""


def format_reference(pattern: str, prefix: str, year: int, seq: int) -> str:
    """``{prefix}-{year}-{seq:04}`` -> ``MIN-2025-0007``."""
    try:
        return pattern.format(prefix=prefix, year=year, seq=seq)
    except (KeyError, IndexError, ValueError) as exc:
        raise NoteReferenceError(f"reference pattern '{pattern}': {exc}") from None


def next_reference(template: Template, prefix: str = "", *, today: dt.date | None = None,
                   folder: Path | None = None) -> str:
    """The next reference number of ``template``'s pattern ("" when it has none)."""
    if not template.reference_pattern:
        return ""
    prefix = prefix or template.reference_prefix
    year = (today or dt.date.today()).year
    folder = folder or data_dir()
    key = f"{prefix}-{year}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with _locked(folder / (SEQUENCE_FILE + ".lock")):
            counters = _read_counters(folder / SEQUENCE_FILE)
            seq = int(counters.get(key, 0)) + 1
            text = format_reference(template.reference_pattern, prefix, year, seq)
            counters[key] = seq
            _write_counters(folder / SEQUENCE_FILE, counters)
    except ReadError as exc:  # too large, not a regular file: one line naming it
        raise NoteReferenceError(f"{exc}; cannot update the reference sequence") from None
    except OSError as exc:
        raise NoteReferenceError(f"{folder / SEQUENCE_FILE}: cannot update the reference sequence: "
                             f"{exc.strerror or exc}") from None
    return text


def prepare_new_note(note: Note, template: Template, preferences: Any = None, *,
                     analyst: str | None = None, organisation: str | None = None,
                     reference: str | None = None, classification: str | None = None) -> None:
    """Fill a freshly drafted note's header (explicit arguments win over the preferences)."""
    h = note.header
    prefs = preferences
    h.analyst = analyst if analyst is not None else (h.analyst or _pref(prefs, "analyst_name"))
    h.organisation = organisation if organisation is not None else (h.organisation or _pref(prefs, "organisation"))
    if reference is not None:
        h.reference = reference
    elif not h.reference:
        h.reference = next_reference(template, _pref(prefs, "reference_prefix"))
    if classification is not None:
        h.classification = classification
    elif not h.classification:
        wanted = _pref(prefs, "default_classification")
        if wanted:
            from briefing.markings import MarkingError

            with contextlib.suppress(MarkingError):
                h.classification = template.marking_scheme().parse(wanted).text


def draft_new_note(article: Article, extraction: Extraction, template: Template,
                   preferences: Any = None, *, history: bool = True,
                   warn: Callable[[str], None] | None = None, **overrides: str | None) -> Note:
    """Draft the note of ``article`` for ``template`` and fill its header (CLI and composer);
    with ``history``, the Background is drafted from earlier notes of the user's library
    (:mod:`briefing.note.background`), when there is one (``warn`` hears of a library
    index that had to be rebuilt)."""
    from briefing.note.background import draft_background
    from briefing.note.draft import draft_note

    note = draft_note(article, extraction, template=template.name)
    note.source.article, note.source.extraction = article, extraction
    prepare_new_note(note, template, preferences, **overrides)
    if history:
        draft_background(note, warn=warn)
    return note


def _pref(preferences: Any, name: str) -> str:
    if preferences is None:
        return ""
    value = preferences.get(name) if hasattr(preferences, "get") else getattr(preferences, name, "")
    return str(value or "")


def _read_counters(path: Path) -> dict[str, int]:
    """The counters of the sequence file (read bounded; :class:`ReadError` if it is too
    large or not a regular file)."""
    if not os.path.lexists(path):
        return {}
    try:
        data = tomllib.loads(read_text_bounded(path, MAX_SEQUENCE_BYTES, what="reference sequence"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}  # a damaged file starts the counters again rather than stopping the note
    return {str(k): v for k, v in data.get("sequence", {}).items() if isinstance(v, int) and v >= 0}


def _write_counters(path: Path, counters: dict[str, int]) -> None:
    from briefing.fileio import atomic_write_text

    lines = ["# Last reference number handed out, per prefix and year", "[sequence]"]
    lines += [f'"{_escape(k)}" = {v}' for k, v in sorted(counters.items())]
    atomic_write_text(path, "\n".join(lines) + "\n")


def _escape(text: str) -> str:
    return re.sub(r'["\\\x00-\x1f]', lambda m: f"\\u{ord(m.group(0)):04x}", text)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on ``path`` (fcntl on POSIX, msvcrt on Windows)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - Windows
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
        yield
    finally:
        os.close(fd)
