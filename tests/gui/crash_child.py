"""A composer session driven by a script, for tests that kill it with SIGKILL.

    python crash_child.py '[{"do": "title", "text": "..."}, {"do": "idle"}]'

Starts the composer as ``briefing`` does with no file (recovery offered, else the last
project, else the sample article), answers "Recover unsaved work?" with Yes, then runs
the steps in order, printing one JSON line per step with what the window holds:

* ``title`` / ``summary``: type ``text`` into the note title or the summary (no Enter);
* ``save``: save the project to ``path``;
* ``save_and_die``: save to ``path``, and die (SIGKILL) inside the write, after the
  temporary file is written and before it replaces the project;
* ``idle``: print and wait to be killed.

Settings and autosaves go to ``$BRIEFING_DATA_DIR``.
"""
from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QMessageBox

    from briefing.gui.app import application, open_start_file
    from briefing.gui.main_window import MainWindow

    steps = json.loads(sys.argv[1])
    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):  # noqa: ANN001,ANN202
        asked.append(title)
        return QMessageBox.StandardButton.Yes if title.startswith("Recover") else QMessageBox.StandardButton.Discard

    QMessageBox.question = staticmethod(question)
    app = application()
    window = MainWindow()
    window.show()

    def report(tag: str) -> None:
        note = window.document.note
        state = window.window_state
        print(json.dumps({"tag": tag, "asked": asked, "title": note.header.title if note else None,
                          "summary": note.summary if note else None,
                          "path": str(window.document.path) if window.document.path else None,
                          "modified": window.document.modified, "last_project": state.last_project,
                          "recent": state.recent_files}), flush=True)

    def run(index: int) -> None:
        if index >= len(steps):
            return
        step = steps[index]
        action = step["do"]
        if action in ("title", "summary"):
            field = window.note_editor.header_edits["title"] if action == "title" \
                else window.note_editor.summary.edit
            field.setFocus()
            field.selectAll()
            QTest.keyClicks(field, step["text"])
        elif action == "save":
            assert window._save_to(Path(step["path"]))
        elif action == "save_and_die":
            real_replace = os.replace
            target = str(Path(step["path"]))

            def replace(src, dst, *args, **kwargs):  # noqa: ANN001,ANN202
                if str(dst) == target:
                    os.kill(os.getpid(), signal.SIGKILL)
                return real_replace(src, dst, *args, **kwargs)

            os.replace = replace
            report(action)
            window._save_to(Path(step["path"]))
        report(action)
        if action != "idle":
            QTimer.singleShot(0, lambda: run(index + 1))

    started = {"done": False}

    def begin() -> None:
        if not started["done"]:
            started["done"] = True
            report("started")
            QTimer.singleShot(0, lambda: run(0))

    window.extraction_displayed.connect(begin)
    QTimer.singleShot(0, lambda: open_start_file(window, None))
    app.exec()


if __name__ == "__main__":
    main()
