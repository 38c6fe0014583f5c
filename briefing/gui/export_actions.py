"""Exporting: template picker, one-click DOCX/PDF export, Export As, the check panel.

A mixin of :class:`~briefing.gui.main_window.MainWindow`.  One-click export writes to the
export folder (a preference) under ``<date>_<title>.<suffix>`` without a dialog; the
status bar then offers links to the file and its folder.  The pre-export check runs
before every export and its problems fill a non-modal dock; clicking one selects the
offending item.  A note that is still a draft (a required section empty) is not exported
silently: the check is shown and the analyst chooses "Export Draft" (DRAFT on every
page) or "Go to Section".  The template picker lists the analyst's own templates apart
from the shipped ones.
"""
from __future__ import annotations

import re
from html import escape
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

from briefing.gui.plain_text import as_rich_text

EXPORT_FILTERS = "Word document (*.docx);;PDF document (*.pdf)"
PREVIEW_SHARE = 0.28  # of the window's width when the preview opens
SEVERITY_ICONS = {"fatal": QStyle.StandardPixmap.SP_MessageBoxCritical,
                  "warning": QStyle.StandardPixmap.SP_MessageBoxWarning}


def export_file_name(date: str, title: str, suffix: str) -> str:
    """``2021-09-13_japan-and-vietnam-sign-defence-pact.pdf`` (safe on every system)."""
    slug = re.sub(r"[^\w]+", "-", title.lower()).strip("-_")[:60].rstrip("-")
    date = re.sub(r"[^0-9A-Za-z-]+", "-", date.strip()).strip("-")
    stem = "_".join(part for part in (date, slug) if part) or "briefing"
    return f"{stem}.{suffix}"


