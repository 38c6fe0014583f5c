"""Exports of a note with several sources: every source in the source block with its outlet
and date, and each citation pointing at the right source and paragraph. Read back from
the real files (python-docx, pypdf); and the command line that makes such notes."""
from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from briefing.export import export_note
from briefing.export.outline import build_outline
from briefing.note.merge import add_source
from briefing.templates import load_template

from test_merge import first_note, second_source  # noqa: E402 - real two-source notes

REPO = Path(__file__).resolve().parent.parent
PAIR = REPO / "eval" / "merge" / "turkiye-somalia-framework-2024"


@pytest.fixture
def note():  # noqa: ANN201
    note, _ = first_note()
    article, extraction = second_source()
    add_source(note, article, extraction)
    note.sources[0].outlet, note.sources[1].outlet = "Sputnik", "Caliber.az"
    return note


def test_references_name_the_source_and_paragraph_of_each_citation(note) -> None:  # noqa: ANN001
    outline = build_outline(note, load_template("ministerial"), article=note.source.article)
    refs = {(r.source, r.paragraph): r.text for r in outline.references}
    # Hamada is in the first paragraph of both articles; the quote is in ¶3 of both
    assert refs[("s1", 0)] == "Sputnik, 4 Jun 2023, \u00b61"
    assert refs[("s2", 0)] == "Caliber.az, 5 Jun 2023, \u00b61"
    assert refs[("s2", 2)] == "Caliber.az, 5 Jun 2023, \u00b63"
    kim = next(s for s in outline.sections if s.kind == "participants").blocks[0].rows[2]
    number = next(r.number for r in outline.references if (r.source, r.paragraph) == ("s2", 3))
    assert kim[0][-1].text == f" [{number}]"  # Kim Jong Un: only the second source, its fourth paragraph


def test_docx_and_pdf_list_every_source_with_outlet_and_date(tmp_path: Path, note) -> None:  # noqa: ANN001
    template = load_template("ministerial")
    export_note(note, template, tmp_path / "n.docx", article=note.source.article)
    export_note(note, template, tmp_path / "n.pdf", article=note.source.article)
    document = docx.Document(str(tmp_path / "n.docx"))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]  # references in columns
    words = "\n".join([p.text for p in document.paragraphs] + cells)
    pdf = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(str(tmp_path / "n.pdf")).pages)
    for text in (words, " ".join(words.split())):
        assert "[1] Sputnik, 4 June 2023" in text and "[2] Caliber.az, 5 June 2023" in text
        assert "Caliber.az, 5 Jun 2023, \u00b63" in text
    assert "[1] Sputnik, 4 June 2023" in pdf and "[2] Caliber.az, 5 June 2023" in pdf
    assert "Caliber.az, 5 Jun 2023, \u00b63" in pdf


def test_the_command_line_merges_articles_into_one_note(tmp_path: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    from briefing.cli import main
    from briefing.library import open_library
    from briefing.note.project import load_project

    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "data"))
    code = main(["export", str(PAIR / "a.txt"), str(PAIR / "b.txt"), "--merge", "-o", str(tmp_path / "n.pdf"),
                 "--project", str(tmp_path / "n.briefing")])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert f"wrote {tmp_path / 'n.pdf'}" in out and f"wrote {tmp_path / 'n.briefing'}" in out
    assert "added b.txt as source [2]" in err and "conflicts to decide" in err
    project = load_project(tmp_path / "n.briefing")
    assert len(project.note.sources) == 2 and project.note.sources[1].article is not None
    assert any(c.source == "s2" for p in project.note.participants for c in p.citations)
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(str(tmp_path / "n.pdf")).pages)
    assert "[1]" in text and "[2]" in text
    with open_library() as library:  # the saved note is in the library
        record = library.get(str(tmp_path / "n.briefing"))
    assert record is not None and record.note_id == project.note.note_id and len(record.sources) == 2
    assert {"SO", "TR", "ET"} <= set(record.countries)  # ET: only the second source names it


@pytest.mark.parametrize("argv, message", [
    (["A.txt", "--merge", "-o", "x.pdf"], "--merge makes one note of several inputs"),
    (["A.txt", "B.txt", "-o", "x.pdf"], "-o OUT takes one input (or several with --merge)"),
    (["A.txt", "B.txt", "--out-dir", "d", "--project", "p.briefing"], "--project saves one note"),
    (["A.txt", "-o", "x.pdf", "--project", "p.json"], "the project must end in .briefing"),
])
def test_merge_usage_errors_are_one_line(capsys, argv, message) -> None:  # noqa: ANN001
    from briefing.cli import main

    assert main(["export", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_json_merge_output_of_a_pair_names_both_sides() -> None:
    import sys

    sys.path.insert(0, str(REPO / "eval" / "merge"))
    import merge_pair

    merged = merge_pair.merge_files(PAIR / "a.txt", PAIR / "b.txt")
    both = [i for i in merged["items"] if i["kind"] == "participants" and i.get("a") and i.get("b")]
    named = [set(i["a"]) for i in both]
    assert any("Yasar Guler" in a for a in named) and any("Abdulkadir Mohamed Nur" in a for a in named)
    json.dumps(merged)  # plain JSON for score_merge.py --run
