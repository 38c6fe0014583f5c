"""The pre-export check: what would go wrong or look wrong if this note were exported now.

:func:`check_note` (called by ``briefing check``, by the export before writing, and by
the GUI) reports :class:`Problem` records: template errors; markings the template's
scheme does not accept (the note's marking, a portion level); what keeps the note a
draft (required sections left empty, an incomplete classification authority block);
a summary/BLUF over the template's word limit or with a sentence over its limit;
estimative words outside the yardstick in judgements; characters the template's PDF
font (and the CJK fallback) cannot draw; styles missing from the reference document.
Only ``fatal`` problems stop an export (a draft is fatal only for a final export);
``warning`` ones are shown and the export goes ahead; a ``note`` only informs (a fallback
font drew some letters).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import re

from briefing.export.fonts import fallback_family, fallback_uses, missing_glyphs
from briefing.export.outline import Outline, Para, Table
from briefing.export.yardstick import vague_words
from briefing.note.richtext import plain_text
from briefing.note.wording import sentences
from briefing.templates import Template, TemplateError, template_from_data

if TYPE_CHECKING:
    from briefing.article import Article
    from briefing.note.model import Note


@dataclass(frozen=True)
class Problem:
    """One finding of the check. ``section`` is a heading; ``item_id`` a note item, if any."""

    severity: str  # "note" (for information) | "warning" | "fatal"
    message: str
    section: str = ""
    item_id: str = ""

    @property
    def fatal(self) -> bool:
        return self.severity == "fatal"

    def __str__(self) -> str:
        where = f" [{self.section}]" if self.section else ""
        return f"{self.severity}{where}: {self.message}"


def template_problems(template: Template) -> list[Problem]:
    """Template errors (fatal), re-validated from the template as it stands now. The logo's
    bytes read and checked here are the ones the writers then draw (``template.checked_logo``)."""
    try:
        fresh = template_from_data(template.to_toml_data(), name=template.name, folder=template.folder,
                                   origin=template.origin,
                                   file=(template.folder / "template.toml") if template.folder
                                   else "template.toml")
    except TemplateError as exc:
        return [Problem("fatal", f"template error: {e}") for e in exc.errors]
    template.checked_logo = fresh.checked_logo
    return []


def reference_problems(template: Template, fmt: str | None = None) -> list[Problem]:
    """Styles the reference document lacks (warnings); an unreadable one is fatal for DOCX."""
    path = template.reference_path
    if path is None or fmt == "pdf":
        return []
    from briefing.export.docx import missing_styles, required_styles

    from briefing.export.reference_doc import ReferenceDocumentError

    try:
        missing = missing_styles(path, required_styles(template))
    except ReferenceDocumentError as exc:  # too large, a zip bomb, not a Word package
        return [Problem("fatal", str(exc))]
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for a bad file
        return [Problem("fatal", f"{path}: not a readable Word document ({type(exc).__name__})")]
    return [Problem("warning", f"{path.name} lacks style '{name}'; the built-in one will be used")
            for name in missing]


def glyph_problems(outline: Outline) -> list[Problem]:
    """Characters the PDF font family and the CJK fallback cannot draw (one per place)."""
    family = outline.template.pdf_font
    problems: list[Problem] = []
    fallback: list[str] = []  # drawn by the fallback family
    cjk: list[str] = []  # drawn by a CJK font the PDF cannot embed

    def scan(text: str, section: str, item_id: str = "") -> None:
        chars = missing_glyphs(text, family)
        if chars:
            shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in chars[:6])
            more = f" and {len(chars) - 6} more" if len(chars) > 6 else ""
            problems.append(Problem("warning", f"the PDF font {family} cannot draw {shown}{more}",
                                    section, item_id))
        other, far = fallback_uses(text, family)
        fallback.extend(c for c in other if c not in fallback)
        cjk.extend(c for c in far if c not in cjk)

    scan(outline.title, "Title")
    for label, value in outline.meta:
        scan(value, label)
    scan(outline.classification, "Classification")
    for band in (outline.header, outline.footer):
        scan(band.left + band.centre + band.right, "Header/footer")
    for sec in outline.sections:
        scan(sec.heading, sec.heading)
        for block in sec.blocks:
            if isinstance(block, Para):
                scan(block.text, sec.heading, block.item_id)
            elif isinstance(block, Table):
                for row, row_id in zip(block.rows, block.row_ids):
                    scan(" ".join("".join(r.text for r in cell) for cell in row), sec.heading, row_id)
    if fallback:
        other = fallback_family(family) or "another font"
        shown = " ".join(fallback[:8]) + (" \u2026" if len(fallback) > 8 else "")
        problems.append(Problem("note", f"the PDF draws {shown} with {other}: {family} (the twin of "
                                           f"{outline.template.body_font}) has no such letters; Word uses its own"))
    if cjk:
        problems.append(Problem("warning", f"Chinese, Japanese or Korean text ({' '.join(cjk[:6])}) uses a font "
                                           "the PDF does not embed: the file is not fit for archiving"))
    return problems


def marking_problems(outline: Outline) -> list[Problem]:
    """Markings the scheme does not accept: fatal (a note is never sent with an invented one)."""
    return [Problem("fatal", message, "Classification", item_id)
            for message, item_id in outline.marking_problems]


def draft_problems(outline: Outline, final: bool = False) -> list[Problem]:
    """What keeps the note a draft: warnings, or one fatal line for a final export."""
    if not outline.draft:
        return []
    if final:
        return [Problem("fatal", "not final: complete " + ", ".join(f"'{m}'" for m in outline.missing)
                        + " (or export a draft without --final)")]
    out = []
    for missing in outline.missing:
        if missing.startswith("classification authority"):
            out.append(Problem("warning", f"{missing} is empty: the note is exported as a DRAFT",
                               "Classification"))
        else:
            out.append(Problem("warning", f"required section '{missing}' is empty: the note is "
                                          "exported as a DRAFT", missing))
    return out


MIN_CONTRAST = 4.5


def words(text: str) -> list[str]:
    """The words of plain text (numbers and hyphenated words count once)."""
    return re.findall(r"[\w\u2019'\-\u2013]+", text)


def length_problems(note: Note, template: Template) -> list[Problem]:
    """A summary or text section over its word limit, or with a sentence over the sentence limit."""
    out = []
    for spec in template.sections:
        if not (spec.max_words or spec.max_sentence_words):
            continue
        source = note.summary if spec.kind == "summary" else note.analyst_comment \
            if spec.kind == "analyst_comment" else note.extra(spec.key) if spec.kind == "text" else ""
        text = " ".join(plain_text(source).split())
        if not text:
            continue
        count = len(words(text))
        if spec.max_words and count > spec.max_words:
            out.append(Problem("warning", f"'{spec.heading}' has {count} words; keep it to "
                                          f"{spec.max_words} and move the rest to the body", spec.heading))
        if spec.max_sentence_words:
            for sentence in sentences(text):
                n = len(words(sentence))
                if n > spec.max_sentence_words:
                    start = " ".join(sentence.split()[:6])
                    out.append(Problem("warning", f"'{spec.heading}': a sentence of {n} words (\u201c{start}"
                                                  f"\u2026\u201d); keep sentences to {spec.max_sentence_words}",
                                       spec.heading))
    return out


def fit_problems(fit, template: Template) -> list[Problem]:  # noqa: ANN001 - briefing.export.fit.Fit
    """What was left out to fit the page limit, and how far over it the note still is."""
    out = []
    if fit.changed:
        out.append(Problem("warning", fit.report(template.max_pages)))
    if fit.lines_over:
        pages = f"{template.max_pages} page{'s' if template.max_pages > 1 else ''}"
        out.append(Problem("warning", f"the note does not fit {pages}: {fit.lines_over} line"
                                      f"{'s' if fit.lines_over > 1 else ''} over; shorten the summary "
                                      "or the comment, or leave out more items"))
    return out


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two #RRGGBB colours (1 to 21)."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def style_problems(template: Template) -> list[Problem]:
    """Table heading text that is hard to read on its fill (WCAG: at least 4.5:1)."""
    table = template.stylesheet.table
    ratio = contrast(table.header_text, table.header_fill)
    if ratio < MIN_CONTRAST:
        return [Problem("warning", f"table headings ({table.header_text} on {table.header_fill}) have a contrast "
                                   f"of {ratio:.1f}:1; choose colours of at least {MIN_CONTRAST:g}:1")]
    return []


def estimative_problems(note: Note, template: Template) -> list[Problem]:
    """Vague estimative words in judgements (terms outside the template's yardstick)."""
    headings = {s.key or s.kind: s.heading for s in template.sections}
    out = []
    for key, word in vague_words(note, template):
        heading = headings.get(key, key.replace("_", " ").capitalize())
        advice = "use a term of the probability yardstick" if template.yardstick else \
            "say how likely (a probability term)"
        out.append(Problem("warning", f"'{heading}' says \u201c{word}\u201d: {advice}", heading))
    return out


def check_note(note: Note, template: Template, *, article: Article | None = None,
               fmt: str | None = None, final: bool = False, fit=None,  # noqa: ANN001
               template_checked: bool = False) -> list[Problem]:
    """Everything worth telling the analyst before exporting ``note`` with ``template``.

    ``fmt`` ("docx" or "pdf") limits format-specific checks; None checks for both.
    ``final`` makes a draft (a required section empty) a fatal problem. ``fit`` is the
    note's :class:`briefing.export.fit.Fit` when the caller has it already;
    ``template_checked``: the caller has just found no :func:`template_problems`.
    """
    problems = [] if template_checked else template_problems(template)
    if problems:
        return problems
    from briefing.export.fit import fit_outline

    fit = fit or fit_outline(note, template, article=article)
    outline = fit.outline
    problems += marking_problems(outline)
    problems += fit_problems(fit, template)
    problems += style_problems(template)
    problems += draft_problems(outline, final)
    problems += length_problems(note, template)
    problems += estimative_problems(note, template)
    problems += reference_problems(template, fmt)
    if fmt != "docx":
        problems += glyph_problems(outline)
    return problems
