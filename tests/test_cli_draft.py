"""`briefing draft`: notes drafted in a batch, reviewed later, exported without the language model."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.note.project import SCHEMA_VERSION


@pytest.fixture(autouse=True)
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "user"))
    return tmp_path / "user"


def test_draft_one_article_to_a_project(seed_path, tmp_path, capsys):
    out = tmp_path / "note.briefing"
    assert main(["draft", str(seed_path), "-o", str(out), "--template", "intsum", "--analyst", "J. Doe"]) == 0
    assert capsys.readouterr().out.strip() == f"drafted {out}"
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema_version"] == SCHEMA_VERSION and data["extraction"] is not None
    assert data["note"]["template"] == "intsum" and data["note"]["header"]["analyst"] == "J. Doe"
    assert data["note"]["header"]["reference"].startswith("INTSUM-")


def test_draft_many_into_a_folder_and_bad_usage(seed_path, tmp_path, capsys):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    folder = tmp_path / "drafts"
    assert main(["draft", str(seed_path), str(broken), "--out-dir", str(folder)]) == 1
    assert sorted(p.name for p in folder.iterdir()) == [f"{seed_path.stem}.briefing"]
    assert str(broken) in capsys.readouterr().err
    assert main(["draft", str(seed_path), "-o", str(tmp_path / "x.pdf")]) == 2
    assert main(["draft", str(seed_path), str(seed_path), "-o", str(tmp_path / "x.briefing")]) == 2


def test_exporting_a_project_never_loads_the_language_model(seed_path, tmp_path, user_data):
    project = tmp_path / "note.briefing"
    assert main(["draft", str(seed_path), "-o", str(project)]) == 0
    code = ("import sys; from briefing.cli import main; "
            f"status = main(['export', {str(project)!r}, '-o', {str(tmp_path / 'n.pdf')!r}, "
            "'--task-timeout', '0']); "  # the export in this process, where sys.modules is read
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc', 'trafilatura') "
            "or m == 'briefing.extract.nlp'); print(status, loaded)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            env={**__import__("os").environ, "BRIEFING_DATA_DIR": str(user_data)})
    assert result.stdout.strip().splitlines()[-1] == "0 []", result.stderr
    assert (tmp_path / "n.pdf").is_file()


def test_templates_sync_reports_what_it_took(tmp_path, capsys, user_data):
    import os

    import docx
    from docx.shared import Pt

    assert main(["templates", "new", "desk", "--from", "ministerial"]) == 0
    folder = user_data / "templates" / "desk"
    ref = docx.Document(str(folder / "reference.docx"))
    ref.styles["Heading 2"].font.size = Pt(12.5)
    ref.save(str(folder / "reference.docx"))
    later = (folder / "template.toml").stat().st_mtime + 5
    os.utime(folder / "reference.docx", (later, later))
    capsys.readouterr()
    assert main(["templates", "sync", "desk"]) == 0
    out = capsys.readouterr().out
    assert "Heading 2: size 12.5" in out and "wrote" in out
    assert main(["templates", "sync", "ministerial"]) == 1
    assert "copy it first" in capsys.readouterr().err
