"""PDF files: the text layer with pypdf (a PDF without one is an error: it needs OCR).

pypdf reports the damage it repairs ("incorrect startxref pointer") through its logger;
:func:`briefing.ingest.quiet_reader_loggers` keeps those lines off stderr.
"""
from __future__ import annotations

import io
from pathlib import Path

from briefing.article import Article
from briefing.ingest.errors import IngestError


def read_pdf(path: Path, data: bytes) -> Article:
    """The article in a PDF whose bytes are ``data``."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    name = str(path)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(f"{name}: the PDF is password-protected")
        pages = [page.extract_text() or "" for page in reader.pages]
        meta_title = (reader.metadata.title if reader.metadata else None) or None
        meta_author = (reader.metadata.author if reader.metadata else None) or None
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise IngestError(f"{name}: not a readable PDF ({type(exc).__name__})") from None
    except Exception as exc:  # noqa: BLE001 - damaged files raise many kinds
        raise IngestError(f"{name}: damaged PDF ({type(exc).__name__})") from None
    text = "\n\n".join(p.strip("\n") for p in pages if p.strip())
    if not text.strip():
        raise IngestError(f"{name}: the PDF has no text layer (a scanned image?); "
                          "run OCR on it or paste its text")
    title = " ".join(str(meta_title).split()) if meta_title else None
    if title and not text.lstrip().startswith(title):
        title = None  # generic metadata titles ("Microsoft Word - x.doc") are not headlines
    from briefing.ingest import article_from_text

    article = article_from_text(text, path.name, title=title, fmt="pdf", path=name, name=name)
    article.author = " ".join(str(meta_author).split())[:200] if meta_author else None
    return article
