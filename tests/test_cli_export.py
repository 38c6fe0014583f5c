"""`briefing export`, `briefing check` and `briefing templates` through briefing.cli.main."""
from __future__ import annotations

import subprocess
import sys

import docx
import pytest
from pypdf import PdfReader

from briefing.cli import main


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture(scope="module")
def project_file(tmp_path_factory, seed_article, seed_extraction):
    from briefing.note.draft import draft_note
    from briefing.note.project import Project, save_project

    note = draft_note(seed_article, seed_extraction)
    note.header.title = "Project note title"
    note.summary = "Japan and Vietnam signed a pact on defence equipment on 11 September 2021."
    note.template = "one-page"
    path = tmp_path_factory.mktemp("proj") / "talks.briefing"
    save_project(path, Project(note=note, article=seed_article, extraction=seed_extraction))
    return path


def test_export_article_to_pdf_and_docx(seed_path, tmp_path, capsys):
    assert main(["export", str(seed_path), "-o", str(tmp_path / "n.pdf"), "--template", "intsum",
                 "--classification", "secret//rel to usa, jpn"]) == 0
    reader = PdfReader(str(tmp_path / "n.pdf"))
    assert all(p.extract_text().count("SECRET//REL TO USA, JPN") >= 2 for p in reader.pages)
    assert main(["export", str(seed_path), "-o", str(tmp_path / "n.docx"), "--template", "intsum"]) == 0
    doc = docx.Document(str(tmp_path / "n.docx"))
    assert any(p.text == "BLUF" and p.style.name == "Heading 1" for p in doc.paragraphs)
    out = capsys.readouterr()
    assert f"wrote {tmp_path / 'n.docx'}" in out.out
    assert "required section 'Key judgements' is empty" in out.err


def test_export_many_inputs_to_a_folder(seed_path, project_file, tmp_path):
    out_dir = tmp_path / "out" / "nested"
    assert main(["export", str(seed_path), str(project_file), "--out-dir", str(out_dir),
                 "--format", "docx,pdf"]) == 0
    names = sorted(p.name for p in out_dir.iterdir())
    assert names == [f"{seed_path.stem}.docx", f"{seed_path.stem}.pdf", "talks.docx", "talks.pdf"]
    project_pdf = PdfReader(str(out_dir / "talks.pdf"))
    assert "Project note title" in project_pdf.pages[0].extract_text()
    assert "Bottom line" in project_pdf.pages[0].extract_text()  # the project's template


def test_unwritable_folder_exit_1_one_line_no_partial_file(seed_path, tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    target = blocker / "note.pdf"
    assert main(["export", str(seed_path), "-o", str(target)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(target) in err[0] and "not a folder" in err[0]
    assert "Traceback" not in err[0]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data") == ["a-file"]


def test_out_dir_that_cannot_be_created(seed_path, tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert main(["export", str(seed_path), "--out-dir", str(blocker / "sub")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot create folder" in err[0]


def test_existing_file_kept_when_input_fails(tmp_path, capsys):
    target = tmp_path / "note.pdf"
    target.write_bytes(b"old export")
    assert main(["export", str(tmp_path / "missing.txt"), "-o", str(target)]) == 1
    assert capsys.readouterr().err.strip() == f"briefing: {tmp_path / 'missing.txt'}: no such file"
    assert target.read_bytes() == b"old export"


def test_usage_errors_exit_2(seed_path, tmp_path, capsys):
    assert main(["export", str(seed_path), "-o", str(tmp_path / "n.txt")]) == 2
    assert main(["export", str(seed_path), str(seed_path), "-o", str(tmp_path / "n.pdf")]) == 2
    assert main(["export", str(seed_path)]) == 2
    assert main(["export", str(seed_path), "--out-dir", str(tmp_path), "--format", "rtf"]) == 2
    assert "rtf" in capsys.readouterr().err


def test_unknown_template_exit_1(seed_path, tmp_path, capsys):
    assert main(["export", str(seed_path), "-o", str(tmp_path / "n.pdf"), "--template", "nope"]) == 1
    assert "unknown template 'nope'" in capsys.readouterr().err
    assert not (tmp_path / "n.pdf").exists()


def test_check_command(seed_path, project_file, capsys):
    assert main(["check", str(seed_path), "--template", "ministerial"]) == 0
    out = capsys.readouterr().out
    assert "warning [Issue]: required section 'Issue' is empty" in out
    assert main(["check", str(project_file)]) == 0
    assert "no problems (template one-page)" in capsys.readouterr().out


def test_templates_list_new_show(data_dir, capsys):
    assert main(["templates", "list"]) == 0
    listed = capsys.readouterr().out
    for name in ("ministerial", "intsum", "one-page"):
        assert name in listed
    assert main(["templates", "new", "desk", "--from", "intsum"]) == 0
    assert (data_dir / "templates" / "desk" / "template.toml").is_file()
    assert main(["templates", "new", "desk", "--from", "intsum"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["templates", "list"]) == 0
    assert "desk" in capsys.readouterr().out
    assert main(["templates", "show", "desk"]) == 0
    shown = capsys.readouterr().out
    assert "BLUF" in shown and "Letter" in shown and "(user)" in shown
    assert main(["templates", "show", "nope"]) == 1


def test_templates_show_as_subprocess():
    result = subprocess.run([sys.executable, "-m", "briefing", "templates", "show", "ministerial"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Recommendation" in result.stdout and "reference.docx" in result.stdout
