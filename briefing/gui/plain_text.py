"""Article and user text shown as text, never as markup: the one place widgets get it.

Qt guesses whether a label's, a message box's or a tooltip's text is HTML
(``Qt.mightBeRichText``), so a headline or a file name holding ``<img src=...>`` or a
link would be rendered, loading a local image or showing a fake alert. Labels showing
such text get :func:`plain_label`; texts for widgets that cannot be told their format
(tooltips, the static ``QMessageBox`` questions) go through :func:`as_rich_text`, which
makes them HTML whose content is the text itself, escaped.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import QLabel, QMessageBox

__all__ = ["plain_label", "as_rich_text", "plain_message_box"]


def plain_label(label: QLabel) -> QLabel:
    """``label`` set to show its text as plain text; returns it."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def as_rich_text(text: str) -> str:
    """HTML showing ``text`` exactly (escaped, line breaks kept), for widgets that
    guess the format."""
    if not text:
        return text
    return QtGuiNamespace.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


def plain_message_box(icon: QMessageBox.Icon, title: str, text: str, parent=None) -> QMessageBox:  # noqa: ANN001
    """A QMessageBox whose text and informative text are plain text."""
    box = QMessageBox(icon, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box
