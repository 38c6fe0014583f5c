"""The note pane: header fields, summary, item sections, analyst comment and source block.

Everything is stacked in one scrolling page in note order, and only the page scrolls:
text boxes and item cards grow with their text.  Every widget writes through
:meth:`NoteDocument.edit` (so everything is undoable) and re-reads the note when the
document says its part changed.  Making an item current emits
:attr:`NoteEditor.item_selected` so the article can show where the item came from.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from briefing.gui.document import NoteDocument
from briefing.gui.header_fields import HEADER_FIELDS, HeaderFields
from briefing.gui.portion_widget import PortionPicker
from briefing.gui.richtext_edit import RichTextEditor
from briefing.gui.section_cards import SECTION_TITLES, SectionCards
from briefing.note.edits import get_field, set_field

__all__ = ["HEADER_FIELDS", "NoteEditor", "SECTION_TITLES", "ITEM_SECTIONS"]

ITEM_SECTIONS = ("participants", "agreements", "themes", "quotes", "events")
CARDS_PER_TURN = 4  # cards made per turn of the event loop when a new note arrives


class NoteEditor(QScrollArea):
    """All section editors of the note, in one scrolling page."""

    item_selected = Signal(str, str)
    populated = Signal()  # the cards of a new note are all made

    def __init__(self, document: NoteDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setAccessibleName("Briefing note")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the page fits the width
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.header_fields = HeaderFields(document, page)
        self.header_edits: dict[str, QLineEdit] = self.header_fields.edits
        layout.addWidget(self.header_fields)
        self.portion = PortionPicker(document, page)
        layout.addWidget(self.portion)
        self.summary = self._text_box(layout, "Summary (BLUF)", "summary", 5)
        self.extra_box = QGroupBox("Sections the template asks for", page)
        self.extra_box.setToolTip("Analyst-written sections of the current template")
        self.extra_layout = QFormLayout(self.extra_box)
        self.extra_editors: dict[str, RichTextEditor] = {}
        self.extra_headings: dict[str, str] = {}
        self.extra_box.hide()
        self.sections: dict[str, SectionCards] = {}
        for section in ITEM_SECTIONS:
            box = QGroupBox(SECTION_TITLES[section], page)
            cards = SectionCards(document, section, box)
            cards.item_selected.connect(self._on_item_selected)
            cards.item_selected.connect(self.portion.set_item)
            cards.reveal.connect(lambda widget: self.ensureWidgetVisible(widget, 0, 20))
            QVBoxLayout(box).addWidget(cards)
            self.sections[section] = cards
            layout.addWidget(box)
        layout.addWidget(self.extra_box)
        self.comment = self._text_box(layout, "Analyst comment", "analyst_comment", 4)
        from briefing.gui.source_fields import SourceFields

        self.source_fields = SourceFields(document, page)
        layout.addWidget(self.source_fields)
        layout.addStretch(1)
        self.setWidget(page)
        document.reset.connect(self.reload)
        document.changed.connect(self._on_changed)
        self._build_turn = 0
        self.reload()

    def is_populated(self) -> bool:
        """Every item of the note has its card (cards of a new note are made over a few turns)."""
        return all(cards.is_built() for cards in self.sections.values())

    def _build_cards(self, turn: int) -> None:
        """Make a few cards of the new note, then give the event loop a turn, until all are made."""
        if turn != self._build_turn:
            return  # another note arrived meanwhile
        for cards in self.sections.values():
            if cards.build_some(CARDS_PER_TURN):
                QTimer.singleShot(1, self, lambda: self._build_cards(turn))
                return
        self.populated.emit()

    def _on_item_selected(self, section: str, item_id: str) -> None:
        for other, cards in self.sections.items():
            if other != section:
                cards.clear_current()
        self.item_selected.emit(section, item_id)

    def _text_box(self, layout: QVBoxLayout, title: str, field_path: str, lines: int) -> RichTextEditor:
        box = QGroupBox(title, self)
        editor = RichTextEditor(title, box, min_lines=lines)
        editor.committed.connect(lambda markup, f=field_path: self._commit_field(f, markup))
        self._follow_focus(editor, field_path, title)
        QVBoxLayout(box).addWidget(editor)
        layout.addWidget(box)
        return editor

    def _follow_focus(self, editor: RichTextEditor, key: str, heading: str) -> None:
        """The portion picker follows the text box that has the focus."""
        from PySide6.QtCore import QEvent, QObject

        picker = self.portion

        class _Focus(QObject):
            def eventFilter(self, _obj, event) -> bool:  # noqa: ANN001, N802
                if event.type() == QEvent.Type.FocusIn:
                    picker.set_section(key, heading)
                return False

        editor._focus_filter = _Focus(editor)  # keep it alive with the editor
        editor.edit.installEventFilter(editor._focus_filter)

    def set_template(self, template) -> None:  # noqa: ANN001 - briefing.templates.Template | None
        """The note's template: its scheme for the classification and portion levels."""
        self.header_fields.set_template(template)
        self.portion.set_template(template)

    def set_template_sections(self, sections: list[tuple[str, str]]) -> None:
        """Show one editor per analyst-written section ``(key, heading)`` of the template."""
        if sections == list(self.extra_headings.items()):
            return
        for editor in self.extra_editors.values():
            editor.commit()
        while self.extra_layout.rowCount():
            self.extra_layout.removeRow(0)
        self.extra_editors, self.extra_headings = {}, dict(sections)
        for key, heading in sections:
            editor = RichTextEditor(heading, self.extra_box, min_lines=2)
            if getattr(self, "speller", None) is not None:
                from briefing.gui.spell_check import attach
                attach(editor.edit, self.speller)
            editor.edit.setToolTip(f"{heading}: written by the analyst")
            editor.committed.connect(lambda markup, k=key: self._commit_field(f"extra_sections.{k}", markup))
            self._follow_focus(editor, key, heading)
            self.extra_editors[key] = editor
            self.extra_layout.addRow(f"{heading}:", editor)
        self.extra_box.setVisible(bool(sections))
        self._load_extras()

    def _load_extras(self) -> None:
        note = self.document.note
        for key, editor in self.extra_editors.items():
            editor.set_markup(note.extra(key) if note else "")

    def extra_editor_for(self, heading: str) -> RichTextEditor | None:
        for key, title in self.extra_headings.items():
            if title.lower() == heading.lower() or key == heading.lower():
                return self.extra_editors[key]
        return None

    def _commit_field(self, field_path: str, value: str) -> None:
        note = self.document.note
        if note is not None and (get_field(note, field_path) or "") != value:
            self.document.edit(set_field, field_path, value)

    def reload(self) -> None:
        note = self.document.note
        self._build_turn += 1
        turn = self._build_turn
        QTimer.singleShot(0, self, lambda: self._build_cards(turn))
        self.setEnabled(note is not None)
        self.header_fields.reload()
        self.summary.set_markup(note.summary if note else "")
        self.comment.set_markup(note.analyst_comment if note else "")
        self._load_extras()

    def _on_changed(self, target: str) -> None:
        note = self.document.note
        if note is None:
            return
        if target.startswith(("header.", "portions.")) or target in ("all", *ITEM_SECTIONS):
            self.header_fields.reload()
        if target in ("summary", "all"):
            self.summary.set_markup(note.summary)
        if target in ("analyst_comment", "all"):
            self.comment.set_markup(note.analyst_comment)
        if target.startswith("extra_sections.") or target == "all":
            self._load_extras()

    def current_section(self) -> SectionCards | None:
        """The section holding the keyboard focus, if any."""
        focused = self.focusWidget()
        for cards in self.sections.values():
            if focused is not None and cards.isAncestorOf(focused):
                return cards
        return None

    def text_editors(self) -> list[RichTextEditor]:
        return [self.summary, *self.extra_editors.values(), self.comment]

    def set_speller(self, speller) -> None:  # noqa: ANN001 - briefing.spelling.Speller | None
        """Spell-check the summary, comment, template sections and the cards' text."""
        from briefing.gui.spell_check import attach

        self.speller = speller
        for editor in self.text_editors():
            attach(editor.edit, speller)
        for cards in self.sections.values():
            cards.set_speller(speller)

    def flush(self) -> None:
        """Commit text still being typed anywhere in the note (before save, export, preview,
        check, undo, autosave and close)."""
        for editor in self.text_editors():
            editor.commit()
        self.header_fields.flush()
        self.source_fields.flush()
        for cards in self.sections.values():
            cards.flush()
