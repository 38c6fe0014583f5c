"""The analyst's preferences: declared once, typed, with defaults; one file for CLI and composer.

Each preference is a :class:`Preference` in :data:`DECLARED` (name, default, label,
tooltip); its type is its default's type. They are kept in ``preferences.toml`` in the
per-user config folder (:func:`briefing.userdirs.config_dir`), written atomically, and
read by ``briefing export`` (analyst, organisation, reference prefix, default template)
as well as by the composer's Preferences dialog. Window state (geometry, splitter, recent
files) is not a preference: the composer keeps it apart (``briefing/gui/settings.py``).

A ``preferences.ini`` left by earlier versions of the composer is read once and carried
over when ``preferences.toml`` does not exist yet. Both are read bounded
(:func:`briefing.fileio.read_bounded`, :data:`MAX_BYTES`): a file that cannot be read
(too large, not a regular file, not UTF-8, not TOML) gives the defaults, never stops the
program, and is logged once (:attr:`Preferences.problem` says why); the first change
written then keeps the unreadable file aside as ``preferences.toml.unusable``. Values of
the wrong type are ignored.
"""
from __future__ import annotations

import configparser
import contextlib
import logging
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from briefing.fileio import ReadError, read_text_bounded
from briefing.userdirs import config_dir

T = TypeVar("T")
FILE_NAME = "preferences.toml"
LEGACY_FILE = "preferences.ini"
MAX_BYTES = 1024 * 1024
"""The largest preferences file read (a real one is a few hundred bytes)."""
log = logging.getLogger(__name__)
_LOGGED: set[str] = set()


@dataclass(frozen=True)
class Preference(Generic[T]):
    """One preference: its key, typed default and the label shown to the analyst."""

    name: str
    default: T
    label: str
    tooltip: str = ""

    def coerce(self, value: Any) -> T:
        """``value`` as this preference's type, or the default if it cannot be."""
        default = self.default
        if isinstance(default, bool):
            if isinstance(value, bool):
                return value  # type: ignore[return-value]
            return str(value).strip().lower() in ("1", "true", "yes", "on")  # type: ignore[return-value]
        if isinstance(default, int):
            try:
                return int(value)  # type: ignore[return-value]
            except (TypeError, ValueError):
                return default
        return default if value is None else str(value)  # type: ignore[return-value]


DECLARED: tuple[Preference[Any], ...] = (
    Preference("analyst_name", "", "Prepared by", "Printed in the note header as its author"),
    Preference("organisation", "", "Organisation", "Printed in the note header"),
    Preference("default_template", "ministerial", "Default template",
               "Template used for new notes and exports"),
    Preference("export_folder", str(Path.home() / "Documents" / "Briefings"), "Export folder",
               "Where Export DOCX and Export PDF write without asking"),
    Preference("default_classification", "", "Default classification",
               "Marking for new notes, in the template's scheme; empty: the template's default"),
    Preference("reference_prefix", "", "Reference prefix",
               "Replaces {prefix} in the template's reference number pattern; empty: the template's"),
    Preference("autosave_seconds", 60, "Autosave interval (seconds)",
               "How often unsaved work is copied to the recovery folder"),
)
BY_NAME = {p.name: p for p in DECLARED}


class Preferences:
    """The preferences file; read when made, written on every :meth:`set`."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / FILE_NAME
        self.problem = ""
        self._values: dict[str, Any] = self._read()

    @staticmethod
    def declared() -> list[Preference[Any]]:
        """Every preference, in declaration order (for the preferences dialog)."""
        return list(DECLARED)

    def get(self, name: str) -> Any:
        pref = BY_NAME[name]
        return pref.coerce(self._values[name]) if name in self._values else pref.default

    def set(self, name: str, value: Any) -> None:
        """Set one preference and write the file (atomically)."""
        self.update({name: value})

    def update(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            self._values[name] = BY_NAME[name].coerce(value)
        self._write()

    def values(self) -> dict[str, Any]:
        return {p.name: self.get(p.name) for p in DECLARED}

    def __getattr__(self, name: str) -> Any:
        if name in BY_NAME:
            return self.get(name)
        raise AttributeError(name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in BY_NAME:
            self.set(name, value)
        else:
            object.__setattr__(self, name, value)

    # ------------------------------------------------------------------ files
    def _read(self) -> dict[str, Any]:
        legacy = self.path.with_name(LEGACY_FILE)
        try:
            if os.path.lexists(self.path):  # a pipe or a device there is refused, not waited on
                data = tomllib.loads(read_text_bounded(self.path, MAX_BYTES, what="preferences file"))
            elif legacy.is_file():
                data = _read_legacy(legacy)
            else:
                return {}
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, configparser.Error) as exc:
            from briefing.safe_text import display_name

            reason = (str(exc) if isinstance(exc, ReadError)
                      else f"{display_name(self.path)}: {' '.join(str(exc).split())}")
            self.problem = f"{reason}; the preferences are the defaults"
            if self.problem not in _LOGGED:  # once per process, however often the file is read
                _LOGGED.add(self.problem)
                log.warning("%s", self.problem)
            return {}
        node = data.get("preferences", data) if isinstance(data, dict) else {}
        return {k: BY_NAME[k].coerce(v) for k, v in node.items() if k in BY_NAME} if isinstance(node, dict) else {}

    def _write(self) -> None:
        from briefing.fileio import atomic_write_text

        lines = ["# Briefing Composer preferences (shared by the composer and the briefing command)",
                 "[preferences]"]
        for pref in DECLARED:
            if pref.name in self._values:
                lines.append(f"{pref.name} = {_toml_value(self._values[pref.name])}")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.problem and self.path.is_file():  # the unreadable file is kept, not replaced
            with contextlib.suppress(OSError):
                os.replace(self.path, self.path.with_name(FILE_NAME + ".unusable"))
        atomic_write_text(self.path, "\n".join(lines) + "\n")
        self.problem = ""


def _read_legacy(path: Path) -> dict[str, Any]:
    """The ``[preferences]`` group of the composer's old QSettings INI file."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(read_text_bounded(path, MAX_BYTES, what="preferences file", errors="replace"))
    if not parser.has_section("preferences"):
        return {}
    out = {}
    for key, value in parser.items("preferences"):
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        out[key] = value
    return out


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    text = "".join(c if c >= " " else f"\\u{ord(c):04x}" for c in text)
    return f'"{text}"'
