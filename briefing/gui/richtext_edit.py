"""A small rich-text editor for the note's free text (summary, analyst comment, text sections).

The note stores free text as CommonMark (:mod:`briefing.note.richtext`).  The editor
never goes through Qt's own Markdown reader or writer: it fills its QTextDocument from the
blocks :func:`~briefing.note.richtext.parse_rich_text` reads — the same blocks the DOCX
and PDF writers print — and stores what it shows with
:func:`~briefing.note.richtext.blocks_to_markup`, so typed characters reach the export
unchanged.  Pasting always inserts plain text.  The text edit keeps no undo history of
its own: :attr:`RichTextEditor.committed` fires with the markup after a pause in typing and
when focus leaves, and the note's undo stack records it.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import (QAction, QFont, QKeySequence, QTextBlockFormat, QTextCharFormat, QTextCursor,
                           QTextDocument, QTextListFormat)
from PySide6.QtWidgets import QSizePolicy, QTextEdit, QToolBar, QVBoxLayout, QWidget

from briefing.gui.text_fields import COMMIT_DELAY_MS, fit_to_content, leave_to_window, spelling_menu, typing_activity
from briefing.note.richtext import Block, Run, blocks_to_markup, parse_rich_text


def document_blocks(document: QTextDocument) -> list[Block]:
    """The paragraphs and bullets of a QTextDocument, as styled runs."""
    blocks: list[Block] = []
    block = document.begin()
    while block.isValid():
        runs = []
        for part in block:
            fragment = part.fragment()
            if fragment.isValid():
                fmt = fragment.charFormat()
                runs.append(Run(fragment.text(), fmt.fontWeight() >= QFont.Weight.Bold, fmt.fontItalic()))
        blocks.append(Block("bullet" if block.textList() is not None else "paragraph", runs))
        block = block.next()
    return blocks


def fill_document(document: QTextDocument, blocks: list[Block]) -> None:
    """Replace the content of ``document`` with ``blocks`` (bullets as disc lists)."""
    document.clear()
    cursor = QTextCursor(document)
    current_list = None
    for number, block in enumerate(blocks):
        if number:
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        if block.kind == "bullet":
            if current_list is None:
                fmt = QTextListFormat()
                fmt.setStyle(QTextListFormat.Style.ListDisc)
                current_list = cursor.createList(fmt)
            else:
                current_list.add(cursor.block())
        else:
            current_list = None
        for run in block.runs:
            fmt = QTextCharFormat()
            fmt.setFontWeight(QFont.Weight.Bold if run.bold else QFont.Weight.Normal)
            fmt.setFontItalic(run.italic)
            cursor.insertText(run.text, fmt)


class PlainPasteTextEdit(QTextEdit):
    """QTextEdit whose paste and drop take the plain text only, with no undo of its own,
    as tall as its text (at least ``min_lines`` lines)."""

    focus_lost = Signal()

    def __init__(self, parent: QWidget | None = None, min_lines: int = 3) -> None:
        super().__init__(parent)
        self.min_lines = min_lines
        self.setUndoRedoEnabled(False)  # the note's undo stack is the one history
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(lambda _size: fit_to_content(self, min_lines))
        fit_to_content(self, min_lines)

    def resizeEvent(self, event) -> None:  # noqa: ANN001,N802
        super().resizeEvent(event)
        fit_to_content(self, self.min_lines)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt override
        if source.hasText():
            self.textCursor().insertText(source.text())

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802
        return source.hasText()

    def focusOutEvent(self, event) -> None:  # noqa: ANN001,N802
        super().focusOutEvent(event)
        self.focus_lost.emit()

    def contextMenuEvent(self, event) -> None:  # noqa: ANN001,N802
        spelling_menu(self, event)

    def event(self, event: QEvent) -> bool:
        """Undo, redo and the window's command keys go to the window's actions."""
        return leave_to_window(self, event) or super().event(event)


class RichTextEditor(QWidget):
    """Bold / italic / bullets toolbar over a plain-paste text edit."""

    committed = Signal(str)  # the markup, after typing pauses or focus leaves

    def __init__(self, name: str, parent: QWidget | None = None, *, min_lines: int = 3) -> None:
        super().__init__(parent)
        self.edit = PlainPasteTextEdit(self, min_lines)
        self.edit.setAccessibleName(name)
        self.edit.setTabChangesFocus(True)
        self.edit.setAcceptRichText(False)
        self.toolbar = QToolBar(self)
        self.toolbar.setAccessibleName(f"{name} formatting")
        self.bold = self._action("Bold", QKeySequence.StandardKey.Bold, self._toggle_bold, "B")
        self.italic = self._action("Italic", QKeySequence.StandardKey.Italic, self._toggle_italic, "I")
        self.bullets = self._action("Bullets", QKeySequence("Ctrl+Shift+8"), self._toggle_bullets, "•")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.edit)
        self._timer = QTimer(self, singleShot=True, interval=COMMIT_DELAY_MS)
        self._timer.timeout.connect(self.commit)
        self._last = ""
        self._loading = False
        self.edit.textChanged.connect(self._on_text_changed)
        self.edit.focus_lost.connect(self.commit)
        self.edit.currentCharFormatChanged.connect(self._sync_buttons)

    def _action(self, label: str, shortcut, slot, glyph: str) -> QAction:  # noqa: ANN001
        action = QAction(glyph, self, checkable=True)
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{label} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(slot)
        font = QFont()
        font.setBold(label == "Bold")
        font.setItalic(label == "Italic")
        action.setFont(font)
        self.toolbar.addAction(action)
        self.toolbar.widgetForAction(action).setAccessibleName(label)
        self.addAction(action)
        return action

    # -- markup in and out ---------------------------------------------------------
    def markup(self) -> str:
        """What the editor shows, as note markup."""
        return blocks_to_markup(document_blocks(self.edit.document()))

    def set_markup(self, markup: str) -> None:
        """Show ``markup`` unless it is what the editor already holds (keeps the cursor);
        otherwise the cursor stays at the same character position."""
        wanted = blocks_to_markup(parse_rich_text(markup or ""))
        if wanted == self.markup():
            self._last = wanted
            return
        position = self.edit.textCursor().position()
        self._loading = True
        fill_document(self.edit.document(), parse_rich_text(markup or ""))
        self._loading = False
        cursor = self.edit.textCursor()
        cursor.setPosition(min(position, self.edit.document().characterCount() - 1))
        self.edit.setTextCursor(cursor)
        self._last = self.markup()

    def pending(self) -> bool:
        """True while typed text is not yet committed."""
        return self._timer.isActive()

    def commit(self) -> None:
        self._timer.stop()
        markup = self.markup()
        if markup != self._last:
            self._last = markup
            self.committed.emit(markup)

    def _on_text_changed(self) -> None:
        if not self._loading:
            self._timer.start()
            typing_activity.typed.emit()

    # -- formatting ----------------------------------------------------------------
    def _toggle_bold(self, on: bool) -> None:
        self.edit.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)
        self._on_text_changed()

    def _toggle_italic(self, on: bool) -> None:
        self.edit.setFontItalic(on)
        self._on_text_changed()

    def _toggle_bullets(self, on: bool) -> None:
        cursor = self.edit.textCursor()
        if on:
            fmt = QTextListFormat()
            fmt.setStyle(QTextListFormat.Style.ListDisc)
            cursor.createList(fmt)
        elif (current := cursor.currentList()) is not None:
            current.remove(cursor.block())
            block_format = cursor.blockFormat()
            block_format.setIndent(0)
            cursor.setBlockFormat(block_format)
        self._on_text_changed()

    def _sync_buttons(self) -> None:
        fmt = self.edit.currentCharFormat()
        self.bold.setChecked(fmt.fontWeight() >= QFont.Weight.Bold)
        self.italic.setChecked(fmt.fontItalic())
        self.bullets.setChecked(self.edit.textCursor().currentList() is not None)
