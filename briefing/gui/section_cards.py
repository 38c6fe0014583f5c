"""The note's item sections as cards: every item's fields shown in full, wrapped, editable.

Each section (participants, agreements, themes, quotes, events) is a :class:`SectionCards`
widget: a row of buttons (Add, Delete, Up, Down) over one :class:`ItemCard` per item.
A card shows the include checkbox and the item's fields laid out by :data:`CARD_ROWS`;
long text wraps and the field grows, so nothing is cut off at any window width and the
note pane keeps its single scroll bar.  Every change goes through
:meth:`NoteDocument.edit` (undoable); the cards re-read the note when the document says
their section changed.  Focusing or clicking a card makes it the section's current item
and emits :attr:`SectionCards.item_selected`, so the article shows where it came from.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout,
                               QWidget)

from briefing.gui.document import NoteDocument
from briefing.gui.plain_text import as_rich_text
from briefing.gui.spell_check import attach
from briefing.gui.text_fields import CommitLineEdit, GrowingTextEdit
from briefing.note.edits import EditError, add_item, move_item, remove_item, set_included, update_item
from briefing.note.model import AGREEMENT_STATUSES, ITEM_TYPES, SECTION_SINGULAR

SECTION_TITLES = {"participants": "Participants", "agreements": "Agreements",
                  "themes": "Security themes", "quotes": "Key quotes", "events": "Chronology"}


@dataclass(frozen=True)
class CardField:
    name: str  # item attribute
    label: str  # shown before the field ("" for the item's main text)
    tooltip: str
    kind: str = "text"  # text (wraps, grows) | line | list (comma-separated) | choice | count
    stretch: int = 1


CARD_ROWS: dict[str, tuple[tuple[CardField, ...], ...]] = {
    "participants": ((CardField("name", "", "Person's name", stretch=4),
                      CardField("country", "", "Country code or name", "line", 1)),
                     (CardField("role", "Role", "Office or title"),)),
    "agreements": ((CardField("text", "", "What was agreed"),),
                   (CardField("status", "Status", "signed, agreed or affirmed", "choice", 1),
                    CardField("date", "Date", "When it was agreed", "line", 1)),
                   (CardField("instrument", "Type", "pact, MoU, deal, joint statement...", "line", 1),
                    CardField("parties", "Parties", "Countries, comma-separated", "list", 1))),
    "themes": ((CardField("label", "", "Security theme", stretch=4),
                CardField("evidence", "", "Sentences of the article supporting the theme", "count", 1)),
               (CardField("note", "Note", "One line on this theme for the note"),)),
    "quotes": ((CardField("text", "", "The words quoted"),),
               (CardField("speaker", "Speaker", "Who said it", "line"),)),
    "events": ((CardField("date", "", "When it happened", "line", 1),
                CardField("text", "", "What happened", stretch=4)),),
}


class ItemCard(QFrame):
    """One item: include checkbox and its fields."""

    activated = Signal(str)  # item id: the card was clicked or its box ticked
    focused = Signal(str)  # item id: one of its fields got the keyboard

    def __init__(self, cards: SectionCards, item: Any) -> None:
        super().__init__(cards)
        self.cards, self.item_id = cards, item.id
        self.setObjectName("item-card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        singular = SECTION_SINGULAR[cards.section]
        self.setAccessibleName(f"{singular.capitalize()} card")
        self.include = QCheckBox(self)
        self.include.setToolTip(f"Include this {singular} in the note")
        self.include.setAccessibleName(f"Include {singular}")
        self.include.toggled.connect(self._on_include)
        self.fields: dict[str, Any] = {}
        outer = QHBoxLayout(self)
        outer.setContentsMargins(4, 3, 4, 3)
        outer.setSpacing(4)
        outer.addWidget(self.include, 0, Qt.AlignmentFlag.AlignTop)
        rows = QVBoxLayout()
        rows.setSpacing(2)
        outer.addLayout(rows, 1)
        for row_fields in CARD_ROWS[cards.section]:
            row = QHBoxLayout()
            row.setSpacing(4)
            for spec in row_fields:
                if spec.label:
                    label = QLabel(spec.label, self)
                    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
                    row.addWidget(label, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                widget = self._field_widget(spec, singular)
                self.fields[spec.name] = widget
                row.addWidget(widget, spec.stretch, Qt.AlignmentFlag.AlignTop)
            rows.addLayout(row)
        from briefing.gui.item_sources import ItemSources

        self.sources = ItemSources(cards.document, cards.section, self)  # shown with several sources
        rows.addWidget(self.sources)
        self.update_from(item)

    def _field_widget(self, spec: CardField, singular: str) -> QWidget:
        name = f"{singular.capitalize()} {spec.tooltip.split(',')[0].lower() if spec.kind == 'count' else spec.name}"
        if spec.kind == "count":
            widget = QLabel(self)
            widget.setAccessibleName(name)
        elif spec.kind == "choice":
            widget = QComboBox(self)
            widget.setEditable(True)
            line = CommitLineEdit(name, widget)
            widget.setLineEdit(line)
            widget.addItems(list(AGREEMENT_STATUSES))
            widget.setAccessibleName(name)
            widget.setMinimumContentsLength(5)
            widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            line.committed.connect(lambda text, s=spec: self._commit(s, text))
            line.focused.connect(lambda: self.focused.emit(self.item_id))
            widget.activated.connect(lambda _i, s=spec: self._commit(s, widget.currentText()))
        elif spec.kind == "text":
            widget = GrowingTextEdit(name, self)
            widget.committed.connect(lambda text, s=spec: self._commit(s, text))
            attach(widget, self.cards.speller)
        else:
            widget = CommitLineEdit(name, self)
            widget.committed.connect(lambda text, s=spec: self._commit(s, text))
            if spec.name in ("date", "country"):  # short codes: always wide enough to read whole
                sample = "2021-09-13" if spec.name == "date" else "WWW"
                widget.setMinimumWidth(widget.fontMetrics().horizontalAdvance(sample) + 16)
        widget.setToolTip(spec.tooltip)
        if isinstance(widget, (GrowingTextEdit, CommitLineEdit)):
            widget.focused.connect(lambda: self.focused.emit(self.item_id))
        return widget

    # -- showing -------------------------------------------------------------------
    def update_from(self, item: Any) -> None:
        """Show ``item``'s values (fields being typed in keep their text until committed)."""
        self.include.blockSignals(True)
        self.include.setChecked(item.included)
        self.include.blockSignals(False)
        for spec in (s for row in CARD_ROWS[self.cards.section] for s in row):
            widget, value = self.fields[spec.name], getattr(item, spec.name)
            if spec.kind == "count":
                widget.setText(f"{len(value)} sentence{'s' if len(value) != 1 else ''}")
                widget.setToolTip(as_rich_text("\n\n".join(value)) or spec.tooltip)  # article text
            elif spec.kind == "choice":
                if not widget.lineEdit().pending():
                    widget.lineEdit().set_value(value)
            elif not widget.pending():
                widget.set_value(", ".join(value) if spec.kind == "list" else value)
        self.sources.show_item(item)
        self._show_included(item.included)

    def _show_included(self, included: bool) -> None:
        """Left-out items are drawn in the disabled text colour."""
        for widget in self.fields.values():
            palette = widget.palette()
            source = self.cards.palette()
            group = QPalette.ColorGroup.Active if included else QPalette.ColorGroup.Disabled
            for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
                palette.setColor(QPalette.ColorGroup.Active, role, source.color(group, role))
                palette.setColor(QPalette.ColorGroup.Inactive, role, source.color(group, role))
            widget.setPalette(palette)
        self.setToolTip("" if included else "Left out of the note (tick to include)")

    def flush(self) -> None:
        for widget in self.fields.values():
            if isinstance(widget, (GrowingTextEdit, CommitLineEdit)):
                widget.commit()
            elif isinstance(widget, QComboBox):
                widget.lineEdit().commit()

    # -- editing -------------------------------------------------------------------
    def _commit(self, spec: CardField, text: str) -> None:
        value: Any = [p.strip() for p in text.split(",") if p.strip()] if spec.kind == "list" else text
        self.cards.update_field(self.item_id, spec.name, value)

    def _on_include(self, included: bool) -> None:
        self.activated.emit(self.item_id)
        self.cards.set_included(self.item_id, included)

    def mousePressEvent(self, event) -> None:  # noqa: ANN001,N802
        self.activated.emit(self.item_id)
        super().mousePressEvent(event)

    def set_current(self, current: bool) -> None:
        """The current card (whose source the article shows) has a highlight-coloured frame."""
        self.setProperty("current", current)
        self.setStyleSheet("QFrame#item-card { border: 2px solid palette(highlight); border-radius: 3px; }"
                           if current else "")


