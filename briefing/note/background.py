"""History drafts the background: earlier notes of the library about the same meeting partners.

When a note is drafted, :func:`draft_background` asks the notes library for earlier notes
sharing its countries and participants (:meth:`~briefing.library.store.LibraryStore.related`)
and drafts the Background section (``extra_sections["background"]``) from them::

    Prior engagements: Japan and Vietnam last met on 2 May 2023 (MIN-2023-0004). Agreements
    since 13 September 2021: the pact on the transfer of defence equipment, implemented
    2 May 2023 (MIN-2023-0004). Status changes: the pact on the transfer of defence
    equipment signed on 11 September 2021 (BR-2021-07) was reported implemented on
    2 May 2023 (MIN-2023-0004).

Every sentence cites the earlier notes it comes from by their reference (their title and
date when they have none). An agreement of the new note that an earlier note reported
(same parties and instrument, like wording: :func:`briefing.note.merge.same_agreement`)
is linked to its first report (``first_reported``, ``first_reference``), so the note can
say "first reported on …".

Only notes the new note could quote are asked for: those of its own marking scheme at or
below its own level (a SECRET note's history never reaches an OFFICIAL note). The
paragraph is drafted text like the summary: the analyst edits or deletes it, and
:func:`apply_history` makes it one undoable step. Qt-free.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefing.note.edits import Edit, compound, set_field, update_item
from briefing.note.richtext import escape_rich_text
from briefing.note.wording import country_phrase, format_date, join_list

if TYPE_CHECKING:
    from collections.abc import Callable

    from briefing.library.record import AgreementRecord, NoteRecord
    from briefing.library.store import LibraryStore, RelatedNote
    from briefing.note.model import Note

__all__ = ["History", "find_history", "background_text", "apply_history", "draft_background",
           "note_countries", "meeting_date", "BACKGROUND_KEY"]

BACKGROUND_KEY = "background"
RELATED_LIMIT = 8  # earlier notes read
AGREEMENTS_SHOWN = 5


@dataclass
class History:
    """What the library knows of a note's partners before it."""

    related: list[RelatedNote] = field(default_factory=list)
    text: str = ""  # the drafted paragraph (note markup); "" when there is no history
    links: dict[str, tuple[str, str]] = field(default_factory=dict)  # agreement id -> (date, reference)


def note_countries(note: Note) -> list[str]:
    """The states a note is about: its participants' and agreements' countries and those its
    sources' extractions found (ISO codes)."""
    codes = [p.country for p in note.included("participants")]
    codes += [x for a in note.included("agreements") for x in a.parties]
    codes += [c.code for s in note.sources if s.extraction is not None for c in s.extraction.countries]
    return sorted({c.upper() for c in codes if len(c) == 2 and c.isalpha()})


def meeting_date(note: Note) -> str:
    """When the reported meeting took place, as well as the note knows: the earliest of its
    sources' publication dates, else the note's own date, else today (ISO)."""
    dates = sorted(s.date.strip()[:10] for s in note.sources if _is_iso(s.date))
    if dates:
        return dates[0]
    return note.header.date.strip()[:10] if _is_iso(note.header.date) else dt.date.today().isoformat()


def find_history(note: Note, library: LibraryStore, *, limit: int = RELATED_LIMIT) -> History:
    """The earlier notes sharing the note's countries and participants, the paragraph drafted
    from them, and the note's agreements linked to their first report."""
    from briefing.library.ranking import note_marking
    from briefing.library.store import RelatedQuery

    marking = note_marking(note)
    ranks = {marking.scheme: marking.rank} if marking.rank is not None else {}
    query = RelatedQuery(countries=note_countries(note),
                         participants=[p.name for p in note.included("participants") if p.name.strip()],
                         before=meeting_date(note), exclude_note=note.note_id, max_ranks=ranks, limit=limit)
    related = library.related(query)
    if not related:
        return History()
    related.sort(key=lambda r: (_met(r.record), r.id))  # oldest first
    return History(related, background_text(note, related), _first_reports(note, related))


def background_text(note: Note, related: list[RelatedNote]) -> str:
    """The Background paragraph from earlier notes (oldest first), as note markup."""
    latest = related[-1]
    sentences = [f"Prior engagements: {_who(latest)} last met on {_when(_met(latest.record))} "
                 f"({_cite(latest.record)})."]
    groups = _agreement_groups(related)
    if groups:
        listed = [f"the {_lower_first(g[-1][1].text)}, {g[-1][1].status or 'reported'} "
                  f"{_when(_date_of(g[-1]))} ({_cite(g[-1][0])})" for g in groups[-AGREEMENTS_SHOWN:]]
        sentences.append(f"Agreements since {_when(_met(related[0].record))}: {join_list(listed)}.")
    changes = []
    for group in groups:
        first, last = group[0], group[-1]
        if first[1].status and last[1].status and first[1].status != last[1].status:
            changes.append(f"the {_lower_first(first[1].text)} {first[1].status} on {_when(_date_of(first))} "
                           f"({_cite(first[0])}) was reported {last[1].status} on {_when(_date_of(last))} "
                           f"({_cite(last[0])})")
    if changes:
        sentences.append(f"Status changes: {'; '.join(changes)}.")
    return escape_rich_text(" ".join(sentences))


