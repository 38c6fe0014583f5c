"""Fitting a note to its template's page limit, by rule, saying what was left out.

A template with ``[page] max_pages`` (the one-page brief) must fit. When the note's
layout (:func:`briefing.export.pdf.layout_of`, the same layout the DOCX has) runs over,
:func:`fit_outline` first shortens long agreement texts and theme notes, then leaves out
the lowest-ranked items of the sections in ``[fit] leave_out`` order, one at a time, down to
``[fit] keep_at_least`` per section, until the note fits. Ranking: participants by how often
the article names them, agreements signed before agreed before affirmed, themes by their
evidence, quotes and events from the end. What was done is reported as plain sentences
("3 themes and 2 quotes left out to fit one page"); if the note still does not fit, the
number of lines over is reported too. The analyst's note is never changed: a copy is fitted.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefing.export.outline import Outline, build_outline

if TYPE_CHECKING:
    from briefing.article import Article
    from briefing.note.model import Note
    from briefing.templates import Template

SHORT_WORDS = 16  # an agreement text or theme note longer than this is shortened to it
STATUS_RANK = {"signed": 0, "agreed": 1, "affirmed": 2}
NOUNS = {"participants": ("participant", "participants"), "agreements": ("agreement", "agreements"),
         "themes": ("theme", "themes"), "quotes": ("quote", "quotes"), "events": ("event", "events")}
NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


@dataclass
class Fit:
    outline: Outline
    left_out: dict[str, int] = field(default_factory=dict)
    shortened: int = 0
    lines_over: int = 0
    pages: int = 0
    pdf: bytes | None = field(default=None, repr=False)  # the outline's PDF, when the fit made it

    @property
    def changed(self) -> bool:
        return bool(self.left_out or self.shortened)

    def report(self, max_pages: int) -> str:
        """``"3 themes and 2 quotes left out to fit one page"`` (empty if nothing was done)."""
        parts = [f"{n} {NOUNS[s][0 if n == 1 else 1]}" for s, n in self.left_out.items() if n]
        done = []
        if self.shortened:
            done.append(f"{self.shortened} long text{'s' if self.shortened > 1 else ''} shortened")
        if parts:
            done.append((", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]) + " left out")
        if not done:
            return ""
        pages = f"{NUMBER_WORDS.get(max_pages, max_pages)} page{'s' if max_pages > 1 else ''}"
        return " and ".join(done) + f" to fit {pages}"


def _shorten(text: str, words: int = SHORT_WORDS) -> str:
    parts = text.split()
    if len(parts) <= words:
        return text
    return " ".join(parts[:words]).rstrip(",;:.-\u2013") + "\u2026"


def _rank(section: str, items: list) -> list:
    """``items`` from the most to the least important (the last are left out first)."""
    order = {id(item): i for i, item in enumerate(items)}
    if section == "participants":
        return sorted(items, key=lambda p: (-len(p.source_spans), order[id(p)]))
    if section == "agreements":
        return sorted(items, key=lambda a: (STATUS_RANK.get(a.status.strip().lower(), 3), order[id(a)]))
    if section == "themes":
        return sorted(items, key=lambda t: (-(len(t.evidence) + len(t.source_spans)), order[id(t)]))
    return list(items)


def fit_outline(note: Note, template: Template, *, article: Article | None = None) -> Fit:
    """The outline of ``note`` fitted to ``template.max_pages`` (as it is when there is none)."""
    from briefing.export.pdf import render_pdf_layout

    outline = build_outline(note, template, article=article)
    if not template.max_pages:
        return Fit(outline)
    pdf, layout = render_pdf_layout(outline)  # (the file is kept: the export needs no second run)
    if layout.pages <= template.max_pages:
        return Fit(outline, pages=layout.pages, pdf=pdf)
    fitted = copy.deepcopy(note)
    fit = Fit(outline)
    for item in fitted.included("agreements"):
        short = _shorten(item.text)
        fit.shortened += short != item.text
        item.text = short
    for item in fitted.included("themes"):
        short = _shorten(item.note)
        fit.shortened += short != item.note
        item.note = short
    if fit.shortened:
        fit.outline = build_outline(fitted, template, article=article)
        pdf, layout = render_pdf_layout(fit.outline)
    shown = {s.kind for s in template.sections}
    for section in template.fit_leave_out:
        if section not in shown:  # leaving out what the page does not show gains nothing
            continue
        keep = template.fit_keep.get(section, 0)
        while layout.pages > template.max_pages:
            ranked = _rank(section, fitted.included(section))
            if len(ranked) <= keep:
                break
            ranked[-1].included = False
            fit.left_out[section] = fit.left_out.get(section, 0) + 1
            fit.outline = build_outline(fitted, template, article=article)
            pdf, layout = render_pdf_layout(fit.outline)
        if layout.pages <= template.max_pages:
            break
    fit.pages, fit.pdf = layout.pages, pdf
    fit.lines_over = layout.lines_over(template.max_pages)
    return fit
