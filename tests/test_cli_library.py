"""`briefing library add | search | show | rebuild`: output, JSON, exit codes, one-line errors."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from briefing.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parent))
from library_helpers import sample_notes  # noqa: E402


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "data"))
    return sample_notes(tmp_path / "notes")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_then_search_shows_the_marking_beside_each_note(env, capsys) -> None:  # noqa: ANN001
    code, out, err = run(capsys, "library", "add", *map(str, env.values()))
    assert code == 0 and out.count("indexed ") == 4, err
    code, out, err = run(capsys, "library", "search", "pact")
    assert code == 0
    lines = [line for line in out.splitlines() if not line.startswith(" " * 8)]
    assert "[OFFICIAL]  Japan and Vietnam review equipment pact" in lines[0]
    assert "[SECRET//REL TO USA, AUS]  Japan–Vietnam defence ministers meet  (BR-2021-07)" in lines[1]
    assert err.strip() == "2 notes"


def test_search_filters_and_json(env, capsys) -> None:  # noqa: ANN001
    run(capsys, "library", "add", *map(str, env.values()))
    code, out, _ = run(capsys, "library", "search", "--country", "Vietnam", "--person", "Kishi", "--json")
    data = json.loads(out)
    assert code == 0 and data["total"] == 1
    assert data["hits"][0]["countries"] == ["JP", "VN"] and data["hits"][0]["reference"] == "BR-2021-07"
    code, out, err = run(capsys, "library", "search", "--max-classification", "OFFICIAL", "--json")
    data = json.loads(out)
    assert [h["classification"] for h in data["hits"]] == ["OFFICIAL"] and data["hidden"] == 3
    code, out, err = run(capsys, "library", "search", "--theme", "maritime-security", "--from", "2022",
                         "--max-classification", "official-sensitive")
    assert code == 0 and "[OFFICIAL-SENSITIVE]  Australia–Philippines" in out
    assert "1 note" in err


@pytest.mark.parametrize("argv, message", [
    (("--max-classification", "ULTRA"), "unknown classification level 'ULTRA'"),
    (("--country", "Atlantis"), "unknown country 'Atlantis'"),
    (("--from", "last week"), "is not a date"),
])
def test_bad_search_options_are_usage_errors(env, capsys, argv, message) -> None:  # noqa: ANN001
    code, out, err = run(capsys, "library", "search", *argv)
    assert code == 2 and out == ""
    assert err.startswith("briefing: ") and message in err and err.count("\n") == 1


def test_show_by_id_and_path(env, capsys) -> None:  # noqa: ANN001
    run(capsys, "library", "add", str(env["jp-vn"]))
    code, out, _ = run(capsys, "library", "show", "1")
    assert code == 0 and "classification: SECRET//REL TO USA, AUS (us scheme)" in out
    assert "agreement:      Pact on the transfer of defence equipment (signed, 2021-09-11, JP/VN)" in out
    code, out, _ = run(capsys, "library", "show", str(env["jp-vn"]), "--json")
    record = json.loads(out)
    assert code == 0 and record["id"] == 1 and record["participants"][0]["name"] == "Nobuo Kishi"
    code, out, err = run(capsys, "library", "show", "7")
    assert code == 1 and "no note 7" in err and err.count("\n") == 1


def test_add_reports_unreadable_files_and_goes_on(env, capsys, tmp_path) -> None:  # noqa: ANN001
    broken = tmp_path / "broken.briefing"
    broken.write_text('{"format": "briefing-composer-project"', encoding="utf-8")
    code, out, err = run(capsys, "library", "add", str(broken), str(tmp_path / "x.docx"), str(env["au-ph"]))
    assert code == 1 and out.count("indexed ") == 1
    assert "broken.briefing: not valid JSON" in err and "x.docx: not a project file" in err
    assert "Traceback" not in err


def test_rebuild_with_workers_then_index_lost(env, capsys, tmp_path) -> None:  # noqa: ANN001
    (env["au-ph"].parent / "empty.briefing").write_text("", encoding="utf-8")
    code, out, err = run(capsys, "library", "rebuild", str(env["jp-vn"].parent), "-j", "2")
    assert code == 1  # the empty file failed, the rest were indexed
    assert "empty.briefing: the file is empty" in err
    assert "indexed 4 of 5 note files" in err and "2 worker processes" in err
    for f in (tmp_path / "data" / "library").glob("notes.sqlite3*"):
        f.unlink()
    code, out, err = run(capsys, "library", "search", "--person", "Teodoro")
    assert code == 0 and "Australia–Philippines" in out
    assert "warning: the library index" in err and "rebuilding it from 4 known note files" in err


def test_rebuild_of_a_missing_folder_is_one_line(env, capsys, tmp_path) -> None:  # noqa: ANN001
    code, _, err = run(capsys, "library", "rebuild", str(tmp_path / "nowhere"))
    assert code == 1 and err.strip().endswith("nowhere: no such folder") and err.count("\n") == 1
