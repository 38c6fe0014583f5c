"""Cleaning: an article's raw text -> the paragraphs the extractors read, with offsets.

Owns the rules that turn what a reader produced (``original``) into cleaned paragraphs:
the ``date YYYY-MM-DD`` header, splitting blocks into paragraphs, dropping site chrome
and paywall lines, setting apart photo captions and embedded social-media posts,
removing link residue, turning flag emoji into country references, dropping repeated
paragraphs, spotting the headline, and finding the article's date. Every kept character
remembers where it stood in ``original`` (see :mod:`briefing.ingest.mtext`).

The patterns live in ``resources/cleaning/boilerplate.toml`` so users can extend them.

Embedded posts: the text of a post (a tweet quoted in the article) is set apart from the
surrounding prose as a paragraph of its own, and recorded as an :class:`EmbeddedPost`
with its author, handle and date; its link residue and attribution line are removed.
With ``EMBED_TEXT_IN_BODY`` off, the post's text leaves the body altogether.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from briefing.article import EmbeddedPost
from briefing.ingest.mtext import MText, join, offset_map
from briefing.knowledge.countries import country_label
from briefing.knowledge.dates import (
    article_date_where,
    find_date_phrases,
    iso,
    resolve_date_phrase,
)
from briefing.knowledge.flags import FLAG_RUN, flag_code
from briefing.knowledge.loader import KnowledgeError, regex, regexes, resource, value
from briefing.knowledge.text import plain_forms
from briefing import provenance

# Official accounts' posts carry the facts the article reports (meetings, agreements):
# keep their text as a paragraph of its own, marked by ``EmbeddedPost.paragraph``.
EMBED_TEXT_IN_BODY = True
POST_MAX_CHARS = 280  # a post's text is at most this long (links excluded)
HEADLINE_MAX_CHARS = 200
HEADLINE_MAX_WORDS = 30

HEADER = re.compile(r"^\ufeff?\s*date\s*:?[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.I)
FLAGS = FLAG_RUN
_MONTH_DAY_YEAR = r"[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}"
ATTRIBUTION = re.compile(  # "— Rajnath Singh (@rajnathsingh) June 8, 2022", also glued to the
    # post's picture link as pasted pages show it: "pic.twitter.com/lI0RCDHZbU— Rajnath Singh ..."
    r"(?:^|\s)(?:pic\.twitter\.com/\w+)?-{1,2}\s*(?P<author>(?:(?!\s-)[^()\n]){1,120}?)\s*\(@(?P<handle>\w{1,30})\)"
    rf"(?:\s*(?P<date>{_MONTH_DAY_YEAR}))?")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"(\[]?[A-Z0-9])")
_ENDS_SENTENCE = re.compile(r"[.!?:;\"')\]]$")
_STARTS_SENTENCE = re.compile(r"[\"'(\[#*\u2022-]?\s*[A-Z0-9]")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+(?:GMT|UTC|IST|[A-Z]{2,3}T))?\b", re.I)
_DATE_LABEL = re.compile(r"\b(?:published|posted|updated|last updated|date|on|at)\b", re.I)


@dataclass
class Cleaned:
    """What cleaning produced; :func:`briefing.ingest.build_article` turns it into an Article."""

    paragraphs: list[str]
    offset_map: list[tuple[int, int, int]]
    inserted: list[tuple[int, int, int, int]]
    title: str | None = None
    headline_paragraph: int | None = None
    date: str | None = None
    date_rule: str = ""  # the id of the rule that found ``date`` (briefing.provenance)
    embeds: list[EmbeddedPost] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    country_refs: list[tuple[int, int, str]] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)  # (why, text)


@dataclass
class _Rules:
    drop: list[re.Pattern[str]]
    caption: list[re.Pattern[str]]
    caption_credit: re.Pattern[str]
    caption_max_chars: int
    residue: list[re.Pattern[str]]
    inline_caption: list[re.Pattern[str]]
    byline: re.Pattern[str]


_BOILERPLATE = "cleaning/boilerplate.toml"


@cache
def rules() -> _Rules:
    """The cleaning patterns from ``resources/cleaning/boilerplate.toml``."""
    def full(key: str) -> list[re.Pattern[str]]:
        return list(regexes(_BOILERPLATE, key, ignore_case=True, optional=True))

    credit = value(_BOILERPLATE, "paragraph.caption_credit", r"(?!x)x")
    limit = value(_BOILERPLATE, "paragraph.caption_max_chars", 500)
    if not isinstance(credit, str) or not isinstance(limit, int):
        raise KnowledgeError(f"{resource(_BOILERPLATE)}: paragraph: caption_credit must be a pattern, "
                             "caption_max_chars a number")
    byline = value(_BOILERPLATE, "paragraph.byline", r"(?!x)x")
    if not isinstance(byline, str):
        raise KnowledgeError(f"{resource(_BOILERPLATE)}: paragraph.byline: expected a pattern")
    return _Rules(drop=full("paragraph.drop"), caption=full("paragraph.caption"),
                  caption_credit=regex(_BOILERPLATE, "paragraph.caption_credit", credit, re.I),
                  caption_max_chars=limit, residue=full("inline.residue"),
                  inline_caption=full("inline.caption"),
                  byline=regex(_BOILERPLATE, "paragraph.byline", byline, re.I))


def clean_text(original: str, *, title: str | None = None, date: str | None = None) -> Cleaned:
    """Clean ``original``; ``title``/``date`` are metadata a reader already knows (HTML, DOCX)."""
    r = rules()
    header = HEADER.match(original)
    start = 0
    date_rule = provenance.ARTICLE_DATE_METADATA if date else ""
    if header and provenance.enabled(provenance.ARTICLE_DATE_HEADER):
        date, start, date_rule = header.group(1), header.end(), provenance.ARTICLE_DATE_HEADER
    elif header:
        start = header.end()
    state = _State(original)
    for unit in _units(original, start):
        state.take(unit, r)
    paragraphs = state.paragraphs
    headline = _headline_index(paragraphs, title, state.embed_indices())
    if headline is not None and title is None:
        title = paragraphs[headline].text
    if date is None:
        found, where = article_date_where(state.lead_dates, [p.text for p in paragraphs])
        rule = f"article_date.{where}" if found else provenance.ARTICLE_DATE_NONE
        date, date_rule = (found.isoformat() if found and provenance.enabled(rule) else None), rule
    segs, inserted = offset_map(paragraphs)
    return Cleaned(paragraphs=[p.text for p in paragraphs], offset_map=segs, inserted=inserted,
                   title=title, headline_paragraph=headline, date=date, date_rule=date_rule, embeds=state.embeds,
                   captions=state.captions, country_refs=state.country_refs, removed=state.removed)


# --- blocks and lines ---------------------------------------------------------------

def _units(original: str, start: int) -> list[MText]:
    """Paragraph candidates: blank-line blocks, split into lines or joined when wrapped."""
    units: list[MText] = []
    block: list[tuple[int, int]] = []
    pos, n = start, len(original)
    while pos <= n:
        nl = original.find("\n", pos)
        end = n if nl < 0 else nl
        line = original[pos:end]
        s = pos + len(line) - len(line.lstrip())
        e = pos + len(line.rstrip())
        if e > s:
            block.append((s, e))
        elif block:
            units += _split_block(original, block)
            block = []
        if nl < 0:
            break
        pos = nl + 1
    if block:
        units += _split_block(original, block)
    return units


def _split_block(original: str, lines: list[tuple[int, int]]) -> list[MText]:
    """Lines of one block -> paragraphs.

    A line ends a paragraph when it ends a sentence or is short (a headline, a label, the
    last line of a wrapped paragraph) and the next line starts like a new sentence;
    otherwise the lines are one hard-wrapped paragraph and are joined with spaces.
    """
    texts = [MText.from_original(original, s, e) for s, e in lines]
    if len(texts) == 1:
        return texts
    width = max(len(t) for t in texts)
    units, group = [], []
    for k, t in enumerate(texts):
        group.append(t)
        nxt = texts[k + 1].text if k + 1 < len(texts) else ""
        plain = plain_forms(t.text)
        ends = bool(_ENDS_SENTENCE.search(plain)) or len(t) < max(40, 0.6 * width)
        if not nxt or (ends and _STARTS_SENTENCE.match(plain_forms(nxt))):
            units.append(join(group))
            group = []
    return units


# --- one unit at a time -------------------------------------------------------------

class _State:
    def __init__(self, original: str) -> None:
        self.original = original
        self.paragraphs: list[MText] = []
        self.embeds: list[EmbeddedPost] = []
        self.captions: list[str] = []
        self.country_refs: list[tuple[int, int, str]] = []
        self.removed: list[tuple[str, str]] = []
        self.lead_dates: list[str] = []
        self._seen: set[str] = set()

    def embed_indices(self) -> set[int]:
        return {e.paragraph for e in self.embeds if e.paragraph is not None}

    def take(self, unit: MText, r: _Rules) -> None:
        plain = plain_forms(unit.text).strip()
        if _is_date_line(plain):
            self.lead_dates.append(plain)
            self.removed.append(("date line", unit.text))
            return
        if any(p.fullmatch(plain) for p in r.drop):
            self.removed.append(("boilerplate", unit.text))
            return
        if any(p.fullmatch(plain) for p in r.caption):
            self.captions.append(unit.text)
            return
        for p in r.inline_caption:
            unit = unit.sub(p, self._inline_caption)
        unit = unit.strip()
        plain = plain_forms(unit.text)
        if len(plain) <= r.caption_max_chars and r.caption_credit.search(plain):
            self.captions.append(unit.text)
            return
        for part, post in _split_posts(unit):
            self._add(part, post, r)

    def _inline_caption(self, m: re.Match[str]) -> str:
        self.captions.append(m.group().strip())
        return ""

    def _add(self, unit: MText, post: dict | None, r: _Rules) -> None:
        for p in r.residue:
            unit = unit.sub(p, lambda m: "")
        unit = self._flags(unit)
        unit = unit.squeeze_spaces()
        if post is not None:
            text = unit.text
            span = post.pop("span")
            embed = EmbeddedPost(text=text, original_span=span, **post)
            self.embeds.append(embed)
            if not EMBED_TEXT_IN_BODY or not text:
                return
            if self._is_repeat(text):
                return
            embed.paragraph = len(self.paragraphs)
            self.paragraphs.append(unit)
            return
        if not unit.text or self._is_repeat(unit.text):
            if unit.text:
                self.removed.append(("repeat", unit.text))
            return
        self.paragraphs.append(unit)

    def _is_repeat(self, text: str) -> bool:
        key = re.sub(r"\W+", " ", plain_forms(text).casefold()).strip()
        if key in self._seen:
            return True
        self._seen.add(key)
        return False

    def _flags(self, unit: MText) -> MText:
        for m in reversed(list(FLAGS.finditer(unit.text))):
            codes = []
            for k in range(m.start(), m.end(), 2):
                code = flag_code(unit.text[k:k + 2])
                o0, o1 = unit.orig_range(k, k + 2)
                self.country_refs.append((o0, o1, code))
                codes.append(code)
            before = unit.text[:m.start()].rstrip()
            after = unit.text[m.end():].lstrip()
            in_prose = bool(before) and (before[-1].isalnum() or before[-1] in ",;") \
                and bool(after) and after[0].isalnum()
            if in_prose:  # each flag becomes its name: 🇯🇵🇻🇳 -> "Japan-Vietnam"
                for i in reversed(range(len(codes))):
                    k = m.start() + 2 * i
                    unit = unit.replace(k, k + 2, ("-" if i else "") + country_name(codes[i]))
            else:
                unit = unit.delete(m.start(), m.end())
        self.country_refs.sort()
        return unit


def _split_posts(unit: MText) -> list[tuple[MText, dict | None]]:
    """Split a unit around embedded-post attributions: [(prose, None), (post text, info)...]."""
    plain = plain_forms(unit.text)
    out: list[tuple[MText, dict | None]] = []
    pos = 0
    for m in ATTRIBUTION.finditer(plain):
        body_end = m.start()
        post_start = _post_start(plain, pos, body_end)
        if post_start > pos:
            out.append((unit[pos:post_start], None))
        date = resolve_date_phrase(m.group("date"), None) if m.group("date") else None
        info = {"author": m.group("author").strip(), "handle": m.group("handle"),
                "date": iso(date[0]) if date else None,
                "span": unit.orig_range(post_start, m.end())}
        out.append((unit[post_start:body_end], info))
        pos = m.end()
    if pos < len(plain):
        out.append((unit[pos:], None))
    return out


def _post_start(plain: str, start: int, end: int) -> int:
    """Where a post's text begins: the whole paragraph when it fits in a post, else its last sentence."""
    if len(re.sub(r"\S*://\S+|pic\.twitter\.com/\S+", "", plain[start:end]).strip()) <= POST_MAX_CHARS:
        return start
    starts = [start] + [m.end() for m in SENTENCE_END.finditer(plain, start, end)]
    return starts[-1]


