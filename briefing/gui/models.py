"""Qt item models adapting the note's item sections to table views.

Each :class:`SectionModel` shows one section (participants, agreements, themes, quotes,
events) of the document's note: column 0 is the "include" checkbox, the other columns
are item fields declared in :data:`COLUMNS`.  Edits go through the document's undo stack
(``update_item`` / ``set_included``); the model refreshes itself from ``changed``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from briefing.gui.document import NoteDocument
from briefing.gui.plain_text import as_rich_text
from briefing.note.edits import EditError, set_included, update_item

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    field: str  # item attribute; "" for the include checkbox
    title: str
    tooltip: str
    kind: str = "text"  # text | list (comma-separated) | count (read-only len)
    stretch: bool = False  # takes the spare width (long text)


INCLUDE = Column("included", "✓", "Include this item in the note")
COLUMNS: dict[str, tuple[Column, ...]] = {
    "participants": (INCLUDE, Column("name", "Name", "Person's name", stretch=True),
                     Column("role", "Role", "Office or title", stretch=True),
                     Column("country", "Country", "Country code or name")),
    "agreements": (INCLUDE, Column("status", "Status", "signed, agreed or affirmed"),
                   Column("instrument", "Instrument", "pact, MoU, deal, joint statement..."),
                   Column("parties", "Parties", "Countries, comma-separated", "list"),
                   Column("date", "Date", "When it was agreed"),
                   Column("text", "What", "What was agreed", stretch=True)),
    "themes": (INCLUDE, Column("label", "Theme", "Security theme"),
               Column("note", "Note", "One line on this theme for the note", stretch=True),
               Column("evidence", "Evidence", "Sentences supporting the theme", "count")),
    "quotes": (INCLUDE, Column("speaker", "Speaker", "Who said it"),
               Column("text", "Quote", "The words quoted", stretch=True)),
    "events": (INCLUDE, Column("date", "Date", "When it happened"),
               Column("text", "Event", "What happened", stretch=True)),
}


class SectionModel(QAbstractTableModel):
    """One note section as a table; column 0 is the include checkbox."""

    def __init__(self, document: NoteDocument, section: str) -> None:
        super().__init__(document)
        self.document, self.section = document, section
        self.columns = COLUMNS[section]
        self.last_error: str | None = None
        self._ids: list[str] = []
        document.reset.connect(self.refresh)
        document.changed.connect(self._on_changed)
        self.refresh()

    def items(self) -> list[Any]:
        note = self.document.note
        return list(note.section(self.section)) if note is not None else []

    def item(self, row: int) -> Any:
        return self.items()[row]

    def row_of(self, item_id: str) -> int:
        return self._ids.index(item_id) if item_id in self._ids else -1

    # -- refresh -------------------------------------------------------------------
    def _on_changed(self, target: str) -> None:
        if target in (self.section, "all"):
            self.refresh()

    def refresh(self) -> None:
        ids = [item.id for item in self.items()]
        if ids == self._ids and ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(ids) - 1, len(self.columns) - 1))
            return
        self.beginResetModel()
        self._ids = ids
        self.endResetModel()

    # -- Qt model API ----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802,B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802,B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = self.columns[index.column()]
        if column.field == "included":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if column.kind == "count":
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        item = self.item(index.row())
        column = self.columns[index.column()]
        value = getattr(item, column.field)
        if column.field == "included":
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return "Included in the note" if value else "Left out of the note"
            return None
        if role == Qt.ItemDataRole.ToolTipRole:  # Qt guesses a tooltip's format: article text as text
            text = ", ".join(value) if column.kind == "list" else \
                "\n\n".join(value) if column.kind == "count" else str(value)
            return as_rich_text(text)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column.kind == "list":
                return ", ".join(value)
            if column.kind == "count":
                return len(value)
            return value
        if role == Qt.ItemDataRole.ForegroundRole and not item.included:
            from PySide6.QtGui import QPalette
            from PySide6.QtWidgets import QApplication
            return QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        item = self.item(index.row())
        column = self.columns[index.column()]
        try:
            if column.field == "included" and role == Qt.ItemDataRole.CheckStateRole:
                included = Qt.CheckState(value) == Qt.CheckState.Checked
                if included != item.included:
                    self.document.edit(set_included, self.section, item.id, included)
                return True
            if role != Qt.ItemDataRole.EditRole or column.kind == "count":
                return False
            if column.kind == "list":
                value = [part.strip() for part in str(value).split(",") if part.strip()]
            else:
                value = str(value)
            if value != getattr(item, column.field):
                self.document.edit(update_item, self.section, item.id, **{column.field: value})
        except EditError as exc:
            self.last_error = str(exc)
            return False
        return True
