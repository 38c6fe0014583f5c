"""Note + Template -> a format-neutral outline that the DOCX and PDF writers both read.

The outline holds everything the page shows, already decided: the title block, the
sections in template order with their headings, paragraphs (styled runs), bullets,
quotes and tables, the numbered source references, header and footer text (with only
``{page}`` and ``{pages}`` left for the writer), the classification banner and its
colours, the portion marks, the classification authority block, whether the note is a
draft (and why) and the document properties. Only included items are exported. All user
text is cleaned here once: characters Word rejects are removed and flag emoji become
country names.

A note with several sources lists each in the source block (outlet, headline, author,
date, URL, accessed) and its references name the source of each cited paragraph:
``[2] Reuters, 20 Aug 2024, ¶4``.

Markings come from the template's scheme (:mod:`briefing.export.portions`): every item
and text section is marked at its own portion level and the banner shows the highest
level present. A required section left empty makes the note a draft: the placeholder is
printed only then, and "DRAFT" goes on every page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefing.export.portions import NoteMarkings, note_markings
from briefing.export.yardstick import uses_yardstick
from briefing.knowledge.countries import country_label, flags_to_names
from briefing.knowledge.dates import format_date
from briefing.note.richtext import parse_rich_text
from briefing.templates import Band, SectionSpec, Template

if TYPE_CHECKING:
    from briefing.article import Article
    from briefing.markings import Level
    from briefing.note.model import Note

PLACEHOLDER = "To be completed:"
REFERENCE_COLUMNS_FROM = 4  # more references than this are set in columns (two or three)
REFERENCE_GUTTER_PT = 8.0  # at least this much room between the longest line and the next column
DRAFT_LABEL = "DRAFT"
META_LABELS = {"reference": "Reference", "date": "Date", "analyst": "Prepared by",
               "organisation": "Organisation", "classification": "Classification",
               "caveats": "Handling", "distribution": "Distribution", "source": "Source"}
_REJECTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")


@dataclass
class TextRun:
    text: str
    bold: bool = False
    italic: bool = False
    superscript: bool = False


@dataclass
class Para:
    """A paragraph; ``style`` is body | bullet | quote | placeholder | reference | source."""

    runs: list[TextRun]
    style: str = "body"
    item_id: str = ""

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Table:
    """A table with a header row; each cell is a list of runs; widths are fractions.

    A ``plain`` table has no header row, borders or fill and keeps ``widths``: text set in
    columns (the source references), in the ``cell_style`` paragraph style."""

    columns: list[str]
    widths: list[float]
    rows: list[list[list[TextRun]]] = field(default_factory=list)
    row_ids: list[str] = field(default_factory=list)
    plain: bool = False
    cell_style: str = "table_text"


Block = Para | Table


@dataclass
class OutlineSection:
    kind: str
    heading: str
    level: int
    blocks: list[Block] = field(default_factory=list)
    page_break_before: bool = False
    required: bool = False
    empty: bool = False  # nothing to say (a required one makes the note a draft)
    key: str = ""


@dataclass
class Reference:
    number: int
    paragraph: int  # 0-based index into the source's Article.paragraphs
    text: str
    source: str = "s1"  # the note source's id


@dataclass
class Outline:
    title: str
    meta: list[tuple[str, str]]
    classification: str  # the banner text ("" when the scheme has no banner)
    banner: bool
    banner_colour: str  # banner text colour
    header: Band
    footer: Band
    sections: list[OutlineSection]
    references: list[Reference]
    properties: dict[str, str]
    template: Template
    logo: bytes | None = None  # the template's logo as read and checked (never read again)
    banner_fill: str = ""  # banner background ("" for none)
    authority: list[tuple[str, str]] = field(default_factory=list)  # (label, value)
    draft: bool = False
    missing: list[str] = field(default_factory=list)  # why it is a draft

    @property
    def to_complete(self) -> str:
        """The line a draft shows under its title (``""`` for a final note)."""
        return f"{PLACEHOLDER} {', '.join(self.missing)}" if self.draft else ""
    marking_problems: list[tuple[str, str]] = field(default_factory=list)  # (message, item id)
    portion_marks: bool = False

    @property
    def status(self) -> str:
        return "Draft" if self.draft else "Final"


def clean_text(text: str | None) -> str:
    """User text made safe for Word and PDF: control characters out, flags as country names."""
    if not text:
        return ""
    text = _REJECTED.sub("", str(text))
    return flags_to_names(text)


def country_name(code: str) -> str:
    """Display name of an ISO alpha-2 code (the code itself when unknown, or free text as is)."""
    return country_label(code)


def human_date(value: str, short: bool = False) -> str:
    """``2021-09-13`` -> ``13 September 2021`` (``13 Sep 2021`` if short); else unchanged."""
    return format_date(value, short=short) if isinstance(value, str) else value


class _Builder:
    def __init__(self, note: Note, template: Template, article: Article | None) -> None:
        self.note, self.template, self.article = note, template, article
        self.ref_numbers: dict[tuple[str, int], int] = {}  # (source id, paragraph) -> number
        self.marks: NoteMarkings = note_markings(note, template)

    # -- text helpers
    def level(self, name: str, where: str = "", item_id: str = "") -> Level:
        return self.marks.level_of(name, where, item_id)

    def rich(self, source: str, level: Level, item_id: str = "") -> list[Para]:
        out = []
        for block in parse_rich_text(clean_text(source)):
            runs = [TextRun(r.text, r.bold, r.italic) for r in block.runs]
            out.append(self.para(runs, level, "bullet" if block.kind == "bullet" else "body", item_id))
        return out

    def para(self, runs: list[TextRun], level: Level, style: str = "body", item_id: str = "") -> Para:
        mark = self.marks.mark(level)
        if mark:
            runs = [TextRun(mark + " ", bold=True)] + runs
        return Para(runs, style, item_id)

    def row(self, cells: list[list[TextRun]], level: Level) -> list[list[TextRun]]:
        """A table row; its first cell opens with the row's portion mark."""
        mark = self.marks.mark(level)
        if mark:
            cells = [[TextRun(mark + " ", bold=True)] + cells[0]] + cells[1:]
        return cells

    def article_of(self, source_id: str) -> Article | None:
        """The article of a note source (the first source's may be given apart)."""
        first = self.note.first_source_id
        source = self.note.source_by_id(source_id)
        if source is not None and source.article is not None:
            return source.article
        return self.article if source_id == first else None

    def cite(self, item, first_only: bool = False) -> list[TextRun]:  # noqa: ANN001
        """The citation of an item: every cited paragraph of every source that reports it
        (``first_only``: the first span in each source, for a person named many times)."""
        style = self.template.citation_style
        if style == "none":
            return []
        first = self.note.first_source_id
        several = len(self.note.sources) > 1
        places: list[tuple[str, int]] = []
        for source_id in item.source_ids(first):
            article = self.article_of(source_id)
            spans = item.spans_in(source_id, first)
            if article is None or not article.paragraphs or not spans:
                continue
            spans = spans[:1] if first_only else spans
            places += [(source_id, p) for p in sorted({article.paragraph_at(int(s[0])) for s in spans})]
        if not places:
            return []
        if style == "paragraph":
            label = ", ".join((f"{self.source_number(sid)}:" if several else "") + f"\u00b6{p + 1}"
                              for sid, p in places)
            return [TextRun(f" ({label})")]
        numbers = [self.ref_numbers.setdefault(place, len(self.ref_numbers) + 1) for place in places]
        label = ",".join(str(n) for n in sorted(set(numbers)))
        return [TextRun(label, superscript=True)] if style == "superscript" else [TextRun(f" [{label}]")]

    def source_number(self, source_id: str) -> int:
        """1 for the note's first source, 2 for the second..."""
        return next((i for i, s in enumerate(self.note.sources, 1) if s.id == source_id), 1)

    # -- sections
    def section(self, spec: SectionSpec) -> list[Block]:
        n, kind = self.note, spec.kind
        if kind == "summary":
            return self.rich(n.summary, self.level(n.portion_of("summary"), spec.heading))
        if kind == "text":
            return self.rich(n.extra(spec.key), self.level(n.portion_of(spec.key), spec.heading))
        if kind == "analyst_comment":
            return self.rich(n.analyst_comment, self.level(n.portion_of("analyst_comment"), spec.heading))
        if kind == "participants":
            return self.table(["Name", "Role", "Country"], [0.36, 0.40, 0.24], [
                (p.id, self.row([[TextRun(clean_text(p.name))] + self.cite(p, first_only=True),
                                 [TextRun(clean_text(p.role))], [TextRun(country_name(clean_text(p.country)))]],
                                self.level(p.portion, spec.heading, p.id)))
                for p in n.included("participants")])
        if kind == "agreements":
            return self.table(["Agreement", "Status", "Instrument", "Parties", "Date"],
                              [0.38, 0.12, 0.19, 0.17, 0.14], [
                (a.id, self.row([[TextRun(clean_text(a.text))] + self.first_reported(a) + self.cite(a),
                                 [TextRun(clean_text(a.status))], [TextRun(clean_text(a.instrument))],
                                 [TextRun(", ".join(country_name(clean_text(p)) for p in a.parties))],
                                 [TextRun(human_date(clean_text(a.date), short=True))]],
                                self.level(a.portion, spec.heading, a.id)))
                for a in n.included("agreements")])
        if kind == "events":
            return self.table(["Date", "Event"], [0.18, 0.82], [
                (e.id, self.row([[TextRun(human_date(clean_text(e.date), short=True))],
                                 [TextRun(clean_text(e.text))] + self.cite(e)],
                                self.level(e.portion, spec.heading, e.id)))
                for e in n.included("events")])
        if kind == "themes":
            out: list[Block] = []
            for t in n.included("themes"):
                runs = [TextRun(clean_text(t.label), bold=True)]
                if clean_text(t.note).strip():  # a one-line note typed as plain text
                    runs += [TextRun(": "), TextRun(clean_text(t.note).strip())]
                out.append(self.para(runs + self.cite(t), self.level(t.portion, spec.heading, t.id),
                                     "bullet", t.id))
            return out
        if kind == "quotes":
            return [self.para([TextRun(f"\u201c{clean_text(q.text)}\u201d", italic=True)]
                              + ([TextRun(f" \u2014 {clean_text(q.speaker)}")] if q.speaker.strip() else [])
                              + self.cite(q), self.level(q.portion, spec.heading, q.id), "quote", q.id)
                    for q in n.included("quotes")]
        if kind == "source":
            return self.source_block()
        if kind == "yardstick":
            if not uses_yardstick(n, self.template):
                return []
            default = self.marks.default_level
            return self.table(["Probabilistic term", "Likelihood"], [0.6, 0.4], [
                ("", self.row([[TextRun(term)], [TextRun(rng)]], default)) for term, rng in self.template.yardstick])
        return []  # references: filled in once every citation is known

    def first_reported(self, a) -> list[TextRun]:  # noqa: ANN001
        """" (first reported 4 Jun 2023, MIN-2023-0012)" for an agreement an earlier note reported."""
        when = human_date(clean_text(a.first_reported), short=True)
        ref = clean_text(a.first_reference)
        if not when and not ref:
            return []
        return [TextRun(" (first reported " + ", ".join(x for x in (when, ref) if x) + ")", italic=True)]

    def source_block(self) -> list[Block]:
        from briefing.note.source import is_url

        level = self.marks.default_level
        if len(self.note.sources) > 1:
            return [self.source_entry(number, s, level) for number, s in enumerate(self.note.sources, 1)]
        s = self.note.source
        rows = [("Outlet", s.outlet), ("Headline", s.headline), ("Author", s.author),
                ("URL", s.url if is_url(s.url) else "")]
        out = [self.para([TextRun(label + ": ", bold=True), TextRun(clean_text(value))], level, "source")
               for label, value in rows if clean_text(value).strip()]
        dates: list[TextRun] = []
        for label, value in (("Published", human_date(clean_text(s.date))),
                             ("Accessed", human_date(clean_text(s.accessed)))):
            if value.strip():
                dates += ([TextRun(" \u00b7 ")] if dates else []) + [TextRun(label + ": ", bold=True), TextRun(value)]
        if dates:  # the two dates share a line
            out.append(self.para(dates, level, "source"))
        return out

    def source_entry(self, number: int, s, level: Level) -> Para:  # noqa: ANN001
        """One source of several: ``[2] Reuters, 20 August 2024: “Headline”, Author, URL,
        accessed …`` (a source without an outlet is named by its headline)."""
        from briefing.note.source import is_url

        outlet = clean_text(s.outlet).strip()
        headline = clean_text(s.headline).strip()
        name = outlet or (f"\u201c{headline}\u201d" if headline else "Source article")
        published = human_date(clean_text(s.date).strip())
        head = f"[{number}] {name}" + (f", {published}" if published else "")
        rest = [f"\u201c{headline}\u201d"] if headline and outlet else []
        if clean_text(s.author).strip():
            rest.append(clean_text(s.author).strip())
        if is_url(s.url):
            rest.append(clean_text(s.url).strip())
        if clean_text(s.accessed).strip():
            rest.append(f"accessed {human_date(clean_text(s.accessed).strip())}")
        runs = [TextRun(head, bold=True)] + ([TextRun(": " + ", ".join(rest))] if rest else [])
        return self.para(runs, level, "source")

    def table(self, columns: list[str], widths: list[float], rows: list) -> list[Block]:
        """A table of ``rows``; a column empty in every row is left out (it would only
        take width from the others)."""
        if not rows:
            return []
        cells = [cells for _, cells in rows]
        keep = [i for i in range(len(columns))
                if i == 0 or any("".join(r.text for r in row[i]).strip() for row in cells)]
        return [Table([columns[i] for i in keep], [widths[i] for i in keep],
                      [[row[i] for i in keep] for row in cells], [rid for rid, _ in rows])]

    def source_label(self, source_id: str = "") -> str:
        """How a reference names the article: the outlet, else the headline's first words."""
        s = self.note.source_by_id(source_id) or self.note.source
        if clean_text(s.outlet).strip():
            return clean_text(s.outlet).strip()
        words = clean_text(s.headline).split()
        if words:
            return "\u201c" + " ".join(words[:8]) + ("\u2026" if len(words) > 8 else "") + "\u201d"
        return "Source article"

    def references(self) -> tuple[list[Reference], list[Block]]:
        """One short line per cited paragraph: ``[3] Outlet, 13 Sep 2021, ¶4`` (the outlet
        and date of the source the paragraph is in)."""
        refs, blocks = [], []
        level = self.marks.default_level
        for (source_id, para_index), number in sorted(self.ref_numbers.items(), key=lambda kv: kv[1]):
            source = self.note.source_by_id(source_id) or self.note.source
            published = human_date(clean_text(source.date), short=True)
            prefix = ", ".join(x for x in (self.source_label(source_id), published) if x)
            text = f"{prefix}, \u00b6{para_index + 1}"
            refs.append(Reference(number, para_index, text, source_id))
            mark = self.marks.mark(level)
            blocks.append(Para([TextRun(f"[{number}] ", bold=True)]
                               + ([TextRun(mark + " ", bold=True)] if mark else []) + [TextRun(text)],
                               "reference"))
        columns = self.reference_columns(blocks)
        if columns > 1:  # short lines: set them in columns, filled down then across
            per = -(-len(blocks) // columns)
            cols = [blocks[i:i + per] for i in range(0, len(blocks), per)]
            rows = [[col[r].runs if r < len(col) else [] for col in cols] for r in range(per)]
            return refs, [Table([""] * len(cols), [1 / len(cols)] * len(cols), rows, [""] * len(rows),
                                plain=True, cell_style="reference")]
        return refs, blocks

    def reference_columns(self, blocks: list[Para]) -> int:
        """How many columns the reference lines take: three for more than eight, two for
        more than ``REFERENCE_COLUMNS_FROM``, as long as the longest line fits its column."""
        if len(blocks) <= REFERENCE_COLUMNS_FROM:
            return 1
        from briefing.export.layout import PAGE_SIZES_MM, MM, text_width

        t = self.template
        width = (PAGE_SIZES_MM[t.page_size][0] - t.margins_mm.left - t.margins_mm.right) * MM
        style = t.stylesheet["reference"]
        longest = max(sum(text_width(r.text, style, bold=r.bold) for r in b.runs) for b in blocks)
        for columns in (3, 2):
            if len(blocks) > (8 if columns == 3 else REFERENCE_COLUMNS_FROM) and \
                    longest + REFERENCE_GUTTER_PT <= width / columns:
                return columns
        return 1


def build_outline(note: Note, template: Template, *, article: Article | None = None) -> Outline:
    """The outline of ``note`` laid out by ``template`` (citations need ``article``)."""
    b = _Builder(note, template, article)
    h = note.header
    sections = [OutlineSection(s.kind, clean_text(s.heading), s.level, b.section(s),
                               s.page_break_before, s.required, key=s.key) for s in template.sections]
    refs, ref_blocks = b.references()
    for sec in sections:
        if sec.kind == "references":
            sec.blocks = ref_blocks
    banner_marking = b.marks.banner()
    authority, missing_authority = _authority(note, banner_marking)
    missing = [sec.heading for sec in sections if sec.required and not sec.blocks]
    if missing_authority:
        missing.append(f"classification authority ({', '.join(missing_authority)})")
    draft = bool(missing)
    _drop_empty(sections)
    title = clean_text(h.title) or clean_text(note.source.headline) or "Briefing note"
    banner_text = banner_marking.banner
    fields = {"title": title, "date": human_date(clean_text(h.date)), "reference": clean_text(h.reference),
              "classification": banner_text, "analyst": clean_text(h.analyst),
              "organisation": clean_text(h.organisation)}
    values = dict(fields, caveats=clean_text(h.caveats), distribution=clean_text(h.distribution),
                  source="; ".join(", ".join(x for x in (clean_text(s.outlet), human_date(clean_text(s.date))) if x)
                                   for s in note.sources if clean_text(s.outlet) or clean_text(s.date)))
    meta = [(META_LABELS[k], values[k]) for k in template.title_block if values.get(k, "").strip()]
    countries = sorted({country_name(clean_text(c)) for p in note.included("participants")
                        for c in [p.country] if c.strip()})
    keywords = [clean_text(t.label) for t in note.included("themes")] + countries
    marking_text = banner_marking.text if banner_marking.scheme.banner else ""
    properties = {"title": title, "author": fields["analyst"] or fields["organisation"],
                  "subject": clean_text(note.source.headline) or title,
                  "keywords": "; ".join(k for k in keywords if k),
                  "category": marking_text, "classification": marking_text,
                  "status": "Draft" if draft else "Final",
                  "comments": f"Template: {template.title or template.name}"
                              + (f"; draft: {', '.join(missing)} to complete" if draft else "")}
    return Outline(title=title, meta=meta, classification=banner_text,
                   banner=template.banner and bool(banner_text),
                   banner_colour=banner_marking.level.text, banner_fill=banner_marking.level.fill,
                   header=_fill_band(template.header, fields), footer=_fill_band(template.footer, fields),
                   sections=sections, references=refs, properties=properties, template=template,
                   logo=template.logo_bytes(), authority=authority, draft=draft, missing=missing,
                   marking_problems=list(b.marks.problems), portion_marks=b.marks.marks_on)


def _authority(note: Note, marking) -> tuple[list[tuple[str, str]], list[str]]:  # noqa: ANN001
    """The authority block lines the banner level asks for, and the labels left empty."""
    scheme = marking.scheme
    lines, missing = [], []
    for key in marking.level.authority:
        label = scheme.authority.get(key, key)
        value = clean_text(note.header.authority.get(key, "")).strip()
        if value:
            lines.append((label, value))
        else:
            missing.append(label)
    return lines, missing


def _drop_empty(sections: list[OutlineSection]) -> None:
    """Empty sections go, unless they head a group (a draft lists its empty required ones
    once, under the title: :attr:`Outline.to_complete`)."""
    keep_heading = False
    for sec in reversed(sections):
        sec.empty = not sec.blocks
        if sec.level == 2:
            keep_heading = keep_heading or bool(sec.blocks)
        else:
            if not sec.blocks and keep_heading:
                sec.blocks = []  # a group heading over non-empty subsections
                sec.empty = False
            keep_heading = False
    sections[:] = [s for s in sections if s.blocks or not s.empty]


def _fill_band(band: Band, fields: dict[str, str]) -> Band:
    def fill(text: str) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: fields.get(m.group(1), m.group(0))
                      if m.group(1) not in ("page", "pages") else m.group(0), text)

    return Band(fill(band.left), fill(band.centre), fill(band.right))


def split_page_fields(text: str) -> list[str]:
    """``"Page {page} of {pages}"`` -> ``["Page ", "{page}", " of ", "{pages}"]`` (writers' helper)."""
    return [part for part in re.split(r"(\{page\}|\{pages\})", text) if part]
