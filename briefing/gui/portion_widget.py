"""The portion level of the part of the note being edited: an item or a text section.

:class:`PortionPicker` follows the selection (an item selected in a section table, or
the summary, comment or an analyst-written section gaining focus) and offers the
levels of the template's marking scheme; "open-source default" leaves the part at the
template's level for open-source facts. Changing it is one undoable edit
(``update_item(..., portion=...)`` or ``set_field("portions.<section>", ...)``); the
banner then shows the highest level present.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from briefing.gui.plain_text import plain_label
from briefing.note.edits import compound, set_field, update_item
from briefing.note.model import SECTION_SINGULAR

if TYPE_CHECKING:
    from briefing.gui.document import NoteDocument
    from briefing.templates import Template


class PortionPicker(QWidget):
    """"Portion level of <part>: [combo]"."""

    def __init__(self, document: NoteDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.target: tuple[str, str, str] | None = None  # ("item", section, id) | ("section", key, heading)
        self._loading = False
        self.label = plain_label(QLabel("Portion level:", self))  # names a template's heading
        self.combo = QComboBox(self)
        self.combo.setAccessibleName("Portion level")
        self.combo.setToolTip("Classification of the selected item or text section; the banner shows "
                              "the highest level in the note")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.combo, 1)
        self.combo.currentIndexChanged.connect(self._on_pick)
        document.changed.connect(lambda _target: self._show())
        document.reset.connect(self.clear)
        self.setEnabled(False)

    def set_template(self, template: Template | None) -> None:
        from briefing.markings import SchemeError

        self._loading = True
        self.combo.clear()
        try:
            scheme = template.marking_scheme() if template is not None else None
        except SchemeError:
            scheme = None
        if scheme is not None:
            default = scheme.find_level(template.portion_default) or scheme.default
            self.combo.addItem(f"Open-source default ({default.name})", "")
            for level in scheme.levels:
                self.combo.addItem(level.name, level.name)
        self._loading = False
        self._show()

    def set_item(self, section: str, item_id: str) -> None:
        self.target = ("item", section, item_id)
        self._show()

    def set_section(self, key: str, heading: str) -> None:
        self.target = ("section", key, heading)
        self._show()

    def clear(self) -> None:
        self.target = None
        self._show()

    def current_level(self) -> str | None:
        note = self.document.note
        if note is None or self.target is None:
            return None
        kind, where, ident = self.target
        if kind == "item":
            found = note.find_item(ident)
            return found[2].portion if found else None
        return note.portion_of(where)

    def _show(self) -> None:
        level = self.current_level()
        self.setEnabled(level is not None and self.combo.count() > 0)
        if self.target is None:
            self.label.setText("Portion level:")
        elif self.target[0] == "item":
            self.label.setText(f"Portion level of the selected {SECTION_SINGULAR.get(self.target[1], 'item')}:")
        else:
            self.label.setText(f"Portion level of {self.target[2]}:")
        self._loading = True
        index = self.combo.findData(level or "")
        self.combo.setCurrentIndex(index if index >= 0 else 0)
        self._loading = False

    def _on_pick(self, _index: int) -> None:
        if self._loading or self.target is None or self.document.note is None:
            return
        value = self.combo.currentData() or ""
        if value == (self.current_level() or ""):
            return
        kind, where, ident = self.target
        if kind == "item":
            self.document.edit(update_item, where, ident, portion=value,
                               description=f"Change portion level of {SECTION_SINGULAR.get(where, 'item')}")
        else:
            self.document.edit(_set_section_portion, where, value or None)


def _set_section_portion(note, key: str, level: str | None):  # noqa: ANN001, ANN202 - an edit function
    """One undo step per choice (a choice is not typing: never merged with the last one)."""
    return compound("Change portion level", [set_field(note, f"portions.{key}", level)])