class SectionCards(QWidget):
    """A section's cards with Add / Delete / Up / Down buttons."""

    item_selected = Signal(str, str)  # section, item id
    reveal = Signal(QWidget)  # a card to scroll into view
    error = Signal(str)  # an edit the note refused

    def __init__(self, document: NoteDocument, section: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document, self.section = document, section
        self.setAccessibleName(f"{SECTION_TITLES[section]} items")
        singular = SECTION_SINGULAR[section]
        self.cards: dict[str, ItemCard] = {}
        self.speller = None  # a briefing.spelling.Speller once spell checking is on
        self._order: list[str] = []
        self._current: str | None = None
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        self.add_button = self._button("Add", f"Add a {singular}", lambda: self.add_item())
        self.delete_button = self._button("Delete", f"Delete the current {singular}", self.delete_item)
        self.up_button = self._button("Up", f"Move the current {singular} up (Ctrl+Up in a card)",
                                      lambda: self.move(-1))
        self.down_button = self._button("Down", f"Move the current {singular} down (Ctrl+Down in a card)",
                                        lambda: self.move(1))
        for button in (self.add_button, self.delete_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for keys, slot in (("Ctrl+Up", lambda: self.move(-1)), ("Ctrl+Down", lambda: self.move(1))):
            action = QAction(keys, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        self.empty = QLabel(f"No {SECTION_TITLES[section].lower()} yet: Add one, or select words in the "
                            "article and right-click.", self)
        self.empty.setWordWrap(True)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.card_layout = QVBoxLayout()
        self.card_layout.setSpacing(3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addLayout(self.card_layout)
        document.reset.connect(self._on_reset)
        document.changed.connect(self._on_changed)
        self.refresh()

    def _button(self, text: str, tip: str, slot) -> QToolButton:  # noqa: ANN001
        button = QToolButton(self)
        button.setText({"Up": "↑ Up", "Down": "↓ Down"}.get(text, text))
        button.setToolTip(tip)
        button.setAccessibleName(f"{text} {SECTION_SINGULAR[self.section]}")
        button.clicked.connect(slot)
        return button

    # -- reading the note ------------------------------------------------------------
    def items(self) -> list[Any]:
        note = self.document.note
        return list(note.section(self.section)) if note is not None else []

    def item_ids(self) -> list[str]:
        return list(self._order)

    def _on_changed(self, target: str) -> None:
        if target in (self.section, "all"):
            self.refresh()

    def _on_reset(self) -> None:
        """A new note: drop the old cards; the note pane makes the new ones a few per turn
        of the event loop (:meth:`build_some`), so the window keeps answering meanwhile."""
        for card in self.cards.values():
            card.setParent(None)
            card.deleteLater()
        self.cards, self._order, self._current = {}, [], None
        self.empty.setVisible(False)

    def build_some(self, count: int) -> int:
        """Make up to ``count`` missing cards; returns how many were made (0: all are there)."""
        items = self.items()
        missing = [item for item in items if item.id not in self.cards][:count]
        for item in missing:
            self._new_card(item)
        if len(missing) < count or len(self.cards) == len(items):
            self.refresh()  # order, buttons, "no items" label
        return len(missing)

    def is_built(self) -> bool:
        """Every item of the note has its card."""
        return set(self.cards) >= {item.id for item in self.items()}

    def _new_card(self, item: Any) -> ItemCard:
        card = ItemCard(self, item)
        card.activated.connect(self._activate)
        card.focused.connect(self._on_card_focused)
        self.cards[item.id] = card
        return card

    def refresh(self) -> None:
        """Show the section's items: update cards in place, or rebuild when items came or went."""
        items = self.items()
        ids = [item.id for item in items]
        for item_id in [i for i in self.cards if i not in ids]:  # items gone
            card = self.cards.pop(item_id)
            card.setParent(None)
            card.deleteLater()
        for item in items:
            card = self.cards.get(item.id)
            if card is None:
                self._new_card(item)
            else:
                card.update_from(item)
        if ids != self._order:  # lay the cards out in the note's order (focus stays where it is)
            for item_id in ids:
                self.card_layout.removeWidget(self.cards[item_id])
            for item_id in ids:
                self.card_layout.addWidget(self.cards[item_id])
            self._order = ids
            if self._current not in self.cards:
                self._current = None
            self._mark_current()
        self.empty.setVisible(not items)
        self._sync_buttons()

    # -- current item ----------------------------------------------------------------
    def current_item_id(self) -> str | None:
        return self._current

    def select_item(self, item_id: str) -> None:
        """Make ``item_id`` current, scroll to it and show its source in the article."""
        if item_id in self.cards:
            self._activate(item_id)
            self.reveal.emit(self.cards[item_id])

    def focus_item(self, item_id: str, field: str | None = None) -> None:
        """Put the keyboard in ``item_id``'s first (or named) field."""
        card = self.cards.get(item_id)
        if card is not None:
            self.select_item(item_id)
            widget = card.fields.get(field) if field else None
            widget = widget or next(w for w in card.fields.values() if not isinstance(w, QLabel))
            widget.setFocus()

    def clear_current(self) -> None:
        if self._current is not None:
            self._current = None
            self._mark_current()
            self._sync_buttons()

    def _activate(self, item_id: str) -> None:
        changed = item_id != self._current
        self._current = item_id
        if changed:
            self._mark_current()
            self._sync_buttons()
        self.item_selected.emit(self.section, item_id)

    def _mark_current(self) -> None:
        for item_id, card in self.cards.items():
            card.set_current(item_id == self._current)

    def _sync_buttons(self) -> None:
        row = self._order.index(self._current) if self._current in self._order else -1
        self.delete_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(self._order) - 1)

    def _on_card_focused(self, item_id: str) -> None:
        """A field of a card got the keyboard: that card becomes current."""
        if item_id != self._current:
            self._activate(item_id)

    # -- editing -------------------------------------------------------------------
    def update_field(self, item_id: str, name: str, value: Any) -> None:
        item = next((i for i in self.items() if i.id == item_id), None)
        if item is None or getattr(item, name) == value:
            return
        try:
            self.document.edit(update_item, self.section, item_id, **{name: value})
        except EditError as exc:
            self.error.emit(str(exc))
            self.refresh()

    def set_included(self, item_id: str, included: bool) -> None:
        item = next((i for i in self.items() if i.id == item_id), None)
        if item is not None and item.included != included:
            self.document.edit(set_included, self.section, item_id, included)

    def add_item(self, item: Any = None) -> str:
        """Append ``item`` (a blank one by default) and make it current; a blank one gets the keyboard."""
        blank = item is None
        item = ITEM_TYPES[self.section]() if blank else item
        self.document.edit(add_item, self.section, item)
        if blank:
            self.focus_item(item.id)
        else:
            self.select_item(item.id)
        return item.id

    def delete_item(self) -> None:
        item_id = self._current
        if item_id is None or item_id not in self._order:
            return
        row = self._order.index(item_id)
        self.document.edit(remove_item, self.section, item_id)
        if self._order:
            self.select_item(self._order[min(row, len(self._order) - 1)])

    def move(self, step: int) -> None:
        item_id = self._current
        if item_id is None or item_id not in self._order:
            return
        new_row = self._order.index(item_id) + step
        if 0 <= new_row < len(self._order):
            self.flush()
            self.document.edit(move_item, self.section, item_id, new_row)
            self.select_item(item_id)

    def set_speller(self, speller) -> None:  # noqa: ANN001 - Speller | None
        self.speller = speller
        for card in self.cards.values():
            for widget in card.fields.values():
                if isinstance(widget, GrowingTextEdit):
                    attach(widget, speller)

    def flush(self) -> None:
        """Commit text still being typed in any card."""
        for card in list(self.cards.values()):
            card.flush()
