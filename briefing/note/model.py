"""The briefing note: the analyst's product, as plain dataclasses.

A :class:`Note` has a header, a summary (BLUF), five item sections (:data:`SECTIONS`),
an analyst comment, free-text sections the templates ask for (``extra_sections``) and
the source it was drafted from. Change a note only through :mod:`briefing.note.edits`.

Every item has a stable ``id``, an ``included`` flag (the analyst accepts or rejects
what was extracted) and ``source_spans``: ``(start, end)`` offsets into the cleaned text
(``Article.text``) of the source named by ``source_id`` (empty: the note's first source);
items the analyst adds have none.

Several sources: a note holds a list of :class:`SourceInfo` (``Note.sources``; ``Note.source``
is the first), each with its id (``s1``, ``s2``...), what a reader needs to find it again,
and its own Article and Extraction. An item that several sources report lists the others in
``citations`` (each a source id and its spans), so every span says which source it belongs
to; where the sources disagree (two dates, two roles) the item keeps a :class:`Conflict`
with each source's value until the analyst chooses, and disagreements between the
sources' own metadata sit in ``Note.source_conflicts``. :mod:`briefing.note.merge` adds a
source to a note.

Free text (summary, analyst comment, extra sections, theme notes) uses the small markup
of :mod:`briefing.note.richtext`.

Classification: ``header.classification`` is the note's marking as the analyst chose it
from the template's scheme (``"SECRET//REL TO USA, GBR"``; empty: the template's default).
Every item and every text section has its own portion level (``NoteItem.portion``,
``Note.portions[section]``; empty: the template's level for open-source facts); the
banner shows the highest level present (:mod:`briefing.markings`).
"""
from __future__ import annotations

import uuid
from dataclasses import InitVar, dataclass, field

from briefing.article import Article
from briefing.extraction import Extraction

Span = tuple[int, int]

SECTIONS: tuple[str, ...] = ("participants", "agreements", "themes", "quotes", "events")
"""The item sections of a note, in their default order."""

EXTRA_SECTION_KEYS: tuple[str, ...] = (
    "issue", "background", "considerations", "recommendation", "key_judgements",
)
"""Analyst-written sections the shipped templates know; ``extra_sections`` may hold others."""

AGREEMENT_STATUSES: tuple[str, ...] = ("signed", "agreed", "affirmed")


def new_item_id() -> str:
    """A fresh, unique item id (12 hex digits)."""
    return uuid.uuid4().hex[:12]


@dataclass
class NoteHeader:
    """The note's header block; every field is plain text, empty when unknown."""

    title: str = ""
    date: str = ""  # the day the note is written (ISO YYYY-MM-DD); the article's date is source.date
    reference: str = ""
    analyst: str = ""  # prepared by
    organisation: str = ""
    classification: str = ""  # the marking, in the template's scheme; "" = the template's default
    caveats: str = ""  # handling instructions ("Not for onward distribution")
    distribution: str = ""
    authority: dict[str, str] = field(default_factory=dict)  # classified_by, derived_from, ...


@dataclass
class Citation:
    """Another source reporting an item: its id, where in its article (``Article.text``) and
    how it words the item (a name, an agreement's or event's text, a quote)."""

    source: str
    spans: list[Span] = field(default_factory=list)
    text: str = ""


@dataclass
class Conflict:
    """Sources that disagree on one fact of an item (or of the sources themselves).

    ``field`` names the fact: an item field (``role``, ``date``, ``text``, ``country``) or
    one the item does not hold apart (``duration`` of a visit, ``what`` when one source
    states as fact what another calls alleged). ``values`` maps each source id to the
    value as that source gives it. ``chosen`` is the source whose value the analyst
    chose ("" while undecided); a conflict is never dropped, so the choice can be revisited.
    """

    field: str
    values: dict[str, str] = field(default_factory=dict)
    chosen: str = ""


@dataclass(kw_only=True)
class NoteItem:
    """What every section item has: id, included flag, offsets into its source's
    ``Article.text``, the other sources that report it and where they disagree."""

    id: str = field(default_factory=new_item_id)
    included: bool = True
    source_spans: list[Span] = field(default_factory=list)
    portion: str = ""  # portion level in the template's scheme; "" = the open-source default
    source_id: str = ""  # the source ``source_spans`` point into; "" = the note's first source
    citations: list[Citation] = field(default_factory=list)  # other sources reporting the item
    conflicts: list[Conflict] = field(default_factory=list)

    def source_ids(self, first: str) -> list[str]:
        """Ids of the sources that report the item, its own first (``first``: the note's
        first source, for items whose ``source_id`` is empty)."""
        own = self.source_id or first
        found = [own] if (self.source_spans or not self.citations) else []
        for citation in self.citations:
            if citation.source not in found:
                found.append(citation.source)
        return found

    def spans_in(self, source: str, first: str) -> list[Span]:
        """The item's spans in source ``source`` (``first``: the note's first source id)."""
        spans = list(self.source_spans) if (self.source_id or first) == source else []
        for citation in self.citations:
            if citation.source == source:
                spans += [tuple(s) for s in citation.spans]
        return spans

    def open_conflicts(self) -> list[Conflict]:
        """The disagreements the analyst has not decided yet."""
        return [c for c in self.conflicts if not c.chosen]


@dataclass
class ParticipantItem(NoteItem):
    name: str = ""
    role: str = ""
    country: str = ""  # ISO 3166-1 alpha-2 code when known, else free text


