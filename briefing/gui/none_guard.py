"""Keeps ``None`` alive under PySide6 6.12 on Python 3.11 (a bug of the binding, not ours).

Each call of a Qt method that returns nothing (``QTextCursor.setPosition``,
``QTextCharFormat.setFontUnderline``...) gives back ``None`` without taking the reference
the caller then drops, so ``None``'s reference count falls by one per call; when it reaches
zero the interpreter aborts ("Fatal Python error: none_dealloc").  A composer session makes
thousands of such calls per article shown.  Python 3.12 made ``None`` immortal, which hides
the bug there; on older CPython :func:`keep_none_alive` raises the count once, far out of
reach.  PySide6 6.11.3 does not have the bug.
"""
from __future__ import annotations

import ctypes
import sys

MARGIN = 1 << 40  # references added to None: more void calls than a session can make
_applied = False


def keep_none_alive() -> None:
    """Raise ``None``'s reference count by :data:`MARGIN` (once; CPython before 3.12 only)."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    ctypes.c_ssize_t.from_address(id(None)).value += MARGIN
    _applied = True
