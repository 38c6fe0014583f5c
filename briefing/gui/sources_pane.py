"""The article pane of a note with several sources: one tab per source over the article.

:class:`SourcesPane` wraps the :class:`~briefing.gui.article_view.ArticleView`. With one
source it looks as before (no tabs); once a source is added, a tab per source names it
(``1 Sputnik``, ``2 Caliber.az``; the tooltip gives headline, date and how many of the
note's items it supports), and the article view shows the chosen source's article with
its own highlights. Disagreements between the sources' own metadata (two publication
dates too far apart to report one meeting) are shown above the article with a choice,
which goes through the document's undo stack like every edit. The pane follows the
document: a reset or an edit of the whole note (adding a source) rebuilds the tabs. A tab's
context menu removes that source (not the first, which the note was drafted from) with
what only it reported.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QMenu, QTabBar, QToolButton, QVBoxLayout,
                               QWidget)

from briefing.note.merge import choose_value, drop_source, source_label

if TYPE_CHECKING:
    from briefing.gui.article_view import ArticleView
    from briefing.gui.document import NoteDocument
    from briefing.note.model import Conflict, Note

CONFLICT_STYLE = "QWidget#source-conflicts { background: palette(alternate-base); border-left: 3px solid #d9822b; }"


def source_number(note: Note, source_id: str) -> int:
    """1 for the note's first source, 2 for the second..."""
    return next((i for i, s in enumerate(note.sources, 1) if s.id == source_id), 1)


def supported_items(note: Note, source_id: str) -> int:
    """How many of the note's items the source reports."""
    first = note.first_source_id
    return sum(1 for section in ("participants", "agreements", "themes", "quotes", "events")
               for item in note.section(section) if source_id in item.source_ids(first))


