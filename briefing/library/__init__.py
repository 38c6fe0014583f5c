"""The notes library: a local index of saved notes for search and for "prior engagements".

The ``.briefing`` files stay the truth; the library keeps a :class:`NoteRecord` of each
(:mod:`briefing.library.record`), behind the small :class:`LibraryStore` interface
(:mod:`briefing.library.store`), built only on SQLite for now
(:mod:`briefing.library.sqlite_store`). :mod:`briefing.library.files` turns folders of
project files into records with the batch workers. Qt-free.
"""
from __future__ import annotations

from briefing.library.record import (AgreementRecord, NoteRecord, ParticipantRecord, SourceRecord,
                                     ThemeRecord, record_from_project)
from briefing.library.store import (Facets, LibraryError, LibraryStore, RelatedNote, RelatedQuery,
                                    SearchHit, SearchQuery, SearchResult)

__all__ = ["AgreementRecord", "NoteRecord", "ParticipantRecord", "SourceRecord", "ThemeRecord",
           "record_from_project", "Facets", "LibraryError", "LibraryStore", "RelatedNote", "RelatedQuery",
           "SearchHit", "SearchQuery", "SearchResult", "open_library"]


def open_library(folder=None, *, warn=None) -> LibraryStore:  # noqa: ANN001
    """The user's library (``<user data dir>/library`` unless ``folder`` is given)."""
    from briefing.library.sqlite_store import SqliteLibrary

    return SqliteLibrary(folder, warn=warn)
