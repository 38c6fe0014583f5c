"""Classification ranks for the library's access filter, from the marking schemes.

A note's marking in the library is the one its export's banner shows: the note's
classification (else its template's default) read with its template's marking scheme
(:mod:`briefing.markings`), raised to the highest portion level present among the items
and text sections it exports (:mod:`briefing.export.portions`). Its rank is that level's
place in the scheme's own level order (0 = the lowest). A marking the scheme cannot
parse, a portion level it does not know, or a template that cannot be found ranks as
unknown (None): such a note is hidden whenever a maximum is asked for.

A maximum (``--max-classification SECRET``) is read in every scheme that has a level of
that name or alias, so notes of each scheme are shown up to that scheme's own level;
notes of a scheme without such a level are hidden (:func:`max_ranks`).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.markings import Scheme
    from briefing.note.model import Note
    from briefing.templates import Template

__all__ = ["RankError", "NoteMarking", "note_marking", "max_ranks", "scheme_level_names", "schemes"]


class RankError(ValueError):
    """A level no marking scheme knows (one line naming the levels there are)."""


@dataclass(frozen=True)
class NoteMarking:
    scheme: str  # the scheme's id ("" when the template is not found)
    text: str  # the marking as the scheme writes it (the note's own text when unreadable)
    rank: int | None  # the level's place in the scheme's order; None: unknown


@lru_cache(maxsize=64)
def _template(name: str) -> Template | None:
    from briefing.templates import TemplateError, load_named_template

    try:
        return load_named_template(name)  # a project names its template; it never points at a folder
    except (TemplateError, OSError, ValueError):
        return None


def note_marking(note: Note) -> NoteMarking:
    """The marking and rank of ``note`` as its template's scheme reads it."""
    from briefing.markings import MarkingError, SchemeError

    raw = " ".join(note.header.classification.split())
    template = _template(note.template or "ministerial")
    if template is None:
        return NoteMarking("", raw, None)
    try:
        scheme = template.marking_scheme()
        marking = scheme.parse(raw or template.classification)
    except (MarkingError, SchemeError):
        return NoteMarking(template.scheme, raw, None)
    levels = [marking.level]
    default = scheme.find_level(template.portion_default) if template.portion_default else None
    for portion in _portions(note):
        if not portion:
            levels.append(default or scheme.default)
            continue
        level = scheme.find_level(portion)
        if level is None:
            return NoteMarking(scheme.id, marking.text, None)
        levels.append(level)
    top = scheme.highest(levels)
    return NoteMarking(scheme.id, marking.at_level(top).text, top.rank)


def _portions(note: Note) -> list[str]:
    """The portion levels of what the note exports: included items and non-empty texts."""
    from briefing.note.model import SECTIONS

    found = [item.portion.strip() for section in SECTIONS for item in note.included(section)]
    texts = {"summary": note.summary, "analyst_comment": note.analyst_comment, **note.extra_sections}
    found += [note.portion_of(key).strip() for key, text in texts.items() if text and text.strip()]
    return found


def schemes(ids: Iterable[str] | None = None) -> list[Scheme]:
    """The marking schemes with these ids (default: every scheme), skipping unreadable ones."""
    from briefing.markings import SchemeError, load_scheme, scheme_ids

    found = []
    for scheme_id in (ids if ids is not None else scheme_ids()):
        try:
            found.append(load_scheme(scheme_id))
        except SchemeError:
            continue
    return found


def max_ranks(level: str, scheme_ids: Iterable[str] | None = None) -> dict[str, int]:
    """Per scheme id, the highest rank a note may have to be shown under ``level`` (a level
    name or alias, read in each scheme); RankError if no scheme has such a level."""
    found = {}
    for scheme in schemes(scheme_ids):
        match = scheme.find_level(level)
        if match is not None:
            found[scheme.id] = match.rank
    if not found:
        raise RankError(f"unknown classification level {level!r} (levels: {', '.join(scheme_level_names())})")
    return found


def scheme_level_names() -> list[str]:
    """Every level of every scheme, lowest first within each, each name once."""
    names: dict[str, None] = {}
    for scheme in schemes():
        for name in scheme.level_names:
            names.setdefault(name, None)
    return list(names)
