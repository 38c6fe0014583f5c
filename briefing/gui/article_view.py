"""The article pane: headline, date and source on top, numbered paragraphs below.

Extracted facts are painted over the text as extra selections, one colour per kind, each
kind switchable from the legend.  Embedded social-media posts are shown apart, indented
in a grey box, after the paragraph they followed.  Offsets are always offsets into
``Article.text``; :meth:`ArticleView.show_spans` scrolls to and marks an item's source and
selecting text offers "Add as ..." actions that emit :attr:`ArticleView.add_requested`.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QColor,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextListFormat,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from briefing.gui.plain_text import plain_label

if TYPE_CHECKING:
    from briefing.article import Article
    from briefing.extract.schema import Extraction

Span = tuple[int, int]
EMBED_STATE = 1  # QTextBlock user state of embedded-post blocks


@dataclass(frozen=True)
class HighlightKind:
    key: str
    label: str
    colour: str  # translucent, so it reads on light and dark palettes
    underline: bool = False  # long spans (theme evidence) are underlined, not shaded

    def char_format(self) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if self.underline:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(QColor(self.colour[:7]))
        else:
            fmt.setBackground(_argb(self.colour))
        fmt.setToolTip(self.label)
        return fmt

    def legend_style(self) -> str:
        if self.underline:
            return (f"QCheckBox {{ border-bottom: 2px dashed {self.colour[:7]}; padding: 1px 4px; }}")
        return (f"QCheckBox {{ background: {_argb(self.colour).name(QColor.NameFormat.HexArgb)};"
                " padding: 1px 4px; border-radius: 3px; }")


HIGHLIGHT_KINDS = (  # painted in this order: sentence-level first, names on top
    HighlightKind("agreements", "Agreements", "#f5a52366"),
    HighlightKind("quotes", "Quotes", "#9b9b9b55"),
    HighlightKind("themes", "Theme evidence", "#9b59d0ff", underline=True),
    HighlightKind("countries", "Countries", "#3fbf5f77"),
    HighlightKind("participants", "Participants", "#3d8bfd77"),
)
ADD_ACTIONS = (("participants", "Add as &participant"), ("agreements", "Add as &agreement"),
               ("quotes", "Add as &quote"), ("themes", "Add as &theme evidence"))


def _argb(colour: str) -> QColor:
    """``#rrggbbaa`` -> QColor (Qt reads 8-digit hex as #aarrggbb)."""
    return QColor(f"#{colour[7:9]}{colour[1:7]}")


def extraction_spans(extraction: Extraction) -> dict[str, list[Span]]:
    """Spans of each highlight kind in an Extraction."""
    return {
        "participants": [tuple(m) for p in extraction.participants for m in p.mentions],
        "countries": [tuple(s) for c in extraction.countries for s in c.spans],
        "agreements": [tuple(a.span) for a in extraction.agreements],
        "themes": [tuple(s) for t in extraction.themes for s in t.spans],
        "quotes": [tuple(q.span) for q in extraction.quotes],
    }


class ArticleText(QTextBrowser):
    """Read-only text with a context menu offering to add the selection to the note."""

    add_requested = Signal(str, int, int, str)  # section, start, end, selected text
    clicked = Signal(int)  # document position of a plain click (no selection)

    def __init__(self, pane: ArticleView) -> None:
        super().__init__(pane)
        self.pane = pane
        self.setOpenLinks(False)

    def mouseReleaseEvent(self, event) -> None:  # noqa: ANN001,N802 - Qt override
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            self.clicked.emit(self.cursorForPosition(event.position().toPoint()).position())

    def contextMenuEvent(self, event) -> None:  # noqa: ANN001,N802 - Qt override
        menu = self.createStandardContextMenu(event.pos())
        menu.addSeparator()
        self.add_actions_to(menu)
        menu.exec(event.globalPos())

    def add_actions_to(self, menu: QMenu) -> list:
        """Append the "Add as ..." actions for the current selection to ``menu``."""
        selection = self.pane.selected_span()
        actions = []
        for section, label in ADD_ACTIONS:
            action = menu.addAction(label)
            action.setEnabled(selection is not None)
            action.setToolTip("Select words in the article first" if selection is None else "")
            if selection:
                start, end, text = selection
                action.triggered.connect(
                    lambda _=False, s=section, a=start, b=end, t=text: self.add_requested.emit(s, a, b, t))
            actions.append(action)
        return actions