def _is_date_line(plain: str) -> bool:
    """A line holding only a full date (and a weekday, time or label): site chrome."""
    if len(plain) > 80:
        return False
    found = [m for m in find_date_phrases(plain) if m.has_year]
    if not found:
        return False
    rest = plain
    for m in reversed(found):
        rest = rest[:m.start] + " " + rest[m.end:]
    rest = _DATE_LABEL.sub(" ", _TIME.sub(" ", rest))
    return not re.search(r"\w", rest)


def _headline_index(paragraphs: list[MText], title: str | None, embeds: set[int]) -> int | None:
    if not paragraphs or 0 in embeds:
        return None
    first = paragraphs[0].text
    if title is not None:
        key = lambda s: re.sub(r"\W+", " ", plain_forms(s).casefold()).strip()  # noqa: E731
        return 0 if key(first) == key(title) else None
    return 0 if len(paragraphs) > 1 and looks_like_headline(first) else None


def looks_like_headline(text: str) -> bool:
    """Short, title-like, no final full stop; never a byline ("By: ANADOLU AGENCY")."""
    plain = plain_forms(text).strip()
    if is_byline(plain):
        return False
    words = plain.split()
    if not (3 <= len(words) <= HEADLINE_MAX_WORDS) or len(plain) > HEADLINE_MAX_CHARS:
        return False
    if re.search(r"[.,;:]$", plain.rstrip("\"')")) or not re.match(r"[\"'A-Z0-9]", plain):
        return False
    return not re.match(r"^[A-Z][A-Z .'-]+[:,]\s", plain)  # a dateline opens prose


def is_byline(text: str) -> bool:
    """A line naming who wrote the story ("By Jane Doe", "By: ANADOLU AGENCY")."""
    return bool(rules().byline.fullmatch(plain_forms(text).strip()))


def country_name(code: str) -> str:
    """English name of an ISO country code (the gazetteer's display name, else the code)."""
    return country_label(code)
