"""A composer session survives any number of Qt calls that return nothing (PySide6 6.12 on
Python 3.11 drops a reference to None on each: see briefing.gui.none_guard)."""
from __future__ import annotations

import os
import subprocess
import sys


def test_many_void_qt_calls_do_not_abort_the_interpreter(tmp_path):  # noqa: ANN001
    code = ("from PySide6.QtGui import QTextCharFormat\n"
            "from briefing.gui.app import application\n"
            "from briefing.gui.main_window import MainWindow\n"
            "app = application()\n"
            "window = MainWindow()\n"
            "fmt = QTextCharFormat()\n"
            "for _ in range(200_000):\n"
            "    fmt.setFontUnderline(True)\n"
            "window.document.forget_changes()\n"
            "print('done', flush=True)\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BRIEFING_DATA_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "done" and "none_dealloc" not in result.stderr
