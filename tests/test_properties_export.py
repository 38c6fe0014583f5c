"""Properties over notes with any Unicode text in any field.

* every field of a note, filled with any Unicode text, exports to DOCX and PDF with no
  fatal problem and no exception, and the written files read back (python-docx, pypdf);
* a project holding such a note saves and loads back equal.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from briefing.article import Article
from briefing.export import export_note
from briefing.note.model import (AgreementItem, EventItem, Note, NoteHeader, ParticipantItem,
                                 QuoteItem, SourceInfo, ThemeItem)
from briefing.note.project import Project, load_project, save_project
from briefing.templates import load_template

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=25)
SPANS = st.lists(st.tuples(st.integers(0, 200), st.integers(0, 200)), max_size=2)
MARK = "Zq7mark"


def items(cls, **fields):  # noqa: ANN001, ANN003, ANN201
    return st.lists(st.builds(cls, included=st.booleans(), source_spans=SPANS, **fields), max_size=2)


NOTES = st.builds(
    Note,
    header=st.builds(NoteHeader, title=TEXT.map(lambda t: f"{MARK} {t}"), date=TEXT, reference=TEXT,
                     analyst=TEXT, organisation=TEXT, classification=st.just(""), caveats=TEXT,
                     distribution=TEXT),
    summary=TEXT,
    participants=items(ParticipantItem, name=TEXT, role=TEXT, country=TEXT),
    agreements=items(AgreementItem, text=TEXT, status=TEXT, instrument=TEXT, parties=st.lists(TEXT, max_size=2),
                     date=TEXT, sentence=TEXT),
    themes=items(ThemeItem, theme_id=TEXT, label=TEXT, note=TEXT, evidence=st.lists(TEXT, max_size=2)),
    quotes=items(QuoteItem, text=TEXT, speaker=TEXT),
    events=items(EventItem, date=TEXT, text=TEXT),
    analyst_comment=TEXT,
    source=st.builds(SourceInfo, headline=TEXT, outlet=TEXT, author=TEXT, url=TEXT, date=TEXT,
                     accessed=TEXT),
    template=st.sampled_from(["ministerial", "intsum", "one-page"]),
    extra_sections=st.dictionaries(st.sampled_from(["issue", "background", "considerations",
                                                    "recommendation", "key_judgements"]), TEXT, max_size=5),
)
ARTICLES = st.builds(lambda ps: Article(original="\n\n".join(ps), paragraphs=ps),
                     st.lists(TEXT.filter(str.strip), min_size=1, max_size=3))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NOTES, ARTICLES)
def test_any_text_in_any_field_exports_and_reads_back(note, article):
    template = load_template(note.template)
    with tempfile.TemporaryDirectory() as folder:
        for suffix in ("docx", "pdf"):
            path = Path(folder) / f"note.{suffix}"
            problems = export_note(note, template, path, article=article)
            assert not [p for p in problems if p.fatal]
            if suffix == "docx":
                document = docx.Document(str(path))
                body = "\n".join(p.text for p in document.paragraphs)
                assert MARK in body or MARK in document.core_properties.title
            else:
                reader = PdfReader(str(path))
                assert len(reader.pages) >= 1
                assert MARK in "".join(page.extract_text() for page in reader.pages)
        assert sorted(p.name for p in Path(folder).iterdir()) == ["note.docx", "note.pdf"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NOTES, ARTICLES)
def test_project_with_any_note_loads_back_equal(note, article):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.briefing"
        save_project(path, Project(note, article))
        loaded = load_project(path)
    assert loaded.note == note
    assert loaded.article == article
