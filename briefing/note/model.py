"""The briefing note: the analyst's product, as plain dataclasses.

A :class:`Note` has a header, a summary (BLUF), five item sections (:data:`SECTIONS`),
an analyst comment, free-text sections the templates ask for (``extra_sections``) and
the source it was drafted from. Change a note only through :mod:`briefing.note.edits`.

Every item has a stable ``id``, an ``included`` flag (the analyst accepts or rejects
what was extracted) and ``source_spans``: ``(start, end)`` offsets into the article's
cleaned text (``Article.text``); items the analyst adds have none.

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
from dataclasses import dataclass, field

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


@dataclass(kw_only=True)
class NoteItem:
    """What every section item has: id, included flag, offsets into ``Article.text``."""

    id: str = field(default_factory=new_item_id)
    included: bool = True
    source_spans: list[Span] = field(default_factory=list)
    portion: str = ""  # portion level in the template's scheme; "" = the open-source default


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
    """Where the note's facts come from: what a reader needs to find the article again.

    ``headline`` is the headline as published (never a title the program made up), ``url``
    a web address (never a local file path), ``date`` the publication date and
    ``accessed`` the day the article was read.
    """

    headline: str = ""
    outlet: str = ""
    author: str = ""
    url: str = ""
    date: str = ""
    accessed: str = ""


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
    source: SourceInfo = field(default_factory=SourceInfo)
    template: str = "ministerial"
    extra_sections: dict[str, str] = field(default_factory=dict)
    portions: dict[str, str] = field(default_factory=dict)  # text section -> portion level

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
