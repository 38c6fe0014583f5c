"""Exporting: template picker, one-click DOCX/PDF export, Export As, the check panel.

A mixin of :class:`~briefing.gui.main_window.MainWindow`.  One-click export writes to the
export folder (a preference) under ``<date>_<title>.<suffix>`` without a dialog; the
status bar then offers links to the file and its folder.  The pre-export check runs
before every export and its problems fill a non-modal dock; clicking one selects the
offending item.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
)

EXPORT_FILTERS = "Word document (*.docx);;PDF document (*.pdf)"
SEVERITY_ICONS = {"fatal": QStyle.StandardPixmap.SP_MessageBoxCritical,
                  "warning": QStyle.StandardPixmap.SP_MessageBoxWarning}


def export_file_name(date: str, title: str, suffix: str) -> str:
    """``2021-09-13_japan-and-vietnam-sign-defence-pact.pdf`` (safe on every system)."""
    slug = re.sub(r"[^\w]+", "-", title.lower()).strip("-_")[:60].rstrip("-")
    date = re.sub(r"[^0-9A-Za-z-]+", "-", date.strip()).strip("-")
    stem = "_".join(part for part in (date, slug) if part) or "briefing"
    return f"{stem}.{suffix}"


def section_key(heading: str) -> str:
    """Note section a problem's heading refers to ("Key quotes" -> "quotes"), else ""."""
    from briefing.gui.note_editor import SECTION_TITLES

    text = heading.lower()
    for key, title in SECTION_TITLES.items():
        if key.rstrip("s") in text or title.lower() in text:
            return key
    if "comment" in text:
        return "analyst_comment"
    if "summary" in text or "bluf" in text:
        return "summary"
    return ""


