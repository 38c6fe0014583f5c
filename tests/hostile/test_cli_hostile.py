"""Hostile inputs through the real commands: `briefing extract` and `briefing export` over a
batch of hostile files with one good article among them, and hostile project files.

Each bad file gets exactly one line on stderr naming it; the good article is still done;
the exit code is 1; no traceback; nothing half-written (no temporary files, no output for
a bad input)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hostile.inputs import GOOD_TEXT, REJECTED, make

REPO = Path(__file__).resolve().parents[2]
BATCH_KINDS = [k for k in REJECTED if k not in ("folder",)]


def briefing(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True, text=True,
                          timeout=600, cwd=cwd)


def hostile_batch(tmp_path: Path) -> tuple[list[Path], Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    bad = []
    for kind in BATCH_KINDS:
        sub = folder / kind.replace(" ", "_")
        sub.mkdir()
        bad.append(make(kind, sub))
    good = folder / "good article.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    return bad, good


def assert_one_line_each(stderr: str, bad: list[Path], prefix: str) -> None:
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    for path in bad:
        naming = [line for line in lines if line.startswith(f"{prefix}{path}: ")]
        assert len(naming) == 1, (path, lines)
    stray = [line for line in lines if not line.startswith(prefix)]
    assert stray == []


def no_temporary_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"]


def test_extract_batch_with_hostile_files(tmp_path):
    bad, good = hostile_batch(tmp_path)
    out = tmp_path / "out"
    run = briefing("extract", "--no-progress", "--out-dir", str(out), "--", *map(str, bad), str(good))
    assert run.returncode == 1
    assert_one_line_each(run.stderr, bad, "briefing extract: ")
    assert f"1 of {len(bad) + 1} articles extracted" in run.stderr
    assert sorted(p.name for p in out.iterdir()) == ["good article.json"]
    assert json.loads((out / "good article.json").read_text())["participants"]
    assert no_temporary_files(out)


def test_extract_one_hostile_pdf_prints_one_line(tmp_path):
    path = make("binary pdf", tmp_path)
    run = briefing("extract", str(path))
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.splitlines() == [f"briefing extract: {path}: not a readable PDF (PdfStreamError)"]


def test_export_batch_with_hostile_files(tmp_path):
    bad, good = hostile_batch(tmp_path)
    out = tmp_path / "out"
    run = briefing("export", "--out-dir", str(out), "--format", "docx,pdf", "--", *map(str, bad), str(good))
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    for path in bad:
        assert len([line for line in lines if line.startswith(f"briefing: {path}: ")
                    or line.startswith(f"briefing: {path.name}: ")]) == 1, (path, lines)
    assert sorted(p.name for p in out.iterdir()) == ["good article.docx", "good article.pdf"]
    assert no_temporary_files(out)


def test_export_of_a_damaged_pdf_prints_one_line(tmp_path):
    path = make("binary pdf", tmp_path)
    run = briefing("export", "-o", str(tmp_path / "out.pdf"), str(path))
    assert run.returncode == 1
    assert len(run.stderr.splitlines()) == 1


# ---------------------------------------------------------------- project files

def project_variants(tmp_path: Path) -> dict[str, Path]:
    from briefing.extract import extract
    from briefing.ingest import article_from_text
    from briefing.note.project import new_project, save_project

    good = tmp_path / "good.briefing"
    article = article_from_text(GOOD_TEXT)
    save_project(good, new_project(article, extract(article)))
    text = good.read_text(encoding="utf-8")
    data = json.loads(text)
    variants = {
        "truncated": text[: len(text) // 2],
        "corrupt": text.replace('"note"', '"note" "x"', 1),
        "newer": json.dumps({**data, "schema_version": 99}),
        "wrong types": json.dumps({**data, "note": {**data["note"], "participants": "Kishi"}}),
        "hand edited item": json.dumps({**data, "note": {**data["note"], "header": {"title": 5}}}),
        "deep": "[" * 200_000 + "]" * 200_000,
        "binary": "\x00\x01\x02 not json",
        "empty": "",
    }
    paths = {}
    for name, payload in variants.items():
        path = tmp_path / f"{name.replace(' ', '-')}.briefing"
        path.write_text(payload, encoding="utf-8")
        paths[name] = path
    return paths


def test_export_of_hostile_projects(tmp_path):
    paths = project_variants(tmp_path)
    before = {p: p.read_bytes() for p in paths.values()}
    out = tmp_path / "out"
    run = briefing("export", "--out-dir", str(out), "--format", "docx", "--", *map(str, paths.values()))
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == len(paths) + 1  # one per file, then the summary
    assert lines[-1].startswith(f"briefing: 0 of {len(paths)} inputs exported")
    for name, path in paths.items():
        assert len([line for line in lines if line.startswith(f"briefing: {path}: ")]) == 1, (name, lines)
    assert "newer version" in run.stderr and "truncated" in run.stderr
    assert not out.exists() or list(out.iterdir()) == []
    assert {p: p.read_bytes() for p in paths.values()} == before


@pytest.mark.parametrize("name", ["truncated", "newer", "wrong types", "deep", "empty"])
def test_opening_hostile_projects_gives_one_line(name, tmp_path, child):
    path = project_variants(tmp_path)[name]
    outcome = child("load", path)
    assert outcome["error"].startswith(f"{path}: ") and "\n" not in outcome["error"]


def test_a_huge_number_in_a_project_gives_one_line(tmp_path, child):
    path = tmp_path / "huge-number.briefing"
    path.write_text('{"format": "briefing-composer-project", "schema_version": ' + "9" * 5000 + "}")
    outcome = child("load", path)
    assert outcome["error"].startswith(f"{path}: ")
