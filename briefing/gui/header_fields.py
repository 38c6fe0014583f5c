"""The note's header block: title, note date, reference, prepared by, organisation, handling,
distribution, the classification (a scheme's level and caveats) and the authority lines.

:class:`HeaderFields` writes every change through :meth:`NoteDocument.edit` (one undo
step each) and re-reads the note when the document says a header field changed. The
classification is chosen with :class:`~briefing.gui.classification_widget.ClassificationWidget`
from the note's template's scheme; the authority lines (Classified By, Derived From,
Declassify On; the CUI designation indicator) appear when the level present needs them.
"New number" hands out the next reference number of the template's pattern.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from briefing.gui.classification_widget import ClassificationWidget
from briefing.gui.plain_text import as_rich_text
from briefing.gui.text_fields import CommitLineEdit
from briefing.note.edits import compound, get_field, set_field

if TYPE_CHECKING:
    from briefing.gui.document import NoteDocument
    from briefing.templates import Template

HEADER_FIELDS = (("title", "Title"), ("date", "Note date"), ("reference", "Reference"),
                 ("analyst", "Prepared by"), ("organisation", "Organisation"),
                 ("caveats", "Handling"), ("distribution", "Distribution"))
TOOLTIPS = {"date": "The day the note is written (the article's date is in the source block)",
            "caveats": "Handling instructions printed in the header, e.g. \u201cNot for onward distribution\u201d",
            "distribution": "Who receives the note"}


class HeaderFields(QGroupBox):
    """The header form of the note editor."""

    def __init__(self, document: NoteDocument, parent: QWidget | None = None) -> None:
        super().__init__("Header", parent)
        self.document = document
        self.template: Template | None = None
        self.form = QFormLayout(self)
        self.edits: dict[str, CommitLineEdit] = {}
        for name, label in HEADER_FIELDS:
            edit = CommitLineEdit(f"Note {label.lower()}", self)
            edit.setToolTip(TOOLTIPS.get(name, f"The note's {label.lower()}"))
            edit.committed.connect(lambda text, n=name: self.commit(f"header.{n}", text))
            self.edits[name] = edit
            row: QWidget = edit
            if name == "reference":
                row = QWidget(self)
                box = QHBoxLayout(row)
                box.setContentsMargins(0, 0, 0, 0)
                self.new_reference = QPushButton("New number", row)
                self.new_reference.setToolTip("The next reference number of the template's pattern")
                self.new_reference.clicked.connect(self.assign_reference)
                box.addWidget(edit, 1)
                box.addWidget(self.new_reference)
            self.form.addRow(f"&{label}:", row)
        self.classification = ClassificationWidget(self)
        self.classification.marking_changed.connect(self.commit_marking)
        self.form.addRow("&Classification:", self.classification)
        self.authority_edits: dict[str, QLineEdit] = {}

    # ------------------------------------------------------------------ template
    def set_template(self, template: Template | None) -> None:
        """Offer the levels of ``template``'s scheme; show the authority lines it may need."""
        self.template = template
        scheme = self._scheme()
        if scheme is None:
            return
        note = self.document.note
        self.classification.set_scheme(scheme, note.header.classification if note else "")
        for edit in self.authority_edits.values():
            self.form.removeRow(edit)
        self.authority_edits = {}
        for key, label in scheme.authority.items():
            edit = CommitLineEdit(label, self)
            edit.setToolTip(f"{label}: printed in the classification authority block when the "
                            "marking needs it")
            edit.committed.connect(lambda text, k=key: self.commit(f"header.authority.{k}", text))
            self.authority_edits[key] = edit
            self.form.addRow(f"{label}:", edit)
        self.reload()

    def _scheme(self):  # noqa: ANN202 - briefing.markings.Scheme | None
        from briefing.markings import SchemeError

        if self.template is None:
            return None
        try:
            return self.template.marking_scheme()
        except SchemeError:
            return None

    def needed_authority(self) -> set[str]:
        """Authority fields the highest level present in the note needs."""
        from briefing.export.portions import note_markings

        note, template = self.document.note, self.template
        if note is None or template is None:
            return set()
        marks = note_markings(note, template)
        levels = [marks.level_of(item.portion) for s in ("participants", "agreements", "themes",
                                                         "quotes", "events") for item in note.included(s)]
        levels += [marks.level_of(v) for v in note.portions.values()]
        return set(marks.scheme.highest([marks.marking.level, *levels]).authority)

    # ------------------------------------------------------------------ note
    def commit(self, field_path: str, value: str) -> None:
        note = self.document.note
        if note is not None and (get_field(note, field_path) or "") != value:
            self.document.edit(set_field, field_path, value)

    def commit_marking(self, text: str) -> None:
        """A marking chosen in the combo or menu: its own undo step (never merged with the
        previous one, as typed text is)."""
        note = self.document.note
        if note is not None and note.header.classification != text:
            self.document.edit(_choose_marking, text)

    def assign_reference(self) -> None:
        from briefing.note.header import NoteReferenceError, next_reference

        if self.template is None or self.document.note is None:
            return
        try:
            reference = next_reference(self.template)
        except NoteReferenceError as exc:
            self.new_reference.setToolTip(as_rich_text(str(exc)))
            return
        if reference:
            self.edits["reference"].set_value(reference)
            self.commit("header.reference", reference)

    def reload(self) -> None:
        note = self.document.note
        for name, edit in self.edits.items():
            edit.set_value(getattr(note.header, name) if note else "")
        if note is not None and self.classification.scheme is not None:
            if self.classification.marking_text() != note.header.classification:
                self.classification.set_marking(note.header.classification)
        needed = self.needed_authority()
        for key, edit in self.authority_edits.items():
            value = note.header.authority.get(key, "") if note else ""
            edit.set_value(value)
            visible = key in needed or bool(value)
            edit.setVisible(visible)
            label = self.form.labelForField(edit)
            if label is not None:
                label.setVisible(visible)
        self.new_reference.setEnabled(bool(self.template and self.template.reference_pattern))

    def flush(self) -> None:
        """Commit the field being typed in (before save, export or autosave)."""
        for edit in (*self.edits.values(), *self.authority_edits.values()):
            edit.commit()

    @staticmethod
    def today() -> str:
        return dt.date.today().isoformat()


def _choose_marking(note, text: str):  # noqa: ANN001, ANN202 - an edit function
    return compound("Change classification", [set_field(note, "header.classification", text)])
