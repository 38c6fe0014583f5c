"""Nothing lost: autosave a few seconds after each change, and recovery after a crash.

While a modified note is open, :class:`Autosaver` copies it (a normal ``.briefing``
project, written atomically by the core) to ``<data dir>/autosave/`` :data:`DELAY_MS`
after the last change, at least every few seconds while typing goes on, and whenever the
application loses focus.  Each session writes its own copy (``autosave-<pid>-<n>.briefing``)
with a small JSON file naming the project it belongs to and the process that wrote it.
A save or a clean exit removes the session's copy, so a copy found at start-up whose
process no longer runs means that session ended without saving: :func:`pending_recovery`
reports the newest.  Recovered work stays backed by a copy (the new session's) until the
analyst saves it; an autosave file is never the document's path nor a recent file.
"""
from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from briefing.fileio import read_text_bounded
from briefing.gui.document import NoteDocument
from briefing.gui.settings import data_dir
from briefing.gui.text_fields import typing_activity

PREFIX = "autosave-"
DELAY_MS = 1500  # after the last change


def autosave_dir() -> Path:
    return data_dir() / "autosave"


@dataclass(frozen=True)
class Recovery:
    """An autosaved copy left by a session that did not end cleanly."""

    path: Path  # the autosaved project
    original: Path | None  # the project file it belonged to, if it had one
    saved_at: str  # local time, for the question shown to the analyst


def _meta_path(copy: Path) -> Path:
    return copy.with_suffix(".json")


MAX_META_BYTES = 64 * 1024
"""The largest autosave record read (a few lines of JSON)."""


def _read_meta(copy: Path) -> dict:
    try:
        meta = json.loads(read_text_bounded(_meta_path(copy), MAX_META_BYTES, what="autosave record"))
    except (OSError, ValueError):  # ReadError is an OSError, UnicodeDecodeError a ValueError
        return {}
    return meta if isinstance(meta, dict) else {}


def _alive(pid: object) -> bool:
    """Whether another process ``pid`` still runs (its copy is live work, not a crash)."""
    if not isinstance(pid, int) or pid <= 0 or pid == os.getpid() or os.name != "posix":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def autosave_copies(folder: Path | None = None) -> list[Path]:
    """Every autosaved project in ``folder``, newest first."""
    folder = folder or autosave_dir()
    try:
        copies = [p for p in folder.glob(f"{PREFIX}*.briefing") if p.is_file()]
    except OSError:
        return []
    return sorted(copies, key=lambda p: p.stat().st_mtime, reverse=True)


def pending_recovery(folder: Path | None = None, exclude: tuple[Path, ...] = ()) -> Recovery | None:
    """The newest copy left by a session that is no longer running (``exclude``: our own)."""
    for copy in autosave_copies(folder):
        if copy in exclude:
            continue
        meta = _read_meta(copy)
        if _alive(meta.get("pid")):
            continue
        original = meta.get("original")
        saved_at = meta.get("saved_at") or datetime.fromtimestamp(copy.stat().st_mtime).isoformat(" ", "seconds")
        return Recovery(copy, Path(original) if isinstance(original, str) and original else None, str(saved_at))
    return None


def discard_autosave(copy: Path) -> None:
    """Remove one autosaved copy and its description."""
    for path in (copy, _meta_path(copy)):
        try:
            path.unlink()
        except FileNotFoundError:
            pass


class Autosaver(QObject):
    """Keeps this session's recovery copy of a modified document up to date."""

    saved = Signal(str)  # path of the copy
    failed = Signal(str)  # what went wrong

    def __init__(self, document: NoteDocument, interval_seconds: int,
                 flush: Callable[[], None] = lambda: None, folder: Path | None = None) -> None:
        super().__init__(document)
        self.document, self.flush = document, flush
        self.folder = folder or autosave_dir()
        self.path = self.folder / f"{PREFIX}{os.getpid()}-{time.time_ns() & 0xFFFFFFFF:08x}.briefing"
        self.timer = QTimer(self, interval=max(5, interval_seconds) * 1000)  # while typing goes on
        self.timer.timeout.connect(self.save_now)
        self.timer.start()
        self.soon = QTimer(self, singleShot=True, interval=DELAY_MS)  # after the last change
        self.soon.timeout.connect(self.save_now)
        app = QGuiApplication.instance()
        if app is not None:
            app.applicationStateChanged.connect(self._on_state_changed)
        document.file_state_changed.connect(self._on_file_state)
        document.changed.connect(self._on_change)
        document.reset.connect(self._on_change)
        # typing not yet committed by its field counts too: save_now() commits it first
        typing_activity.typed.connect(self.soon.start)
        self._generation = 0  # bumped on every change; the copy is rewritten only when it moved
        self._saved_generation = -1

    def set_interval(self, seconds: int) -> None:
        self.timer.setInterval(max(5, seconds) * 1000)

    def _on_change(self, *_args: object) -> None:
        self._generation += 1
        self.soon.start()

    def _on_state_changed(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self.save_now()

    def _on_file_state(self) -> None:
        if not self.document.modified:  # just saved (or back to the saved state): the copy is stale
            self.discard()

    def save_now(self) -> Path | None:
        """Write the recovery copy if there is unsaved work; returns its path."""
        self.soon.stop()
        self.flush()  # what is being typed counts
        if not self.document.modified or self.document.article is None or self.document.note is None:
            return None
        if self._generation == self._saved_generation and self.path.is_file():
            return self.path  # nothing changed since the last copy
        try:
            from briefing.fileio import atomic_write_text

            self.folder.mkdir(parents=True, exist_ok=True)
            self.document.write_copy(self.path)
            meta = {"original": str(self.document.path) if self.document.path else None,
                    "saved_at": datetime.now().isoformat(" ", "seconds"), "pid": os.getpid()}
            atomic_write_text(_meta_path(self.path), json.dumps(meta))
        except Exception as exc:  # noqa: BLE001 - autosave must never take the app down
            self.failed.emit(f"Autosave to {self.folder} failed: {exc}")
            return None
        self._saved_generation = self._generation
        self.saved.emit(str(self.path))
        return self.path

    def adopt(self, recovery: Recovery) -> None:
        """Recovered work becomes this session's: copy it now, then drop the old copy."""
        self._generation += 1
        if self.save_now() is not None:
            discard_autosave(recovery.path)

    def pending_recovery(self) -> Recovery | None:
        return pending_recovery(self.folder, exclude=(self.path,))

    def discard(self) -> None:
        """Remove this session's copy (saved, or closed on purpose)."""
        self.soon.stop()
        discard_autosave(self.path)
        self._saved_generation = -1
