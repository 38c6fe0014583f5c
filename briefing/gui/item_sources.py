"""Under an item's card: which sources support it, and where they disagree.

:class:`ItemSources` is shown in a card once the note has more than one source. Its first
line says how many sources support the item and which (``2 sources: [1] [2]``; the
tooltip quotes how each source words it). Each conflict the merger kept (two roles, two
dates, two wordings of a quote) gets a line naming the field and a combo box of each
source's value; choosing one goes through the document's undo stack
(:func:`briefing.note.merge.choose_value`) and the conflict stays listed, marked as
decided, so the choice can be changed later. Undecided conflicts are framed in amber.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from briefing.note.merge import choose_value

if TYPE_CHECKING:
    from briefing.gui.document import NoteDocument
    from briefing.note.model import Conflict, Note

FIELD_LABELS = {"role": "Role", "date": "Date", "text": "Wording", "speaker": "Speaker",
                "country": "Country", "status": "Status", "duration": "Length of stay",
                "what": "Stated as fact / as alleged", "name": "Name"}
OPEN_STYLE = "QWidget#conflict-open { border: 1px solid #d9822b; border-radius: 3px; }"


def source_numbers(note: Note) -> dict[str, int]:
    return {s.id: number for number, s in enumerate(note.sources, 1)}


class ItemSources(QWidget):
    """Support count and conflicts of one item."""

    def __init__(self, document: NoteDocument, section: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document, self.section = document, section
        self.item_id = ""
        self.support = QLabel(self)
        self.support.setAccessibleName("Sources supporting the item")
        self.support.setTextFormat(Qt.TextFormat.PlainText)
        self.rows = QVBoxLayout()
        self.rows.setSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.support)
        layout.addLayout(self.rows)
        self.combos: dict[str, QComboBox] = {}

    def show_item(self, item: Any) -> None:
        """Show ``item``'s sources and conflicts (hidden when the note has one source)."""
        note = self.document.note
        self.item_id = item.id
        if note is None or len(note.sources) < 2:
            self.hide()
            return
        numbers = source_numbers(note)
        first = note.first_source_id
        ids = item.source_ids(first)
        count = len(ids)
        self.support.setText(f"{count} source{'s' if count != 1 else ''}: "
                             + " ".join(f"[{numbers.get(i, '?')}]" for i in ids)
                             if ids else "added by the analyst")
        self.support.setToolTip(self._wordings(note, item, numbers))
        self._show_conflicts(note, item.conflicts, numbers)
        self.show()

    def _wordings(self, note: Note, item: Any, numbers: dict[str, int]) -> str:
        own = getattr(item, "name", "") or getattr(item, "text", "") or getattr(item, "label", "")
        lines = [f"[{numbers.get(item.source_id or note.first_source_id, '?')}] {own}"] if item.source_spans else []
        lines += [f"[{numbers.get(c.source, '?')}] {c.text}" for c in item.citations if c.text]
        return "\n".join(lines)

    def _show_conflicts(self, note: Note, conflicts: list[Conflict], numbers: dict[str, int]) -> None:
        while self.rows.count():
            child = self.rows.takeAt(0).widget()
            if child is not None:
                child.deleteLater()
        self.combos = {}
        for conflict in conflicts:
            row = QWidget(self)
            row.setObjectName("conflict-open" if not conflict.chosen else "conflict-done")
            if not conflict.chosen:
                row.setStyleSheet(OPEN_STYLE)
            line = QHBoxLayout(row)
            line.setContentsMargins(3, 1, 3, 1)
            label = QLabel(f"{FIELD_LABELS.get(conflict.field, conflict.field.capitalize())} differs:", row)
            combo = QComboBox(row)
            combo.setAccessibleName(f"Choose the {conflict.field}")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
            if not conflict.chosen:
                combo.addItem("Choose…", "")
            for source_id, value in conflict.values.items():
                text = " ".join(value.split())
                combo.addItem(f"[{numbers.get(source_id, '?')}] {text[:90]}", source_id)
                combo.setItemData(combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
            combo.setCurrentIndex(max(0, combo.findData(conflict.chosen)))
            combo.setToolTip("Sources disagree: choose the value to keep (the others stay listed)")
            combo.activated.connect(lambda _i, c=combo, f=conflict.field: self._choose(f, c.currentData()))
            line.addWidget(label)
            line.addWidget(combo, 1)
            self.rows.addWidget(row)
            self.combos[conflict.field] = combo

    def _choose(self, field_name: str, source_id: str) -> None:
        if not source_id or not self.item_id:
            return
        from briefing.note.edits import EditError

        try:
            self.document.edit(choose_value, self.section, self.item_id, field_name, source_id)
        except EditError:
            pass
