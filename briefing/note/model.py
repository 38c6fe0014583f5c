"""The briefing note: the analyst's product, as plain dataclasses.

A :class:`Note` has a header, a summary (BLUF), five item sections (:data:`SECTIONS`),
an analyst comment, free-text sections the templates ask for (``extra_sections``) and
the source it was drafted from. Change a note only through :mod:`briefing.note.edits`.

Every item has a stable ``id``, an ``included`` flag (the analyst accepts or rejects
what was extracted) and ``source_spans``: ``(start, end)`` offsets into the article's
cleaned text (``Article.text``); items the analyst adds have none.

Free text (summary, analyst comment, extra sections, theme notes) uses the small markup
of :mod:`briefing.note.richtext`.
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
    date: str = ""  # ISO YYYY-MM-DD when drafted; the analyst may write anything
    reference: str = ""
    analyst: str = ""
    organisation: str = ""
    classification: str = ""
    caveats: str = ""
    distribution: str = ""


@dataclass(kw_only=True)
class NoteItem:
    """What every section item has: id, included flag, offsets into ``Article.text``."""

    id: str = field(default_factory=new_item_id)
    included: bool = True
    source_spans: list[Span] = field(default_factory=list)


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
    """Where the note's facts come from."""

    headline: str = ""
    outlet: str = ""
    date: str = ""
    location: str = ""  # file path or URL


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

    def extra(self, key: str) -> str:
        """Text of an analyst-written section such as ``"background"`` (empty if unset)."""
        return self.extra_sections.get(key, "")
