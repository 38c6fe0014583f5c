"""Which marking each part of a note carries, and the banner that follows from them.

:func:`note_markings` reads the note's marking (``header.classification``, else the
template's default) with the template's scheme; :meth:`NoteMarkings.mark` gives the
portion mark of a part at a level (``(U)``, ``(S//NF)``: the note's controls that the
level takes) and remembers the level; :meth:`NoteMarkings.banner` is the highest level
present (the note's own level included) with the note's controls. A marking or a level
the scheme does not know is recorded in ``problems`` (the pre-export check reports them
as fatal) and the scheme's defaults are used so that a preview can still be drawn.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefing.markings import Level, Marking, MarkingError, Scheme, SchemeError

if TYPE_CHECKING:
    from briefing.note.model import Note
    from briefing.templates import Template


@dataclass
class NoteMarkings:
    scheme: Scheme
    marking: Marking  # the note's own marking
    default_level: Level  # open-source facts
    marks_on: bool  # portion marks printed
    problems: list[tuple[str, str]] = field(default_factory=list)  # (message, item id)
    used: list[Level] = field(default_factory=list)

    def level_of(self, name: str, where: str = "", item_id: str = "") -> Level:
        """The level called ``name`` ("" = the open-source default); a bad one is a problem."""
        if not name.strip():
            return self.default_level
        found = self.scheme.find_level(name)
        if found is None:
            self.problems.append((f"{where + ': ' if where else ''}portion level '{name}' is not a level of "
                                  f"the {self.scheme.name} scheme (levels: {', '.join(self.scheme.level_names)})",
                                  item_id))
            return self.default_level
        return found

    def mark(self, level: Level) -> str:
        """The portion mark at ``level`` ("" when marks are off); counts the level as present."""
        self.used.append(level)
        return self.marking.at_level(level).portion if self.marks_on else ""

    def banner(self) -> Marking:
        """The overall marking: the highest level present, with the note's controls."""
        top = self.scheme.highest([self.marking.level, *self.used])
        return self.marking.at_level(top)


def note_markings(note: Note, template: Template) -> NoteMarkings:
    """The marking context of ``note`` exported with ``template``."""
    from briefing.markings import load_scheme

    problems: list[tuple[str, str]] = []
    try:
        scheme = load_scheme(template.scheme)
    except SchemeError as exc:
        problems.append((str(exc), ""))
        scheme = load_scheme("none")
    text = note.header.classification.strip() or template.classification
    try:
        marking = scheme.parse(text)
    except MarkingError as exc:
        problems.append((f"classification: {exc}", ""))
        try:
            marking = scheme.parse(template.classification)
        except MarkingError:
            marking = Marking(scheme, scheme.default)
    default = scheme.find_level(template.portion_default) if template.portion_default else None
    marks_on = template.portion_marks and scheme.portion_marks
    return NoteMarkings(scheme, marking, default or scheme.default, marks_on, problems)
