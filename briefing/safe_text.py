"""Text that is safe to store, encode and print, whatever it came from.

Article text, file names and project files may hold what UTF-8 cannot encode (lone
UTF-16 surrogates from a JSON ``\\ud800`` escape, a clipboard, or a file name that is
not UTF-8) and what a terminal obeys (ANSI escape sequences, other control characters).
:func:`replace_surrogates` is applied to text on its way in; :func:`printable` to text
on its way to a terminal; :func:`control_characters` finds what a template may not hold.
"""
from __future__ import annotations

import os
import re

__all__ = ["replace_surrogates", "display_name", "on_disk", "printable", "control_characters", "naming_file"]

_SURROGATES = re.compile("[\ud800-\udfff]")
# C0 controls, DEL and C1 controls (ESC starts ANSI sequences; C1 CSI is U+009B)
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def replace_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (so it encodes as UTF-8)."""
    return _SURROGATES.sub("\ufffd", text) if _SURROGATES.search(text) else text


def display_name(path: str | os.PathLike[str]) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by the OS as surrogate
    escapes) shown as U+FFFD."""
    name = os.fspath(path)
    if not _SURROGATES.search(name):
        return name
    return os.fsencode(name).decode("utf-8", "replace") if os.name == "posix" else replace_surrogates(name)


def on_disk(path: str | os.PathLike[str]) -> str:
    """The path on disk that ``path`` names. A file name that is not UTF-8 is stored (in a
    project, the library) as :func:`display_name` shows it, with U+FFFD; when no file has
    that name, each such part is matched against its folder's listing, and the one entry
    shown that way is taken. ``path`` is returned as it is when it exists, holds no
    U+FFFD, or no single entry matches (none, or several alike)."""
    name = os.fspath(path)
    if "\ufffd" not in name or os.name != "posix" or os.path.lexists(name):
        return name
    found: list[str] = []
    for part in name.split(os.sep):
        if "\ufffd" in part:
            folder = (os.sep.join(found) or os.sep) if found else os.curdir
            if not os.path.lexists(os.path.join(folder, part)):
                try:
                    alike = [e for e in os.listdir(folder) if display_name(e) == part]
                except OSError:
                    return name
                if len(alike) != 1:
                    return name
                part = alike[0]
        found.append(part)
    return os.sep.join(found)


def printable(text: str) -> str:
    """``text`` for a terminal: control characters (ANSI escapes included) shown as
    ``\\x1b``-style escapes, surrogates as U+FFFD; tabs and newlines escaped too."""
    text = replace_surrogates(text)
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def control_characters(text: str, *, allow: str = "") -> list[str]:
    """The control characters in ``text`` (ANSI escape, bell, backspace, newline...),
    each as ``\\xNN``, apart from those in ``allow``."""
    return [f"\\x{ord(c):02x}" for c in _CONTROLS.findall(text) if c not in allow]


def naming_file(message: str, path: str | os.PathLike[str]) -> str:
    """``message`` starting with the full ``path``, once: readers name some files by base
    name only, and a timeout or a dead worker names none."""
    full, base = display_name(path), display_name(os.path.basename(os.fspath(path)))
    if message.startswith(f"{full}: "):
        return message
    if message.startswith(f"{base}: "):
        return f"{full}: {message[len(base) + 2:]}"
    return f"{full}: {message}"