class SourcesPane(QWidget):
    """Source tabs over the article view."""

    source_changed = Signal(str)  # the id of the source now shown
    add_requested = Signal()  # the "+" button: add a source

    def __init__(self, document: NoteDocument, article_view: ArticleView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document, self.article_view = document, article_view
        self.setAccessibleName("Sources")
        self.tabs = QTabBar(self)
        self.tabs.setAccessibleName("Source tabs")
        self.tabs.setExpanding(False)
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._on_tab)
        self.tabs.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tabs.customContextMenuRequested.connect(self._tab_menu)
        self.add_button = QToolButton(self)
        self.add_button.setText("+ Source")
        self.add_button.setToolTip("Add another article about the same meeting to this note (File > Add Source…)")
        self.add_button.setAccessibleName("Add source")
        self.add_button.clicked.connect(self.add_requested)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 0)
        bar.addWidget(self.tabs, 1)
        bar.addWidget(self.add_button)
        self.conflicts = QWidget(self)
        self.conflicts.setObjectName("source-conflicts")
        self.conflicts.setStyleSheet(CONFLICT_STYLE)
        self.conflict_layout = QVBoxLayout(self.conflicts)
        self.conflict_layout.setContentsMargins(8, 4, 8, 4)
        self.conflicts.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.conflicts)
        layout.addWidget(article_view, 1)
        self._ids: list[str] = []
        self._current = ""
        document.reset.connect(self.rebuild)
        document.changed.connect(lambda target: (target == "all" or target.startswith(
            ("source.", "sources.", "source_conflicts"))) and self.rebuild())
        self.rebuild()

    # -- tabs ----------------------------------------------------------------------
    @property
    def current_source_id(self) -> str:
        """The id of the source the article view shows ("" before a note is drafted)."""
        return self._current

    def rebuild(self) -> None:
        """Tabs for the note's sources; the shown source stays shown if it is still there."""
        note = self.document.note
        ids = [s.id for s in note.sources] if note is not None else []
        self.tabs.blockSignals(True)
        while self.tabs.count():
            self.tabs.removeTab(0)
        if note is not None:
            for number, source in enumerate(note.sources, 1):
                index = self.tabs.addTab(f"{number} {source_label(source)[:28]}")
                self.tabs.setTabToolTip(index, self._tooltip(note, source))
        self.tabs.blockSignals(False)
        self._ids = ids
        self.tabs.setVisible(len(ids) > 1)
        self.add_button.setEnabled(note is not None)
        self._show_conflicts(note)
        wanted = self._current if self._current in ids else (ids[0] if ids else "")
        if wanted and (wanted != self._current or self.article_view.article is not self._article_of(wanted)):
            self.show_source(wanted)
        elif wanted:
            self.tabs.setCurrentIndex(ids.index(wanted))
        self._current = wanted

    def _tooltip(self, note: Note, source) -> str:  # noqa: ANN001
        parts = [source.headline or "(no headline)", " · ".join(x for x in (source.outlet, source.date) if x)]
        parts.append(f"supports {supported_items(note, source.id)} of the note's items")
        return "\n".join(p for p in parts if p)

    def _article_of(self, source_id: str):  # noqa: ANN202
        return self.document.source_texts(source_id)[0]

    def show_source(self, source_id: str) -> bool:
        """Show ``source_id``'s article (and select its tab); False if it has no article."""
        article, extraction = self.document.source_texts(source_id)
        if article is None or source_id not in self._ids:
            return False
        self._current = source_id
        self.tabs.blockSignals(True)
        self.tabs.setCurrentIndex(self._ids.index(source_id))
        self.tabs.blockSignals(False)
        if self.article_view.article is not article:
            self.article_view.set_article(article)
            if extraction is not None:
                self.article_view.set_extraction(extraction)
        self.source_changed.emit(source_id)
        return True

    def _on_tab(self, index: int) -> None:
        if 0 <= index < len(self._ids):
            self.show_source(self._ids[index])

    def _tab_menu(self, position: QPoint) -> None:
        index = self.tabs.tabAt(position)
        if not 0 <= index < len(self._ids):
            return
        menu = QMenu(self)
        action = menu.addAction(f"Remove Source {index + 1}")
        action.setEnabled(index > 0)
        action.setToolTip("Takes out what only this source reported (Undo puts it back)" if index
                          else "The note was drafted from its first source")
        action.triggered.connect(lambda _=False, sid=self._ids[index]: self.remove_source(sid))
        menu.exec(self.tabs.mapToGlobal(position))

    def remove_source(self, source_id: str) -> None:
        """Take a further source out of the note (one undo step)."""
        from briefing.note.edits import EditError

        try:
            self.document.edit(drop_source, source_id)
        except EditError:
            return

    # -- the sources' own disagreements ----------------------------------------------
    def _show_conflicts(self, note: Note | None) -> None:
        while self.conflict_layout.count():
            child = self.conflict_layout.takeAt(0).widget()
            if child is not None:
                child.deleteLater()
        conflicts = list(note.source_conflicts) if note is not None else []
        for conflict in conflicts:
            self.conflict_layout.addWidget(self._conflict_row(note, conflict))
        self.conflicts.setVisible(bool(conflicts))

    def _conflict_row(self, note: Note, conflict: Conflict) -> QWidget:
        row = QWidget(self.conflicts)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        what = {"date": "publication dates lie too far apart to report one meeting"}.get(
            conflict.field, f"{conflict.field} differs")
        label = QLabel(f"Sources disagree: {what}.", row)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        combo = QComboBox(row)
        combo.setAccessibleName(f"Choose the source {conflict.field}")
        combo.addItem("Choose…" if not conflict.chosen else "", "")
        for source_id, value in conflict.values.items():
            combo.addItem(f"[{source_number(note, source_id)}] {value}", source_id)
        combo.setCurrentIndex(max(0, combo.findData(conflict.chosen)) if conflict.chosen else 0)
        combo.setToolTip("Which source has it right; the other stays listed")
        combo.activated.connect(lambda _i, c=combo, f=conflict.field: self._choose(f, c.currentData()))
        line.addWidget(label, 1)
        line.addWidget(combo)
        return row

    def _choose(self, field_name: str, source_id: str) -> None:
        if source_id:
            self.document.edit(choose_value, "sources", "", field_name, source_id)
