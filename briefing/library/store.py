"""The library's storage interface: what any index of notes must do.

:class:`LibraryStore` is deliberately small — add or update a record, remove one, get one,
search with filters, find earlier notes related to a note, re-index from records, close —
(and list what can be filtered by) so that a team server database can stand beside the SQLite index
(:mod:`briefing.library.sqlite_store`) without the callers changing. Queries and answers
are plain dataclasses.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from briefing.library.record import NoteRecord


class LibraryError(Exception):
    """The library cannot do what was asked (one line naming the file or the problem)."""


@dataclass
class SearchQuery:
    """Filters of a search; every filter given must hold (countries, people and themes: each one)."""

    text: str = ""  # full-text query over the note's text; words are ANDed
    countries: list[str] = field(default_factory=list)  # ISO codes
    people: list[str] = field(default_factory=list)  # a name or part of one, accents and case ignored
    themes: list[str] = field(default_factory=list)  # theme ids or labels
    date_from: str = ""  # ISO date, inclusive, on the note's sort date
    date_to: str = ""
    # per marking scheme id, the highest rank shown (briefing.library.ranking.max_ranks);
    # notes above it, of other schemes or of unknown rank are hidden. None: no filter.
    max_ranks: dict[str, int] | None = None
    limit: int = 50
    offset: int = 0


@dataclass
class SearchHit:
    """One note found: enough to list it; :meth:`LibraryStore.get` gives the whole record."""

    id: int
    path: str
    title: str
    sort_date: str
    reference: str
    classification: str
    classification_rank: int | None
    countries: list[str]
    snippet: str = ""
    note_id: str = ""


@dataclass
class SearchResult:
    hits: list[SearchHit]
    total: int  # notes matching, before limit and offset
    hidden: int = 0  # matching notes withheld by the classification filter


@dataclass
class RelatedQuery:
    """Earlier notes sharing a note's countries and participants ("prior engagements")."""

    countries: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)  # names
    before: str = ""  # ISO date: only notes of meetings before it ("" = any)
    exclude_path: str = ""  # the note itself
    exclude_note: str = ""  # the note itself, by its stable id (another copy of it is not history)
    max_ranks: dict[str, int] | None = None
    limit: int = 10


@dataclass
class RelatedNote:
    record: NoteRecord
    id: int
    shared_countries: list[str]
    shared_participants: list[str]


@dataclass
class Facets:
    """What the library's notes can be filtered by (for a search form's choices)."""

    countries: list[tuple[str, int]] = field(default_factory=list)  # (code, notes), most first
    themes: list[tuple[str, str, int]] = field(default_factory=list)  # (id, label, notes), most first
    schemes: list[str] = field(default_factory=list)  # marking scheme ids of the notes


@runtime_checkable
class LibraryStore(Protocol):
    """An index of notes. Implementations keep no truth of their own: records come from files."""

    def add(self, record: NoteRecord) -> int:
        """Add the record, or replace the one with the same path; return its id."""
        ...

    def remove(self, path: str) -> bool:
        """Forget the note saved at ``path``; whether it was there."""
        ...

    def get(self, key: int | str) -> NoteRecord | None:
        """The record with this index id, this note id (32 hex digits), or saved at this path."""
        ...

    def search(self, query: SearchQuery) -> SearchResult:
        """Notes matching every filter, newest first."""
        ...

    def related(self, query: RelatedQuery) -> list[RelatedNote]:
        """Earlier notes sharing countries or participants with a note, most shared first."""
        ...

    def facets(self) -> Facets:
        """The countries, themes and marking schemes the notes have."""
        ...

    def rebuild(self, records: Iterable[NoteRecord]) -> int:
        """Make the index hold exactly ``records`` (plus notes added meanwhile); return how many."""
        ...

    def close(self) -> None:
        ...
