"""Spell check in the note's text boxes: red wavy underlines, suggestions, "Add to dictionary".

:class:`SpellHighlighter` underlines the words a :class:`~briefing.spelling.Speller`
does not know; :func:`add_spelling_actions` puts suggestions and "Add to dictionary" at
the top of a text box's context menu when the right-click is on such a word.  Words that
appear capitalised in the article (names, places) are taken as right.
"""
from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu, QTextEdit

from briefing.spelling import Speller, words


class SpellHighlighter(QSyntaxHighlighter):
    """Underlines unknown words of one text box's document."""

    def __init__(self, edit: QTextEdit, speller: Speller) -> None:
        super().__init__(edit.document())
        self.speller = speller
        self.format = QTextCharFormat()
        self.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.format.setUnderlineColor(QColor("#d32f2f"))

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        for start, end, word in words(text):
            if not self.speller.check(word):
                self.setFormat(start, end - start, self.format)


def attach(edit: QTextEdit, speller: Speller | None) -> None:
    """Spell-check ``edit`` with ``speller`` (None removes the check)."""
    old = getattr(edit, "spell_highlighter", None)
    if old is not None:
        if speller is not None and old.speller is speller:
            return
        old.setDocument(None)
        old.deleteLater()
    edit.spell_highlighter = SpellHighlighter(edit, speller) if speller is not None else None


def misspelt_word_at(edit: QTextEdit, pos: QPoint) -> tuple[QTextCursor, str] | None:
    """The unknown word under ``pos`` (viewport coordinates) and a cursor selecting it."""
    highlighter = getattr(edit, "spell_highlighter", None)
    if highlighter is None:
        return None
    cursor = edit.cursorForPosition(pos)
    block = cursor.block()
    offset = cursor.position() - block.position()
    for start, end, word in words(block.text()):
        if start <= offset <= end:
            if highlighter.speller.check(word):
                return None
            selection = QTextCursor(block)
            selection.setPosition(block.position() + start)
            selection.setPosition(block.position() + end, QTextCursor.MoveMode.KeepAnchor)
            return selection, word
    return None


def add_spelling_actions(edit: QTextEdit, menu: QMenu, pos: QPoint) -> None:
    """Suggestions and "Add to dictionary" first in ``menu`` when ``pos`` is on an unknown word."""
    found = misspelt_word_at(edit, pos)
    if found is None:
        return
    selection, word = found
    speller = edit.spell_highlighter.speller
    first = menu.actions()[0] if menu.actions() else None
    suggestions = speller.suggest(word)
    for suggestion in suggestions:
        action = QMenu.addAction(menu, suggestion)
        action.triggered.connect(lambda _=False, s=suggestion, c=selection: _replace(edit, c, s))
        menu.insertAction(first, action)
    if not suggestions:
        none = QMenu.addAction(menu, "(no suggestions)")
        none.setEnabled(False)
        menu.insertAction(first, none)
    add = QMenu.addAction(menu, f"Add “{word}” to dictionary")
    add.triggered.connect(lambda _=False: _learn(edit, word))
    menu.insertAction(first, add)
    if first is not None:
        menu.insertSeparator(first)


def _replace(edit: QTextEdit, selection: QTextCursor, text: str) -> None:
    selection.insertText(text)
    edit.setTextCursor(selection)


def _learn(edit: QTextEdit, word: str) -> None:
    highlighter = edit.spell_highlighter
    highlighter.speller.add(word)
    for widget in edit.window().findChildren(QTextEdit):  # every box: the word is right everywhere
        other = getattr(widget, "spell_highlighter", None)
        if other is not None and other.speller is highlighter.speller:
            other.rehighlight()


__all__ = ["SpellHighlighter", "attach", "add_spelling_actions", "misspelt_word_at"]
