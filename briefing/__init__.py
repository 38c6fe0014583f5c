"""Briefing Composer: news articles about government meetings -> briefing notes.

The core API, free of Qt: read an article, extract its facts, draft and export a note.
The GUI lives in :mod:`briefing.gui` and is the only part that imports PySide6.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "read_article", "article_from_text", "extract"]


def read_article(path):  # noqa: ANN001,ANN201 - thin lazy re-export
    """Read a file (txt, html, docx, pdf) into an :class:`~briefing.article.Article`."""
    from briefing.ingest import read_article as _read

    return _read(path)


def article_from_text(text: str, *, source: str | None = None):  # noqa: ANN201
    """Build an :class:`~briefing.article.Article` from a string (clipboard, tests)."""
    from briefing.ingest import article_from_text as _from_text

    return _from_text(text, source=source)


def extract(article):  # noqa: ANN001,ANN201
    """Run the extraction pipeline on an article and return an ``Extraction``."""
    from briefing.extract import extract as _extract

    return _extract(article)
