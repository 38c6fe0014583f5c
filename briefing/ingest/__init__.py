"""Placeholder ingestion (being written): plain text only, with the `date` header."""
from __future__ import annotations

import re
from pathlib import Path

from briefing.article import Article


class IngestError(Exception):
    """A file that cannot be read as an article."""


def article_from_text(text: str, *, source: str | None = None) -> Article:
    date = None
    m = re.match(r"\s*date (\d{4}-\d{2}-\d{2})\s+", text)
    body = text
    if m:
        date, body = m.group(1), text[m.end():]
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
    return Article(original=text, paragraphs=paragraphs, date=date, source=source)


def read_article(path: str | Path) -> Article:
    path = Path(path)
    return article_from_text(path.read_text(encoding="utf-8-sig"), source=path.name)