def next_free_path(path: Path) -> Path:
    """``path``, or ``<stem>-2<suffix>``, ``-3``... : the first name not taken yet."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


_NOT_IN_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}


def portable_file_stem(title: str, fallback: str = "briefing") -> str:
    """A file name stem from a title that every system accepts (Windows forbids ``<>:"/\\|?*``)."""
    stem = " ".join(_NOT_IN_NAMES.sub(" - ", title).split())
    stem = re.sub(r"(\s*-\s*){2,}", " - ", stem).strip(" .-")[:80].rstrip(" .-")
    if not stem or stem.split(".")[0].lower() in _RESERVED:
        return fallback
    return stem


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
        self.export_links.setTextFormat(Qt.TextFormat.RichText)  # links; the file name is escaped
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
        """Your templates first, then the shipped ones, each under a heading."""
        picker = self._template_picker
        picker.blockSignals(True)
        picker.clear()
        try:
            from briefing.templates import list_templates
            infos = [i for i in list_templates() if not i.error]
            for origin, heading in (("user", "Your templates"), ("shipped", "Shipped templates")):
                group = [i for i in infos if i.origin == origin]
                if not group:
                    continue
                if picker.count():
                    picker.insertSeparator(picker.count())
                picker.addItem(heading)
                item = picker.model().item(picker.count() - 1)
                item.setEnabled(False)  # a heading, not a choice
                font = item.font()
                font.setBold(True)
                item.setFont(font)
                for info in group:
                    label = info.title or info.name
                    if info.overrides_shipped:
                        label += " (replaces the shipped one)"
                    picker.addItem("   " + label, info.name)
                    picker.setItemData(picker.count() - 1, as_rich_text(
                        f"{info.name} ({'your template' if origin == 'user' else 'shipped'}): {info.description}"),
                        Qt.ItemDataRole.ToolTipRole)
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
            try:
                template = self.current_template() if note is not None else None
            except Exception:  # noqa: BLE001 - an unknown template: no scheme to offer
                template = None
            self.note_editor.set_template(template)

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
        """The note's template, loaded once until its name or its file changes."""
        from briefing.templates import find_template_folder, load_named_template

        name = self.document.note.template
        try:
            folder, _origin = find_template_folder(name)
            stamp = (folder / "template.toml").stat().st_mtime_ns
        except Exception:  # noqa: BLE001 - load_named_template says what is wrong
            return load_named_template(name)
        cached = self.__dict__.get("_template_cache")
        if cached is None or cached[:2] != (name, (folder, stamp)):
            cached = (name, (folder, stamp), load_named_template(name))
            self._template_cache = cached
        return cached[2]

    # -- export --------------------------------------------------------------------
    def quick_export(self, suffix: str) -> Path | None:
        """Export to the export folder without a dialog."""
        self.note_editor.flush()  # the file name comes from the title as typed
        note = self.document.note
        if note is None:
            self.statusBar().showMessage("Nothing to export yet.", 4000)
            return None
        folder = Path(self.preferences.export_folder).expanduser()
        name = export_file_name(note.header.date, note.header.title, suffix)
        return self.export_to(next_free_path(folder / name))  # an earlier export is never replaced

    def export_as(self) -> Path | None:
        self.note_editor.flush()
        note = self.document.note
        if note is None:
            return None
        start = next_free_path(Path(self.preferences.export_folder).expanduser() / export_file_name(
            note.header.date, note.header.title, "docx"))
        name, chosen = QFileDialog.getSaveFileName(self, "Export note", str(start), EXPORT_FILTERS)
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() not in (".docx", ".pdf"):
            path = path.with_suffix(".pdf" if "PDF" in chosen else ".docx")
        return self.export_to(path)

    def ask_draft_export(self, missing: list[str]) -> str:
        """Ask what to do with a draft: ``"draft"`` (export it), ``"go"`` or ``"cancel"``."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, "The note is not complete",
                          "This note is still a draft: " + ", ".join(missing) + " "
                          + ("is" if len(missing) == 1 else "are") + " empty.", parent=self)
        box.setInformativeText("Export it as a draft (“DRAFT” on every page), or go to the "
                               "first empty section and complete it?")
        draft = box.addButton("Export Draft", QMessageBox.ButtonRole.AcceptRole)
        go = box.addButton("Go to Section", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(go)
        box.exec()
        clicked = box.clickedButton()
        return "draft" if clicked is draft else "go" if clicked is go else "cancel"

    def confirm_complete(self) -> bool:
        """Before an export: a draft is exported only if the analyst says so."""
        from briefing.export.check import check_note
        from briefing.export.outline import build_outline

        try:
            template = self.current_template()
            outline = build_outline(self.document.note, template, article=self.document.article)
        except Exception:  # noqa: BLE001 - the export itself reports template problems
            return True
        if not outline.draft:
            return True
        self.show_problems(check_note(self.document.note, template, article=self.document.article),
                           always=True)
        answer = self.ask_draft_export(outline.missing)
        if answer == "go":
            self.go_to_section(outline.missing[0])
        return answer == "draft"

    def go_to_section(self, heading: str) -> None:
        """Show the editor of the section called ``heading`` (an empty required one)."""
        entry = QListWidgetItem(heading)
        entry.setData(Qt.ItemDataRole.UserRole, (heading, ""))
        self.go_to_problem(entry)

    def export_to(self, path: Path, *, quiet: bool = False) -> Path | None:
        """Export to ``path`` after committing what is being typed; ``quiet``: no status links
        (a temporary file for printing)."""
        from briefing.export import export_note

        self.note_editor.flush()
        if not quiet and not self.confirm_complete():
            self.statusBar().showMessage("Not exported: the note is still a draft.", 6000)
            return None
        try:
            template = self.current_template()
            path.parent.mkdir(parents=True, exist_ok=True)
            problems = export_note(self.document.note, template, path, article=self.document.article,
                                   inputs=[self.document.path])  # never over the project or article
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
        if quiet:
            return path
        self.last_export = path
        folder_url = QUrl.fromLocalFile(str(path.parent)).toString()
        file_url = QUrl.fromLocalFile(str(path)).toString()
        self.export_links.setText(f"Exported <b>{escape(path.name)}</b> — <a href=\"{escape(file_url)}\">open "
                                  f"file</a> · <a href=\"{escape(folder_url)}\">open folder</a>")
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
        sections = self.note_editor.sections
        heading = section or ""
        section = section_key(heading)
        if item_id and self.document.note and (found := self.document.note.find_item(item_id)):
            sections[found[0]].focus_item(item_id)
        elif section in sections:
            cards = sections[section]
            self.note_editor.ensureWidgetVisible(cards)
            if cards.item_ids():
                cards.focus_item(cards.item_ids()[0])
            else:
                cards.add_button.setFocus()
        elif (editor := self.note_editor.extra_editor_for(heading)) is not None:
            self.note_editor.ensureWidgetVisible(editor)
            editor.edit.setFocus()
        elif section in ("summary", "analyst_comment"):
            editor = self.note_editor.summary if section == "summary" else self.note_editor.comment
            self.note_editor.ensureWidgetVisible(editor)
            editor.edit.setFocus()
        elif heading == "Classification" or heading.startswith("classification authority"):
            fields = self.note_editor.header_fields
            self.note_editor.ensureWidgetVisible(fields)
            target = next((e for e in fields.authority_edits.values() if e.isVisible() and not e.text()),
                          fields.classification.level)
            target.setFocus()

    # -- printing ------------------------------------------------------------------
    def print_note(self, printer: Any = None) -> bool:
        """Print the note exactly as it exports to PDF; asks for a printer unless given one."""
        import tempfile

        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from briefing.gui.printing import print_pdf

        if self.document.note is None:
            self.statusBar().showMessage("Nothing to print yet.", 4000)
            return False
        with tempfile.TemporaryDirectory(prefix="briefing-print-") as folder:
            pdf = self.export_to(Path(folder) / "note.pdf", quiet=True)
            if pdf is None:
                return False
            if printer is None:
                printer = QPrinter(QPrinter.PrinterMode.HighResolution)
                printer.setDocName(self.document.note.header.title or "Briefing note")
                dialog = QPrintDialog(printer, self)
                if dialog.exec() != QPrintDialog.DialogCode.Accepted:
                    return False
            pages = print_pdf(pdf, printer)
        self.statusBar().showMessage(f"Sent {pages} page(s) to the printer.", 5000)
        return pages > 0

    # -- other dialogs -------------------------------------------------------------
    def toggle_preview(self) -> None:
        showing = self.preview_action.isChecked()
        was_hidden = not self.preview.isVisible()
        self.preview.setVisible(showing)
        if showing and was_hidden:  # make room: the preview takes a quarter, the panes keep their ratio
            sizes = self.splitter.sizes()
            total = sum(sizes)
            article, note = sizes[0] or 1, sizes[1] or 1
            preview = int(total * PREVIEW_SHARE)
            rest = total - preview
            self.splitter.setSizes([rest * article // (article + note), rest * note // (article + note), preview])
        if self.preview.isVisible():
            self.preview.schedule(0)

    def edit_preferences(self) -> None:
        from briefing.gui.preferences_dialog import PreferencesDialog

        if PreferencesDialog(self.preferences, self).exec():
            self.autosaver.set_interval(self.preferences.autosave_seconds)
            self.statusBar().showMessage("Preferences saved.", 4000)

    def edit_template(self) -> None:
        from briefing.gui.template_editor import TemplateEditor

        from briefing.templates import TemplateError

        if self.document.note is None:
            return
        try:
            dialog = TemplateEditor(self.document.note.template, self)
        except TemplateError as exc:
            self.show_error("Could not open the template", str(exc),
                            "Pick another template in the toolbar, then edit it.")
            return
        if dialog.exec() and dialog.saved_name:
            self.reload_template_list()
            from briefing.note.edits import set_field
            self.document.edit(set_field, "template", dialog.saved_name)
            self.preview.schedule()
