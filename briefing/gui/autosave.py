"""Nothing lost: periodic and focus-loss autosave, and recovery after a crash.

While a modified note is open, :class:`Autosaver` copies it (a normal ``.briefing``
project, written atomically by the core) to ``<data dir>/autosave/`` every few seconds
and whenever the application loses focus, with a small JSON file naming the project it
belongs to.  A clean exit or a save removes the copy, so a copy found at start-up means
the last session ended without saving: :func:`pending_recovery` reports it.
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from briefing.gui.document import NoteDocument
from briefing.gui.settings import data_dir

AUTOSAVE_NAME = "autosave.briefing"
META_NAME = "autosave.json"


def autosave_dir() -> Path:
    return data_dir() / "autosave"


@dataclass(frozen=True)
class Recovery:
    """An autosaved copy left by a session that did not end cleanly."""

    path: Path  # the autosaved project
    original: Path | None  # the project file it belonged to, if it had one
    saved_at: str  # local time, for the question shown to the analyst


def pending_recovery(folder: Path | None = None) -> Recovery | None:
    folder = folder or autosave_dir()
    project = folder / AUTOSAVE_NAME
    if not project.is_file():
        return None
    try:
        meta = json.loads((folder / META_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        meta = {}
    original = meta.get("original")
    saved_at = meta.get("saved_at") or datetime.fromtimestamp(project.stat().st_mtime).isoformat(" ", "seconds")
    return Recovery(project, Path(original) if original else None, saved_at)


def discard_autosave(folder: Path | None = None) -> None:
    folder = folder or autosave_dir()
    for name in (AUTOSAVE_NAME, META_NAME):
        try:
            (folder / name).unlink()
        except FileNotFoundError:
            pass


class Autosaver(QObject):
    """Saves a recovery copy of a modified document on a timer and on focus loss."""

    saved = Signal(str)  # path of the copy
    failed = Signal(str)  # what went wrong

    def __init__(self, document: NoteDocument, interval_seconds: int,
                 flush: Callable[[], None] = lambda: None, folder: Path | None = None) -> None:
        super().__init__(document)
        self.document, self.flush = document, flush
        self.folder = folder or autosave_dir()
        self.timer = QTimer(self, interval=max(5, interval_seconds) * 1000)
        self.timer.timeout.connect(self.save_now)
        self.timer.start()
        app = QGuiApplication.instance()
        if app is not None:
            app.applicationStateChanged.connect(self._on_state_changed)
        document.file_state_changed.connect(self._on_file_state)
        document.changed.connect(self._bump)
        document.reset.connect(self._bump)
        self._generation = 0  # bumped on every change; the copy is rewritten only when it moved
        self._saved_generation = -1

    def _bump(self, *_args: object) -> None:
        self._generation += 1

    def _on_state_changed(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self.save_now()

    def _on_file_state(self) -> None:
        if not self.document.modified:  # just saved: the recovery copy is stale
            self.discard()

    def save_now(self) -> Path | None:
        """Write the recovery copy if there is unsaved work; returns its path."""
        if not self.document.modified or self.document.article is None or self.document.note is None:
            return None
        self.flush()
        target = self.folder / AUTOSAVE_NAME
        if self._generation == self._saved_generation and target.is_file():
            return target  # nothing changed since the last copy
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.document.write_copy(target)
            meta = {"original": str(self.document.path) if self.document.path else None,
                    "saved_at": datetime.now().isoformat(" ", "seconds"), "pid": os.getpid()}
            tmp = self.folder / f".{META_NAME}.tmp"
            tmp.write_text(json.dumps(meta), encoding="utf-8")
            os.replace(tmp, self.folder / META_NAME)
        except Exception as exc:  # noqa: BLE001 - autosave must never take the app down
            self.failed.emit(f"Autosave to {self.folder} failed: {exc}")
            return None
        self._saved_generation = self._generation
        self.saved.emit(str(target))
        return target

    def discard(self) -> None:
        discard_autosave(self.folder)
        self._saved_generation = -1
