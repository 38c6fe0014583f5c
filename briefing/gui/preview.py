"""The live PDF preview pane (QPdfView), refreshed without blocking typing.

Edits restart a short timer; when it fires, what is being typed is committed, a deep copy
of the note is exported to a temporary PDF by a worker thread and the view loads it.
A small bar zooms in and out, fits the page width (the default) or the whole page.  Renders never overlap: an edit
arriving mid-render just schedules another one afterwards.  Files alternate between two
names so the view never reads a file being written.
"""
from __future__ import annotations

import copy
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from briefing.gui.document import NoteDocument
from briefing.gui.plain_text import plain_label
from briefing.gui.workers import run_in_background

DEBOUNCE_MS = 1200
ZOOM_STEP = 1.25
ZOOM_RANGE = (0.25, 5.0)


def render_pdf(note: Any, template_name: str, article: Any, path: Path) -> Path:
    """Worker body: export ``note`` as a PDF to ``path``."""
    from briefing.export import export_note
    from briefing.templates import load_named_template

    problems = export_note(note, load_named_template(template_name), path, article=article)
    fatal = [p for p in problems if p.fatal]
    if fatal:  # nothing was written: say why instead of showing a stale preview
        raise RuntimeError(f"{fatal[0].message} (see Check Note)")
    return path


class PreviewPane(QWidget):
    """QPdfView of the note as it would export, kept up to date after edits."""

    def __init__(self, document: NoteDocument, flush: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document, self.flush = document, flush
        self.setAccessibleName("PDF preview")
        self.status = plain_label(QLabel("Preview", self))  # names the note's template
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens the pane
        self.pdf = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setAccessibleName("PDF preview pages")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.pdf)
        bar = QHBoxLayout()
        bar.setSpacing(2)
        bar.addWidget(self.status, 1)
        self.zoom_out_button = self._tool("−", "Zoom out (Ctrl+-)", lambda: self.zoom(1 / ZOOM_STEP), "Ctrl+-")
        self.zoom_label = QLabel(self)
        self.zoom_label.setAccessibleName("Preview zoom")
        self.zoom_in_button = self._tool("+", "Zoom in (Ctrl++)", lambda: self.zoom(ZOOM_STEP), "Ctrl++")
        self.fit_width_button = self._tool("Width", "Fit the page width", self.fit_width)
        self.fit_page_button = self._tool("Page", "Fit the whole page", self.fit_page)
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button, self.fit_width_button,
                       self.fit_page_button):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.view.zoomFactorChanged.connect(lambda _f: self._show_zoom())
        self.view.zoomModeChanged.connect(lambda _m: self._show_zoom())
        self._show_zoom()
        self._folder: Path | None = None  # made at the first render (most windows never preview)
        self._turn = 0
        self._rendering = False
        self._again = False
        self.renders = 0  # completed renders (tests, bench)
        self.timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self.timer.timeout.connect(self.render_now)
        document.changed.connect(lambda _target: self.schedule())
        document.reset.connect(self.schedule)

    def _tool(self, text: str, tip: str, slot, keys: str | None = None) -> QToolButton:  # noqa: ANN001
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.clicked.connect(slot)
        if keys:
            button.setShortcut(QKeySequence(keys))
        return button

    # -- zoom ------------------------------------------------------------------------
    def zoom(self, factor: float) -> None:
        """Multiply the current zoom by ``factor`` (within ZOOM_RANGE)."""
        current = self.shown_zoom()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], current * factor)))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def fit_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

    def shown_zoom(self) -> float:
        """The zoom factor on screen, also in the fit modes (page width in points vs view width)."""
        mode = self.view.zoomMode()
        if mode == QPdfView.ZoomMode.Custom or self.pdf.pageCount() == 0:
            return self.view.zoomFactor()
        page = self.pdf.pagePointSize(0)
        screen_dpi = self.logicalDpiX() or 96
        width_px = page.width() * screen_dpi / 72
        height_px = page.height() * screen_dpi / 72
        viewport = self.view.viewport().size()
        fit = (viewport.width() - 12) / width_px
        if mode == QPdfView.ZoomMode.FitInView:
            fit = min(fit, (viewport.height() - 12) / height_px)
        return max(ZOOM_RANGE[0], fit)

    def _show_zoom(self) -> None:
        mode = self.view.zoomMode()
        label = {QPdfView.ZoomMode.FitToWidth: "width", QPdfView.ZoomMode.FitInView: "page"}.get(mode)
        self.zoom_label.setText(f" {label or f'{self.view.zoomFactor():.0%}'} ")
        self.fit_width_button.setChecked(mode == QPdfView.ZoomMode.FitToWidth)

    def cleanup(self) -> None:
        """Remove the temporary preview files (on close)."""
        self.timer.stop()
        self.pdf.close()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def schedule(self, delay_ms: int | None = None) -> None:
        if self.isVisible() and self.document.note is not None:
            self.timer.start(DEBOUNCE_MS if delay_ms is None else delay_ms)

    def render_now(self) -> None:
        note = self.document.note
        if note is None:
            return
        if self._rendering:
            self._again = True
            return
        self.flush()  # what is being typed is in the preview
        self._rendering, self._again = True, False
        self._turn ^= 1
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="briefing-preview-"))
        target = self._folder / f"preview-{self._turn}.pdf"
        self.status.setText("Updating preview…")
        run_in_background(render_pdf, copy.deepcopy(note), note.template, self.document.article, target,
                          finished=self._on_rendered, failed=self._on_failed)

    def _on_rendered(self, path: Path) -> None:
        self._rendering = False
        page = self.view.pageNavigator().currentPage()
        self.pdf.load(str(path))
        if 0 < page < self.pdf.pageCount():
            self.view.pageNavigator().jump(page, self.view.pageNavigator().currentLocation())
        self.renders += 1
        self.status.setText(f"{self.pdf.pageCount()} page(s)" if self.document.note else "Preview")
        self.status.setToolTip(f"Preview of the PDF export, template “{self.document.note.template}”"
                               if self.document.note else "")
        if self._again:
            self.render_now()

    def _on_failed(self, message: str) -> None:
        self._rendering = False
        self.status.setText(f"Preview unavailable: {message.splitlines()[0]}")
        if self._again:
            self.render_now()
