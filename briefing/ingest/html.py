"""HTML pages: main text, title, date and site with trafilatura (never any network access).

The page is parsed from the bytes on disk; navigation, footers, scripts and comments are
left out by trafilatura's main-content extraction. The extracted paragraphs, headed by
the page title, become the article's ``original`` text, then go through cleaning.
Markup that would cost the parser more than linear time or drop text (thousands of
attributes on one element, nesting deeper than libxml2 builds) is tamed first
(:mod:`briefing.ingest.markup`); a page whose text is over the article limit is called
too long rather than empty.
"""
from __future__ import annotations

import re
from pathlib import Path

from briefing.article import Article
from briefing.ingest.errors import IngestError
from briefing.ingest.limits import MAX_TEXT_CHARS
from briefing.ingest.markup import tame_markup, visible_text_length
from briefing.safe_text import display_name

PAGE_TEXT_FACTOR = 10  # a page may hold this many times the article limit in boilerplate
# the page's own publication date from its metadata only: no guessing from body years
DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}


def read_html(path: Path, data: bytes) -> Article:
    """The article in an HTML file whose bytes are ``data``."""
    name = display_name(path)
    if b"\x00" in data[:65536]:
        raise IngestError(f"{name}: binary data (NUL bytes), not an HTML page")
    length = visible_text_length(data)
    if length > PAGE_TEXT_FACTOR * MAX_TEXT_CHARS:  # no main text of such a page is short enough
        raise IngestError(f"{name}: too long (about {length:,} characters of text; "
                          f"the limit is {MAX_TEXT_CHARS:,})")
    data, warnings = tame_markup(data)
    meta: dict[str, str] = {}
    text, title, date, site = html_main_text(data, name, meta)
    return _with_meta(_article(text, title, date, site or display_name(path.name), name,
                               [f"{name}: {w}" for w in warnings]), meta)


def article_from_html(html: str | bytes, source: str | None = None) -> Article:
    """An Article from an HTML string (pasted rich text, tests)."""
    label = source or "html"
    html, warnings = tame_markup(html)
    meta: dict[str, str] = {}
    text, title, date, site = html_main_text(html, label, meta)
    return _with_meta(_article(text, title, date, site or source, None, [f"{label}: {w}" for w in warnings]), meta)


def _with_meta(article: Article, meta: dict[str, str]) -> Article:
    """Outlet (site name, else host), canonical URL and author from the page's metadata."""
    article.outlet = meta.get("sitename") or meta.get("hostname") or None
    url = meta.get("url", "")
    article.url = url if re.match(r"(?i)https?://[^\s]+$", url) else None
    article.author = meta.get("author") or None
    return article


def html_main_text(html: str | bytes, name: str, meta: dict[str, str] | None = None,
                   ) -> tuple[str, str | None, str | None, str | None]:
    """``(text, title, date, site)`` of a page; text is paragraphs joined by blank lines.
    ``meta`` (when given) receives the page's sitename, hostname, url and author."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False, include_images=False,
                                          deduplicate=False, favor_recall=True,
                                          date_extraction_params=DATE_PARAMS)
    except Exception as exc:  # noqa: BLE001 - trafilatura raises many kinds on bad markup
        raise IngestError(f"{name}: cannot be parsed as HTML ({type(exc).__name__})") from None
    body = (getattr(doc, "text", None) or "") if doc is not None else ""
    title = _clean_title(getattr(doc, "title", None)) if doc is not None else None
    date = getattr(doc, "date", None) if doc is not None else None
    site = (getattr(doc, "sitename", None) or getattr(doc, "url", None)
            or getattr(doc, "hostname", None)) if doc is not None else None
    if meta is not None and doc is not None:
        for key in ("sitename", "hostname", "url", "author"):
            value = getattr(doc, key, None)
            if isinstance(value, str) and value.strip():
                meta[key] = " ".join(value.split())[:300]
    if not body.strip():
        body, title = _fallback_text(html, name), title
    paragraphs = [p.strip() for p in body.splitlines() if p.strip()]
    if not paragraphs:
        length = visible_text_length(html)
        if length > MAX_TEXT_CHARS:
            raise IngestError(f"{name}: too long (about {length:,} characters of text; "
                              f"the limit is {MAX_TEXT_CHARS:,})")
        raise IngestError(f"{name}: no article text found in the HTML page")
    if title and _key(paragraphs[0]) != _key(title):
        paragraphs.insert(0, title)
    if date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        date = None
    return "\n\n".join(paragraphs), title, date, site


def _fallback_text(html: str | bytes, name: str) -> str:
    """Visible text of paragraphs and headings when trafilatura finds no main content."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except Exception:  # noqa: BLE001
        raise IngestError(f"{name}: cannot be parsed as HTML") from None
    for bad in tree.xpath("//script|//style|//nav|//footer|//header|//noscript|//form|//aside"):
        bad.drop_tree()
    blocks = tree.xpath("//h1|//h2|//h3|//p|//li|//blockquote")
    return "\n".join(" ".join(b.text_content().split()) for b in blocks)


def _article(text: str, title: str | None, date: str | None, source: str | None,
             path: str | None, warnings: list[str] | None = None) -> Article:
    from briefing.ingest import article_from_text

    return article_from_text(text, source, title=title, date=date, fmt="html", path=path,
                             name=path or source, warnings=warnings)


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    title = " ".join(title.split())
    return title or None


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()
