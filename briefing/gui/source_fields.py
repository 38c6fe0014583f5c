"""The source block's fields: outlet, headline as published, author, URL, published, accessed.

What the readers found (HTML metadata, DOCX and PDF properties) is drafted into
``note.source``; here the analyst corrects or completes it. Each field writes through
:meth:`NoteDocument.edit` (undoable). A URL that is not a web address is shown as a
problem and not printed (a local file path never reaches the note).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from briefing.gui.text_fields import CommitLineEdit
from briefing.note.edits import get_field, set_field
from briefing.note.source import is_url

if TYPE_CHECKING:
    from briefing.gui.document import NoteDocument

SOURCE_FIELDS = (("outlet", "Outlet", "The publication or site, e.g. Reuters"),
                 ("headline", "Headline", "The headline as published (left empty if unknown)"),
                 ("author", "Author", "The byline, where known"),
                 ("url", "URL", "The article's web address (http:// or https://)"),
                 ("date", "Published", "Publication date (YYYY-MM-DD)"),
                 ("accessed", "Accessed", "The day the article was read (YYYY-MM-DD)"))


class SourceFields(QGroupBox):
    """The source block form of the note editor."""

    def __init__(self, document: NoteDocument, parent: QWidget | None = None) -> None:
        super().__init__("Source (printed in the note's source block and references)", parent)
        self.document = document
        form = QFormLayout(self)
        self.edits: dict[str, CommitLineEdit] = {}
        for name, label, tip in SOURCE_FIELDS:
            edit = CommitLineEdit(f"Source {label.lower()}", self)
            edit.setToolTip(tip)
            edit.committed.connect(lambda text, n=name: self.commit(n, text))
            self.edits[name] = edit
            form.addRow(f"{label}:", edit)
        self.problem = QLabel(self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("color: #B00020;")
        self.problem.hide()
        form.addRow(self.problem)
        document.reset.connect(self.reload)
        document.changed.connect(lambda target: (target.startswith("source.") or target == "all")
                                 and self.reload())
        self.reload()

    def commit(self, name: str, value: str) -> None:
        note = self.document.note
        value = " ".join(value.split())
        if name == "url":
            bad = bool(value) and not is_url(value)
            self.problem.setText("The URL is not a web address (http:// or https://); it will not be printed."
                                 if bad else "")
            self.problem.setVisible(bad)
        if note is not None and (get_field(note, f"source.{name}") or "") != value:
            self.document.edit(set_field, f"source.{name}", value)

    def reload(self) -> None:
        note = self.document.note
        self.setEnabled(note is not None)
        for name, edit in self.edits.items():
            edit.set_value(getattr(note.source, name) if note else "")

    def flush(self) -> None:
        for edit in self.edits.values():
            edit.commit()
