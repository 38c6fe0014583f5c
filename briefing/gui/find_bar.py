"""Find (Ctrl+F) across the article and the note; F3 / Shift+F3 go to the next / previous match.

The bar sits under the panes.  Matches are looked for, ignoring case, in the article
text, then in every field of the note in the order the note pane shows them (header,
summary, template sections, item cards, comment).  Going to a match selects it, scrolls
it into view, and for an item card makes that item current (so the article shows its
source).  The keyboard stays in the search field while typing; Enter goes to the next
match, Escape closes the bar.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QTextEdit, QToolButton, QWidget

if TYPE_CHECKING:
    from briefing.gui.main_window import MainWindow


@dataclass(frozen=True)
class Match:
    widget: QWidget  # a QTextEdit (article, text boxes, card text) or a QLineEdit
    start: int
    end: int


class FindField(QLineEdit):
    """The search field: the window's command keys (F3, Ctrl+E...) work while typing in it."""

    def event(self, event) -> bool:  # noqa: ANN001
        from briefing.gui.text_fields import leave_to_window

        return leave_to_window(self, event, history=False) or super().event(event)


class FindBar(QWidget):
    """Search field, previous / next buttons and a match count."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setAccessibleName("Find")
        self.field = FindField(self)
        self.field.setPlaceholderText("Find in the article and the note")
        self.field.setAccessibleName("Find text")
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(lambda _text: self.search(keep_place=True))
        self.field.returnPressed.connect(lambda: self.step(1))
        self.previous_button = QPushButton("Previous", self)
        self.previous_button.setToolTip("Previous match (Shift+F3)")
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QPushButton("Next", self)
        self.next_button.setToolTip("Next match (F3 or Enter)")
        self.next_button.clicked.connect(lambda: self.step(1))
        self.count = QLabel(self)
        self.count.setAccessibleName("Matches")
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("Close the find bar (Esc)")
        close.setAccessibleName("Close find bar")
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.addWidget(QLabel("Find:", self))
        layout.addWidget(self.field, 1)
        for widget in (self.previous_button, self.next_button, self.count, close):
            layout.addWidget(widget)
        self.matches: list[Match] = []
        self.current = -1
        self.hide()

    # -- where to look ---------------------------------------------------------------
    def targets(self) -> list[QWidget]:
        """Searchable widgets in reading order: the article, then the note pane's fields."""
        window = self.window_
        editor = window.note_editor
        found: list[QWidget] = [window.article_view.text]
        found += list(editor.header_edits.values())
        found.append(editor.summary.edit)
        found += [e.edit for e in editor.extra_editors.values()]
        for cards in editor.sections.values():
            for item_id in cards.item_ids():
                found += [w for w in cards.cards[item_id].fields.values() if isinstance(w, (QTextEdit, QLineEdit))]
        found.append(editor.comment.edit)
        return found

    def search(self, *, keep_place: bool = False) -> list[Match]:
        """Find every match of the field's text; with ``keep_place`` stay near the current one."""
        term = self.field.text()
        previous = self.matches[self.current] if 0 <= self.current < len(self.matches) else None
        self.matches = []
        if term:
            for widget in self.targets():
                self.matches += list(_matches_in(widget, term))
        self.current = -1
        if self.matches:
            self.current = 0
            if keep_place and previous is not None:
                self.current = next((i for i, m in enumerate(self.matches) if m.widget is previous.widget
                                     and m.start >= previous.start), 0)
            self._show(self.matches[self.current])
        self._update_count()
        return self.matches

    # -- moving ----------------------------------------------------------------------
    def start(self) -> None:
        """Ctrl+F: show the bar, seeded with the selected words if any."""
        focused = self.window_.focusWidget()
        selected = ""
        if isinstance(focused, QTextEdit):
            selected = focused.textCursor().selectedText()
        elif isinstance(focused, QLineEdit) and focused is not self.field:
            selected = focused.selectedText()
        self.show()
        if selected and "\u2029" not in selected:
            self.field.setText(selected)
        self.field.setFocus()
        self.field.selectAll()

    def step(self, direction: int) -> Match | None:
        """F3 (1) / Shift+F3 (-1): go to the next / previous match, wrapping round."""
        if not self.isVisible():
            self.show()
        if not self.field.text():
            self.field.setFocus()
            return None
        self.search(keep_place=True) if not self.matches else None
        if not self.matches:
            return None
        self.current = (self.current + direction) % len(self.matches)
        self._show(self.matches[self.current])
        self._update_count()
        return self.matches[self.current]

    def _show(self, match: Match) -> None:
        window, widget = self.window_, match.widget
        for cards in window.note_editor.sections.values():
            if cards.isAncestorOf(widget):
                card = next(c for c in cards.cards.values() if c.isAncestorOf(widget))
                cards.select_item(card.item_id)
        if window.note_editor.isAncestorOf(widget):
            window.note_editor.ensureWidgetVisible(widget, 20, 40)
        if isinstance(widget, QTextEdit):
            cursor = QTextCursor(widget.document())
            cursor.setPosition(match.start)
            cursor.setPosition(match.end, QTextCursor.MoveMode.KeepAnchor)
            widget.setTextCursor(cursor)
            widget.ensureCursorVisible()
        elif isinstance(widget, QLineEdit):
            widget.setSelection(match.start, match.end - match.start)

    def _update_count(self) -> None:
        if not self.field.text():
            self.count.setText("")
        elif not self.matches:
            self.count.setText("No match")
        else:
            self.count.setText(f"{self.current + 1} of {len(self.matches)}")

    def keyPressEvent(self, event) -> None:  # noqa: ANN001,N802
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)

    def hideEvent(self, event) -> None:  # noqa: ANN001,N802
        super().hideEvent(event)
        self.matches, self.current = [], -1


def _matches_in(widget: QWidget, term: str):  # noqa: ANN202 - generator of Match
    if isinstance(widget, QTextEdit):
        document: QTextDocument = widget.document()
        cursor = document.find(term, 0)
        while not cursor.isNull():
            yield Match(widget, cursor.selectionStart(), cursor.selectionEnd())
            cursor = document.find(term, cursor)
    elif isinstance(widget, QLineEdit):
        text, needle, start = widget.text().casefold(), term.casefold(), 0
        if len(text) != len(widget.text()):  # casefold changed lengths: plain lower() keeps offsets
            text, needle = widget.text().lower(), term.lower()
        while needle and (start := text.find(needle, start)) >= 0:
            yield Match(widget, start, start + len(term))
            start += max(1, len(needle))

