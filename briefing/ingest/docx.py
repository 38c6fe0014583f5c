"""Word documents (.docx) with python-docx: paragraphs in order, title from the document."""
from __future__ import annotations

import io
from pathlib import Path

from briefing.article import Article
from briefing.ingest.errors import IngestError

TITLE_STYLES = ("title", "heading 1")


def read_docx(path: Path, data: bytes) -> Article:
    """The article in a ``.docx`` file whose bytes are ``data``."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    name = str(path)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise IngestError(f"{name}: not a valid Word (.docx) document ({type(exc).__name__})") from None
    except Exception as exc:  # noqa: BLE001 - zip and XML errors of a damaged file
        raise IngestError(f"{name}: damaged Word (.docx) document ({type(exc).__name__})") from None
    paragraphs: list[str] = []
    title: str | None = None
    for para in document.paragraphs:
        text = " ".join(para.text.split())
        if not text:
            continue
        style = (para.style.name if para.style is not None else "").lower()
        if title is None and not paragraphs and style in TITLE_STYLES:
            title = text
        paragraphs.append(text)
    core_title = (document.core_properties.title or "").strip()
    if title is None and core_title:
        title = core_title
        if not paragraphs or paragraphs[0] != title:
            paragraphs.insert(0, title)
    if not paragraphs:
        raise IngestError(f"{name}: the Word document has no text")
    from briefing.ingest import article_from_text

    return article_from_text("\n\n".join(paragraphs), path.name, title=title, fmt="docx",
                             path=name, name=name)
