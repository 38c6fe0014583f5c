"""The Preferences dialog, generated from the declared preferences (one place to add one)."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from briefing.gui.settings import Preferences


class PreferencesDialog(QDialog):
    """One field per :class:`Preferences` entry; OK writes them all."""

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.preferences = preferences
        self.fields: dict[str, QWidget] = {}
        form = QFormLayout(self)
        for pref in Preferences.declared():
            value = preferences.get(pref.name)
            if isinstance(pref.default, int):
                widget: QWidget = QSpinBox(self, minimum=5, maximum=3600, value=value)
            else:
                widget = QLineEdit(str(value), self)
            widget.setToolTip(pref.tooltip)
            widget.setAccessibleName(pref.label)
            self.fields[pref.name] = widget
            row: QWidget = widget
            if pref.name == "export_folder":
                row = QWidget(self)
                box = QHBoxLayout(row)
                box.setContentsMargins(0, 0, 0, 0)
                browse = QPushButton("Browse…", row)
                browse.setToolTip("Choose the export folder")
                browse.clicked.connect(lambda _=False, w=widget: self._browse(w))
                box.addWidget(widget, 1)
                box.addWidget(browse)
            form.addRow(f"{pref.label}:", row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self, edit: QLineEdit) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Export folder", edit.text())
        if folder:
            edit.setText(folder)

    def values(self) -> dict[str, Any]:
        return {name: w.value() if isinstance(w, QSpinBox) else w.text().strip()  # type: ignore[attr-defined]
                for name, w in self.fields.items()}

    def accept(self) -> None:
        for name, value in self.values().items():
            self.preferences.set(name, value)
        super().accept()
