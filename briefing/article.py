"""The Article: an ingested news article, its cleaned paragraphs and the offset map.

An Article keeps two texts:

* ``original`` - the text as read from the file (for display and provenance);
* ``text`` - the cleaned body the extractors read: paragraphs joined by ``"\\n\\n"``
  (no embedded-post residue, captions or boilerplate).

``norm_text`` is ``text`` with typographic characters replaced one-for-one by their
plain forms (curly quotes -> straight, dashes and U+2011 -> ``-``), so it has the same
length and every offset into it is an offset into ``text``.

``offset_map`` maps the characters of ``text`` copied from ``original`` back to it: a
sorted list of segments ``(clean_start, orig_start, length)``. Text that cleaning put in
(a flag emoji turned into a country name) is listed in ``inserted`` as
``(clean_start, clean_end, orig_start, orig_end)``: the original range it replaced.
Characters in neither (the ``"\\n\\n"`` between paragraphs) belong to no word; a range
starting there maps forward to the next copied character, one ending there maps back.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from briefing.knowledge.text import PLAIN_FORMS, plain_forms  # noqa: F401 - re-exported

DATELINE = re.compile(
    r"[A-Z][A-Z.'\-]{2,}(?: [A-Z][A-Z.'\-]+){0,3}"  # MEXICO CITY, KUALA LUMPUR
    r"(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?"  # , Philippines
    r"(?:,? (?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8}))?"  # , May 27
    r"(?: ?\([^)]{1,40}\))?"  # (AP), (Reuters)
    r" ?(?:\u2014|\u2013|--|-|:)\s")


@dataclass
class EmbeddedPost:
    """A social-media post embedded in the article, kept apart from the prose."""

    text: str
    author: str | None = None
    handle: str | None = None
    date: str | None = None  # ISO date when known
    original_span: tuple[int, int] | None = None  # where it stood in ``original``
    paragraph: int | None = None  # index of the cleaned paragraph holding its text, if kept


@dataclass
class Article:
    """One ingested article. Build it with :func:`briefing.ingest.read_article`."""

    original: str
    paragraphs: list[str]
    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    date_rule: str = ""  # the id of the rule that found the date (briefing.provenance)
    source: str | None = None  # outlet, URL or file name
    path: str | None = None  # the file it came from, if any
    format: str = "txt"  # txt | html | docx | pdf | clipboard
    offset_map: list[tuple[int, int, int]] = field(default_factory=list)
    embeds: list[EmbeddedPost] = field(default_factory=list)
    # flag emoji -> ISO code; (start, end) index ``original`` where the flag stands
    country_refs: list[tuple[int, int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)  # photo captions and credits removed
    headline_paragraph: int | None = None  # index of the headline kept as a paragraph
    inserted: list[tuple[int, int, int, int]] = field(default_factory=list)
    # publication metadata a reader found (HTML meta tags, DOCX core properties, PDF info)
    outlet: str | None = None  # site or publication name
    url: str | None = None  # canonical web address
    author: str | None = None

    @property
    def text(self) -> str:
        """The cleaned body: paragraphs joined by a blank line (built once per paragraph list)."""
        key = (id(self.paragraphs), len(self.paragraphs))
        cached = self.__dict__.get("_text_cache")
        if cached is None or cached[0] != key:
            joined = "\n\n".join(self.paragraphs)
            cached = (key, joined, plain_forms(joined))
            self.__dict__["_text_cache"] = cached
        return cached[1]

    @property
    def norm_text(self) -> str:
        """``text`` with plain quotes and dashes; same length, same offsets."""
        self.text  # noqa: B018 - refreshes the cache
        return self.__dict__["_text_cache"][2]

    @property
    def body_paragraphs(self) -> list[str]:
        """The paragraphs without the headline."""
        return [p for i, p in enumerate(self.paragraphs) if i != self.headline_paragraph]

    def embed_paragraphs(self) -> set[int]:
        """Indices of the paragraphs that hold the text of an embedded post."""
        return {e.paragraph for e in self.embeds if e.paragraph is not None}

    def dateline_span(self) -> tuple[int, int] | None:
        """The wire-style dateline that opens the body ("MEXICO CITY (AP) —",
        "KUALA LUMPUR, May 27 (Bernama) --"): where the story was filed, not who acts."""
        for start, _ in self.paragraph_spans()[:5]:  # after a headline, byline, "Updated" line
            m = DATELINE.match(self.text, start)
            if m:
                return m.start(), m.end()
        return None

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
        if not self.offset_map and not self.inserted:
            return start, end
        a, b = self._map_point(start, False), self._map_point(end, True)
        if b < a:  # an empty or gap-only range
            b = a
        return a, b

    def _map_point(self, offset: int, is_end: bool) -> int:
        """Original offset of a range boundary ``offset`` of ``text``.

        A start maps to the character it points at; an end maps to just after the
        character before it. Inside inserted text a start maps to the start of what it
        replaced and an end to its end; in a gap, a start moves forward to the next
        copied character and an end back to the previous one.
        """
        for c0, c1, o0, o1 in self.inserted:
            if (c0 <= offset < c1) if not is_end else (c0 < offset <= c1):
                return o1 if is_end else o0
        segs = self.offset_map
        if not segs:
            return offset
        keys = [s[0] for s in segs]
        if is_end:
            # the segment holding the character just before ``offset``
            i = bisect.bisect_right(keys, offset - 1) - 1
            if i < 0:
                return segs[0][1]
            c, o, n = segs[i]
            if offset <= c + n:
                return o + max(offset - c, 0)
            # in a gap after segment i: end of segment i, unless an inserted piece lies between
            gap_end = self._inserted_end_before(offset, c + n)
            return gap_end if gap_end is not None else o + n
        i = bisect.bisect_right(keys, offset) - 1
        if i >= 0:
            c, o, n = segs[i]
            if offset < c + n:
                return o + (offset - c)
        # in a gap: the next copied character (or inserted piece)
        nxt = i + 1
        ins_start = self._inserted_start_after(offset, segs[nxt][0] if nxt < len(segs) else None)
        if ins_start is not None:
            return ins_start
        if nxt < len(segs):
            return segs[nxt][1]
        c, o, n = segs[-1]
        return o + n

    def _inserted_start_after(self, offset: int, limit: int | None) -> int | None:
        for c0, _c1, o0, _o1 in sorted(self.inserted):
            if c0 >= offset and (limit is None or c0 < limit):
                return o0
        return None

    def _inserted_end_before(self, offset: int, floor: int) -> int | None:
        best = None
        for _c0, c1, _o0, o1 in sorted(self.inserted):
            if floor <= c1 <= offset:
                best = o1
        return best

    def to_clean(self, start: int, end: int) -> tuple[int, int] | None:
        """Map a ``[start, end)`` range of ``original`` to ``text``; None if all of it was removed."""
        hits: list[int] = []
        for c, o, n in self.offset_map:
            lo, hi = max(start, o), min(end, o + n)
            if lo < hi:
                hits += [c + lo - o, c + hi - o]
        for c0, c1, o0, o1 in self.inserted:
            if max(start, o0) < min(end, o1):
                hits += [c0, c1]
        if not hits:
            return None
        return min(hits), max(hits)
