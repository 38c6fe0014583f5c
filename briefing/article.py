"""The Article: an ingested news article, its cleaned paragraphs and the offset map.

An Article keeps two texts:

* ``original`` - the text as read from the file (for display and provenance);
* ``text`` - the cleaned body the extractors read: paragraphs joined by ``"\\n\\n"``
  (no embedded-post residue, captions or boilerplate).

``norm_text`` is ``text`` with typographic characters replaced one-for-one by their
plain forms (curly quotes -> straight, dashes and U+2011 -> ``-``), so it has the same
length and every offset into it is an offset into ``text``.

``offset_map`` maps every character of ``text`` back to ``original``: a sorted list of
segments ``(clean_start, orig_start, length)``; characters that cleaning inserted
(a flag emoji turned into a country name) map to the start of what they replaced.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

PLAIN_FORMS = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
})


def plain_forms(text: str) -> str:
    """The same text with typographic quotes, dashes and spaces as plain ASCII (same length)."""
    return text.translate(PLAIN_FORMS)


@dataclass
class EmbeddedPost:
    """A social-media post embedded in the article, kept apart from the prose."""

    text: str
    author: str | None = None
    handle: str | None = None
    date: str | None = None  # ISO date when known
    original_span: tuple[int, int] | None = None  # where it stood in ``original``
    paragraph: int | None = None  # index of the cleaned paragraph it followed


@dataclass
class Article:
    """One ingested article. Build it with :func:`briefing.ingest.read_article`."""

    original: str
    paragraphs: list[str]
    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    source: str | None = None  # outlet, URL or file name
    path: str | None = None  # the file it came from, if any
    format: str = "txt"  # txt | html | docx | pdf | clipboard
    offset_map: list[tuple[int, int, int]] = field(default_factory=list)
    embeds: list[EmbeddedPost] = field(default_factory=list)
    country_refs: list[tuple[int, int, str]] = field(default_factory=list)  # flag emoji -> code
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The cleaned body: paragraphs joined by a blank line."""
        return "\n\n".join(self.paragraphs)

    @property
    def norm_text(self) -> str:
        """``text`` with plain quotes and dashes; same length, same offsets."""
        return plain_forms(self.text)

    def paragraph_spans(self) -> list[tuple[int, int]]:
        """``(start, end)`` of each paragraph in ``text``."""
        spans, pos = [], 0
        for para in self.paragraphs:
            spans.append((pos, pos + len(para)))
            pos += len(para) + 2
        return spans

    def paragraph_at(self, offset: int) -> int:
        """Index of the paragraph holding ``offset`` of ``text``."""
        starts = [s for s, _ in self.paragraph_spans()]
        return max(0, bisect.bisect_right(starts, offset) - 1)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` range of ``text`` to the same words in ``original``."""
        if not self.offset_map:
            return start, end
        return self._map_point(start, False), self._map_point(end, True)

    def _map_point(self, offset: int, is_end: bool) -> int:
        keys = [seg[0] for seg in self.offset_map]
        i = bisect.bisect_right(keys, offset - 1 if is_end and offset > 0 else offset) - 1
        i = max(i, 0)
        clean_start, orig_start, length = self.offset_map[i]
        delta = offset - clean_start
        if is_end:
            delta = min(max(delta, 0), length)
        else:
            delta = min(max(delta, 0), max(length - 1, 0)) if delta >= length else max(delta, 0)
        return orig_start + delta
