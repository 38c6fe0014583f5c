"""Printing: the exported PDF's pages, rendered at the printer's resolution.

What is printed is the PDF the note exports to (same template, same pages), not a
re-layout of the screen: :func:`print_pdf` renders each page of a PDF file with QtPdf
and paints it onto the printer's page, scaled to fit and centred.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter


def print_pdf(pdf_path: Path, printer: QPrinter) -> int:
    """Print every page of ``pdf_path`` on ``printer``; returns the number of pages printed."""
    document = QPdfDocument()
    document.load(str(pdf_path))
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        return 0
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        dpi = printer.resolution()
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            target = printer.pageRect(QPrinter.Unit.DevicePixel)
            points = document.pagePointSize(page)  # 1/72 inch
            size = QSize(max(1, int(points.width() * dpi / 72)), max(1, int(points.height() * dpi / 72)))
            image = document.render(page, size)
            scale = min(target.width() / image.width(), target.height() / image.height())
            width, height = image.width() * scale, image.height() * scale
            corner = QPointF((target.width() - width) / 2, (target.height() - height) / 2)
            painter.drawImage(QRectF(corner.x(), corner.y(), width, height), image)
        return document.pageCount()
    finally:
        painter.end()
        document.close()
