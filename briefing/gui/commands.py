"""QUndoCommands: each wraps one core edit (:mod:`briefing.note.edits`).

The core edit functions apply a change and return its inverse ``Edit``; ``apply_edit``
applies an Edit and returns *its* inverse.  So a command only ever holds one Edit: the
one that undoes (after redo) or the one that redoes (after undo).  Consecutive edits of
the same text field merge into one undo step, so typing does not fill the stack.
"""
from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from briefing.note.edits import Edit, apply_edit

if TYPE_CHECKING:
    from briefing.gui.document import NoteDocument

TEXT_FIELD_MERGE_ID = 4201
MERGE_SECONDS = 3.0


class EditCommand(QUndoCommand):
    """One undoable change; created *after* the core has applied it."""

    def __init__(self, document: NoteDocument, undo_edit: Edit) -> None:
        super().__init__(undo_edit.description)
        self.document = document
        self.undo_edit: Edit | None = undo_edit
        self.redo_edit: Edit | None = None
        self._applied = True  # the change is already in the note when pushed
        self.last_typed = time.monotonic()

    @property
    def target(self) -> str:
        """What the edit touches: a section name, a field path or ``"all"``."""
        edit = self.undo_edit or self.redo_edit
        if edit is None or edit.kind in ("compound", "insert_source", "remove_source"):
            return "all"
        return edit.section or edit.field_path

    def redo(self) -> None:
        if self._applied:  # first push: nothing to do, the core already did it
            self._applied = False
        else:
            self.undo_edit = apply_edit(self.document.note, self.redo_edit)
            self.redo_edit = None
        self.document.notify(self.target)

    def undo(self) -> None:
        self.redo_edit = apply_edit(self.document.note, self.undo_edit)
        self.undo_edit = None
        self.document.notify(self.target)

    def id(self) -> int:  # noqa: A003 - Qt's name
        edit = self.undo_edit
        return TEXT_FIELD_MERGE_ID if edit is not None and edit.kind in ("set", "update") else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        """Typing in one field: keep our (oldest) undo value, drop the newer command."""
        if not isinstance(other, EditCommand) or self.undo_edit is None or other.undo_edit is None:
            return False
        mine, theirs = self.undo_edit, other.undo_edit
        if other.last_typed - self.last_typed > MERGE_SECONDS or mine.kind != theirs.kind:
            return False
        same = (mine.field_path == theirs.field_path != "template" if mine.kind == "set" else
                (mine.section, mine.item_id, set(mine.changes)) == (theirs.section, theirs.item_id,
                                                                   set(theirs.changes))
                and "included" not in mine.changes)
        if same:
            self.last_typed = other.last_typed
        return same
