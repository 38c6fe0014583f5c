"""A composer window in a fresh process that opens an article, adds a second as a source,
and prints what its own process loaded, for the test that spaCy stays out of it.

    python add_source_child.py NOTE_ARTICLE SOURCE_ARTICLE

Prints one JSON line: the note's source count, the error boxes shown, whether ``spacy``
is in ``sys.modules`` of this (the window's) process, and the extraction process's jobs.
Settings and autosaves go to ``$BRIEFING_DATA_DIR``.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from briefing.gui import child_extraction
    from briefing.gui.app import application
    from briefing.gui.main_window import MainWindow

    note_article, source_article = (Path(a) for a in sys.argv[1:3])
    app = application()
    window = MainWindow()
    errors: list[str] = []
    window.show_error = lambda what, detail, advice: errors.append(f"{what}: {detail}")  # type: ignore[method-assign]
    QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard)  # type: ignore[method-assign]
    window.show()

    def check() -> None:
        note = window.document.note
        if errors or (note is not None and len(note.sources) == 2 and not window.busy_bar.isVisible()):
            child = child_extraction.current()
            print(json.dumps({"sources": len(note.sources) if note else 0, "errors": errors,
                              "spacy": "spacy" in sys.modules, "jobs": child.jobs if child else 0}), flush=True)
            window.document.forget_changes()
            window.close()
            app.quit()
        else:
            QTimer.singleShot(50, check)

    window.extraction_displayed.connect(lambda: window.add_source_files([source_article]) and check())
    QTimer.singleShot(0, lambda: window.open_path(note_article))
    QTimer.singleShot(120_000, app.quit)  # never hangs a test run
    app.exec()
    child_extraction.stop()
    from briefing.gui.workers import wait_for_all

    wait_for_all()


if __name__ == "__main__":
    main()
