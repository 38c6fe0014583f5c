"""Editing a template's style sheet: the one definition of its look both writers obey.

:class:`StyleEditor` shows the named styles (body text, title, headings, bullets, quotes,
table text...) in a combo and the chosen one's font, size, colour, weight, spacing,
line spacing, alignment, keep-with-next and indents; below, the table style (header fill
and text, borders, banding, first column bold). It works on a copy of a
:class:`~briefing.styles.StyleSheet`; :meth:`StyleEditor.overrides` gives what differs
from the template's base values, which is what ``template.toml`` stores under
``[styles.<key>]`` and ``[table]``. Colours are typed as #RRGGBB or picked.
"""
from __future__ import annotations

import copy
import dataclasses
import re

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QCheckBox, QColorDialog, QComboBox, QDoubleSpinBox, QFormLayout,
                               QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget)

from briefing.styles import ALIGNMENTS, STYLE_NAMES, StyleSheet

LABELS = {"body": "Body text", "title": "Title", "heading1": "Heading 1", "heading2": "Heading 2",
          "bullet": "Bullets", "quote": "Quotes", "meta": "Note details", "reference": "Source references",
          "source": "Source block", "placeholder": "Placeholder", "table_text": "Table text",
          "table_header": "Table heading", "band": "Header and footer", "banner": "Classification banner"}
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


class ColourEdit(QWidget):
    """A #RRGGBB line edit with a "Pick…" button."""

    def __init__(self, label: str, parent: QWidget | None = None, allow_empty: bool = False) -> None:
        super().__init__(parent)
        self.allow_empty = allow_empty
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName(label)
        self.edit.setPlaceholderText("#RRGGBB" + (" or empty" if allow_empty else ""))
        pick = QPushButton("Pick…", self)
        pick.setToolTip(f"Choose the {label.lower()}")
        pick.clicked.connect(self._pick)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(pick)

    def value(self, fallback: str) -> str:
        text = self.edit.text().strip()
        if self.allow_empty and not text:
            return ""
        return text.upper() if COLOUR.match(text) else fallback

    def set_value(self, colour: str) -> None:
        self.edit.setText(colour)

    def _pick(self) -> None:
        colour = QColorDialog.getColor(QColor(self.edit.text() or "#000000"), self, self.edit.accessibleName())
        if colour.isValid():
            self.edit.setText(colour.name().upper())


def _spin(low: float, high: float, step: float, suffix: str, parent: QWidget) -> QDoubleSpinBox:
    box = QDoubleSpinBox(parent)
    box.setRange(low, high)
    box.setSingleStep(step)
    box.setDecimals(2)
    box.setSuffix(suffix)
    return box