class ArticleView(QWidget):
    """The whole article pane: header labels, legend with toggles, the text."""

    add_requested = Signal(str, int, int, str)
    offset_clicked = Signal(int)  # an offset of Article.text the analyst clicked on

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Article")
        self.headline = plain_label(QLabel(wordWrap=True,
                                           textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse))
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.headline.setFont(font)
        self.headline.setAccessibleName("Article headline")
        self.meta = plain_label(QLabel(wordWrap=True))
        self.meta.setAccessibleName("Article date and source")
        self.meta.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.text = ArticleText(self)
        self.text.setAccessibleName("Article text")
        self.text.add_requested.connect(self.add_requested)
        self.text.clicked.connect(self._on_clicked)
        self.toggles: dict[str, QCheckBox] = {}
        legend = QHBoxLayout()
        legend.setSpacing(10)
        for kind in HIGHLIGHT_KINDS[::-1]:
            box = QCheckBox(kind.label, checked=True)
            box.setStyleSheet(kind.legend_style())
            box.setToolTip(f"Show or hide highlighted {kind.label.lower()}")
            box.setAccessibleName(f"Highlight {kind.label.lower()}")
            box.toggled.connect(self._repaint_highlights)
            self.toggles[kind.key] = box
            legend.addWidget(box)
        legend.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.headline)
        layout.addWidget(self.meta)
        layout.addLayout(legend)
        layout.addWidget(self.text, 1)
        self.article: Article | None = None
        self._spans: dict[str, list[Span]] = {}
        self._focus: list[Span] = []
        self._para_starts: list[int] = []  # offset of each paragraph in Article.text
        self._para_positions: list[int] = []  # document position of each paragraph block

    # -- content -------------------------------------------------------------------
    def set_article(self, article: Article, title: str | None = None) -> None:
        """Show ``article``; ``title`` overrides a missing headline (e.g. a generated one)."""
        self.article, self._spans, self._focus = article, {}, []
        self.headline.setText(article.title or title or "(untitled article)")
        self.meta.setText(" · ".join(x for x in (article.date, article.source) if x) or "date and source unknown")
        self._para_starts = [s for s, _ in article.paragraph_spans()]
        self._para_positions = []
        doc = self.text.document()
        doc.clear()
        doc.setDocumentMargin(10)
        cursor = QTextCursor(doc)
        block_format = QTextBlockFormat()
        block_format.setBottomMargin(8)
        list_format = QTextListFormat()
        list_format.setStyle(QTextListFormat.Style.ListDecimal)
        list_format.setIndent(1)
        embeds = {}
        for post in getattr(article, "embeds", []) or []:
            embeds.setdefault(post.paragraph if post.paragraph is not None else -1, []).append(post)
        text_list = None
        for i, paragraph in enumerate(article.paragraphs):
            if i:
                cursor.insertBlock(block_format, QTextCharFormat())
            else:
                cursor.setBlockFormat(block_format)
            if text_list is None:
                text_list = cursor.createList(list_format)
            else:
                text_list.add(cursor.block())
            self._para_positions.append(cursor.position())
            cursor.insertText(paragraph, QTextCharFormat())
            posts = embeds.get(i, [])
            if posts:  # the paragraph is the post's text: shown as a post, attributed below
                shaded = QTextBlockFormat(block_format)
                shaded.setBackground(self.palette().color(QPalette.ColorRole.AlternateBase))
                cursor.mergeBlockFormat(shaded)
                for post in posts:
                    self._insert_embed(cursor, post, with_text=False)
        for post in embeds.get(-1, []):
            self._insert_embed(cursor, post)
        self.text.moveCursor(QTextCursor.MoveOperation.Start)
        self._repaint_highlights()

    def _insert_embed(self, cursor: QTextCursor, post, with_text: bool = True) -> None:  # noqa: ANN001
        fmt = QTextBlockFormat()
        fmt.setLeftMargin(36)
        fmt.setBottomMargin(8)
        fmt.setBackground(self.palette().color(QPalette.ColorRole.AlternateBase))
        cursor.insertBlock(fmt, QTextCharFormat())
        cursor.block().setUserState(EMBED_STATE)  # not part of the article text
        cursor.currentList() and cursor.currentList().remove(cursor.block())
        fmt.setIndent(0)
        cursor.setBlockFormat(fmt)
        who = " ".join(x for x in (post.author, f"(@{post.handle})" if post.handle else None, post.date) if x)
        small = QTextCharFormat()
        small.setFontItalic(True)
        if with_text:
            cursor.insertText(f"Embedded post{' — ' + who if who else ''}: ", small)
            cursor.insertText(post.text, QTextCharFormat())
        else:
            cursor.insertText(f"\u2014 embedded post{', ' + who if who else ''}", small)

    def set_extraction(self, extraction: Extraction) -> None:
        """Highlight what the extraction found."""
        if self.article and not self.article.title and extraction.article.title:
            self.headline.setText(extraction.article.title)
        self._spans = extraction_spans(extraction)
        self._repaint_highlights()

    def set_highlight_spans(self, spans: dict[str, list[Span]]) -> None:
        self._spans = spans
        self._repaint_highlights()

    # -- offsets <-> document positions -------------------------------------------
    def to_position(self, offset: int) -> int:
        if not self._para_starts:
            return 0
        i = max(0, bisect.bisect_right(self._para_starts, offset) - 1)
        return self._para_positions[i] + offset - self._para_starts[i]

    def to_offset(self, position: int) -> int | None:
        """Offset in Article.text of a document position (None inside an embedded post)."""
        if self.text.document().findBlock(position).userState() == EMBED_STATE:
            return None
        i = bisect.bisect_right(self._para_positions, position) - 1
        if i < 0:
            return None
        return self._para_starts[i] + position - self._para_positions[i]

    def _on_clicked(self, position: int) -> None:
        offset = self.to_offset(position)
        if offset is not None:
            self.offset_clicked.emit(offset)

    def selected_span(self) -> tuple[int, int, str] | None:
        """``(start, end, text)`` of the selection in Article.text, if it is in the prose."""
        cursor = self.text.textCursor()
        if not cursor.hasSelection() or self.article is None:
            return None
        start, end = self.to_offset(cursor.selectionStart()), self.to_offset(cursor.selectionEnd())
        if start is None or end is None or end <= start:
            return None
        return start, end, self.article.text[start:end]

    def select_offsets(self, start: int, end: int) -> None:
        """Select ``[start, end)`` of Article.text (used by tests and keyboard users)."""
        cursor = self.text.textCursor()
        cursor.setPosition(self.to_position(start))
        cursor.setPosition(self.to_position(end), QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)

    # -- highlights ----------------------------------------------------------------
    def show_spans(self, spans: list[Span]) -> None:
        """Mark an item's source sentence(s) and scroll the first into view."""
        self._focus = [tuple(s) for s in spans if s and s[1] > s[0]]
        self._repaint_highlights()
        if self._focus:
            cursor = self.text.textCursor()
            cursor.setPosition(self.to_position(self._focus[0][1]))
            self.text.setTextCursor(cursor)
            self.text.ensureCursorVisible()
            cursor.setPosition(self.to_position(self._focus[0][0]))
            self.text.setTextCursor(cursor)
            self.text.ensureCursorVisible()

    @property
    def focus_spans(self) -> list[Span]:
        return list(self._focus)

    def _selection(self, span: Span, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self.to_position(span[0]))
        cursor.setPosition(self.to_position(span[1]), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor, sel.format = cursor, fmt
        return sel

    def _repaint_highlights(self) -> None:
        if self.article is None:
            return
        selections = []
        for kind in HIGHLIGHT_KINDS:
            if not self.toggles[kind.key].isChecked():
                continue
            fmt = kind.char_format()
            selections += [self._selection(s, fmt) for s in self._spans.get(kind.key, [])]
        focus = QTextCharFormat()
        focus.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        focus.setUnderlineColor(self.palette().color(QPalette.ColorRole.Highlight))
        focus.setFontUnderline(True)
        focus.setBackground(_argb(self.palette().color(QPalette.ColorRole.Highlight).name() + "40"))
        selections += [self._selection(s, focus) for s in self._focus]
        self.text.setExtraSelections(selections)

    def highlight_count(self) -> int:
        """How many highlight overlays are painted (for tests)."""
        return len(self.text.extraSelections())
