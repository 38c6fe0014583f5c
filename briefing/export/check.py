"""The pre-export check: what would go wrong or look wrong if this note were exported now.

:func:`check_note` (called by ``briefing check``, by the export before writing, and by
the GUI) reports :class:`Problem` records: characters the template's PDF font (and the
CJK fallback) cannot draw, styles missing from the template's reference document,
required sections left empty, and template errors. Only ``fatal`` problems stop an
export; ``warning`` ones are shown and the export goes ahead.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.export.fonts import missing_glyphs
from briefing.export.outline import Outline, Para, Table, build_outline
from briefing.templates import Template, TemplateError, template_from_data

if TYPE_CHECKING:
    from briefing.article import Article
    from briefing.note.model import Note


@dataclass(frozen=True)
class Problem:
    """One finding of the check. ``section`` is a heading; ``item_id`` a note item, if any."""

    severity: str  # "warning" | "fatal"
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
    """Template errors (fatal), re-validated from the template as it stands now."""
    try:
        template_from_data(template.to_toml_data(), name=template.name, folder=template.folder,
                           origin=template.origin,
                           file=(template.folder / "template.toml") if template.folder else "template.toml")
    except TemplateError as exc:
        return [Problem("fatal", f"template error: {e}") for e in exc.errors]
    return []


def reference_problems(template: Template, fmt: str | None = None) -> list[Problem]:
    """Styles the reference document lacks (warnings); an unreadable one is fatal for DOCX."""
    path = template.reference_path
    if path is None or fmt == "pdf":
        return []
    from briefing.export.docx import missing_styles, required_styles

    try:
        missing = missing_styles(path, required_styles(template))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for a bad file
        return [Problem("fatal", f"{path}: not a readable Word document ({type(exc).__name__})")]
    return [Problem("warning", f"{path.name} lacks style '{name}'; the built-in one will be used")
            for name in missing]


def glyph_problems(outline: Outline) -> list[Problem]:
    """Characters the PDF font family and the CJK fallback cannot draw (one per place)."""
    family = outline.template.pdf_font
    problems: list[Problem] = []

    def scan(text: str, section: str, item_id: str = "") -> None:
        chars = missing_glyphs(text, family)
        if chars:
            shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in chars[:6])
            more = f" and {len(chars) - 6} more" if len(chars) > 6 else ""
            problems.append(Problem("warning", f"the PDF font {family} cannot draw {shown}{more}",
                                    section, item_id))

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
    return problems


def empty_section_problems(outline: Outline) -> list[Problem]:
    return [Problem("warning", f"required section '{sec.heading}' is empty", sec.heading)
            for sec in outline.sections if sec.required and sec.empty]


def summary_length_problems(note: Note) -> list[Problem]:
    """A summary longer than a bottom line should be (warnings; the analyst decides)."""
    from briefing.note.draft import summary_problems
    from briefing.note.richtext import plain_text

    return [Problem("warning", message, "Summary") for message in summary_problems(plain_text(note.summary))]


def check_note(note: Note, template: Template, *, article: Article | None = None,
               fmt: str | None = None) -> list[Problem]:
    """Everything worth telling the analyst before exporting ``note`` with ``template``.

    ``fmt`` ("docx" or "pdf") limits format-specific checks; None checks for both.
    """
    problems = template_problems(template)
    if problems:
        return problems
    problems += reference_problems(template, fmt)
    outline = build_outline(note, template, article=article)
    problems += empty_section_problems(outline)
    problems += summary_length_problems(note)
    if fmt != "docx":
        problems += glyph_problems(outline)
    return problems