class StyleEditor(QGroupBox):
    """The named styles and the table style of a template."""

    def __init__(self, sheet: StyleSheet, parent: QWidget | None = None) -> None:
        from briefing.export.fonts import font_names

        super().__init__("Styles (both the Word document and the PDF use them)", parent)
        self.sheet = copy.deepcopy(sheet)
        self.current = "body"
        self.which = QComboBox(self)
        self.which.setAccessibleName("Style")
        for key in STYLE_NAMES:
            self.which.addItem(f"{LABELS[key]} ({STYLE_NAMES[key]})", key)
        self.font = QComboBox(self)
        self.font.addItems(list(font_names()))
        self.font.setToolTip("Word font; the PDF embeds its metric-compatible twin")
        self.size = _spin(5, 48, 0.5, " pt", self)
        self.colour = ColourEdit("Text colour", self)
        self.bold, self.italic = QCheckBox("Bold", self), QCheckBox("Italic", self)
        self.keep = QCheckBox("Keep with next paragraph", self)
        self.space_before = _spin(0, 72, 1, " pt", self)
        self.space_after = _spin(0, 72, 1, " pt", self)
        self.line_spacing = _spin(0.9, 3, 0.05, " \u00d7 size", self)
        self.alignment = QComboBox(self)
        self.alignment.addItems(list(ALIGNMENTS))
        self.left_indent = _spin(0, 60, 0.5, " mm", self)
        self.right_indent = _spin(0, 60, 0.5, " mm", self)
        self.hanging = _spin(0, 30, 0.5, " mm", self)
        form = QFormLayout()
        for label, widget in (("Style", self.which), ("Font", self.font), ("Size", self.size),
                              ("Colour", self.colour), ("", self.bold), ("", self.italic), ("", self.keep),
                              ("Space before", self.space_before), ("Space after", self.space_after),
                              ("Line spacing", self.line_spacing), ("Alignment", self.alignment),
                              ("Left indent", self.left_indent), ("Right indent", self.right_indent),
                              ("Hanging indent", self.hanging)):
            widget.setAccessibleName(widget.accessibleName() or label or widget.text())  # type: ignore[attr-defined]
            form.addRow(f"{label}:" if label else "", widget)
        table_box = QGroupBox("Tables", self)
        table_form = QFormLayout(table_box)
        self.header_fill = ColourEdit("Header fill", table_box)
        self.header_text = ColourEdit("Header text", table_box)
        self.border = ColourEdit("Border colour", table_box)
        self.border_width = _spin(0, 3, 0.25, " pt", table_box)
        self.banding = ColourEdit("Banding fill", table_box, allow_empty=True)
        self.first_bold = QCheckBox("First column bold", table_box)
        for label, widget in (("Header fill", self.header_fill), ("Header text", self.header_text),
                              ("Borders", self.border), ("Border width", self.border_width),
                              ("Every second row", self.banding), ("", self.first_bold)):
            table_form.addRow(f"{label}:" if label else "", widget)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(table_box)
        self._load(self.current)
        self._load_table()
        self.which.currentIndexChanged.connect(self._switch)

    # ------------------------------------------------------------------ one style
    def _load(self, key: str) -> None:
        s = self.sheet.text[key]
        self.font.setCurrentText(s.font)
        self.size.setValue(s.size)
        self.colour.set_value(s.colour)
        self.bold.setChecked(s.bold)
        self.italic.setChecked(s.italic)
        self.keep.setChecked(s.keep_with_next)
        self.space_before.setValue(s.space_before)
        self.space_after.setValue(s.space_after)
        self.line_spacing.setValue(s.line_spacing)
        self.alignment.setCurrentText(s.alignment)
        self.left_indent.setValue(s.left_indent)
        self.right_indent.setValue(s.right_indent)
        self.hanging.setValue(s.hanging)

    def _store(self, key: str) -> None:
        s = self.sheet.text[key]
        self.sheet.text[key] = dataclasses.replace(
            s, font=self.font.currentText(), size=round(self.size.value(), 2), colour=self.colour.value(s.colour),
            bold=self.bold.isChecked(), italic=self.italic.isChecked(), keep_with_next=self.keep.isChecked(),
            space_before=round(self.space_before.value(), 2), space_after=round(self.space_after.value(), 2),
            line_spacing=round(self.line_spacing.value(), 2), alignment=self.alignment.currentText(),
            left_indent=round(self.left_indent.value(), 2), right_indent=round(self.right_indent.value(), 2),
            hanging=round(self.hanging.value(), 2))

    def _switch(self, _index: int) -> None:
        self._store(self.current)
        self.current = self.which.currentData()
        self._load(self.current)

    def select(self, key: str) -> None:
        self.which.setCurrentIndex(self.which.findData(key))

    # ------------------------------------------------------------------ table
    def _load_table(self) -> None:
        t = self.sheet.table
        self.header_fill.set_value(t.header_fill)
        self.header_text.set_value(t.header_text)
        self.border.set_value(t.border)
        self.border_width.setValue(t.border_width)
        self.banding.set_value(t.banding)
        self.first_bold.setChecked(t.first_column_bold)

    def _store_table(self) -> None:
        t = self.sheet.table
        self.sheet.table = dataclasses.replace(
            t, header_fill=self.header_fill.value(t.header_fill), header_text=self.header_text.value(t.header_text),
            border=self.border.value(t.border), border_width=round(self.border_width.value(), 2),
            banding=self.banding.value(t.banding), first_column_bold=self.first_bold.isChecked())

    # ------------------------------------------------------------------ result
    def result(self) -> StyleSheet:
        """The style sheet as edited."""
        self._store(self.current)
        self._store_table()
        return copy.deepcopy(self.sheet)

    def overrides(self, base: StyleSheet) -> tuple[dict, dict]:
        """``([styles.<key>] tables, [table] table)``: what differs from ``base``."""
        from briefing.styles import overrides_of

        return overrides_of(self.result(), base)