class ExportActions:
    """Export behaviour for the main window (mixin)."""

    def init_export_actions(self) -> None:
        self.check_dock = QDockWidget("Pre-export check", self)
        self.check_dock.setObjectName("check-dock")
        self.check_list = QListWidget(self.check_dock)
        self.check_list.setAccessibleName("Pre-export problems")
        self.check_list.setToolTip("Click a problem to go to the item it concerns")
        self.check_list.itemActivated.connect(self.go_to_problem)
        self.check_list.itemClicked.connect(self.go_to_problem)
        self.check_dock.setWidget(self.check_list)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.check_dock)
        self.check_dock.hide()
        self.export_links = QLabel(self)
        self.export_links.setOpenExternalLinks(True)
        self.export_links.setAccessibleName("Last export")
        self.statusBar().addWidget(self.export_links)
        self.last_export: Path | None = None
        self.document.changed.connect(lambda target: target in ("template", "all") and self.sync_template_picker())

    # -- template picker (created before the toolbar is built) -----------------------
    @property
    def template_picker(self) -> QComboBox:
        if not hasattr(self, "_template_picker"):
            picker = QComboBox(self)
            picker.setAccessibleName("Template")
            picker.setToolTip("Template used for export and preview")
            picker.setMinimumContentsLength(14)
            picker.activated.connect(self._on_template_picked)
            self._template_picker = picker
            self.reload_template_list()
        return self._template_picker

    def reload_template_list(self) -> None:
        picker = self._template_picker
        picker.blockSignals(True)
        picker.clear()
        try:
            from briefing.templates import list_templates
            for info in list_templates():
                if not info.error:
                    label = info.title or info.name
                    picker.addItem(f"{label} (mine)" if info.origin == "user" else label, info.name)
        except Exception as exc:  # noqa: BLE001 - a broken template folder must not stop the app
            self.statusBar().showMessage(f"Could not list templates: {exc}", 10000)
        picker.blockSignals(False)
        self.sync_template_picker()

    def sync_template_picker(self) -> None:
        note = self.document.note
        picker = self.template_picker
        picker.setEnabled(note is not None)
        if note is not None:
            index = picker.findData(note.template)
            if index < 0:
                picker.addItem(note.template, note.template)
                index = picker.count() - 1
            picker.setCurrentIndex(index)
        if hasattr(self, "note_editor"):
            self.note_editor.set_template_sections(self.template_text_sections())

    def template_text_sections(self) -> list[tuple[str, str]]:
        """``(key, heading)`` of the analyst-written sections of the note's template."""
        if self.document.note is None:
            return []
        try:
            template = self.current_template()
        except Exception:  # noqa: BLE001 - an unknown template shows no extra editors
            return []
        return [(s.key, s.heading) for s in template.sections if s.kind == "text" and s.key]

    def _on_template_picked(self, index: int) -> None:
        from briefing.note.edits import set_field

        name = self.template_picker.itemData(index)
        if self.document.note is not None and name and name != self.document.note.template:
            self.document.edit(set_field, "template", name)
            self.statusBar().showMessage(f"Template: {self.template_picker.itemText(index)}", 4000)

    def current_template(self) -> Any:
        from briefing.templates import load_template

        return load_template(self.document.note.template)

    # -- export --------------------------------------------------------------------
    def quick_export(self, suffix: str) -> Path | None:
        """Export to the export folder without a dialog."""
        note = self.document.note
        if note is None:
            self.statusBar().showMessage("Nothing to export yet.", 4000)
            return None
        folder = Path(self.preferences.export_folder).expanduser()
        return self.export_to(folder / export_file_name(note.header.date, note.header.title, suffix))

    def export_as(self) -> Path | None:
        note = self.document.note
        if note is None:
            return None
        start = Path(self.preferences.export_folder).expanduser() / export_file_name(
            note.header.date, note.header.title, "docx")
        name, chosen = QFileDialog.getSaveFileName(self, "Export note", str(start), EXPORT_FILTERS)
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() not in (".docx", ".pdf"):
            path = path.with_suffix(".pdf" if "PDF" in chosen else ".docx")
        return self.export_to(path)

    def export_to(self, path: Path) -> Path | None:
        from briefing.export import export_note

        self.note_editor.flush()
        try:
            template = self.current_template()
            path.parent.mkdir(parents=True, exist_ok=True)
            problems = export_note(self.document.note, template, path, article=self.document.article)
        except Exception as exc:  # noqa: BLE001 - any failure is reported; the note stays open
            message = str(exc) if str(path) in str(exc) else f"{path}: {exc}"  # name the file once
            self.show_error("Export failed", message,
                            "Your note is unchanged. Check that the folder is writable and the file "
                            "is not open in another program, or choose another place with Export As.")
            return None
        self.show_problems(problems)
        fatal = [p for p in problems if getattr(p, "fatal", False)]
        if fatal:
            self.export_links.setText("")
            self.statusBar().showMessage(f"Not exported: {len(fatal)} problem(s) must be fixed first "
                                         "(see the Pre-export check panel).", 10000)
            return None
        self.last_export = path
        folder_url = QUrl.fromLocalFile(str(path.parent)).toString()
        file_url = QUrl.fromLocalFile(str(path)).toString()
        self.export_links.setText(f"Exported <b>{path.name}</b> — <a href='{file_url}'>open file</a> · "
                                  f"<a href='{folder_url}'>open folder</a>")
        self.statusBar().showMessage("", 1)
        return path

    # -- check panel ---------------------------------------------------------------
    def run_check(self) -> list[Any]:
        from briefing.export.check import check_note

        if self.document.note is None:
            return []
        self.note_editor.flush()
        try:
            problems = check_note(self.document.note, self.current_template(), article=self.document.article)
        except Exception as exc:  # noqa: BLE001
            self.show_error("Could not check the note", str(exc), "Try another template.")
            return []
        self.show_problems(problems, always=True)
        return problems

    def show_problems(self, problems: list[Any], *, always: bool = False) -> None:
        self.check_list.clear()
        for problem in problems:
            where = f" [{problem.section}]" if getattr(problem, "section", None) else ""
            entry = QListWidgetItem(self.style().standardIcon(
                SEVERITY_ICONS.get(problem.severity, QStyle.StandardPixmap.SP_MessageBoxInformation)),
                f"{problem.message}{where}")
            entry.setData(Qt.ItemDataRole.UserRole, (problem.section, problem.item_id))
            self.check_list.addItem(entry)
        if not problems:
            self.check_list.addItem("No problems found.")
        self.check_dock.setWindowTitle(f"Pre-export check — {len(problems)} problem(s)")
        if (problems or always) and not self.check_dock.isVisible():
            self.check_dock.show()
            self.resizeDocks([self.check_dock], [130], Qt.Orientation.Vertical)

    def go_to_problem(self, entry: QListWidgetItem) -> None:
        section, item_id = entry.data(Qt.ItemDataRole.UserRole) or (None, None)
        tables = self.note_editor.tables
        heading = section or ""
        section = section_key(heading)
        if item_id and self.document.note and (found := self.document.note.find_item(item_id)):
            tables[found[0]].select_item(item_id)
            self.note_editor.ensureWidgetVisible(tables[found[0]])
            tables[found[0]].view.setFocus()
        elif section in tables:
            self.note_editor.ensureWidgetVisible(tables[section])
            tables[section].view.setFocus()
        elif (editor := self.note_editor.extra_editor_for(heading)) is not None:
            self.note_editor.ensureWidgetVisible(editor)
            editor.edit.setFocus()
        elif section in ("summary", "analyst_comment"):
            editor = self.note_editor.summary if section == "summary" else self.note_editor.comment
            self.note_editor.ensureWidgetVisible(editor)
            editor.edit.setFocus()

    # -- other dialogs -------------------------------------------------------------
    def toggle_preview(self) -> None:
        self.preview.setVisible(self.preview_action.isChecked())
        if self.preview.isVisible():
            self.preview.schedule(0)

    def edit_preferences(self) -> None:
        from briefing.gui.preferences_dialog import PreferencesDialog

        if PreferencesDialog(self.preferences, self).exec():
            self.autosaver.timer.setInterval(max(5, self.preferences.autosave_seconds) * 1000)
            self.statusBar().showMessage("Preferences saved.", 4000)

    def edit_template(self) -> None:
        from briefing.gui.template_editor import TemplateEditor

        if self.document.note is None:
            return
        dialog = TemplateEditor(self.document.note.template, self)
        if dialog.exec() and dialog.saved_name:
            self.reload_template_list()
            from briefing.note.edits import set_field
            self.document.edit(set_field, "template", dialog.saved_name)
            self.preview.schedule()
