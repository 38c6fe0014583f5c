"""A small rich-text editor for the note's free text (summary, analyst comment).

The note stores free text in the tiny markup of :mod:`briefing.note.richtext`
(paragraphs, ``**bold**``, ``*italic*``, ``- `` bullets), which is a subset of Markdown,
so the editor round-trips it through ``QTextDocument.setMarkdown``/``toMarkdown``.
Pasting always inserts plain text.  :attr:`RichTextEditor.committed` fires with the
markup after a pause in typing and when focus leaves, so one undo step covers a burst.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QTextDocument, QTextListFormat
from PySide6.QtWidgets import QTextEdit, QToolBar, QVBoxLayout, QWidget

COMMIT_DELAY_MS = 700
_FEATURES = QTextDocument.MarkdownFeature
# raw HTML in the markup (article text, a hostile project) is shown as text, never rendered
MARKDOWN_NO_HTML = _FEATURES(_FEATURES.MarkdownDialectGitHub.value | _FEATURES.MarkdownNoHTML.value)


_BULLET = re.compile(r"^[-*+]\s+")


def _normalise(markup: str) -> str:
    """Qt's Markdown writer hard-wraps at 80 columns; join wrapped lines back together so a
    wrapped line can never start with ``- `` and turn into a bullet.  Bullets become ``- ``."""
    blocks = []
    for block in re.split(r"\n\s*\n", markup.strip()):
        lines: list[str] = []
        for raw in block.splitlines():
            line = raw.strip()
            if not line:
                continue
            if _BULLET.match(line) and not raw.startswith(" "):
                lines.append("- " + _BULLET.sub("", line))
            elif lines:
                lines[-1] += " " + line
            else:
                lines.append(line)
        if lines:
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


class PlainPasteTextEdit(QTextEdit):
    """QTextEdit whose paste and drop take the plain text only."""

    focus_lost = Signal()

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt override
        if source.hasText():
            self.textCursor().insertText(source.text())

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802
        return source.hasText()

    def focusOutEvent(self, event) -> None:  # noqa: ANN001,N802
        super().focusOutEvent(event)
        self.focus_lost.emit()


class RichTextEditor(QWidget):
    """Bold / italic / bullets toolbar over a plain-paste text edit."""

    committed = Signal(str)  # the markup, after typing pauses or focus leaves

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = PlainPasteTextEdit(self)
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
        return _normalise(self.edit.document().toMarkdown())

    def set_markup(self, markup: str) -> None:
        """Show ``markup`` unless it is what the editor already holds (keeps the cursor)."""
        if _normalise(markup or "") == self.markup():
            self._last = _normalise(markup or "")
            return
        self._loading = True
        self.edit.document().setMarkdown(markup or "", MARKDOWN_NO_HTML)  # HTML in it stays text
        self._loading = False
        self._last = self.markup()

    def commit(self) -> None:
        self._timer.stop()
        markup = self.markup()
        if markup != self._last:
            self._last = markup
            self.committed.emit(markup)

    def _on_text_changed(self) -> None:
        if not self._loading:
            self._timer.start()

    # -- formatting ----------------------------------------------------------------
    def _toggle_bold(self, on: bool) -> None:
        self.edit.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)

    def _toggle_italic(self, on: bool) -> None:
        self.edit.setFontItalic(on)

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
