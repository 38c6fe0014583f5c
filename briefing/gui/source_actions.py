"""Adding sources to the open note: File > Add Source…, the pane's "+ Source" and drag and drop.

A mixin of :class:`~briefing.gui.main_window.MainWindow`. Each article is read (in a
bounded worker process, like a new note's) and its facts extracted off the GUI thread;
back on the GUI thread the document applies :func:`briefing.note.merge.add_source`
through its undo stack (one step, "Add source Reuters"), the new source's tab is shown
and the status bar says how many of its items were already in the note and how many
conflicts wait for a choice. Articles dropped on a window with an open note are added as
sources; a dropped project, or articles dropped on an empty window, open as before (the
first article drafts the note, the others are added once it is drafted).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

from briefing.gui.document import PROJECT_SUFFIX
from briefing.gui.workers import run_in_background

if TYPE_CHECKING:
    from briefing.article import Article


def read_and_extract(path: Path) -> tuple[Path, Article, Any]:
    """Worker body: the article in ``path`` (read in a worker process stopped after the batch
    time limit, as a new note's article is) and its extraction; raises IngestError naming the file."""
    from briefing.extract import extract
    from briefing.gui.file_actions import read_article_file

    article = read_article_file(path)
    return path, article, extract(article)


class SourceActions:
    """Add Source behaviour for the main window (mixin)."""

    def init_source_actions(self) -> None:
        self._source_tasks: dict[Any, Any] = {}  # task -> the note it adds to
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
        from briefing.gui import preload

        preload.start()
        for path in paths:
            task = run_in_background(read_and_extract, Path(path), finished=self._on_source_extracted,
                                     failed=self._on_source_failed)
            self._source_tasks[task] = note
        self.set_busy(f"Adding {len(self._source_tasks)} source{'s' if len(self._source_tasks) > 1 else ''}…")
        return True

    def _on_source_extracted(self, result: tuple[Path, Article, Any]) -> None:
        from briefing.note.edits import EditError
        from briefing.note.merge import add_source, source_label

        note = self._source_tasks.pop(self.sender(), None)
        self._sources_settled()
        path, article, extraction = result
        if note is None or note is not self.document.note:
            return  # another note was opened meanwhile
        self.note_editor.flush()
        try:
            self.document.edit(add_source, article, extraction)
        except EditError as exc:
            self.show_error("Could not add the source", f"{path}: {exc}", "The note is unchanged.")
            return
        source = note.sources[-1]
        self.sources_pane.show_source(source.id)
        shared = sum(1 for s in ("participants", "agreements", "themes", "quotes", "events")
                     for item in note.section(s) if any(c.source == source.id for c in item.citations))
        conflicts = sum(1 for s in ("participants", "agreements", "themes", "quotes", "events")
                        for item in note.section(s) for c in item.conflicts
                        if source.id in c.values and not c.chosen)
        self.statusBar().showMessage(
            f"Added {source_label(source)} as source {len(note.sources)}: {shared} items also in earlier "
            f"sources, {conflicts} conflict{'s' if conflicts != 1 else ''} to decide (Undo removes it).", 12000)

    def _on_source_failed(self, message: str) -> None:
        from briefing.gui.file_actions import first_line

        self._source_tasks.pop(self.sender(), None)
        self._sources_settled()
        self.show_error("Could not add the source", first_line(message),
                        "Check that the file is a news article in text, HTML, DOCX or PDF form.")

    def _sources_settled(self) -> None:
        left = len(self._source_tasks)
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
