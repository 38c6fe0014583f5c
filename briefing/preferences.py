"""The analyst's preferences: declared once, typed, with defaults; one file for CLI and composer.

Each preference is a :class:`Preference` in :data:`DECLARED` (name, default, label,
tooltip); its type is its default's type. They are kept in ``preferences.toml`` in the
per-user config folder (:func:`briefing.userdirs.config_dir`), written atomically, and
read by ``briefing export`` (analyst, organisation, reference prefix, default template)
as well as by the composer's Preferences dialog. Window state (geometry, splitter, recent
files) is not a preference: the composer keeps it apart (``briefing/gui/settings.py``).

A ``preferences.ini`` left by earlier versions of the composer is read once and carried
over when ``preferences.toml`` does not exist yet. A file that cannot be read gives the
defaults (and :attr:`Preferences.problem` says why); values of the wrong type are ignored.
"""
from __future__ import annotations

import configparser
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from briefing.userdirs import config_dir

T = TypeVar("T")
FILE_NAME = "preferences.toml"
LEGACY_FILE = "preferences.ini"


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
            if self.path.is_file():
                data = tomllib.loads(self.path.read_text(encoding="utf-8"))
            elif legacy.is_file():
                data = _read_legacy(legacy)
            else:
                return {}
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, configparser.Error) as exc:
            self.problem = f"{self.path}: cannot read the preferences ({exc}); using the defaults"
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
        atomic_write_text(self.path, "\n".join(lines) + "\n")


def _read_legacy(path: Path) -> dict[str, Any]:
    """The ``[preferences]`` group of the composer's old QSettings INI file."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(path.read_text(encoding="utf-8", errors="replace"))
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
