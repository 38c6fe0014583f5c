"""The main window: splitter layout, actions, menus, toolbar, title and closing.

Layout: article (left) | note editor (middle) | PDF preview (right, toggled).  Opening
and saving live in :class:`~briefing.gui.file_actions.FileActions`, exporting and the
pre-export check in :class:`~briefing.gui.export_actions.ExportActions`; this module
wires them to menus, toolbar and shortcuts and keeps the title bar honest.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (QLabel, QMainWindow, QMenu, QProgressBar, QSplitter, QStyle,
                               QToolButton, QVBoxLayout, QWidget)

from briefing.gui.article_view import ADD_ACTIONS, ArticleView
from briefing.gui.document import NoteDocument
from briefing.gui.export_actions import ExportActions
from briefing.gui.file_actions import FileActions
from briefing.gui.find_bar import FindBar
from briefing.gui.icons import icon
from briefing.gui.note_editor import NoteEditor
from briefing.gui.plain_text import plain_label
from briefing.gui.preview import PreviewPane
from briefing.gui.settings import Preferences, WindowState
from briefing.gui.none_guard import keep_none_alive
from briefing.gui.source_actions import SourceActions
from briefing.gui.sources_pane import SourcesPane

APP_TITLE = "Briefing Composer"
SPELLING_DELAY_MS = 800
LIBRARY_WARNING_MS = 30000


def _open_speller(language: str, personal):  # noqa: ANN001,ANN202 - worker body
    from briefing import spelling

    return language, spelling.open_speller(language, personal)


class MainWindow(SourceActions, FileActions, ExportActions, QMainWindow):
    """The composer window."""

    extraction_displayed = Signal()  # the article's facts are highlighted and the note drafted

    def __init__(self, preferences: Preferences | None = None, window_state: WindowState | None = None) -> None:
        keep_none_alive()  # see briefing.gui.none_guard
        QMainWindow.__init__(self)
        self.preferences = preferences or Preferences()
        self.window_state = window_state or WindowState()
        self.document = NoteDocument(self)
        self.article_view = ArticleView(self)
        self.sources_pane = SourcesPane(self.document, self.article_view, self)
        self.note_editor = NoteEditor(self.document, self)
        self.preview = PreviewPane(self.document, self.note_editor.flush, self)
        self.find_bar = FindBar(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        for widget, stretch in ((self.sources_pane, 5), (self.note_editor, 5), (self.preview, 4)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.indexOf(widget), stretch)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.splitter, 1)
        column.addWidget(self.find_bar)
        self.setCentralWidget(central)
        self.setAcceptDrops(True)
        self.setAccessibleName(APP_TITLE)
        self.busy_label = plain_label(QLabel(self))  # names files: text, never markup
        self.busy_bar = QProgressBar(self, minimum=0, maximum=0, maximumWidth=120, textVisible=False)
        self.busy_bar.setAccessibleName("Busy")
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.busy_bar)
        self.set_busy(None)
        self._build_actions()
        self._build_menus_and_toolbar()
        self.init_file_actions()
        self.init_source_actions()
        self.init_export_actions()
        self.document.library_warning.connect(lambda message: self.show_library_warning(message, "Saved; "))
        self.document.file_state_changed.connect(self.update_title)
        self.document.changed.connect(lambda target: target in ("header.title", "all") and self.update_title())
        self.document.changed.connect(lambda target: target in ("template", "all") and self.update_spelling())
        self.document.reset.connect(self._on_document_reset)
        self.note_editor.item_selected.connect(self.show_item_source)
        self.sources_pane.source_changed.connect(self.note_editor.source_fields.show_source)
        self.article_view.add_requested.connect(self.add_from_article)
        self.article_view.offset_clicked.connect(self.select_item_at)
        self.preview.setVisible(False)
        self._restore_window_state()
        self.update_title()
        if self.preferences.problem:  # an unreadable preferences file: the defaults, said once
            self.statusBar().showMessage(self.preferences.problem, 30000)

    # -- actions -------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str = "", icon_name: str | None = None,  # noqa: ANN001
                standard: QStyle.StandardPixmap | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip or text.replace('&', '').rstrip('.…')}" + (f" ({keys})" if keys else ""))
        action.setStatusTip(tip)
        if icon_name:
            action.setIcon(icon(icon_name))
        elif standard is not None:
            action.setIcon(self.style().standardIcon(standard))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        sp = QStyle.StandardPixmap
        self.new_action = self._action("&New from Article…", self.new_from_article_dialog, key.New,
                                       "Open a news article (text, HTML, DOCX or PDF) and draft a note", "new-article")
        self.clipboard_action = self._action("New from &Clipboard", self.new_from_clipboard, "Ctrl+Shift+V",
                                             "Draft a note from article text on the clipboard")
        self.open_action = self._action("&Open Project…", self.open_project_dialog, key.Open,
                                        "Open a saved .briefing project", standard=sp.SP_DialogOpenButton)
        self.save_action = self._action("&Save", self.save, key.Save, "Save the project",
                                        standard=sp.SP_DialogSaveButton)
        self.save_as_action = self._action("Save &As…", self.save_as, key.SaveAs, "Save the project under a new name")
        self.add_source_action = self._action("Add &Source…", self.add_source_dialog, "Ctrl+Shift+O",
                                              "Add another article about the same meeting to this note")
        self.library_action = self._action("&Library…", self.show_library, "Ctrl+L",
                                           "Search the notes saved before and open one")
        self.export_docx_action = self._action("Export &DOCX", lambda: self.quick_export("docx"), "Ctrl+E",
                                               "Export a Word document to the export folder", "export-docx")
        self.export_pdf_action = self._action("Export &PDF", lambda: self.quick_export("pdf"), "Ctrl+Shift+E",
                                              "Export a PDF to the export folder", "export-pdf")
        self.export_as_action = self._action("&Export As…", self.export_as, "Ctrl+Alt+E",
                                             "Choose where and in which format to export")
        self.quit_action = self._action("&Quit", self.close, key.Quit, "Close the composer")
        stack = self.document.undo_stack
        self.undo_action = self._action("&Undo", lambda: self.history(-1), key.Undo, "Undo", "undo")
        self.redo_action = self._action("&Redo", lambda: self.history(1), key.Redo, "Redo", "redo")
        redo_keys = [QKeySequence(key.Redo)]  # Ctrl+Shift+Z or Ctrl+Y, as the platform has it
        redo_keys += [QKeySequence(k) for k in ("Ctrl+Y", "Ctrl+Shift+Z") if QKeySequence(k) not in redo_keys]
        self.redo_action.setShortcuts(redo_keys)  # one key twice would be ambiguous and do nothing
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.indexChanged.connect(self._sync_undo_tooltips)
        self._sync_undo_tooltips()
        self.preferences_action = self._action("&Preferences…", self.edit_preferences, key.Preferences
                                               if not QKeySequence(key.Preferences).isEmpty() else "Ctrl+,",
                                               "Analyst name, organisation, export folder, defaults")
        self.check_action = self._action("&Check Note", self.run_check, "F9",
                                         "List problems that would spoil the export", "check")
        self.preview_action = self._action("PDF Pre&view", self.toggle_preview, "F8",
                                           "Show or hide the live PDF preview", "preview")
        self.preview_action.setCheckable(True)
        self.template_editor_action = self._action("Edit &Template…", self.edit_template, "Ctrl+T",
                                                   "Change sections, banner, logo, fonts and page of a template",
                                                   "template")
        self.focus_article_action = self._action("Go to &Article", self.article_view.text.setFocus, "Ctrl+1")
        self.focus_note_action = self._action("Go to &Note", self.note_editor.header_edits["title"].setFocus, "Ctrl+2")
        self.find_action = self._action("&Find…", self.find_bar.start, key.Find,
                                        "Find words in the article and the note")
        self.find_next_action = self._action("Find &Next", lambda: self.find_bar.step(1), "F3")
        self.find_previous_action = self._action("Find Pre&vious", lambda: self.find_bar.step(-1), "Shift+F3")
        self.print_action = self._action("&Print…", self.print_note, key.Print,
                                         "Print the note as it exports to PDF")
        self.about_action = self._action("&About", self.about, None, "About Briefing Composer")

    def _build_menus_and_toolbar(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        for action in (self.new_action, self.clipboard_action, self.open_action):
            file_menu.addAction(action)
        self.recent_menu = QMenu("Open &Recent", self)
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(self.library_action)
        file_menu.addSeparator()
        file_menu.addAction(self.add_source_action)
        file_menu.addSeparator()
        for action in (self.save_action, self.save_as_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        for action in (self.export_docx_action, self.export_pdf_action, self.export_as_action, self.print_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        for action in (self.find_action, self.find_next_action, self.find_previous_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences_action)
        view_menu = bar.addMenu("&View")
        for action in (self.focus_article_action, self.focus_note_action, self.preview_action):
            view_menu.addAction(action)
        view_menu.addSeparator()
        for number, box in enumerate(self.article_view.toggles.values(), 1):
            action = view_menu.addAction(f"Highlight {box.text()}")
            action.setCheckable(True)
            action.setChecked(box.isChecked())
            action.setShortcut(QKeySequence(f"Ctrl+Alt+{number}"))
            action.setToolTip(f"Show or hide highlighted {box.text().lower()} (Ctrl+Alt+{number})")
            action.toggled.connect(box.setChecked)
            box.toggled.connect(action.setChecked)
        note_menu = bar.addMenu("&Note")
        for number, (section, label) in enumerate(ADD_ACTIONS):
            action = note_menu.addAction(label.replace("Add as", "Add Selection as"))
            action.setShortcut(QKeySequence(f"Ctrl+Shift+{'PAQT'[number]}"))
            action.setToolTip(f"Add the words selected in the article to the note ({action.shortcut().toString()})")
            action.triggered.connect(lambda _=False, s=section: self.add_selection(s))
            self.addAction(action)
        note_menu.addSeparator()
        note_menu.addAction(self.check_action)
        note_menu.addAction(self.template_editor_action)
        bar.addMenu("&Help").addAction(self.about_action)
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main-toolbar")
        toolbar.setAccessibleName("Main toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.new_action, self.open_action, self.save_action, None, self.undo_action,
                       self.redo_action, None, self.export_docx_action, self.export_pdf_action, None):
            toolbar.addAction(action) if action else toolbar.addSeparator()
        toolbar.addWidget(QLabel(" Template: ", self))
        toolbar.addWidget(self.template_picker)
        for action in (self.template_editor_action, None, self.check_action, self.preview_action):
            toolbar.addAction(action) if action else toolbar.addSeparator()
        for action in (self.new_action, self.open_action, self.save_action, self.undo_action, self.redo_action,
                       self.template_editor_action):  # icons with tooltips: the toolbar fits 1280 px
            button = toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)

    def _sync_undo_tooltips(self) -> None:
        """Tooltips name the step; the labels stay "Undo" and "Redo" so the toolbar never shifts."""
        stack = self.document.undo_stack
        for action, text, able in ((self.undo_action, stack.undoText(), stack.canUndo()),
                                   (self.redo_action, stack.redoText(), stack.canRedo())):
            verb = action.text().replace("&", "")
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{verb} {text} ({keys})" if text else f"{verb} ({keys})")
            action.setStatusTip(f"{verb} {text}" if text else "")
            action.setEnabled(able)

    def history(self, step: int) -> None:
        """Undo (-1) or redo (1) in the note, after committing what is being typed."""
        self.note_editor.flush()
        stack = self.document.undo_stack
        stack.undo() if step < 0 else stack.redo()

    def command_keys(self) -> set[str]:
        """Shortcuts that run window commands even while a text field has the keyboard
        (see :func:`briefing.gui.text_fields.leave_to_window`)."""
        if not hasattr(self, "_command_keys"):
            actions = (self.save_action, self.save_as_action, self.export_docx_action, self.export_pdf_action,
                       self.export_as_action, self.find_action, self.find_next_action,
                       self.find_previous_action, self.print_action, self.check_action, self.preview_action,
                       self.new_action, self.open_action, self.quit_action, self.template_editor_action,
                       self.add_source_action, self.library_action)
            self._command_keys = {k.toString() for a in actions for k in a.shortcuts() if not k.isEmpty()}
        return self._command_keys

    # -- status --------------------------------------------------------------------
    def set_busy(self, message: str | None) -> None:
        """Show (message) or hide (None) the busy indicator."""
        self.busy_label.setText(message or "")
        self.busy_label.setVisible(bool(message))
        self.busy_bar.setVisible(bool(message))

    def show_library_warning(self, message: str, prefix: str = "") -> None:
        """A warning of the notes library (it could not index a note, or rebuilt an unusable
        index) in the status bar, and kept in the Library window if it is open."""
        text = f"{prefix}{message}" if prefix else message[:1].upper() + message[1:]
        self.statusBar().showMessage(text.rstrip(".") + ".", LIBRARY_WARNING_MS)
        library = self.__dict__.get("_library_window")
        if library is not None and library.isVisible():
            library.show_warning(message)

    def update_title(self) -> None:
        """"<note title> — <file>[*] — Briefing Composer"."""
        note = self.document.note
        title = " ".join(note.header.title.split()) if note is not None else ""
        parts = [title[:80]] if title else []
        self.setWindowTitle(" — ".join(parts + [f"{self.document.display_name}[*]", APP_TITLE]))
        self.setWindowModified(self.document.modified)

    def _on_document_reset(self) -> None:
        self.update_title()
        self.sync_template_picker()
        if self.__dict__.get("_spellers"):
            self.update_spelling()
        else:  # the first dictionary opens once the note is on screen, off the start-up path
            QTimer.singleShot(SPELLING_DELAY_MS, self, self.update_spelling)

    # -- spelling ------------------------------------------------------------------
    def update_spelling(self) -> None:
        """Spell-check in the template's language (``language`` key; en-GB when absent).

        A dictionary is opened on a worker thread the first time a language is needed
        (finding libenchant and reading a dictionary takes a moment), then kept."""
        from briefing.spelling import DEFAULT_LANGUAGE, proper_names

        if self.document.note is None:
            return
        try:
            language = getattr(self.current_template(), "language", "") or DEFAULT_LANGUAGE
        except Exception:  # noqa: BLE001 - an unknown template: the default language
            language = DEFAULT_LANGUAGE
        spellers = self.__dict__.setdefault("_spellers", {})
        if language not in spellers:
            spellers[language] = None  # being opened
            from briefing.gui.settings import data_dir
            from briefing.gui.workers import run_in_background

            self._speller_task = run_in_background(_open_speller, language, data_dir() / "dictionary.txt",
                                                   finished=self._on_speller_opened)
            return
        if spellers[language] is None:
            return  # still opening; it attaches when done
        speller, reason = spellers[language]
        if speller is None and not self.__dict__.get("_spelling_said"):
            self._spelling_said = True  # said once per session
            self.statusBar().showMessage(reason[:1].upper() + reason[1:] + ".", 15000)
        if speller is not None and self.document.article is not None:
            speller.ignored = proper_names(self.document.article.text)
        self.note_editor.set_speller(speller)

    def _on_speller_opened(self, result: tuple) -> None:
        language, opened = result
        self._spellers[language] = opened
        self.update_spelling()

    # -- provenance ----------------------------------------------------------------
    def show_item_source(self, section: str, item_id: str) -> None:
        """Note -> article: mark the item's words in the source shown, or switch to the first
        source that has them."""
        note = self.document.note
        found = note.find_item(item_id) if note else None
        if not found:
            return
        item, first = found[2], note.first_source_id
        shown = self.sources_pane.current_source_id or first
        spans = item.spans_in(shown, first)
        if not spans:
            other = next((sid for sid in item.source_ids(first) if item.spans_in(sid, first)), None)
            if other is not None and self.sources_pane.show_source(other):
                shown, spans = other, item.spans_in(other, first)
        self.article_view.show_spans(list(spans))

    def add_selection(self, section: str) -> None:
        """Keyboard route to the article's "Add as ..." context actions."""
        selection = self.article_view.selected_span()
        if selection is None:
            self.statusBar().showMessage("Select words in the article first (Ctrl+1 goes to the article).", 5000)
            return
        self.add_from_article(section, *selection)

    def select_item_at(self, offset: int) -> str | None:
        """Article -> note: select the item whose source holds ``offset`` (narrowest first)."""
        note = self.document.note
        if note is None:
            return None
        shown, first = self.sources_pane.current_source_id or note.first_source_id, note.first_source_id
        hits = [(end - start, section, item.id)
                for section in ("participants", "quotes", "agreements", "events", "themes")
                for item in note.section(section) for start, end in item.spans_in(shown, first)
                if start <= offset < end]
        if not hits:
            return None
        _, section, item_id = min(hits, key=lambda hit: hit[0])
        self.note_editor.sections[section].select_item(item_id)
        return item_id

    # -- library -------------------------------------------------------------------
    def show_library(self) -> None:
        """The Library window (one per composer window): search earlier notes, open one."""
        from briefing.gui.library_window import LibraryWindow

        window = self.__dict__.get("_library_window")
        if window is None:
            window = LibraryWindow(self)
            window.open_requested.connect(self._open_from_library)
            window.library_warning.connect(self.show_library_warning)
            self._library_window = window
        window.show()
        window.raise_()
        window.activateWindow()
        window.search()

    def _open_from_library(self, path: str) -> None:
        from pathlib import Path

        self.open_project(Path(path))

    # -- window state --------------------------------------------------------------
    def _restore_window_state(self) -> None:
        if self.window_state.geometry is not None:
            self.restoreGeometry(self.window_state.geometry)
        else:
            self.resize(1400, 860)
        if self.window_state.splitter is not None:
            self.splitter.restoreState(self.window_state.splitter)

    def save_window_state(self) -> None:
        self.window_state.geometry = self.saveGeometry()
        self.window_state.splitter = self.splitter.saveState()
        self.window_state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.note_editor.flush()
        self.autosaver.save_now()  # what was just typed is safe even if the question is never answered
        if not self.confirm_discard("closing"):
            event.ignore()
            return
        self.save_window_state()
        self.stop_adding_sources()
        self.autosaver.discard()
        self.preview.cleanup()
        event.accept()

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from briefing import __version__
        QMessageBox.about(self, f"About {APP_TITLE}",
                          f"<b>{APP_TITLE}</b> {__version__}<p>News article → briefing note.</p>")
