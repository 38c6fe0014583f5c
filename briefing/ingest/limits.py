"""How much of an article file is read: one place for every reader's limits.

A file over a limit is refused with one line saying which limit (or, for markup that
only costs time, tamed: see :mod:`briefing.ingest.html`). Work is bounded in time as
well by the worker process each file is read in (:mod:`briefing.bounded`).
"""
from __future__ import annotations

MAX_FILE_BYTES = 50 * 1024 * 1024  # 50 MB on disk (DOCX and PDF files carry images)
MAX_TEXT_CHARS = 400_000  # characters of article text (a long report; news articles are < 50,000)
MAX_PDF_PAGES = 2_000  # pages of a PDF, read from its page tree before any page is read
MAX_HTML_DEPTH = 200  # element nesting kept in HTML (libxml2 stops parsing at 256)
MAX_HTML_ATTRIBUTES = 1_000  # attributes kept on one HTML element
