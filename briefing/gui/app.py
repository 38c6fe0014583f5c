"""Starts the composer: QApplication, main window, start-up file choice, screenshot mode.

With no file the composer offers crash recovery, else reopens the last project, else the
sample article on first start.  ``screenshot`` renders the window to a PNG once the
extraction is displayed and quits (documentation and automated checks).
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from briefing.gui.icons import icon
from briefing.gui.main_window import MainWindow
from briefing.gui.none_guard import keep_none_alive
from briefing.gui.workers import wait_for_all
from briefing.samples import SEED_NAME, sample_article

if TYPE_CHECKING:
    from collections.abc import Callable

    from briefing.extraction_process import ExtractionProcess

__all__ = ["SEED_NAME", "application", "main", "open_start_file", "sample_article", "take_screenshot"]

SCREENSHOT_SIZE = (1500, 920)


def application() -> QApplication:
    keep_none_alive()  # before the Qt calls of a session: see briefing.gui.none_guard
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Briefing Composer")
    app.setOrganizationName("briefing-composer")
    app.setWindowIcon(icon("app"))
    return app  # type: ignore[return-value]


def open_start_file(window: MainWindow, file: Path | None, *, offer_recovery: bool = True,
                    early: ExtractionProcess | None = None) -> None:
    """What the window shows first.  ``early``: an article read and extracted in a child
    process since start-up, shown if it is the one to show, else stopped."""
    if early is not None:
        window.adopt_early(early)  # anything else opened first stops it
    if file is not None:
        window.open_path(file)
        return
    if offer_recovery and window.offer_recovery():
        return
    last = window.window_state.last_project
    if last and Path(last).is_file() and window.open_project(Path(last), ask=False):
        return
    seed = sample_article()
    if seed is not None:
        window.new_from_article_file(seed, ask=False)
    else:
        window.statusBar().showMessage("Open an article with File > New from Article (Ctrl+N).")


def take_screenshot(window: MainWindow, out: Path) -> bool:
    """Grab the window to ``out`` (PNG)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    return window.grab().save(str(out), "PNG")


def main(file: Path | None = None, screenshot: Path | None = None, *,
         early: ExtractionProcess | None = None,
         on_window: Callable[[MainWindow], None] | None = None) -> int:
    """Run the composer.  ``early``: the start file's extraction begun in a child process
    (:func:`briefing.extraction_process.start`); ``on_window``: called with the window
    before it is shown (the start-up benchmark)."""
    app = application()
    window = MainWindow()
    if on_window is not None:
        on_window(window)
    if screenshot is not None:
        window.resize(*SCREENSHOT_SIZE)
    window.show()
    result = {"code": 0}
    if screenshot is not None:
        def shoot() -> None:
            if window.preview.isVisible() and window.preview.renders == 0 and not getattr(window, "_shot_waited", 0):
                window._shot_waited = 1  # type: ignore[attr-defined]
                QTimer.singleShot(4000, shoot)
                return
            app.processEvents()
            if not take_screenshot(window, screenshot):
                print(f"briefing: cannot write screenshot {screenshot}", file=sys.stderr)
                result["code"] = 1
            window.document.forget_changes()  # do not ask about saving
            window.close()
            app.quit()

        def fail(what: str, detail: str) -> None:
            print(f"briefing: {what.lower()}: {detail.splitlines()[0] if detail else ''}", file=sys.stderr)
            result["code"] = 1
            window.document.forget_changes()
            QTimer.singleShot(0, app.quit)

        window.error_sink = fail
        window.extraction_displayed.connect(lambda: QTimer.singleShot(300, shoot))
    QTimer.singleShot(0, lambda: open_start_file(window, file, offer_recovery=screenshot is None, early=early))
    code = app.exec()
    from briefing.gui import child_extraction

    child_extraction.stop()
    wait_for_all()
    from briefing.gui import preload

    preload.wait()
    return result["code"] or code
