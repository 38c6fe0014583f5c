"""The source block's fields: outlet, headline as published, author, URL, published, accessed.

What the readers found (HTML metadata, DOCX and PDF properties) is drafted into each of
the note's sources; here the analyst corrects or completes it. With several sources the
form edits the one the article pane shows (:meth:`SourceFields.show_source`). Each field writes through
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

    TITLE = "Source (printed in the note's source block and references)"

    def __init__(self, document: NoteDocument, parent: QWidget | None = None) -> None:
        super().__init__(self.TITLE, parent)
        self.document = document
        self.source_id = ""  # "" : the first source
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
        document.changed.connect(lambda target: (target.startswith(("source.", "sources.")) or target == "all")
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
        if note is not None and (get_field(note, self._path(name)) or "") != value:
            self.document.edit(set_field, self._path(name), value)

    def _path(self, name: str) -> str:
        note = self.document.note
        if note is None or len(note.sources) < 2 or note.source_by_id(self.source_id) is None:
            return f"source.{name}"
        return f"sources.{self.source_id}.{name}"

    def show_source(self, source_id: str) -> None:
        """Edit the source ``source_id`` (the one the article pane shows)."""
        self.flush()
        self.source_id = source_id
        self.reload()

    def reload(self) -> None:
        note = self.document.note
        self.setEnabled(note is not None)
        source = (note.source_by_id(self.source_id) or note.source) if note is not None else None
        if note is not None and len(note.sources) > 1:
            number = next(i for i, s in enumerate(note.sources, 1) if s is source)
            self.setTitle(f"Source {number} of {len(note.sources)} (its tab is shown over the article)")
            self.setToolTip("Printed in the note's source block and references")
        else:
            self.setTitle(self.TITLE)
            self.setToolTip("")
        for name, edit in self.edits.items():
            edit.set_value(getattr(source, name) if source is not None else "")

    def flush(self) -> None:
        for edit in self.edits.values():
            edit.commit()
