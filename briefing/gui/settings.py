"""Preferences and window state, kept apart.

Preferences (what the analyst chooses) are declared once, typed, in the Qt-free core
(:mod:`briefing.preferences`) and kept in ``preferences.toml``, the file the
``briefing`` command reads too; this module re-exports them for the composer.  Window
state (geometry, splitter sizes, recent files, last project) is the composer's own and
lives in a QSettings INI file (``window.ini``) beside it, so resetting one never loses the
other.  Both sit in the per-user config folder, or in ``$BRIEFING_DATA_DIR`` when that is
set (tests point it at a temporary folder so they never touch real user settings).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from briefing.preferences import Preference, Preferences
from briefing.userdirs import APP_NAME, config_dir, data_dir

__all__ = ["APP_NAME", "MAX_RECENT_FILES", "Preference", "Preferences", "WindowState",
           "config_dir", "data_dir"]

MAX_RECENT_FILES = 8


def _settings_file(name: str) -> QSettings:
    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / name), QSettings.Format.IniFormat)


class WindowState:
    """Geometry, splitter sizes, recent files and last project (``window.ini``)."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store or _settings_file("window.ini")

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._store.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._store.setValue("window/geometry", value)

    @property
    def splitter(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    @splitter.setter
    def splitter(self, value: QByteArray) -> None:
        self._store.setValue("window/splitter", value)

    @property
    def recent_files(self) -> list[str]:
        value = self._store.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or []) if v]

    def add_recent_file(self, path: str | Path) -> None:
        path = str(Path(path).resolve())
        files = [path] + [f for f in self.recent_files if f != path]
        self._store.setValue("files/recent", files[:MAX_RECENT_FILES])
        self._store.sync()

    def clear_recent_files(self) -> None:
        self._store.setValue("files/recent", [])

    @property
    def last_project(self) -> str | None:
        value = self._store.value("files/last_project")
        return str(value) if value else None

    @last_project.setter
    def last_project(self, value: str | Path | None) -> None:
        self._store.setValue("files/last_project", str(value) if value else "")
        self._store.sync()

    def sync(self) -> None:
        self._store.sync()
