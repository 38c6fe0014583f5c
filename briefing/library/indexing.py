"""Keeping the library up to date as notes are saved.

:func:`index_saved_note` is called after a note is saved (the composer's Save and Save
As, ``briefing export --project``, ``briefing library add``): it indexes the note's record
in the user's library. The file is already safe on disk, so a library that cannot be
opened or written is a warning, never a failed save; the next ``briefing library
rebuild`` (or the automatic rebuild of a lost index) catches up. Qt-free.
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.library.store import LibraryStore
    from briefing.note.project import Project

__all__ = ["index_saved_note"]


def index_saved_note(path: str | os.PathLike[str], project: Project, *,
                     warn: Callable[[str], None] | None = None,
                     library: LibraryStore | None = None) -> int | None:
    """Index the note just saved at ``path`` in ``library`` (default: the user's own);
    returns its index id, or None (with a warning) when the library could not take it."""
    from briefing.library import LibraryError, open_library, record_from_project

    say = warn or (lambda message: None)
    try:
        record = record_from_project(project, path)
    except (OSError, ValueError) as exc:
        say(f"the notes library was not updated: {exc}")
        return None
    own = library is None
    try:
        store = open_library(warn=say) if own else library
        try:
            return store.add(record)
        finally:
            if own:
                store.close()
    except (LibraryError, sqlite3.Error, OSError, ValueError) as exc:  # ValueError: text SQLite refuses
        say(f"the notes library was not updated ({exc}); 'briefing library rebuild FOLDER' brings it up to date")
        return None