def apply_history(note: Note, history: History) -> Edit | None:
    """Write the drafted background and the agreements' first reports into ``note`` through
    the edit functions; returns the undo (one step), or None when there is nothing to add."""
    undo = []
    if history.text and note.extra(BACKGROUND_KEY).strip() != history.text:
        current = note.extra(BACKGROUND_KEY).strip()
        text = history.text if not current else f"{current}\n\n{history.text}"
        undo.append(set_field(note, f"extra_sections.{BACKGROUND_KEY}", text, description="Draft background"))
    for item_id, (date, reference) in history.links.items():
        found = note.find_item(item_id)
        if found is not None and (found[2].first_reported, found[2].first_reference) != (date, reference):
            undo.append(update_item(note, "agreements", item_id, first_reported=date, first_reference=reference,
                                    description="Draft background"))
    return compound("Draft background", undo) if undo else None


def draft_background(note: Note, library: LibraryStore | None = None, *,
                     warn: Callable[[str], None] | None = None) -> Edit | None:
    """Draft the background of a new note from the user's library (when it has one);
    returns the undo, or None. A library that cannot be read leaves the note as it was;
    ``warn`` hears of an unusable index the library rebuilt."""
    import sqlite3

    from briefing.library import LibraryError

    own = library is None
    if own:
        library = _existing_library(warn)
        if library is None:
            return None
    try:
        return apply_history(note, find_history(note, library))
    except (LibraryError, sqlite3.Error, OSError):
        return None
    finally:
        if own:
            library.close()


def _existing_library(warn: Callable[[str], None] | None = None) -> LibraryStore | None:
    """The user's library if one was ever built (drafting never creates one)."""
    from briefing.library import LibraryError, open_library
    from briefing.library.sqlite_store import DB_NAME, default_library_dir

    folder = default_library_dir()
    if not (folder / DB_NAME).is_file():
        return None
    try:
        return open_library(folder, warn=warn)
    except LibraryError:
        return None


# ---------------------------------------------------------------- pieces

def _agreement_groups(related: list[RelatedNote]) -> list[list[tuple[NoteRecord, AgreementRecord]]]:
    """The earlier notes' agreements, one group per commitment, each in date order; groups
    in order of their latest report."""
    from briefing.note.merge import same_agreement

    groups: list[list[tuple[NoteRecord, AgreementRecord]]] = []
    for r in related:
        for agreement in r.record.agreements[:10]:
            home = next((g for g in groups if same_agreement(g[-1][1], agreement)), None)
            if home is None:
                groups.append([(r.record, agreement)])
            else:
                home.append((r.record, agreement))
    for group in groups:
        group.sort(key=_date_of)
    groups.sort(key=lambda g: _date_of(g[-1]))
    return groups


def _first_reports(note: Note, related: list[RelatedNote]) -> dict[str, tuple[str, str]]:
    from briefing.note.merge import same_agreement

    links = {}
    for item in note.agreements:
        earlier = [(_date_of((r.record, a)), r.record) for r in related for a in r.record.agreements
                   if same_agreement(a, item)]
        if earlier:
            date, record = min(earlier, key=lambda pair: pair[0])
            links[item.id] = (date, record.reference or record.title)
    return links


def _date_of(pair: tuple[NoteRecord, AgreementRecord]) -> str:
    record, agreement = pair
    return agreement.date if _is_iso(agreement.date) else _met(record)


def _met(record: NoteRecord) -> str:
    """When what an earlier note reports happened (its sources' date, else the note's)."""
    return record.meeting_date or record.sort_date


def _who(related: RelatedNote) -> str:
    """"Japan and Vietnam", else the people both notes name, else "the parties"."""
    if len(related.shared_countries) >= 2:
        return join_list([country_phrase(c) for c in related.shared_countries[:4]])
    if related.shared_participants:
        return join_list(related.shared_participants[:3])
    return "the parties"


def _cite(record: NoteRecord) -> str:
    """How a sentence cites an earlier note: its reference, else its title and date."""
    if record.reference.strip():
        return record.reference.strip()
    title = " ".join(record.title.split()) or "untitled note"
    return f"\u201c{title}\u201d, {_when(_met(record))}" if _met(record) else f"\u201c{title}\u201d"


def _when(iso: str) -> str:
    return format_date(iso) if iso else "an unknown date"


def _lower_first(text: str) -> str:
    text = " ".join(text.split()).rstrip(".")
    return text if text[:2].isupper() else text[:1].lower() + text[1:]  # "RAA" stays


def _is_iso(text: str) -> bool:
    text = (text or "").strip()
    return len(text) >= 4 and text[:4].isdigit()
