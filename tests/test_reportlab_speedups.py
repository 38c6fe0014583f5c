"""The faster stand-ins for reportlab's hot spots change nothing in the files.

Each note is rendered with the stand-ins and with reportlab's own functions and the two
PDFs compared byte for byte (the document id and the time stamps aside): the seed's note
in every shipped template, notes with every kind of run the writer makes (bold, italic,
superscript references, line breaks, tabs, no-break spaces, words wider than a column,
letters the font lacks), and generated paragraphs. A reportlab upgrade that changes what a
stand-in stands in for turns these red.
"""
from __future__ import annotations

import gc
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.platypus import paragraph

from briefing.article import Article
from briefing.export import old_objects_left_alone, reportlab_speedups
from briefing.export.fit import fit_outline
from briefing.export.fonts import register_family
from briefing.export.pdf import render_pdf
from briefing.note.header import draft_new_note
from briefing.note.model import (AgreementItem, Note, NoteHeader, ParticipantItem, QuoteItem,
                                 SourceInfo, ThemeItem)
from briefing.templates import load_template

TEMPLATES = ("ministerial", "intsum", "one-page")
ARTICLE = Article(original="", paragraphs=["Japan and Vietnam met.", "They signed a pact."])
_VOLATILE = re.compile(rb"/(CreationDate|ModDate) \([^)]*\)|/ID\s*\[[^\]]*\]")


def both_ways(note: Note, template_name: str) -> tuple[bytes, bytes]:
    """The note's PDF with reportlab's own functions, and with the stand-ins."""
    template = load_template(template_name)
    outline = fit_outline(note, template, article=ARTICLE).outline
    with reportlab_speedups.exact_stand_ins(False):
        theirs = render_pdf(outline)
    ours = render_pdf(outline)
    return _VOLATILE.sub(b"", theirs), _VOLATILE.sub(b"", ours)


def rich_note(summary: str, theme_note: str = "") -> Note:
    return Note(
        header=NoteHeader(title="Talks in Hà Nội — “same destiny”", date="2021-09-14", analyst="A. Analyst"),
        summary=summary,
        participants=[ParticipantItem(name="Nobuo Kishi", role="Defence Minister", country="JP"),
                      ParticipantItem(name="Phan Văn Giang", role="Minister of National Defence", country="VN")],
        agreements=[AgreementItem(text="Memorandum on defence equipment transfer", status="signed",
                                  parties=["JP", "VN"], date="2021-09-11")],
        themes=[ThemeItem(label="Maritime security", note=theme_note or "Freedom of **navigation** in the "
                          "*South China Sea*.")],
        quotes=[QuoteItem(text="any unilateral attempts to change the status quo", speaker="Nobuo Kishi")],
        source=SourceInfo(outlet="Republic World", date="2021-09-13", url="https://example.org/a/b"),
        extra_sections={"issue": "The issue.", "background": "Background.", "considerations": "Considerations.",
                        "recommendation": "Recommendation.", "key_judgements": "Judgements."})


@pytest.mark.parametrize("template_name", TEMPLATES)
def test_the_seeds_note_is_byte_for_byte_the_same(template_name, seed_article, seed_extraction):
    note = draft_new_note(seed_article, seed_extraction, load_template(template_name))
    template = load_template(template_name)
    outline = fit_outline(note, template, article=seed_article).outline
    with reportlab_speedups.exact_stand_ins(False):
        theirs = render_pdf(outline)
    ours = render_pdf(outline)
    assert _VOLATILE.sub(b"", ours) == _VOLATILE.sub(b"", theirs)


SUMMARIES = [
    "Japan's **defence minister** met his *Vietnamese* counterpart on 11 September.\n\n"
    "A second paragraph\twith a tab, a no-break\u00a0space and a line  break  here.",
    "https://www.example.org/a/very/long/address/that/is/wider/than/any/column/of/the/table/" * 2,
    "Superscripts^1^ and ***bold italic*** and `code` and ~~struck~~ text, “quotes”, dashes — and… "
    "Đà Nẵng, Cam Ranh, 日本 and 東京, Ελλάδα, Ковальчук.",
    ("Short words repeated many times over to fill several lines of text in each column " * 30).strip(),
]


@pytest.mark.parametrize("template_name", TEMPLATES)
@pytest.mark.parametrize("summary", SUMMARIES, ids=["marks", "long-word", "scripts", "long"])
def test_notes_with_every_kind_of_run_are_the_same(template_name, summary):
    theirs, ours = both_ways(rich_note(summary, theme_note=summary[:400]), template_name)
    assert ours == theirs


_WORDS = st.one_of(st.text(alphabet=st.sampled_from(list("abcdefghijk ABC,.;:’“”—éđ\u00a0-/")),
                           min_size=1, max_size=12), st.just("W" * 40))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.tuples(_WORDS, st.sampled_from(["", "**", "*"])), min_size=1, max_size=60),
       template_name=st.sampled_from(TEMPLATES))
def test_generated_paragraphs_are_the_same(words, template_name):
    text = " ".join(f"{mark}{w.strip()}{mark}" if w.strip() and mark else w for w, mark in words)
    theirs, ours = both_ways(rich_note(text or "x", theme_note=text[:300] or "x"), template_name)
    assert ours == theirs


