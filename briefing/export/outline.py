"""Note + Template -> a format-neutral outline that the DOCX and PDF writers both read.

The outline holds everything the page shows, already decided: the title block, the
sections in template order with their headings, paragraphs (styled runs), bullets,
quotes and tables, the numbered source references, header and footer text (with only
``{page}`` and ``{pages}`` left for the writer), the classification banner and the
document properties. Only included items are exported. All user text is cleaned here
once: characters Word rejects are removed and flag emoji become country names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.knowledge.countries import country_label, flags_to_names
from briefing.knowledge.dates import format_date
from briefing.note.richtext import parse_rich_text
from briefing.templates import Band, SectionSpec, Template

if TYPE_CHECKING:
    from briefing.article import Article
    from briefing.note.model import Note

PLACEHOLDER = "[To be completed]"
META_LABELS = {"reference": "Reference", "date": "Date", "analyst": "Analyst",
               "organisation": "Organisation", "classification": "Classification",
               "caveats": "Caveats", "distribution": "Distribution", "source": "Source"}
_REJECTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")


@dataclass
class TextRun:
    text: str
    bold: bool = False
    italic: bool = False
    superscript: bool = False


@dataclass
class Para:
    """A paragraph; ``style`` is body | bullet | quote | placeholder | reference."""

    runs: list[TextRun]
    style: str = "body"
    item_id: str = ""

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Table:
    """A table with a header row; each cell is a list of runs; widths are fractions."""

    columns: list[str]
    widths: list[float]
    rows: list[list[list[TextRun]]] = field(default_factory=list)
    row_ids: list[str] = field(default_factory=list)


Block = Para | Table


@dataclass
class OutlineSection:
    kind: str
    heading: str
    level: int
    blocks: list[Block] = field(default_factory=list)
    page_break_before: bool = False
    required: bool = False
    empty: bool = False  # nothing to say (a required one then shows PLACEHOLDER)


@dataclass
class Reference:
    number: int
    paragraph: int  # 0-based index into Article.paragraphs
    text: str


@dataclass
class Outline:
    title: str
    meta: list[tuple[str, str]]
    classification: str
    banner: bool
    banner_colour: str
    header: Band
    footer: Band
    sections: list[OutlineSection]
    references: list[Reference]
    properties: dict[str, str]
    template: Template
    logo: Path | None = None


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


def portion_mark(classification: str) -> str:
    """``UNCLASSIFIED//FOR OFFICIAL USE ONLY`` -> ``(U//FOUO)``; ``OFFICIAL-SENSITIVE`` -> ``(OS)``."""
    parts = [p for p in classification.upper().split("//") if p.strip()]
    marks = ["".join(w[0] for w in re.split(r"[\s\-]+", p.strip()) if w) for p in parts]
    return f"({'//'.join(marks)})" if marks else ""


