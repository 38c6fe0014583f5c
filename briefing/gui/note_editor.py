"""The note pane: header fields, summary, item sections and analyst comment.

Sections are stacked in one scrolling page in note order.  Every widget writes through
:meth:`NoteDocument.edit` (so everything is undoable) and re-reads the note when the
document says its part changed.  Selecting a row emits :attr:`NoteEditor.item_selected`
so the article can show where the item came from.
"""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from briefing.gui.document import NoteDocument
from briefing.gui.models import SectionModel
from briefing.gui.richtext_edit import RichTextEditor
from briefing.note.edits import get_field, move_item, remove_item, set_field
from briefing.note.model import AGREEMENT_STATUSES, ITEM_TYPES, SECTION_SINGULAR

HEADER_FIELDS = (("title", "Title"), ("date", "Date"), ("reference", "Reference"),
                 ("analyst", "Analyst"), ("organisation", "Organisation"),
                 ("classification", "Classification"), ("caveats", "Caveats"))
SECTION_TITLES = {"participants": "Participants", "agreements": "Agreements",
                  "themes": "Security themes", "quotes": "Key quotes", "events": "Chronology"}
MAX_VISIBLE_ROWS = 9


class ChoiceDelegate(QStyledItemDelegate):
    """An editable combo box offering the usual values of a column (free text allowed)."""

    def __init__(self, choices: tuple[str, ...], parent: QWidget) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent: QWidget, option, index) -> QWidget:  # noqa: ANN001,N802
        box = QComboBox(parent)
        box.setEditable(True)
        box.addItems(list(self.choices))
        return box

    def setEditorData(self, editor: QComboBox, index) -> None:  # noqa: ANN001,N802
        editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor: QComboBox, model, index) -> None:  # noqa: ANN001,N802
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class SectionTable(QWidget):
    """A section's table with Add / Delete / Up / Down buttons."""

    item_selected = Signal(str, str)  # section, item id

    def __init__(self, document: NoteDocument, section: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document, self.section = document, section
        singular = SECTION_SINGULAR[section]
        self.model = SectionModel(document, section)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(f"{SECTION_TITLES[section]} table")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.view.horizontalHeader()
        for number, column in enumerate(self.model.columns):
            header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch if column.stretch
                                        else QHeaderView.ResizeMode.ResizeToContents)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if section == "agreements":
            status_column = next(i for i, c in enumerate(self.model.columns) if c.field == "status")
            self.view.setItemDelegateForColumn(status_column, ChoiceDelegate(AGREEMENT_STATUSES, self.view))
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.model.modelReset.connect(self._fit_height)
        self.model.dataChanged.connect(self._fit_height)
        buttons = QVBoxLayout()
        self.add_button = self._button("Add", f"Add a {singular} (Ctrl+Shift+N in the table)", lambda: self.add_item())
        self.delete_button = self._button("Delete", f"Delete the selected {singular} (Del)", self.delete_item)
        self.up_button = self._button("Up", f"Move the selected {singular} up (Ctrl+Up)", lambda: self.move(-1))
        self.down_button = self._button("Down", f"Move the selected {singular} down (Ctrl+Down)", lambda: self.move(1))
        for button, keys in ((self.add_button, "Ctrl+Shift+N"), (self.delete_button, "Del"),
                             (self.up_button, "Ctrl+Up"), (self.down_button, "Ctrl+Down")):
            action = QAction(button.text(), self.view)  # shortcut only while the table has focus
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(button.click)
            self.view.addAction(action)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._fit_height()

    def _button(self, text: str, tip: str, slot) -> QPushButton:  # noqa: ANN001
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAccessibleName(f"{text} {SECTION_SINGULAR[self.section]}")
        button.clicked.connect(slot)
        return button

    def _fit_height(self) -> None:
        """Show up to MAX_VISIBLE_ROWS rows without an inner scroll bar."""
        self.view.resizeRowsToContents()
        rows = min(self.model.rowCount(), MAX_VISIBLE_ROWS)
        height = self.view.horizontalHeader().height() + 2 * self.view.frameWidth() + 4
        height += sum(self.view.rowHeight(r) for r in range(rows)) or self.view.verticalHeader().defaultSectionSize()
        self.view.setFixedHeight(max(height, 60))

    def resizeEvent(self, event) -> None:  # noqa: ANN001,N802
        super().resizeEvent(event)
        self._fit_height()

    def current_item_id(self) -> str | None:
        row = self.view.currentIndex().row()
        return self.model.item(row).id if 0 <= row < self.model.rowCount() else None

    def select_item(self, item_id: str) -> None:
        row = self.model.row_of(item_id)
        if row >= 0:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row, 1), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.view.scrollTo(self.model.index(row, 1))

    def _on_current_row(self, current, _previous) -> None:  # noqa: ANN001
        if current.isValid() and current.row() < self.model.rowCount():
            self.item_selected.emit(self.section, self.model.item(current.row()).id)

    def add_item(self, item=None) -> str:  # noqa: ANN001
        """Append ``item`` (a blank one by default), select it and start editing."""
        from briefing.note.edits import add_item

        blank = item is None
        item = ITEM_TYPES[self.section]() if blank else item
        self.document.edit(add_item, self.section, item)
        self.select_item(item.id)
        if blank:  # type straight into the new row
            self.view.setFocus()
            self.view.edit(self.model.index(self.model.row_of(item.id), 1))
        return item.id

    def delete_item(self) -> None:
        item_id = self.current_item_id()
        if item_id:
            row = self.view.currentIndex().row()
            self.document.edit(remove_item, self.section, item_id)
            if self.model.rowCount():
                self.select_item(self.model.item(min(row, self.model.rowCount() - 1)).id)

    def move(self, step: int) -> None:
        item_id = self.current_item_id()
        if item_id is None:
            return
        new_row = self.model.row_of(item_id) + step
        if 0 <= new_row < self.model.rowCount():
            self.document.edit(move_item, self.section, item_id, new_row)
            self.select_item(item_id)


