"""Choosing a marking from a scheme: a level combo, checkable caveats, a country list.

:class:`ClassificationWidget` shows the levels of a :class:`briefing.markings.Scheme` in
a combo and the controls the chosen level takes as checkable entries of a "Caveats"
menu; a control that takes countries (REL TO) adds a line for the codes. What the
analyst picks is read back with :meth:`Scheme.parse`, so the widget can only produce
markings the scheme accepts: a conflicting choice (NOFORN with REL TO, USA not first)
shows the scheme's one-line message and emits nothing. :attr:`marking_changed` carries
the marking in the scheme's spelling. A preview label shows the banner in its colours.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QLineEdit, QMenu, QToolButton,
                               QVBoxLayout, QWidget)

from briefing.markings import Marking, MarkingError, Scheme


class ClassificationWidget(QWidget):
    """Level + caveats of a marking scheme; emits the marking text when it is valid."""

    marking_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scheme: Scheme | None = None
        self._loading = False
        self.level = QComboBox(self)
        self.level.setAccessibleName("Classification level")
        self.level.setToolTip("The note's classification level (from the template's marking scheme)")
        self.caveats = QToolButton(self)
        self.caveats.setText("Caveats")
        self.caveats.setAccessibleName("Caveats and dissemination controls")
        self.caveats.setToolTip("Descriptors, caveats and dissemination controls the level takes")
        self.caveats.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.caveats)
        self.caveats.setMenu(self.menu)
        self.countries = QLineEdit(self)
        self.countries.setAccessibleName("Release countries")
        self.countries.setPlaceholderText("USA, AUS, CAN, GBR")
        self.countries.setToolTip("ISO 3166 trigraphs for REL TO / RELEASABLE TO, comma-separated")
        self.countries.hide()
        self.preview = QLabel(self)
        self.preview.setAccessibleName("Banner preview")
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.error = QLabel(self)
        self.error.setAccessibleName("Marking problem")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #B00020;")
        self.error.hide()
        self.actions: dict[str, QAction] = {}
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.level, 1)
        row.addWidget(self.caveats)
        row.addWidget(self.countries, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.preview)
        column.addWidget(self.error)
        self.level.currentIndexChanged.connect(self._on_level)
        self.countries.editingFinished.connect(self._emit)

    # ------------------------------------------------------------------ set up
    def set_scheme(self, scheme: Scheme, marking: str = "") -> None:
        """Offer ``scheme``'s levels and show ``marking`` (its default level when empty)."""
        self.scheme = scheme
        self._loading = True
        self.level.clear()
        for lv in scheme.levels:
            self.level.addItem(lv.name, lv.name)
        self._loading = False
        self.set_marking(marking)

    def set_marking(self, text: str) -> None:
        """Show ``text`` (a marking of the scheme); one it cannot read is shown as a problem."""
        if self.scheme is None:
            return
        self._loading = True
        try:
            try:
                marking = self.scheme.parse(text) if text.strip() else Marking(self.scheme, self.scheme.default)
                self._show_error("")
            except MarkingError as exc:
                marking = Marking(self.scheme, self.scheme.default)
                self._show_error(f"{exc} — choose a level from the list")
            self.level.setCurrentIndex(max(0, self.level.findData(marking.level.name)))
            self._fill_controls(marking)
            self._show_preview(marking)
        finally:
            self._loading = False

    def _fill_controls(self, marking: Marking) -> None:
        self.menu.clear()
        self.actions = {}
        chosen = set(marking.control_names)
        codes: tuple[str, ...] = ()
        for control in self.scheme.controls_at(marking.level) if self.scheme else []:
            action = QAction(control.name, self.menu)
            action.setCheckable(True)
            action.setChecked(control.name in chosen)
            action.setToolTip(control.description)
            action.toggled.connect(lambda _on, c=control: self._on_control(c))
            self.menu.addAction(action)
            self.actions[control.name] = action
            if control.countries and control.name in chosen:
                codes = marking.countries(control.name)
        self.caveats.setEnabled(bool(self.actions))
        self.countries.setText(", ".join(codes))
        self._sync_countries()

    def _sync_countries(self) -> None:
        wanted = any(a.isChecked() and self._control(n).countries for n, a in self.actions.items())
        self.countries.setVisible(wanted)
        checked = [n for n, a in self.actions.items() if a.isChecked()]
        self.caveats.setText(f"Caveats ({len(checked)})" if checked else "Caveats")

    def _control(self, name: str):  # noqa: ANN202
        return next(c for c in self.scheme.controls if c.name == name)  # type: ignore[union-attr]

    # ------------------------------------------------------------------ reading
    def current(self) -> Marking:
        """The marking the widgets show; MarkingError when the choice is not a valid one."""
        if self.scheme is None:
            raise MarkingError("no marking scheme")
        controls: list[str | tuple[str, list[str]]] = []
        for name, action in self.actions.items():
            if action.isChecked():
                if self._control(name).countries:
                    codes = [c.strip().upper() for c in self.countries.text().replace(";", ",").split(",")
                             if c.strip()]
                    controls.append((name, codes))
                else:
                    controls.append(name)
        return self.scheme.marking(self.level.currentData() or self.scheme.default.name, controls)

    def marking_text(self) -> str:
        """The chosen marking in the scheme's spelling ("" when the choice is not valid)."""
        try:
            return self.current().text
        except MarkingError:
            return ""

    # ------------------------------------------------------------------ changes
    def _on_level(self, _index: int) -> None:
        if self._loading or self.scheme is None:
            return
        level = self.scheme.level(self.level.currentData())
        kept = [n for n, a in self.actions.items() if a.isChecked()]
        codes = self.countries.text()
        self._loading = True
        try:
            self._fill_controls(Marking(self.scheme, level))
            for name in kept:
                if name in self.actions:
                    self.actions[name].setChecked(True)
            self.countries.setText(codes)
            self._sync_countries()
        finally:
            self._loading = False
        self._emit()

    def _on_control(self, control) -> None:  # noqa: ANN001
        if self._loading:
            return
        self._sync_countries()
        if control.countries and self.actions[control.name].isChecked() and not self.countries.text().strip():
            self.countries.setText(self.scheme.countries_first if self.scheme else "")
            self.countries.setFocus()
        self._emit()

    def _emit(self) -> None:
        if self._loading:
            return
        try:
            marking = self.current()
        except MarkingError as exc:
            self._show_error(str(exc))
            return
        self._show_error("")
        self._show_preview(marking)
        self.marking_changed.emit(marking.text)

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _show_preview(self, marking: Marking) -> None:
        banner = marking.banner
        self.preview.setText(f"Banner: {banner}   Portion mark: {marking.portion or '(none)'}"
                             if banner else "No banner")
        level = marking.level
        style = f"color: {level.text}; font-weight: bold;"
        if level.fill:
            style += f" background: {level.fill}; padding: 1px 4px;"
        self.preview.setStyleSheet(style)
