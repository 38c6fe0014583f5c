"""Adding sources to the open note: File > Add Source…, the pane's "+ Source" and drag and drop.

A mixin of :class:`~briefing.gui.main_window.MainWindow`. Each article is read and its
facts extracted in the composer's extraction process (:mod:`briefing.gui.child_extraction`),
one file after the other, its answers waited for on a pool thread, so the language model
never loads in the window's process. When that process is busy with another article,
died, or is turned off, the file is read in a bounded worker process and extracted on a
pool thread, as before. Back on the GUI thread the document applies
:func:`briefing.note.merge.add_source` through its undo stack (one step, "Add source
Reuters"), the new source's tab is shown and the status bar says how many of its items
were already in the note and how many conflicts wait for a choice. An unreadable file, a
time limit or the memory limit passed is one line in an error box; closing the window
stops the sources still being read. Articles dropped on a window with an open note are
added as sources; a dropped project, or articles dropped on an empty window, open as
before (the first article drafts the note, the others are added once it is drafted).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

from briefing.gui import child_extraction
from briefing.gui.document import PROJECT_SUFFIX
from briefing.gui.workers import Task, run_in_background

if TYPE_CHECKING:
    from briefing.article import Article
    from briefing.extraction_process import ExtractionProcess
    from briefing.note.model import Note

SECTIONS = ("participants", "agreements", "themes", "quotes", "events")


def read_and_extract(path: Path) -> tuple[Path, Article, Any]:
    """Worker body: the article in ``path`` (read in a worker process stopped after the batch
    time limit, as a new note's article is) and its extraction; raises IngestError naming the file."""
    from briefing.extract import extract
    from briefing.gui.file_actions import read_article_file

    article = read_article_file(path)
    return path, article, extract(article)


def extract_here(path: Path, article: Article) -> tuple[Path, Article, Any]:
    """Worker body: the extraction of an article the extraction process read but did not extract."""
    from briefing.extract import extract

    return path, article, extract(article)


def read_in_child(child: ExtractionProcess, path: Path) -> tuple[Path, Any, Any]:
    """Worker body: the Article and the Extraction the extraction process made of ``path``;
    a ChildFailure in place of the first it could not give (and None after it)."""
    from briefing.extraction_process import ChildFailure

    article = child.article()
    if isinstance(article, ChildFailure):
        return path, article, None
    return path, article, child.extraction()


class SourceActions:
    """Add Source behaviour for the main window (mixin)."""

    def init_source_actions(self) -> None:
        self._source_tasks: dict[Task, Note] = {}  # task -> the note it adds to
        self._sources_waiting: list[tuple[Path, Note]] = []  # for the extraction process, in turn
        self._child_source: tuple[Task, ExtractionProcess] | None = None  # the one it is on
        self._queued_sources: list[Path] = []
        self.sources_pane.add_requested.connect(self.add_source_dialog)
        self.extraction_displayed.connect(self._add_queued_sources)

    def add_source_dialog(self) -> None:
        from briefing.gui.file_actions import article_filter

        if self.document.note is None:
            self.statusBar().showMessage("Open or draft a note first; then add further articles to it.", 6000)
            return
        names, _ = QFileDialog.getOpenFileNames(self, "Add source to the note", "", article_filter())
        if names:
            self.add_source_files([Path(n) for n in names])

    def add_source_files(self, paths: list[Path]) -> bool:
        """Read, extract and merge each article into the open note (in the background)."""
        note = self.document.note
        if note is None:
            self.statusBar().showMessage("Open or draft a note first; then add further articles to it.", 6000)
            return False
        self._sources_waiting += [(Path(path), note) for path in paths]
        self._next_source()
        self._sources_settled()
        return True

    def stop_adding_sources(self) -> None:
        """Forget the sources still being read (the window is closing): the extraction
        process stops the one it is on."""
        self._sources_waiting.clear()
        if self._child_source is not None:
            task, child = self._child_source
            self._child_source = None
            self._source_tasks.pop(task, None)
            child.cancel()
        self._source_tasks.clear()
        self._sources_settled()

    def _next_source(self) -> None:
        """Give the extraction process the next waiting file (when it is free); a file it
        cannot take is read and extracted here."""
        while self._child_source is None and self._sources_waiting:
            path, note = self._sources_waiting.pop(0)
            if note is not self.document.note:
                continue  # another note was opened meanwhile
            child = child_extraction.claim_idle(path)
            if child is None:
                self._add_source_here(read_and_extract, path, note)
                continue
            task = run_in_background(read_in_child, child, path, finished=self._on_child_source,
                                     failed=self._on_source_failed)
            self._source_tasks[task] = note
            self._child_source = (task, child)

    def _add_source_here(self, work, path: Path, note: Note, *args: Any) -> None:  # noqa: ANN001
        from briefing.gui import preload

        preload.start()  # the language model loads while the article is read
        task = run_in_background(work, path, *args, finished=self._on_source_extracted,
                                 failed=self._on_source_failed)
        self._source_tasks[task] = note

    def _on_child_source(self, result: tuple[Path, Any, Any]) -> None:
        from briefing.extraction_process import ChildFailure

        task = self.sender()
        note = self._source_tasks.pop(task, None)
        if self._child_source is not None and self._child_source[0] is task:
            self._child_source = None
        path, article, extraction = result
        failure = article if isinstance(article, ChildFailure) else extraction
        if note is not None and isinstance(failure, ChildFailure) and failure.fall_back:
            if isinstance(article, ChildFailure):  # the process died or failed: the work is done here
                self._add_source_here(read_and_extract, path, note)
            else:
                self._add_source_here(extract_here, path, note, article)
        self._next_source()
        self._sources_settled()
        if note is None or (isinstance(failure, ChildFailure) and failure.fall_back):
            return  # stopped (the window is closing), or being done here
        if not isinstance(failure, ChildFailure):
            self._merge_source(note, path, article, extraction)
        elif failure.reason == "cancelled":
            self.statusBar().showMessage(f"Stopped adding {path.name}.", 8000)
        else:  # unreadable, or over the time or memory limit: doing it here would fail again
            message = failure.message if path.name in failure.message else f"{path.name}: {failure.message}"
            self._source_failed(message, unreadable=failure.reason == "unreadable")

    def _on_source_extracted(self, result: tuple[Path, Article, Any]) -> None:
        note = self._source_tasks.pop(self.sender(), None)
        self._sources_settled()
        if note is not None:
            self._merge_source(note, *result)

    def _merge_source(self, note: Note, path: Path, article: Article, extraction: Any) -> None:
        from briefing.note.edits import EditError
        from briefing.note.merge import add_source, source_label

        if note is not self.document.note:
            return  # another note was opened meanwhile
        self.note_editor.flush()
        try:
            self.document.edit(add_source, article, extraction)
        except EditError as exc:
            self.show_error("Could not add the source", f"{path}: {exc}", "The note is unchanged.")
            return
        source = note.sources[-1]
        self.sources_pane.show_source(source.id)
        shared = sum(1 for s in SECTIONS for item in note.section(s)
                     if any(c.source == source.id for c in item.citations))
        conflicts = sum(1 for s in SECTIONS for item in note.section(s) for c in item.conflicts
                        if source.id in c.values and not c.chosen)
        self.statusBar().showMessage(
            f"Added {source_label(source)} as source {len(note.sources)}: {shared} items also in earlier "
            f"sources, {conflicts} conflict{'s' if conflicts != 1 else ''} to decide (Undo removes it).", 12000)

    def _on_source_failed(self, message: str) -> None:
        from briefing.gui.file_actions import first_line

        task = self.sender()
        known = self._source_tasks.pop(task, None) is not None
        if self._child_source is not None and self._child_source[0] is task:
            self._child_source = None
            self._next_source()
        self._sources_settled()
        if known:
            self._source_failed(first_line(message))

    def _source_failed(self, line: str, *, unreadable: bool = True) -> None:
        self.show_error("Could not add the source", line,
                        "Check that the file is a news article in text, HTML, DOCX or PDF form."
                        if unreadable else "The note is unchanged.")

    def _sources_settled(self) -> None:
        left = len(self._source_tasks) + len(self._sources_waiting)
        self.set_busy(f"Adding {left} source{'s' if left > 1 else ''}…" if left else None)

    def _add_queued_sources(self) -> None:
        queued, self._queued_sources = self._queued_sources, []
        if queued and self.document.note is not None:
            self.add_source_files(queued)

    # -- drag and drop -------------------------------------------------------------
    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        articles = [f for f in files if f.suffix.lower() != PROJECT_SUFFIX]
        if not files:
            return
        event.acceptProposedAction()
        if articles and len(articles) == len(files) and self.document.note is not None:
            self.add_source_files(articles)  # onto an open note: more sources
            return
        if len(articles) == len(files) and len(articles) > 1 and self.open_path(articles[0]):
            self._queued_sources = articles[1:]  # added once the first is drafted
            return
        self.open_path(files[0])