def test_the_stand_ins_are_in_place():
    for owner, name, replacement in reportlab_speedups.EXACT:
        assert getattr(owner, name) is replacement, name
    with reportlab_speedups.exact_stand_ins(False):
        assert paragraph.sameFrag is not reportlab_speedups.same_frag
    assert paragraph.sameFrag is reportlab_speedups.same_frag


def test_remembered_widths_follow_a_font_registered_again_under_the_same_name():
    # reportlab keeps the first TrueType font registered under a name; a name can only be
    # given to another font by taking it out of the registry first, as done here
    carlito, caladea = (register_family(name).regular for name in ("Carlito", "Caladea"))
    name = "SpeedupsTestFace"
    text = "Memorandum of understanding"
    pdfmetrics.registerFont(ttfonts.TTFont(name, pdfmetrics.getFont(carlito).face.filename))
    first = reportlab_speedups.string_width(text, name, 10)
    first_ascent = reportlab_speedups.ascent_descent(name, 10)
    assert first == pytest.approx(pdfmetrics.stringWidth(text, carlito, 10))
    del pdfmetrics._fonts[name]
    pdfmetrics.registerFont(ttfonts.TTFont(name, pdfmetrics.getFont(caladea).face.filename))
    assert reportlab_speedups.string_width(text, name, 10) == pytest.approx(pdfmetrics.stringWidth(text, caladea, 10))
    assert reportlab_speedups.string_width(text, name, 10) != first
    assert reportlab_speedups.ascent_descent(name, 10) == pdfmetrics.getAscentDescent(caladea, 10)
    assert reportlab_speedups.ascent_descent(name, 10) != first_ascent
    del pdfmetrics._fonts[name]


def test_split_string_gives_reportlabs_codes_and_assigns_as_reportlab_does():
    from reportlab.pdfbase.pdfdoc import PDFDocument

    font = pdfmetrics.getFont(register_family("Carlito").regular)
    texts = ["plain ASCII text", "a\u00a0b", "naïve “café” — Đà Nẵng", "tab\there", "", "日本", "Ελλάδα x",
             "plain ASCII text", "naïve again"]
    docs = PDFDocument(), PDFDocument()
    theirs = [reportlab_speedups._SPLIT_STRING(font, t, docs[0]) for t in texts]
    ours = [reportlab_speedups.split_string(font, t, docs[1]) for t in texts]
    assert ours == theirs
    assert font.state[docs[1]].assignments == font.state[docs[0]].assignments


def test_the_collector_sets_old_objects_aside_only_within_the_block():
    assert gc.get_freeze_count() == 0
    with old_objects_left_alone():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    with pytest.raises(RuntimeError), old_objects_left_alone():
        raise RuntimeError
    assert gc.get_freeze_count() == 0


def test_pdf_text_numbers_and_names_are_formatted_as_reportlab_formats_them():
    from reportlab.pdfbase import pdfdoc

    doc = pdfdoc.PDFDocument()
    texts = ["/Widths", "plain", "tab\tnew\nline", "\x18\x1f in the gap", "naïve", "", "~!", "\x7f"]
    for text in texts:
        their = reportlab_speedups._PDFDOC_ENC
        try:
            expected = their(text)
        except UnicodeEncodeError:
            with pytest.raises(UnicodeEncodeError):
                reportlab_speedups.pdfdoc_enc(text)
            continue
        assert reportlab_speedups.pdfdoc_enc(text) == expected, repr(text)
    for element in [0, 1, -3, 10**12, 0.5, 1e-7, 612.0, 1 / 3, True, False, b"raw", "text", "(x)"]:
        assert reportlab_speedups.pdf_format(element, doc) == reportlab_speedups._PDF_FORMAT(element, doc)
    for name in ["Type", "Font Name", "a#b", "Ünï", "x(y)", "Sub/Type"]:
        assert reportlab_speedups.pdf_name(name) == reportlab_speedups._PDF_NAME(name)
        assert reportlab_speedups.pdf_name(name) == reportlab_speedups._PDF_NAME(name)  # (remembered)


@pytest.mark.slow
def test_every_dev_note_in_every_template_is_the_same(tmp_path, monkeypatch):
    """The dev corpus drafted and rendered both ways (about 20 s: run by ``pytest -m slow``)."""
    from pathlib import Path

    from briefing.extract import extract
    from briefing.ingest import read_article

    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "user"))
    corpus = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev"
    articles = sorted(corpus.glob("*.txt")) or sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
    compared = 0
    for path in articles:
        article = read_article(path)
        extraction = extract(article)
        for template_name in TEMPLATES:
            template = load_template(template_name)
            note = draft_new_note(article, extraction, template)
            outline = fit_outline(note, template, article=article).outline
            with reportlab_speedups.exact_stand_ins(False):
                theirs = render_pdf(outline)
            assert _VOLATILE.sub(b"", render_pdf(outline)) == _VOLATILE.sub(b"", theirs), (path.name, template_name)
            compared += 1
    assert compared >= 3