class NoteEditor(QScrollArea):
    """All section editors of the note, in one scrolling page."""

    item_selected = Signal(str, str)

    def __init__(self, document: NoteDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setAccessibleName("Briefing note")
        self.setWidgetResizable(True)
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.header_edits: dict[str, QLineEdit] = {}
        header_box = QGroupBox("Header", page)
        form = QFormLayout(header_box)
        for name, label in HEADER_FIELDS:
            edit = QLineEdit(header_box)
            edit.setAccessibleName(f"Note {label.lower()}")
            edit.setToolTip(f"The note's {label.lower()} (Enter or Tab to apply)")
            edit.editingFinished.connect(lambda n=name, e=edit: self._commit_field(f"header.{n}", e.text()))
            self.header_edits[name] = edit
            form.addRow(f"&{label}:", edit)
        layout.addWidget(header_box)
        self.summary = self._text_box(layout, "Summary (BLUF)", "summary", 140)
        self.extra_box = QGroupBox("Sections the template asks for", page)
        self.extra_box.setToolTip("Analyst-written sections of the current template")
        self.extra_layout = QFormLayout(self.extra_box)
        self.extra_editors: dict[str, RichTextEditor] = {}
        self.extra_headings: dict[str, str] = {}
        self.extra_box.hide()
        self.tables: dict[str, SectionTable] = {}
        for section in ("participants", "agreements", "themes", "quotes", "events"):
            box = QGroupBox(SECTION_TITLES[section], page)
            table = SectionTable(document, section, box)
            table.item_selected.connect(self.item_selected)
            QVBoxLayout(box).addWidget(table)
            self.tables[section] = table
            layout.addWidget(box)
        layout.addWidget(self.extra_box)
        self.comment = self._text_box(layout, "Analyst comment", "analyst_comment", 110)
        layout.addStretch(1)
        self.setWidget(page)
        document.reset.connect(self.reload)
        document.changed.connect(self._on_changed)
        self.reload()

    def _text_box(self, layout: QVBoxLayout, title: str, field_path: str, height: int) -> RichTextEditor:
        box = QGroupBox(title, self)
        editor = RichTextEditor(title, box)
        editor.edit.setMinimumHeight(height)
        editor.committed.connect(lambda markup, f=field_path: self._commit_field(f, markup))
        QVBoxLayout(box).addWidget(editor)
        layout.addWidget(box)
        return editor

    def set_template_sections(self, sections: list[tuple[str, str]]) -> None:
        """Show one editor per analyst-written section ``(key, heading)`` of the template."""
        if sections == list(self.extra_headings.items()):
            return
        for editor in self.extra_editors.values():
            editor.commit()
        while self.extra_layout.rowCount():
            self.extra_layout.removeRow(0)
        self.extra_editors, self.extra_headings = {}, dict(sections)
        for key, heading in sections:
            editor = RichTextEditor(heading, self.extra_box)
            editor.edit.setFixedHeight(60)
            editor.edit.setToolTip(f"{heading}: written by the analyst")
            editor.committed.connect(lambda markup, k=key: self._commit_field(f"extra_sections.{k}", markup))
            self.extra_editors[key] = editor
            self.extra_layout.addRow(f"{heading}:", editor)
        self.extra_box.setVisible(bool(sections))
        self._load_extras()

    def _load_extras(self) -> None:
        note = self.document.note
        for key, editor in self.extra_editors.items():
            editor.set_markup(note.extra(key) if note else "")

    def extra_editor_for(self, heading: str) -> RichTextEditor | None:
        for key, title in self.extra_headings.items():
            if title.lower() == heading.lower() or key == heading.lower():
                return self.extra_editors[key]
        return None

    def _commit_field(self, field_path: str, value: str) -> None:
        note = self.document.note
        if note is not None and (get_field(note, field_path) or "") != value:
            self.document.edit(set_field, field_path, value)

    def reload(self) -> None:
        note = self.document.note
        self.setEnabled(note is not None)
        for name, edit in self.header_edits.items():
            edit.setText(getattr(note.header, name) if note else "")
        self.summary.set_markup(note.summary if note else "")
        self.comment.set_markup(note.analyst_comment if note else "")
        self._load_extras()

    def _on_changed(self, target: str) -> None:
        note = self.document.note
        if note is None:
            return
        if target.startswith("header.") or target == "all":
            for name, edit in self.header_edits.items():
                if edit.text() != getattr(note.header, name):
                    edit.setText(getattr(note.header, name))
        if target in ("summary", "all"):
            self.summary.set_markup(note.summary)
        if target in ("analyst_comment", "all"):
            self.comment.set_markup(note.analyst_comment)
        if target.startswith("extra_sections.") or target == "all":
            self._load_extras()

    def current_table(self) -> SectionTable | None:
        for table in self.tables.values():
            if table.view.hasFocus():
                return table
        return None

    def flush(self) -> None:
        """Commit text still being typed (before save, export or autosave)."""
        self.summary.commit()
        self.comment.commit()
        for editor in self.extra_editors.values():
            editor.commit()
        focused = self.focusWidget()
        if isinstance(focused, QLineEdit):
            for name, edit in self.header_edits.items():
                if edit is focused:
                    self._commit_field(f"header.{name}", edit.text())