class _Builder:
    def __init__(self, note: Note, template: Template, article: Article | None) -> None:
        self.note, self.template, self.article = note, template, article
        self.ref_numbers: dict[int, int] = {}
        self.classification = clean_text(note.header.classification) or template.classification
        self.mark = portion_mark(self.classification) if template.portion_marks else ""

    # -- text helpers
    def rich(self, source: str, item_id: str = "") -> list[Para]:
        out = []
        for block in parse_rich_text(clean_text(source)):
            runs = [TextRun(r.text, r.bold, r.italic) for r in block.runs]
            out.append(self.para(runs, "bullet" if block.kind == "bullet" else "body", item_id))
        return out

    def para(self, runs: list[TextRun], style: str = "body", item_id: str = "") -> Para:
        if self.mark and style in ("body", "bullet", "quote"):
            runs = [TextRun(self.mark + " ", bold=True)] + runs
        return Para(runs, style, item_id)

    def cite(self, spans: list) -> list[TextRun]:
        style = self.template.citation_style
        if style == "none" or not spans or self.article is None or not self.article.paragraphs:
            return []
        paras = sorted({self.article.paragraph_at(int(s[0])) for s in spans})
        if style == "paragraph":
            return [TextRun(" (" + ", ".join(f"¶{p + 1}" for p in paras) + ")")]
        numbers = [self.ref_numbers.setdefault(p, len(self.ref_numbers) + 1) for p in paras]
        label = ",".join(str(n) for n in sorted(numbers))
        return [TextRun(label, superscript=True)] if style == "superscript" else [TextRun(f" [{label}]")]

    # -- sections
    def section(self, spec: SectionSpec) -> list[Block]:
        n, kind = self.note, spec.kind
        if kind == "summary":
            return self.rich(n.summary)
        if kind == "text":
            return self.rich(n.extra(spec.key))
        if kind == "analyst_comment":
            return self.rich(n.analyst_comment)
        if kind == "participants":
            return self.table(["Name", "Role", "Country"], [0.36, 0.40, 0.24], [
                (p.id, [[TextRun(clean_text(p.name))] + self.cite(p.source_spans[:1]),
                        [TextRun(clean_text(p.role))], [TextRun(country_name(clean_text(p.country)))]])
                for p in n.included("participants")])
        if kind == "agreements":
            return self.table(["Agreement", "Status", "Instrument", "Parties", "Date"],
                              [0.38, 0.12, 0.19, 0.17, 0.14], [
                (a.id, [[TextRun(clean_text(a.text))] + self.cite(a.source_spans),
                        [TextRun(clean_text(a.status))], [TextRun(clean_text(a.instrument))],
                        [TextRun(", ".join(country_name(clean_text(p)) for p in a.parties))],
                        [TextRun(human_date(clean_text(a.date), short=True))]])
                for a in n.included("agreements")])
        if kind == "events":
            return self.table(["Date", "Event"], [0.18, 0.82], [
                (e.id, [[TextRun(human_date(clean_text(e.date), short=True))],
                        [TextRun(clean_text(e.text))] + self.cite(e.source_spans)])
                for e in n.included("events")])
        if kind == "themes":
            out: list[Block] = []
            for t in n.included("themes"):
                runs = [TextRun(clean_text(t.label), bold=True)]
                if clean_text(t.note).strip():  # a one-line note typed as plain text
                    runs += [TextRun(": "), TextRun(clean_text(t.note).strip())]
                out.append(self.para(runs + self.cite(t.source_spans), "bullet", t.id))
            return out
        if kind == "quotes":
            return [self.para([TextRun(f"\u201c{clean_text(q.text)}\u201d", italic=True)]
                              + ([TextRun(f" \u2014 {clean_text(q.speaker)}")] if q.speaker.strip() else [])
                              + self.cite(q.source_spans), "quote", q.id)
                    for q in n.included("quotes")]
        if kind == "source":
            s = n.source
            rows = [("Headline", s.headline), ("Outlet", s.outlet), ("Date", human_date(s.date)),
                    ("Location", s.location)]
            return [Para([TextRun(label + ": ", bold=True), TextRun(clean_text(value))])
                    for label, value in rows if clean_text(value).strip()]
        if kind == "yardstick":
            return self.table(["Probabilistic term", "Likelihood"], [0.6, 0.4], [
                ("", [[TextRun(term)], [TextRun(rng)]]) for term, rng in self.template.yardstick])
        return []  # references: filled in once every citation is known

    def table(self, columns: list[str], widths: list[float], rows: list) -> list[Block]:
        if not rows:
            return []
        return [Table(columns, widths, [cells for _, cells in rows], [rid for rid, _ in rows])]

    def references(self) -> tuple[list[Reference], list[Block]]:
        if self.article is None:
            return [], []
        src = self.note.source
        prefix = ", ".join(x for x in (clean_text(src.outlet), f"\u201c{clean_text(src.headline)}\u201d"
                                       if src.headline.strip() else "", human_date(clean_text(src.date))) if x)
        refs, blocks = [], []
        for para_index, number in sorted(self.ref_numbers.items(), key=lambda kv: kv[1]):
            excerpt = clean_text(self.article.paragraphs[para_index])
            excerpt = excerpt if len(excerpt) <= 160 else excerpt[:157].rsplit(" ", 1)[0] + "\u2026"
            text = f"{prefix + ', ' if prefix else ''}paragraph {para_index + 1}: \u201c{excerpt}\u201d"
            refs.append(Reference(number, para_index, text))
            blocks.append(Para([TextRun(f"[{number}] ", bold=True), TextRun(text)], "reference"))
        return refs, blocks


def build_outline(note: Note, template: Template, *, article: Article | None = None) -> Outline:
    """The outline of ``note`` laid out by ``template`` (citations need ``article``)."""
    b = _Builder(note, template, article)
    h = note.header
    sections = [OutlineSection(s.kind, clean_text(s.heading), s.level, b.section(s),
                               s.page_break_before, s.required) for s in template.sections]
    refs, ref_blocks = b.references()
    for sec in sections:
        if sec.kind == "references":
            sec.blocks = ref_blocks
    _drop_empty(sections)
    title = clean_text(h.title) or clean_text(note.source.headline) or "Briefing note"
    fields = {"title": title, "date": human_date(clean_text(h.date)), "reference": clean_text(h.reference),
              "classification": b.classification, "analyst": clean_text(h.analyst),
              "organisation": clean_text(h.organisation)}
    values = dict(fields, caveats=clean_text(h.caveats), distribution=clean_text(h.distribution),
                  source=", ".join(x for x in (clean_text(note.source.outlet),
                                               human_date(clean_text(note.source.date))) if x))
    meta = [(META_LABELS[k], values[k]) for k in template.title_block if values.get(k, "").strip()]
    countries = sorted({country_name(clean_text(c)) for p in note.included("participants")
                        for c in [p.country] if c.strip()})
    keywords = [clean_text(t.label) for t in note.included("themes")] + countries
    properties = {"title": title, "author": fields["analyst"] or fields["organisation"],
                  "subject": clean_text(note.source.headline) or title,
                  "keywords": ", ".join(k for k in keywords if k),
                  "category": b.classification, "comments": f"Template: {template.title or template.name}"}
    return Outline(title=title, meta=meta, classification=b.classification, banner=template.banner,
                   banner_colour=template.classification_colour,
                   header=_fill_band(template.header, fields), footer=_fill_band(template.footer, fields),
                   sections=sections, references=refs, properties=properties, template=template,
                   logo=template.logo_path)


def _drop_empty(sections: list[OutlineSection]) -> None:
    """Required empty sections get a placeholder; other empty ones go, unless they head a group."""
    keep_heading = False
    for sec in reversed(sections):
        sec.empty = not sec.blocks
        if sec.empty and sec.required:
            sec.blocks = [Para([TextRun(PLACEHOLDER, italic=True)], "placeholder")]
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
