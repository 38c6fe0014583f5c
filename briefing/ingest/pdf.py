"""PDF files: the text layer with pypdf (a PDF without one is an error: it needs OCR).

A PDF encrypted with an empty user password (often done to restrict printing) is
decrypted, RC4 or AES (pypdf uses the ``cryptography`` package for AES); one that needs
a password is refused with advice. The page count is read from the page tree's root
before any page is read, and a PDF of more than ``MAX_PDF_PAGES`` pages is refused;
reading stops once the text passes ``MAX_TEXT_CHARS``.

pypdf reports the damage it repairs ("incorrect startxref pointer") through its logger;
:func:`briefing.ingest.quiet_reader_loggers` keeps those lines off stderr.
"""
from __future__ import annotations

import io
from pathlib import Path

from briefing.article import Article
from briefing.ingest.errors import IngestError
from briefing.ingest.limits import MAX_PDF_PAGES, MAX_TEXT_CHARS
from briefing.safe_text import display_name


PASSWORD_ADVICE = "encrypted PDF: open it and save an unprotected copy"


def _decrypt(reader, name: str) -> None:  # noqa: ANN001 - pypdf.PdfReader
    """Open an encrypted PDF with the empty password, else refuse it with advice."""
    from pypdf import PasswordType

    if reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise IngestError(f"{name}: {PASSWORD_ADVICE}")


def _declared_pages(reader) -> int:  # noqa: ANN001 - pypdf.PdfReader
    """The page count the page tree's root declares (read without walking the tree);
    0 when it cannot be told (the pages are then counted as they are read)."""
    try:
        count = reader.root_object["/Pages"].get_object().get("/Count", 0)
        count = count.get_object() if hasattr(count, "get_object") else count
    except Exception:  # noqa: BLE001 - a damaged root: pypdf repairs it while reading pages
        return 0
    return count if isinstance(count, int) else 0


def read_pdf(path: Path, data: bytes) -> Article:
    """The article in a PDF whose bytes are ``data``."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    name = display_name(path)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            _decrypt(reader, name)
        count = _declared_pages(reader)
        if count > MAX_PDF_PAGES:
            raise IngestError(f"{name}: too long ({count:,} pages; the limit is {MAX_PDF_PAGES:,})")
        pages: list[str] = []
        length = 0
        for number, page in enumerate(reader.pages, 1):
            if number > MAX_PDF_PAGES:  # the page tree holds more pages than its root says
                raise IngestError(f"{name}: too long (more than {MAX_PDF_PAGES:,} pages)")
            pages.append(page.extract_text() or "")
            length += len(pages[-1])
            if length > MAX_TEXT_CHARS:
                raise IngestError(f"{name}: too long (more than {MAX_TEXT_CHARS:,} characters of "
                                  f"text; the limit is {MAX_TEXT_CHARS:,})")
        meta_title = (reader.metadata.title if reader.metadata else None) or None
        meta_author = (reader.metadata.author if reader.metadata else None) or None
    except IngestError:
        raise
    except DependencyError:
        raise IngestError(f"{name}: encrypted PDF that this installation cannot decrypt "
                          "(the 'cryptography' package is missing)") from None
    except FileNotDecryptedError:
        raise IngestError(f"{name}: {PASSWORD_ADVICE}") from None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise IngestError(f"{name}: not a readable PDF ({type(exc).__name__})") from None
    except RecursionError:
        raise IngestError(f"{name}: damaged PDF (objects nested too deeply)") from None
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

    article = article_from_text(text, display_name(path.name), title=title, fmt="pdf", path=name, name=name)
    article.author = " ".join(str(meta_author).split())[:200] if meta_author else None
    return article
