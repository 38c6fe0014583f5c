"""Word documents (.docx) with python-docx: paragraphs in order, title from the document.

Before python-docx inflates the package, the zip's central directory is checked
(:func:`check_package`): a file whose parts unpack to more than ``MAX_UNPACKED_BYTES``, a
part compressed more than ``MAX_RATIO`` to one (a zip bomb) or more than ``MAX_PARTS``
parts is refused with one line. Nothing a document links to is fetched: python-docx reads
only the parts inside the package and parses XML without entities, DTDs or network access.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from briefing.article import Article
from briefing.ingest.errors import IngestError
from briefing.ingest.limits import MAX_TEXT_CHARS
from briefing.safe_text import display_name

TITLE_STYLES = ("title", "heading 1")
CORE_PART = "docProps/core.xml"
# titles programs put in a document's properties that say nothing about it
GENERIC_TITLES = {"word document", "document", "untitled", "microsoft word document", "doc1", "document1"}
MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # all parts together, uncompressed
MAX_RATIO = 200  # uncompressed / compressed size of one part (Word XML is about 5-20)
RATIO_MIN_BYTES = 8 * 1024 * 1024  # the ratio is checked on parts at least this large
MAX_PARTS = 20_000


def check_package(data: bytes, name: str, *, max_unpacked: int | None = None) -> list[zipfile.ZipInfo]:
    """Refuse a DOCX package that would unpack to too much (a zip bomb); checks sizes only.
    Returns the package's entries. (The reference documents of templates are checked
    here too, with a smaller ``max_unpacked``.)"""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise IngestError(f"{name}: not a valid Word (.docx) document ({type(exc).__name__})") from None
    if len(infos) > MAX_PARTS:
        raise IngestError(f"{name}: too large: {len(infos):,} parts in the package; "
                          f"the limit is {MAX_PARTS:,}")
    total = sum(info.file_size for info in infos)
    max_unpacked = MAX_UNPACKED_BYTES if max_unpacked is None else max_unpacked
    if total > max_unpacked:
        raise IngestError(f"{name}: too large: unpacks to {_mb(total)} MB uncompressed; "
                          f"the limit is {_mb(max_unpacked)} MB")
    for info in infos:
        if info.file_size >= RATIO_MIN_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise IngestError(f"{name}: refused: {info.filename} unpacks to {_mb(info.file_size)} MB "
                              f"uncompressed from {info.compress_size / 1024:.0f} KB (ratio {ratio:,}:1; "
                              f"the limit is {MAX_RATIO}:1), a zip bomb?")
    return infos


def _real_title(data: bytes, document) -> str:  # noqa: ANN001 - docx.Document
    """The title the author gave in the document's properties, or "".

    python-docx invents properties (title "Word Document") for a package that has none,
    as LibreOffice writes them; such a title, or a program's generic one, is no title."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        if CORE_PART not in package.namelist():
            return ""
    title = " ".join((document.core_properties.title or "").split())
    return "" if title.lower() in GENERIC_TITLES else title


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f}"


def read_docx(path: Path, data: bytes) -> Article:
    """The article in a ``.docx`` file whose bytes are ``data``."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    name = display_name(path)
    check_package(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise IngestError(f"{name}: not a valid Word (.docx) document ({type(exc).__name__})") from None
    except Exception as exc:  # noqa: BLE001 - zip and XML errors of a damaged file
        raise IngestError(f"{name}: damaged Word (.docx) document ({type(exc).__name__})") from None
    paragraphs: list[str] = []
    title: str | None = None
    length = 0
    for para in document.paragraphs:
        text = " ".join(para.text.split())
        if not text:
            continue
        if title is None and len(paragraphs) <= 1:  # one style look-up for each of the first two
            style = (para.style.name if para.style is not None else "").lower()
            if style.startswith(TITLE_STYLES):
                title = text  # the first heading (after at most a dateline) names the article
        paragraphs.append(text)
        length += len(text) + 2
        if length > MAX_TEXT_CHARS:
            raise IngestError(f"{name}: too long (more than {MAX_TEXT_CHARS:,} characters of text; "
                              f"the limit is {MAX_TEXT_CHARS:,})")
    core_title = _real_title(data, document)
    if title is None and core_title:
        title = core_title
        if not paragraphs or paragraphs[0] != title:
            paragraphs.insert(0, title)
    if not paragraphs:
        raise IngestError(f"{name}: the Word document has no text")
    from briefing.ingest import article_from_text

    article = article_from_text("\n\n".join(paragraphs), display_name(path.name), title=title, fmt="docx",
                                path=name, name=name)
    article.author = " ".join((document.core_properties.author or "").split())[:200] or None
    return article
