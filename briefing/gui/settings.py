"""Preferences and window state, kept apart, both in QSettings INI files.

Preferences (what the analyst chooses) are declared once below, each with its type, its
default and a label for the preferences dialog.  Window state (geometry, splitter sizes,
recent files, last project) lives in a second file so that resetting one never loses the
other.  Both files sit in the per-user config folder, or in ``$BRIEFING_DATA_DIR`` when that
is set (tests point it at a temporary folder so they never touch real user settings).
The autosave folder is under the per-user data folder (same override).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import platformdirs
from PySide6.QtCore import QByteArray, QSettings

APP_NAME = "briefing-composer"
MAX_RECENT_FILES = 8
T = TypeVar("T")


def config_dir() -> Path:
    """Where the settings files live."""
    override = os.environ.get("BRIEFING_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))


def data_dir() -> Path:
    """Per-user data folder (autosaves); ``$BRIEFING_DATA_DIR`` overrides it."""
    override = os.environ.get("BRIEFING_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def _settings_file(name: str) -> QSettings:
    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / name), QSettings.Format.IniFormat)


@dataclass(frozen=True)
class Preference(Generic[T]):
    """One preference: its key, typed default and the label shown to the analyst."""

    default: T
    label: str
    tooltip: str = ""
    name: str = ""

    def __set_name__(self, owner: type, name: str) -> None:
        object.__setattr__(self, "name", name)

    def __get__(self, obj: Preferences | None, owner: type) -> Any:
        if obj is None:
            return self
        return obj.get(self.name)

    def __set__(self, obj: Preferences, value: T) -> None:
        obj.set(self.name, value)


def _coerce(value: Any, default: Any) -> Any:
    """QSettings INI files give strings back; turn them into the default's type."""
    if isinstance(default, bool):
        return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes")
    if isinstance(default, int):
        try:
            return int(value)
        except (TypeError, ValueError):
            return default
    return str(value) if value is not None else default


class Preferences:
    """The analyst's preferences, typed, with defaults (``preferences.ini``)."""

    analyst_name = Preference("", "Analyst name", "Printed in the note header as the author")
    organisation = Preference("", "Organisation", "Printed in the note header")
    default_template = Preference("ministerial", "Default template",
                                  "Template used for new notes and exports")
    export_folder = Preference(str(Path.home() / "Documents" / "Briefings"), "Export folder",
                               "Where Export DOCX and Export PDF write without asking")
    default_classification = Preference("OFFICIAL", "Default classification",
                                        "Classification marking for new notes")
    autosave_seconds = Preference(60, "Autosave interval (seconds)",
                                  "How often unsaved work is copied to the recovery folder")

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store or _settings_file("preferences.ini")

    @classmethod
    def declared(cls) -> list[Preference[Any]]:
        """Every preference, in declaration order (for the preferences dialog)."""
        return [v for v in vars(cls).values() if isinstance(v, Preference)]

    def get(self, name: str) -> Any:
        pref = vars(type(self))[name]
        return _coerce(self._store.value(f"preferences/{name}", pref.default), pref.default)

    def set(self, name: str, value: Any) -> None:
        pref = vars(type(self))[name]
        self._store.setValue(f"preferences/{name}", _coerce(value, pref.default))
        self._store.sync()


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