@dataclass
class AgreementItem(NoteItem):
    text: str = ""
    status: str = ""  # signed | agreed | affirmed (free text allowed)
    instrument: str = ""  # pact, MoU, memorandum, deal, joint statement...
    parties: list[str] = field(default_factory=list)  # country codes or names
    date: str = ""
    sentence: str = ""  # the article sentence it comes from
    # the same agreement in an earlier note of the library (briefing.note.background)
    first_reported: str = ""  # ISO date it was first reported
    first_reference: str = ""  # the reference of the note that first reported it


@dataclass
class ThemeItem(NoteItem):
    theme_id: str = ""
    label: str = ""
    note: str = ""  # one line, rich text
    evidence: list[str] = field(default_factory=list)


@dataclass
class QuoteItem(NoteItem):
    text: str = ""
    speaker: str = ""


@dataclass
class EventItem(NoteItem):
    date: str = ""
    text: str = ""


Item = ParticipantItem | AgreementItem | ThemeItem | QuoteItem | EventItem

ITEM_TYPES: dict[str, type] = {
    "participants": ParticipantItem,
    "agreements": AgreementItem,
    "themes": ThemeItem,
    "quotes": QuoteItem,
    "events": EventItem,
}
"""Section name -> the item class it holds."""

SECTION_SINGULAR: dict[str, str] = {
    "participants": "participant", "agreements": "agreement", "themes": "theme",
    "quotes": "quote", "events": "event",
}


@dataclass
class SourceInfo:
    """One source of the note: what a reader needs to find the article again, and the
    article itself with what was extracted from it.

    ``headline`` is the headline as published (never a title the program made up), ``url``
    a web address (never a local file path), ``date`` the publication date and
    ``accessed`` the day the article was read. ``id`` (``s1``, ``s2``...) is what item
    spans, citations and conflicts name. ``article`` and ``extraction`` are kept apart
    from the bibliographic fields in project files (:mod:`briefing.note.project`).
    """

    headline: str = ""
    outlet: str = ""
    author: str = ""
    url: str = ""
    date: str = ""
    accessed: str = ""
    id: str = "s1"
    article: Article | None = field(default=None, repr=False)
    extraction: Extraction | None = field(default=None, repr=False)


SOURCE_TEXT_FIELDS: tuple[str, ...] = ("headline", "outlet", "author", "url", "date", "accessed")
"""The fields of a source the analyst edits (and the source block prints)."""


@dataclass
class Note:
    """A briefing note. Edit it with :mod:`briefing.note.edits` only."""

    header: NoteHeader = field(default_factory=NoteHeader)
    summary: str = ""
    participants: list[ParticipantItem] = field(default_factory=list)
    agreements: list[AgreementItem] = field(default_factory=list)
    themes: list[ThemeItem] = field(default_factory=list)
    quotes: list[QuoteItem] = field(default_factory=list)
    events: list[EventItem] = field(default_factory=list)
    analyst_comment: str = ""
    sources: list[SourceInfo] = field(default_factory=list)
    template: str = "ministerial"
    extra_sections: dict[str, str] = field(default_factory=dict)
    portions: dict[str, str] = field(default_factory=dict)  # text section -> portion level
    source_conflicts: list[Conflict] = field(default_factory=list)  # the sources' own metadata
    note_id: str = ""  # stable id of the note (kept when the file moves); given on first save
    # ``Note(source=...)``: the first source (a note drafted from one article)
    source: InitVar[SourceInfo | None] = None

    def __post_init__(self, source: SourceInfo | None) -> None:
        # (dataclasses.replace passes the current first source back in: it is there already)
        if source is not None and not any(s is source for s in self.sources):
            self.sources.insert(0, source)
        if not self.sources:
            self.sources.append(SourceInfo())

    def source_by_id(self, source_id: str) -> SourceInfo | None:
        """The source with ``source_id`` ("" names the first)."""
        if not source_id:
            return self.sources[0] if self.sources else None
        return next((s for s in self.sources if s.id == source_id), None)

    @property
    def first_source_id(self) -> str:
        return self.sources[0].id if self.sources else "s1"

    def section(self, name: str) -> list:
        """The item list of section ``name`` (one of :data:`SECTIONS`)."""
        if name not in SECTIONS:
            raise KeyError(name)
        return getattr(self, name)

    def included(self, name: str) -> list:
        """The items of section ``name`` the analyst kept (``included`` is true)."""
        return [item for item in self.section(name) if item.included]

    def find_item(self, item_id: str) -> tuple[str, int, Item] | None:
        """``(section, index, item)`` of the item with ``item_id`` in any section, or None."""
        for name in SECTIONS:
            for index, item in enumerate(getattr(self, name)):
                if item.id == item_id:
                    return name, index, item
        return None

    def portion_of(self, section: str) -> str:
        """Portion level of a text section (``"summary"``, ``"analyst_comment"`` or an extra
        section key); ``""`` means the template's default."""
        return self.portions.get(section, "")

    def extra(self, key: str) -> str:
        """Text of an analyst-written section such as ``"background"`` (empty if unset)."""
        return self.extra_sections.get(key, "")


def _first_source(note: Note) -> SourceInfo:
    """``note.source``: the first source (the only one of a note drafted from one article)."""
    if not note.sources:
        note.sources.append(SourceInfo())
    return note.sources[0]


Note.source = property(_first_source, doc=_first_source.__doc__)  # type: ignore[assignment]
