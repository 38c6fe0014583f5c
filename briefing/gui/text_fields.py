"""Text fields of the note pane: they commit after a pause, grow with their text, keep no undo.

Every field here writes to the note through a ``committed(str)`` signal that fires when
typing pauses for :data:`COMMIT_DELAY_MS`, when focus leaves, and when :meth:`commit` is
called (the window calls it before saving, exporting, previewing, checking and closing).
None keeps an undo history of its own: the undo and redo keys are left to the window,
whose actions act on the note's one undo stack.  :class:`GrowingTextEdit` wraps its text
and grows to show all of it, so the note pane never holds a scroll bar inside its own.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QFrame, QLineEdit, QSizePolicy, QTextEdit, QWidget

COMMIT_DELAY_MS = 700


class TypingActivity(QObject):
    """Tells listeners (the autosaver) that a key changed some field's text, before the field
    commits it: a crash soon after typing must not lose what was typed."""

    typed = Signal()


typing_activity = TypingActivity()
_SHORTCUT_OVERRIDE = QEvent.Type.ShortcutOverride


def is_history_key(event: QEvent) -> bool:
    """A ShortcutOverride for undo or redo (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y)."""
    if event.type() != _SHORTCUT_OVERRIDE:
        return False
    key: QKeyEvent = event  # type: ignore[assignment] - PySide delivers the QKeyEvent
    return (key.matches(QKeySequence.StandardKey.Undo) or key.matches(QKeySequence.StandardKey.Redo)
            or QKeySequence(key.keyCombination()) == QKeySequence("Ctrl+Y"))


def leave_to_window(widget: QWidget, event: QEvent, *, history: bool = True) -> bool:
    """For a text field's ``event()``: refuse the field's claim on a key the window owns.

    A text field claims keys it knows (Ctrl+E moves to the end of a line, Ctrl+Z undoes its
    own typing) before the window's shortcuts see them.  For undo and redo, and for the keys
    of the window's commands (save, export, find, print...), the claim is refused so the
    window's action runs; undo and redo first commit what is being typed, so the note's
    history holds it (``history=False``: a field outside the note keeps its own undo).
    Returns True when the event was handled so."""
    if event.type() != _SHORTCUT_OVERRIDE:
        return False
    window = widget.window()
    history = history and is_history_key(event)
    command_keys = getattr(window, "command_keys", None)
    if not history and (command_keys is None
                        or QKeySequence(event.keyCombination()).toString() not in command_keys()):
        return False
    if history and (editor := getattr(window, "note_editor", None)) is not None:
        editor.flush()
    event.ignore()
    return True


def fit_to_content(edit: QTextEdit, min_lines: int = 1) -> None:
    """Give ``edit`` the height of its wrapped text (at least ``min_lines`` lines)."""
    document = edit.document()
    document.setTextWidth(edit.viewport().width())
    margins = edit.contentsMargins()
    line = edit.fontMetrics().lineSpacing()
    minimum = min_lines * line + 2 * document.documentMargin()
    height = max(document.size().height(), minimum) + margins.top() + margins.bottom()
    if edit.height() != int(height) + 1:
        edit.setFixedHeight(int(height) + 1)


class GrowingTextEdit(QTextEdit):
    """One paragraph of plain text that wraps and grows; Enter commits instead of breaking."""

    committed = Signal(str)
    focused = Signal()

    def __init__(self, name: str, parent: QWidget | None = None, *, min_lines: int = 1) -> None:
        super().__init__(parent)
        self.min_lines = min_lines
        self.setAccessibleName(name)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.document().setDocumentMargin(3)
        self._timer = QTimer(self, singleShot=True, interval=COMMIT_DELAY_MS)
        self._timer.timeout.connect(self.commit)
        self._last = ""
        self._loading = False
        self.textChanged.connect(self._on_text_changed)
        self.document().documentLayout().documentSizeChanged.connect(lambda _size: fit_to_content(self, min_lines))

    def value(self) -> str:
        return self.toPlainText()

    def set_value(self, text: str) -> None:
        """Show ``text`` without committing it; the cursor keeps its place."""
        self._last = text
        if text == self.toPlainText():
            return
        position = self.textCursor().position()
        self._loading = True
        self.setPlainText(text)
        self._loading = False
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(text)))
        self.setTextCursor(cursor)

    def pending(self) -> bool:
        return self._timer.isActive()

    def commit(self) -> None:
        self._timer.stop()
        text = self.toPlainText()
        if text != self._last:
            self._last = text
            self.committed.emit(text)

    def _on_text_changed(self) -> None:
        if not self._loading:
            self._timer.start()
            typing_activity.typed.emit()

    # -- Qt overrides ----------------------------------------------------------------
    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(120, self.height())

    def resizeEvent(self, event) -> None:  # noqa: ANN001,N802
        super().resizeEvent(event)
        fit_to_content(self, self.min_lines)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.commit()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802
        if source.hasText():
            self.textCursor().insertText(" ".join(source.text().split()))

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802
        return source.hasText()

    def focusInEvent(self, event) -> None:  # noqa: ANN001,N802
        super().focusInEvent(event)
        self.focused.emit()

    def focusOutEvent(self, event) -> None:  # noqa: ANN001,N802
        super().focusOutEvent(event)
        self.commit()

    def contextMenuEvent(self, event) -> None:  # noqa: ANN001,N802
        spelling_menu(self, event)

    def event(self, event: QEvent) -> bool:
        return leave_to_window(self, event) or super().event(event)


def spelling_menu(edit: QTextEdit, event) -> None:  # noqa: ANN001
    """The text box's context menu, with spelling suggestions first when on an unknown word."""
    from briefing.gui.spell_check import add_spelling_actions

    menu = edit.createStandardContextMenu(event.pos())
    add_spelling_actions(edit, menu, event.pos())
    menu.exec(event.globalPos())
    menu.deleteLater()


class CommitLineEdit(QLineEdit):
    """A one-line field that commits after a pause, on Enter and when focus leaves."""

    committed = Signal(str)
    focused = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self._timer = QTimer(self, singleShot=True, interval=COMMIT_DELAY_MS)
        self._timer.timeout.connect(self.commit)
        self._last = ""
        self.textEdited.connect(self._on_text_edited)
        self.editingFinished.connect(self.commit)

    def _on_text_edited(self, _text: str) -> None:
        self._timer.start()
        typing_activity.typed.emit()

    def value(self) -> str:
        return self.text()

    def set_value(self, text: str) -> None:
        self._last = text
        if text != self.text():
            position = self.cursorPosition()
            self.setText(text)
            self.setCursorPosition(min(position, len(text)))

    def pending(self) -> bool:
        return self._timer.isActive()

    def focusInEvent(self, event) -> None:  # noqa: ANN001,N802
        super().focusInEvent(event)
        self.focused.emit()

    def commit(self) -> None:
        self._timer.stop()
        if self.text() != self._last:
            self._last = self.text()
            self.committed.emit(self.text())

    def event(self, event: QEvent) -> bool:
        return leave_to_window(self, event) or super().event(event)
