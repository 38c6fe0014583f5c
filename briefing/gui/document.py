"""The open document: one Note with its Article, Extraction, file and undo stack.

:class:`NoteDocument` is the only place the GUI changes a note: :meth:`NoteDocument.edit`
calls a function of :mod:`briefing.note.edits` and pushes the returned undo as an
:class:`~briefing.gui.commands.EditCommand`.  Views listen to :attr:`changed` (which
section or field changed) and :attr:`reset` (a whole new note).  "Modified" is simply
``not undo_stack.isClean()``: a note just drafted from an article is not modified until
the analyst changes it; recovered work counts as modified until it is saved.

``article`` and ``extraction`` are the note's first source's; a note with several sources
holds the others' in ``note.sources`` (:meth:`NoteDocument.source_texts`). Saving also
indexes the note in the user's notes library (:mod:`briefing.library.indexing`); a library
that cannot take it is reported through :attr:`library_warning`, the file is saved.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from briefing.gui.commands import EditCommand

if TYPE_CHECKING:
    from briefing.article import Article
    from briefing.extract.schema import Extraction
    from briefing.note.model import Note

PROJECT_SUFFIX = ".briefing"


class NoteDocument(QObject):
    """Holds what is being edited; emits what changed."""

    changed = Signal(str)  # a section name, a field path ("header.title") or "all"
    reset = Signal()  # a new article/note was loaded (note may still be None while extracting)
    file_state_changed = Signal()  # path or modified flag changed
    library_warning = Signal(str)  # the notes library could not index a saved note

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(lambda _clean: self.file_state_changed.emit())
        self.article: Article | None = None
        self.extraction: Extraction | None = None
        self.note: Note | None = None
        self.path: Path | None = None  # the .briefing file, None until saved
        self._never_saved = False

    # -- state ---------------------------------------------------------------------
    @property
    def modified(self) -> bool:
        return self.note is not None and (self._never_saved or not self.undo_stack.isClean())

    @property
    def display_name(self) -> str:
        if self.path:
            return self.path.name
        if self.article is not None and self.article.path:
            return f"{Path(self.article.path).name} (not saved)"
        return "Untitled"

    def mark_unsaved(self) -> None:
        """Count the note as modified even at the stack's clean state (recovered work)."""
        self._never_saved = True
        self.file_state_changed.emit()

    def forget_changes(self) -> None:
        """Count the note as saved (screenshot mode, benchmarks, test teardown)."""
        self._never_saved = False
        self.undo_stack.setClean()
        self.file_state_changed.emit()

    def set_content(self, article: Article, extraction: Extraction | None, note: Note | None,
                    path: Path | None = None) -> None:
        """Replace everything (new article, opened project, recovered autosave)."""
        self.article, self.extraction, self.note = article, extraction, note
        self.path = Path(path) if path else None
        self._never_saved = False
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.reset.emit()
        self.file_state_changed.emit()

    def set_drafted(self, extraction: Extraction, note: Note) -> None:
        """The worker finished: attach the extraction and the drafted note."""
        self.extraction, self.note = extraction, note
        self.undo_stack.clear()
        self.reset.emit()
        self.file_state_changed.emit()

    # -- editing -------------------------------------------------------------------
    def edit(self, edit_function: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Apply ``edit_function(note, *args, **kwargs)`` and make it undoable.

        Raises :class:`briefing.note.edits.EditError` (note unchanged) on bad input."""
        if self.note is None:
            return
        undo_edit = edit_function(self.note, *args, **kwargs)
        self.undo_stack.push(EditCommand(self, undo_edit))

    def notify(self, target: str) -> None:
        self.changed.emit(target)

    def source_texts(self, source_id: str):  # noqa: ANN201 - (Article | None, Extraction | None)
        """The article and extraction of a note source ("" or the first: the document's own)."""
        note = self.note
        source = note.source_by_id(source_id) if note is not None else None
        if source is None or (note is not None and source is note.sources[0]):
            return self.article, self.extraction
        return source.article, source.extraction

    # -- files ---------------------------------------------------------------------
    def project(self):  # noqa: ANN201 - briefing.note.project.Project
        from briefing.note.project import Project

        return Project(note=self.note, article=self.article, extraction=self.extraction)

    def save(self, path: Path | None = None) -> Path:
        """Save atomically to ``path`` (or the current file); raises ProjectError/OSError."""
        from briefing.note.project import save_project

        target = Path(path or self.path)
        if target.suffix != PROJECT_SUFFIX:
            target = target.with_suffix(PROJECT_SUFFIX)
        project = self.project()
        save_project(target, project)
        self.path = target
        self._never_saved = False
        self.undo_stack.setClean()
        self.file_state_changed.emit()
        from briefing.library.indexing import index_saved_note

        index_saved_note(target, project, warn=self.library_warning.emit)
        return target

    def write_copy(self, path: Path) -> None:
        """Save a copy (autosave) without touching the file name or clean state."""
        from briefing.note.project import save_project

        save_project(Path(path), self.project())

    def open(self, path: Path) -> None:
        """Load a ``.briefing`` project; raises ProjectError with a clear message."""
        from briefing.note.project import load_project
        from briefing.safe_text import on_disk

        path = Path(on_disk(path))  # a name the library shows with U+FFFD: the file itself, saved again
        project = load_project(path)
        self.set_content(project.article, project.extraction, project.note, path)

    def recover(self, autosave: Path, original: Path | None) -> None:
        """Load an autosaved copy as unsaved work belonging to ``original`` (None: never saved);
        raises ProjectError.  The autosave file is never the document's path."""
        from briefing.note.project import load_project

        project = load_project(Path(autosave))
        self.article, self.extraction, self.note = project.article, project.extraction, project.note
        self.path = Path(original) if original else None
        self._never_saved = True
        self.undo_stack.clear()
        self.reset.emit()
        self.file_state_changed.emit()
