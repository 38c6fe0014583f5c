"""The Library window: search the notes saved before, filter them, open one.

A search box (full text over every note's text, words ANDed, ``word*`` for a prefix) and
filters — country, person, theme, date range and highest classification — query the
user's notes library (:mod:`briefing.library`) as you type; results are listed newest
first with each note's marking beside it (the marking its banner shows), its date, title,
reference and countries. Double-click a note, or press Enter or *Open*, to open it in the
composer (which asks before dropping unsaved work). The countries and themes offered are
those the library's notes have. A classification maximum is read in each note's own
marking scheme (:func:`briefing.library.ranking.max_ranks`) and the window says how many
notes it hid. A warning of the library (an unusable index it set aside and rebuilt) stays
shown above the results, and the main window's status bar says it too. Qt only here; the queries are the core's.
"""
from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QGridLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from briefing.library.store import SearchQuery

SEARCH_DELAY_MS = 250
RESULT_LIMIT = 200
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
COLUMNS = ("Date", "Marking", "Title", "Reference", "Countries")


class LibraryWindow(QDialog):
    """Search and open saved notes."""

    open_requested = Signal(str)  # the path of the note to open
    library_warning = Signal(str)  # the library rebuilt an unusable index (the main window says it too)

    def __init__(self, parent: QWidget | None = None, *, folder=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setWindowTitle("Library — Briefing Composer")
        self.setAccessibleName("Notes library")
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.resize(1000, 620)
        self.folder = folder  # None: the user's library
        self.text = QLineEdit(self)
        self.text.setPlaceholderText("Search the notes' text (all words; word* for a prefix)")
        self.text.setAccessibleName("Search text")
        self.text.setClearButtonEnabled(True)
        self.country = self._combo("Any country", "Country")
        self.person = QLineEdit(self)
        self.person.setPlaceholderText("Any person")
        self.person.setAccessibleName("Person")
        self.person.setToolTip("A participant's name or part of it (accents and case ignored)")
        self.theme = self._combo("Any theme", "Theme")
        self.date_from = self._date_edit("From (YYYY[-MM[-DD]])", "From date")
        self.date_to = self._date_edit("To (YYYY[-MM[-DD]])", "To date")
        self.level = self._combo("Any classification", "Highest classification")
        self.level.setToolTip("Hide notes marked above this level (read in each note's marking scheme)")
        filters = QGridLayout()
        filters.addWidget(self.text, 0, 0, 1, 4)
        for column, widget in enumerate((self.country, self.person, self.theme, self.level)):
            filters.addWidget(widget, 1, column)
        dates = QHBoxLayout()
        dates.addWidget(QLabel("Dated:", self))
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("to", self))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setAccessibleName("Notes found")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(lambda row, _column: self.open_row(row))
        self.table.itemSelectionChanged.connect(self._sync_buttons)
        self.status = QLabel(self)
        self.status.setAccessibleName("Search result count")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.warning = QLabel(self)  # kept above the results: a new search does not replace it
        self.warning.setAccessibleName("Library warning")
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8a4b00;")
        self.warning.hide()
        self.open_button = QPushButton("Open", self)
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(lambda: self.open_row(self.table.currentRow()))
        close = QPushButton("Close", self)
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(dates)
        layout.addWidget(self.warning)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, lambda: self.open_row(self.table.currentRow()))
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS, timeout=self.search)
        for edit in (self.text, self.person, self.date_from, self.date_to):
            edit.textChanged.connect(lambda _text: self._timer.start())
        for combo in (self.country, self.theme, self.level):
            combo.currentIndexChanged.connect(lambda _i: self._timer.start())
        self.paths: list[str] = []
        self._sync_buttons()

    def _combo(self, anything: str, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.addItem(anything, "")
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(22)
        return combo

    def _date_edit(self, placeholder: str, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(name)
        edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance(placeholder) + 24)
        return edit

    # -- the library -----------------------------------------------------------------
    def _open_library(self):  # noqa: ANN202 - a LibraryStore
        from briefing.library import open_library

        def warn(message: str) -> None:
            self.show_warning(message)
            self.library_warning.emit(message)

        return open_library(self.folder, warn=warn)

    def show_warning(self, message: str) -> None:
        """Keep the library's warning on show (a search's result count does not replace it)."""
        self.warning.setText(message[:1].upper() + message[1:].rstrip(".") + ".")
        self.warning.show()

    def refresh_choices(self, library) -> None:  # noqa: ANN001
        """Offer the countries, themes and levels the library's notes have."""
        from briefing.library.ranking import schemes
        from briefing.note.wording import country_label

        facets = library.facets()
        self._fill(self.country, [(f"{country_label(code)} ({count})", code) for code, count in facets.countries])
        self._fill(self.theme, [(f"{label or theme_id} ({count})", theme_id)
                                for theme_id, label, count in facets.themes])
        levels: dict[str, None] = {}
        for scheme in schemes(facets.schemes):
            for name in scheme.level_names:
                levels.setdefault(name, None)
        self._fill(self.level, [(f"Up to {name}", name) for name in levels])

    @staticmethod
    def _fill(combo: QComboBox, entries: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for text, data in entries:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def query(self) -> SearchQuery | None:
        """The search the form asks for (None, with a message, when a date is not a date)."""
        from briefing.library.ranking import RankError, max_ranks

        for edit in (self.date_from, self.date_to):
            value = edit.text().strip()
            if value and not DATE.match(value):
                self.status.setText(f"'{value}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD.")
                return None
        ranks = None
        if self.level.currentData():
            try:
                ranks = max_ranks(self.level.currentData())
            except RankError as exc:
                self.status.setText(str(exc))
                return None
        country, person, theme = self.country.currentData(), self.person.text().strip(), self.theme.currentData()
        return SearchQuery(text=self.text.text(), countries=[country] if country else [],
                           people=[person] if person else [], themes=[theme] if theme else [],
                           date_from=self.date_from.text().strip(), date_to=self.date_to.text().strip(),
                           max_ranks=ranks, limit=RESULT_LIMIT)

    def search(self) -> None:
        """Run the search now and list what it finds."""
        from briefing.library import LibraryError

        self._timer.stop()
        query = self.query()
        if query is None:
            return
        try:
            library = self._open_library()
            try:
                self.refresh_choices(library)
                result = library.search(query)
            finally:
                library.close()
        except LibraryError as exc:
            self.status.setText(f"The library cannot be read: {exc}")
            return
        self.show_hits(result)

    def show_hits(self, result) -> None:  # noqa: ANN001 - SearchResult
        from briefing.export.outline import human_date

        self.table.setRowCount(0)
        self.paths = []
        for hit in result.hits:
            row = self.table.rowCount()
            self.table.insertRow(row)
            cells = (human_date(hit.sort_date, short=True) if hit.sort_date else "—",
                     hit.classification or "no marking", hit.title or "(untitled)", hit.reference,
                     ", ".join(hit.countries))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(hit.path if column == 2 else text)
                if column == 1 and hit.classification_rank is None:
                    item.setForeground(QColor("#b00020"))
                    item.setToolTip("Its scheme cannot read this marking: hidden by any classification filter")
                self.table.setItem(row, column, item)
            self.paths.append(hit.path)
        shown = f"{len(result.hits)} of {result.total}" if len(result.hits) < result.total else str(result.total)
        text = f"{shown} note{'s' if result.total != 1 else ''}, newest first"
        if result.hidden:
            text += f"; {result.hidden} hidden by the classification filter"
        self.status.setText(text)
        if result.hits:
            self.table.selectRow(0)
        self._sync_buttons()

    def open_row(self, row: int) -> None:
        if 0 <= row < len(self.paths):
            self.open_requested.emit(self.paths[row])

    def _sync_buttons(self) -> None:
        self.open_button.setEnabled(self.table.currentRow() >= 0 and bool(self.paths))
