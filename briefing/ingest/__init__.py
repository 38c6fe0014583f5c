"""File or text -> Article: reads each supported format, then cleans the text.

``read_article(path)`` dispatches on the file extension (``.txt``, ``.html``/``.htm``,
``.docx``, ``.pdf``); ``article_from_text(text)`` takes a string (clipboard, tests).
Anything that cannot be read raises :class:`IngestError` with a one-line message
``"<file>: <problem>"`` for the CLI and GUI to show.

Limits (:mod:`briefing.ingest.limits`): files over ``MAX_FILE_BYTES`` and texts over
``MAX_TEXT_CHARS`` characters are refused (the text limit is the spaCy parse limit of
:mod:`briefing.extract.nlp`); only regular files are read.

The reading libraries' log lines (pypdf's "incorrect startxref pointer", trafilatura's
and htmldate's notes) are kept off stderr when this package is imported: a file either
reads, with warnings in ``Article.warnings``, or fails with its one-line error.
"""
from __future__ import annotations

import logging
from pathlib import Path

from briefing.article import Article
from briefing.ingest.clean import Cleaned, clean_text
from briefing.ingest.errors import IngestError
from briefing.ingest.limits import MAX_FILE_BYTES, MAX_TEXT_CHARS

__all__ = ["IngestError", "read_article", "article_from_text", "build_article",
           "MAX_FILE_BYTES", "MAX_TEXT_CHARS", "SUPPORTED_SUFFIXES", "quiet_reader_loggers"]

SUPPORTED_SUFFIXES = (".txt", ".text", ".html", ".htm", ".docx", ".pdf")
READER_LOGGERS = ("pypdf", "trafilatura", "htmldate", "courlan", "justext")


def quiet_reader_loggers() -> None:
    """Keep the reading libraries' log lines off stderr (the GUI's and every caller's);
    a logger someone configured on purpose (a level set) is left as it is."""
    for name in READER_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET:
            logger.setLevel(logging.CRITICAL)


quiet_reader_loggers()


def article_from_text(text: str, source: str | None = None, *, title: str | None = None,
                      date: str | None = None, fmt: str = "clipboard",
                      path: str | None = None, name: str | None = None,
                      warnings: list[str] | None = None) -> Article:
    """An Article from a string (pasted text, or what a reader extracted)."""
    from briefing.safe_text import replace_surrogates

    label = name or source or "text"
    text = replace_surrogates(text)
    if "\x00" in text:
        raise IngestError(f"{label}: binary data (NUL characters), not an article")
    if len(text) > MAX_TEXT_CHARS:
        raise IngestError(f"{label}: too long ({len(text):,} characters; the limit is {MAX_TEXT_CHARS:,})")
    if not text.strip():
        raise IngestError(f"{label}: empty, no article text")
    cleaned = clean_text(text, title=title, date=date)
    if not cleaned.paragraphs:
        raise IngestError(f"{label}: no article text left after removing boilerplate")
    return build_article(text, cleaned, source=source, fmt=fmt, path=path, warnings=warnings)


def build_article(original: str, cleaned: Cleaned, *, source: str | None, fmt: str,
                  path: str | None = None, warnings: list[str] | None = None) -> Article:
    """Assemble the Article record from the original text and what cleaning produced."""
    return Article(original=original, paragraphs=cleaned.paragraphs, title=cleaned.title,
                   date=cleaned.date, date_rule=cleaned.date_rule, source=source, path=path, format=fmt,
                   offset_map=cleaned.offset_map, inserted=cleaned.inserted,
                   embeds=cleaned.embeds, country_refs=cleaned.country_refs,
                   warnings=list(warnings or []), captions=cleaned.captions,
                   headline_paragraph=cleaned.headline_paragraph)


def read_article(path: str | Path) -> Article:
    """Read and clean the article in ``path``; :class:`IngestError` when it cannot be read.

    Only a regular file is read (not a named pipe or a device, also through a link), and
    never more than ``MAX_FILE_BYTES``, counted while reading
    (:func:`briefing.fileio.read_bounded`)."""
    from briefing.fileio import ReadError, read_bounded
    from briefing.safe_text import display_name

    path = Path(path)
    name = display_name(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kind = f"'{display_name(path.suffix)}'" if path.suffix else "no extension"
        raise IngestError(f"{name}: unsupported file type ({kind}); "
                          f"expected one of {', '.join(SUPPORTED_SUFFIXES)}")
    try:
        data = read_bounded(path, MAX_FILE_BYTES)
    except ReadError as exc:
        raise IngestError(str(exc)) from None
    if not data.strip():
        raise IngestError(f"{name}: empty file")
    if suffix in (".txt", ".text"):
        from briefing.ingest.text import read_text_file

        text, warnings = read_text_file(path, data)
        return article_from_text(text, display_name(path.name), fmt="txt", path=name, name=name,
                                 warnings=warnings)
    if suffix in (".html", ".htm"):
        from briefing.ingest.html import read_html

        return read_html(path, data)
    if suffix == ".docx":
        from briefing.ingest.docx import read_docx

        return read_docx(path, data)
    from briefing.ingest.pdf import read_pdf

    return read_pdf(path, data)
