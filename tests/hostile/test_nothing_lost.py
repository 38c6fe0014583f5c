"""Nothing lost: an export never replaces the file it was made from (the same path, a
link to it, another hard link of it), and a project holding text UTF-8 cannot encode
(lone surrogates) is read, edited and saved like any other."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from hostile import inputs, project_inputs


def pdf_article(folder: Path) -> tuple[Path, bytes]:
    folder.mkdir(exist_ok=True)
    path = folder / "article.pdf"
    path.write_bytes(inputs._pdf_bytes(inputs.GOOD_TEXT.split("\n\n")))
    return path, path.read_bytes()


def assert_refused(run, output: Path, source: Path) -> None:  # noqa: ANN001
    assert run.returncode == 1
    lines = [line for line in run.stderr.splitlines() if "refused" in line]
    assert lines == [f"briefing: {output}: refused: it is the input {source}; "
                     "choose another output name or folder"], run.stderr


def test_out_dir_holding_the_input(tmp_path, cli):
    source, before = pdf_article(tmp_path / "d")
    run = cli("export", source, "--out-dir", source.parent)
    assert_refused(run, source, source)
    assert source.read_bytes() == before


def test_output_equal_to_the_input(tmp_path, cli):
    source, before = pdf_article(tmp_path / "d")
    run = cli("export", source, "-o", source)
    assert_refused(run, source, source)
    assert source.read_bytes() == before


def test_output_through_a_symbolic_link_to_the_input(tmp_path, cli):
    source, before = pdf_article(tmp_path / "d")
    link = tmp_path / "d" / "note.pdf"
    link.symlink_to(source)
    run = cli("export", source, "-o", link)
    assert_refused(run, link, source)
    assert source.read_bytes() == before and link.is_symlink()


def test_output_that_is_another_hard_link_of_the_input(tmp_path, cli):
    source, before = pdf_article(tmp_path / "d")
    other = tmp_path / "d" / "same.pdf"
    os.link(source, other)
    run = cli("export", other, "-o", source)
    assert_refused(run, source, other)
    assert source.read_bytes() == before and os.path.samefile(source, other)


def test_other_formats_of_the_same_input_are_still_written(tmp_path, cli):
    source, before = pdf_article(tmp_path / "d")
    run = cli("export", source, "--out-dir", source.parent, "--format", "docx,pdf")
    assert_refused(run, source, source)
    assert (source.parent / "article.docx").is_file() and source.read_bytes() == before


def test_export_note_refuses_the_article_file_it_was_read_from(tmp_path):
    from briefing.export import ExportError, export_note
    from briefing.ingest import read_article
    from briefing.note.model import Note
    from briefing.templates import load_template

    source = tmp_path / "article.txt"
    source.write_text(inputs.GOOD_TEXT, encoding="utf-8")
    article = read_article(source)
    docx_twin = tmp_path / "article.docx"
    os.link(source, docx_twin)  # the same file under an export's name
    with pytest.raises(ExportError, match="refused: it is the input"):
        export_note(Note(), load_template("one-page"), docx_twin, article=article)
    assert source.read_text(encoding="utf-8") == inputs.GOOD_TEXT


# ---------------------------------------------------------------- unencodable text

def test_a_project_with_lone_surrogates_is_saved(tmp_path, child):
    path = project_inputs.lone_surrogates(tmp_path)
    out = tmp_path / "saved.briefing"
    assert child("save", path, out) == {"saved": str(out)}
    summary = json.loads(out.read_bytes().decode("utf-8"))["note"]["summary"]
    assert summary == "Kishi \ufffd met \ufffd Giang"


def test_text_edited_in_with_lone_surrogates_is_saved(tmp_path):
    from briefing.ingest import article_from_text
    from briefing.note.edits import set_field
    from briefing.note.model import Note
    from briefing.note.project import Project, load_project, save_project

    article = article_from_text(inputs.GOOD_TEXT + "\n\nPasted \udc80 text.")
    note = Note()
    set_field(note, "summary", "typed \ud83d alone")
    note.analyst_comment = "set directly \udfff"  # not through an edit: saving still copes
    path = tmp_path / "p.briefing"
    save_project(path, Project(note, article))
    loaded = load_project(path)
    assert loaded.note.summary == "typed \ufffd alone"
    assert loaded.note.analyst_comment == "set directly \ufffd"
    assert "Pasted \ufffd text." in loaded.article.paragraphs
