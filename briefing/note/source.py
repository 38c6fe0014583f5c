"""The note's source block: what a reader needs to find the article again, never a file path.

:func:`source_info` fills a :class:`~briefing.note.model.SourceInfo` from what the
readers found: the outlet (HTML site name or host), the headline as published (the
article's own title, never one the program made up), the author, the canonical URL,
the publication date and the day the article was accessed. A local file name or path
is never an outlet or a URL. :func:`apply_source_overrides` lets the command line set
``--outlet`` and ``--source-url``.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from briefing.note.model import SourceInfo

if TYPE_CHECKING:
    from briefing.article import Article
    from briefing.extraction import Extraction
    from briefing.note.model import Note

URL = re.compile(r"(?i)^https?://[^\s/$.?#][^\s]*$")
FILE_NAME = re.compile(r"(?i)(^[./~\\]|^[a-z]:[\\/]|[\\/]|\.(?:txt|text|html?|docx?|pdf|rtf|odt)$)")
# authors document tools fill in by themselves, not a byline
GENERIC_AUTHORS = {"user", "admin", "administrator", "unknown", "microsoft office user", "owner",
                   "author", "windows user", "none", "n/a"}


def is_url(text: str | None) -> bool:
    return bool(text) and bool(URL.match(text.strip()))


def looks_like_file(text: str | None) -> bool:
    """True for a file name or path (``article.txt``, ``/home/x/a.pdf``, ``C:\\a.docx``)."""
    return bool(text) and bool(FILE_NAME.search(text.strip())) and not is_url(text)


def source_info(article: Article, extraction: Extraction | None = None, *,
                accessed: str | None = None) -> SourceInfo:
    """The source block of a note drafted from ``article`` (``accessed`` defaults to today)."""
    outlet = article.outlet or ""
    if not outlet and article.source and not is_url(article.source) and not looks_like_file(article.source) \
            and article.format != "clipboard":
        outlet = article.source
    if looks_like_file(outlet) or is_url(outlet):
        outlet = _host(outlet) if is_url(outlet) else ""
    url = article.url or (article.source if is_url(article.source) else "") or ""
    if not outlet and url:
        outlet = _host(url)
    author = (article.author or "").strip()
    if author.casefold() in GENERIC_AUTHORS or looks_like_file(author):
        author = ""
    return SourceInfo(headline=(article.title or "").strip(), outlet=outlet, author=author,
                      url=url if is_url(url) else "",
                      date=article.date or (extraction.article.date if extraction else None) or "",
                      accessed=accessed or dt.date.today().isoformat())


def apply_source_overrides(note: Note, *, outlet: str | None = None, url: str | None = None) -> None:
    """Set the outlet and URL given on the command line (through the note's edit functions)."""
    from briefing.note.edits import EditError, set_field

    if outlet is not None:
        set_field(note, "source.outlet", " ".join(outlet.split()))
    if url is not None:
        url = url.strip()
        if url and not is_url(url):
            raise EditError(f"--source-url: '{url}' is not a web address (http:// or https://)")
        set_field(note, "source.url", url)


def _host(url: str) -> str:
    m = re.match(r"(?i)^https?://(?:www\.)?([^/:?#]+)", url.strip())
    return m.group(1) if m else ""
