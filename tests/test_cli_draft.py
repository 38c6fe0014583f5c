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


# ---------------------------------------------------------------- several reports, one project

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"
REPORTS = ("india-vietnam-dpd-2025.txt", "japan-philippines-2plus2-2022.txt")


def _dev(name: str) -> Path:
    path = DEV / name
    if not path.is_file():
        pytest.skip(f"the dev corpus is not at {DEV}")
    return path


def _items(project) -> dict[str, list]:  # noqa: ANN001 - what a merge decided, without ids or dates
    note = project.note
    return {section: sorted(repr((getattr(i, "name", None), getattr(i, "text", None),
                                  sorted(c.source for c in i.citations),
                                  sorted((c.field, sorted(c.values.items())) for c in i.conflicts)))
                            for i in note.section(section))
            for section in ("participants", "agreements", "quotes", "events")}


def test_draft_merge_makes_one_project_of_several_reports_as_export_does(seed_path, tmp_path, capsys):
    from briefing.library import open_library
    from briefing.library.store import SearchQuery
    from briefing.note.project import load_project

    inputs = [seed_path, *(_dev(name) for name in REPORTS)]
    out = tmp_path / "merged.briefing"
    assert main(["draft", *map(str, inputs), "--merge", "-o", str(out)]) == 0
    printed, err = capsys.readouterr()
    assert printed.strip() == f"drafted {out}"
    assert f"added {REPORTS[0]} as source [2]" in err and f"added {REPORTS[1]} as source [3]" in err
    drafted = load_project(out)
    assert [s.id for s in drafted.note.sources] == ["s1", "s2", "s3"]
    assert all(s.article is not None and s.extraction is not None for s in drafted.note.sources)
    names = {p.name for p in drafted.note.participants}
    assert {"Nobuo Kishi", "Phan Van Giang"} <= names  # from the seed and from the later reports
    assert any(c.source != "s1" for p in drafted.note.participants for c in p.citations)

    exported = tmp_path / "exported.briefing"  # the same merge through export --merge --project
    assert main(["export", *map(str, inputs), "--merge", "-o", str(tmp_path / "n.pdf"),
                 "--project", str(exported)]) == 0
    assert _items(load_project(exported)) == _items(drafted)

    with open_library() as library:  # the drafted note is indexed, found by a participant's name
        hits = library.search(SearchQuery(people=["phan van giang"])).hits
        record = library.get(str(out))
    assert str(out) in {h.path for h in hits}
    assert record is not None and record.note_id == drafted.note.note_id and len(record.sources) == 3


def test_drafted_projects_are_indexed_one_or_many(seed_path, tmp_path, capsys):
    from briefing.library import open_library
    from briefing.library.store import SearchQuery

    one = tmp_path / "one.briefing"
    assert main(["draft", str(seed_path), "-o", str(one)]) == 0
    folder = tmp_path / "drafts"
    report = _dev(REPORTS[0])
    assert main(["draft", str(seed_path), str(report), "--out-dir", str(folder)]) == 0
    with open_library() as library:
        kishi = {h.path for h in library.search(SearchQuery(people=["Kishi"])).hits}
        everything = {h.path for h in library.search(SearchQuery()).hits}
    assert kishi == {str(one), str(folder / f"{seed_path.stem}.briefing")}
    assert everything == kishi | {str(folder / f"{report.stem}.briefing")}


@pytest.mark.parametrize("damage", ["corrupt", "unwritable"])
def test_a_broken_library_never_stops_a_draft(damage, seed_path, tmp_path, user_data, capsys):
    from briefing.note.project import load_project

    library = user_data / "library"
    user_data.mkdir(parents=True, exist_ok=True)
    if damage == "corrupt":
        library.mkdir()
        (library / "notes.sqlite3").write_bytes(b"this is not a database" * 100)
    else:
        library.write_text("a file where the library folder goes")
    out = tmp_path / "note.briefing"
    assert main(["draft", str(seed_path), _dev(REPORTS[0]).as_posix(), "--merge", "-o", str(out)]) == 0
    printed, err = capsys.readouterr()
    assert printed.strip() == f"drafted {out}"
    assert len(load_project(out).note.sources) == 2
    warning = [line for line in err.splitlines() if "warning" in line]
    assert len(warning) == 1 and "library" in warning[0]
    if damage == "corrupt":
        assert (library / "notes.sqlite3.unusable").is_file()


@pytest.mark.parametrize("argv, message", [
    (["A.txt", "--merge", "-o", "x.briefing"], "--merge makes one note of several articles"),
    (["A.txt", "B.txt", "-o", "x.briefing"], "-o NOTE.briefing takes one article (or several with --merge)"),
    (["A.txt", "B.txt", "--merge", "-o", "x.pdf"], "a project file ends in .briefing"),
])
def test_draft_merge_usage_errors_are_one_line(capsys, argv, message):
    assert main(["draft", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_a_merged_draft_never_replaces_one_of_its_inputs(seed_path, tmp_path, capsys):
    project = tmp_path / "earlier.briefing"
    assert main(["draft", str(seed_path), "-o", str(project)]) == 0
    before = project.read_bytes()
    capsys.readouterr()
    assert main(["draft", str(_dev(REPORTS[0])), str(project), "--merge", "-o", str(project)]) == 1
    err = capsys.readouterr().err
    assert "refused: it is the input" in err and err.count("\n") == 1
    assert project.read_bytes() == before


def test_a_merged_draft_out_dir_is_named_after_the_first_article(seed_path, tmp_path, capsys):
    from briefing.note.project import load_project

    folder = tmp_path / "drafts"
    assert main(["draft", str(seed_path), str(_dev(REPORTS[0])), "--merge", "--out-dir", str(folder)]) == 0
    assert [p.name for p in folder.iterdir()] == [f"{seed_path.stem}.briefing"]
    assert len(load_project(folder / f"{seed_path.stem}.briefing").note.sources) == 2
