"""The core never imports Qt: only briefing.gui may (checked in a fresh interpreter)."""
from __future__ import annotations

import subprocess
import sys

CORE_MODULES = ("briefing", "briefing.cli", "briefing.ingest", "briefing.extract", "briefing.note",
                "briefing.note.draft", "briefing.note.project", "briefing.export", "briefing.templates",
                "briefing.library", "briefing.library.sqlite_store", "briefing.library.files")


def test_core_imports_do_not_load_pyside6():
    code = ("import importlib, sys\n"
            f"for name in {CORE_MODULES!r}:\n"
            "    importlib.import_module(name)\n"
            "import briefing.cli; briefing.cli.build_parser()\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_gui_does_import_pyside6():
    """The check above can fail: importing the GUI does load Qt."""
    code = "import sys, briefing.gui.main_window; print('PySide6' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert result.stdout.strip() == "True", result.stderr
