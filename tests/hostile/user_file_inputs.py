"""Hostile per-user files: what sits in the user's config and data folders (preferences,
the reference sequence, the library's journal) made huge or not a file at all. Large
files are sparse: their size is real, their disk use is not."""
from __future__ import annotations

import os
from pathlib import Path

PREFERENCES_HEAD = b'[preferences]\nanalyst_name = "From The File"\n'


def _sparse(path: Path, head: bytes, megabytes: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(head)
        fh.truncate(megabytes * 1024 * 1024)
    return path


def huge_preferences(user: Path, megabytes: int = 200) -> Path:
    """``preferences.toml`` of ``megabytes`` MB: a valid start, then NUL bytes."""
    return _sparse(user / "preferences.toml", PREFERENCES_HEAD, megabytes)


def preferences_pipe(user: Path) -> Path:
    """``preferences.toml`` that is a named pipe nobody writes to (reading it would wait)."""
    user.mkdir(parents=True, exist_ok=True)
    path = user / "preferences.toml"
    os.mkfifo(path)
    return path


def huge_sequence(user: Path, megabytes: int = 200) -> Path:
    """``reference-sequence.toml`` (the reference numbers handed out) of ``megabytes`` MB."""
    return _sparse(user / "reference-sequence.toml", b'[sequence]\n"MIN-2026" = 7\n', megabytes)


def huge_journal(user: Path, megabytes: int = 200) -> Path:
    """The library's journal of known note files, ``megabytes`` MB, beside an index that is
    not a database (so the library replays the journal to rebuild it)."""
    folder = user / "library"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "notes.sqlite3").write_bytes(b"this is not a database" * 100)
    return _sparse(folder / "known-files.txt", b"+/nowhere/note.briefing\n", megabytes)
