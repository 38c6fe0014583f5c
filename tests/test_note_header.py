"""Who wrote a note, when and from what: preferences shared by CLI and composer, reference
numbers, the source block read from the article's metadata, version-1 projects."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from briefing.cli import main
from briefing.note.header import format_reference, next_reference, prepare_new_note
from briefing.note.model import Note
from briefing.note.project import load_project
from briefing.preferences import Preferences
from briefing.templates import load_template


@pytest.fixture
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "user"
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(folder))
    return folder


def test_preferences_are_typed_declared_once_and_written_as_toml(user_data):
    prefs = Preferences()
    assert prefs.autosave_seconds == 60 and prefs.analyst_name == ""
    prefs.update({"analyst_name": "J. Doe", "autosave_seconds": "45", "organisation": 'Desk "A"'})
    again = Preferences()
    assert again.analyst_name == "J. Doe" and again.autosave_seconds == 45
    assert again.organisation == 'Desk "A"'
    assert (user_data / "preferences.toml").read_text().startswith("# Briefing Composer preferences")


def test_old_composer_ini_preferences_are_carried_over(user_data):
    user_data.mkdir(parents=True)
    (user_data / "preferences.ini").write_text('[preferences]\nanalyst_name=A. Old\nautosave_seconds=30\n'
                                               'export_folder="/tmp/a, b"\n')
    prefs = Preferences()
    assert (prefs.analyst_name, prefs.autosave_seconds, prefs.export_folder) == ("A. Old", 30, "/tmp/a, b")


@pytest.mark.parametrize("content, reason", [
    (b"[preferences]\nanalyst_name = \"J. Doe\n", "preferences.toml: "),  # not TOML
    (b"\xff\xfe analyst", "preferences.toml: "),  # not UTF-8
    (b"# " + b"x" * (2 * 1024 * 1024), "preferences.toml: too large (2.1 MB; the limit is 1 MB)"),
])
def test_an_unreadable_preferences_file_gives_the_defaults_says_so_and_is_kept(content, reason, user_data,
                                                                                caplog):
    user_data.mkdir(parents=True)
    path = user_data / "preferences.toml"
    path.write_bytes(content)
    with caplog.at_level("WARNING", logger="briefing.preferences"):
        prefs = Preferences()
    assert prefs.analyst_name == "" and prefs.autosave_seconds == 60
    assert reason in prefs.problem and prefs.problem.endswith("; the preferences are the defaults")
    assert "\n" not in prefs.problem and [r.getMessage() for r in caplog.records] == [prefs.problem]
    prefs.set("analyst_name", "J. Doe")  # the unreadable file is put aside, not overwritten
    assert (user_data / "preferences.toml.unusable").read_bytes() == content
    assert Preferences().analyst_name == "J. Doe" and Preferences().problem == ""


def test_a_sequence_file_too_large_is_one_line_and_left_alone(user_data, seed_path, tmp_path, capsys):
    from briefing.note.header import NoteReferenceError

    user_data.mkdir(parents=True)
    path = user_data / "reference-sequence.toml"
    path.write_bytes(b"# " + b"x" * (2 * 1024 * 1024))
    with pytest.raises(NoteReferenceError) as caught:
        next_reference(load_template("ministerial"))
    assert str(caught.value) == (f"{path}: too large (2.1 MB; the limit is 1 MB); "
                                 "cannot update the reference sequence")
    assert main(["draft", str(seed_path), "-o", str(tmp_path / "n.briefing")]) == 1
    assert capsys.readouterr().err.strip() == f"briefing: {seed_path}: {caught.value}"
    assert path.stat().st_size == 2 * 1024 * 1024 + 2


def test_reference_numbers_follow_the_pattern_and_never_repeat(user_data):
    template = load_template("ministerial")
    today = dt.date(2025, 3, 1)
    assert next_reference(template, today=today) == "MIN-2025-0001"
    assert next_reference(template, today=today) == "MIN-2025-0002"
    assert next_reference(template, "DESK", today=today) == "DESK-2025-0001"
    assert next_reference(template, today=dt.date(2026, 1, 1)) == "MIN-2026-0001"
    assert format_reference("{prefix}/{year}/{seq:03}", "X", 2025, 7) == "X/2025/007"


def test_reference_numbers_from_two_processes_are_distinct(user_data):
    code = ("from briefing.note.header import next_reference; from briefing.templates import load_template;"
            "t = load_template('one-page'); print('\\n'.join(next_reference(t) for _ in range(20)))")
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True) for _ in range(3)]
    numbers = [line for p in procs for line in p.communicate(timeout=60)[0].split()]
    assert len(numbers) == 60 and len(set(numbers)) == 60


def test_a_new_note_takes_the_preferences_and_the_overrides_win(user_data):
    prefs = Preferences()
    prefs.update({"analyst_name": "J. Doe", "organisation": "Desk A", "default_classification": "secret"})
    note = Note()
    prepare_new_note(note, load_template("intsum"), prefs)
    assert (note.header.analyst, note.header.organisation) == ("J. Doe", "Desk A")
    assert note.header.classification == "SECRET" and note.header.reference.startswith("INTSUM-")
    other = Note()
    prepare_new_note(other, load_template("ministerial"), prefs, analyst="K. Roe", reference="REF-1")
    assert (other.header.analyst, other.header.reference) == ("K. Roe", "REF-1")
    assert other.header.classification == "SECRET"  # also a UK level
    prefs.set("default_classification", "SECRET//NOFORN")
    third = Note()
    prepare_new_note(third, load_template("ministerial"), prefs)
    assert third.header.classification == ""  # not a UK marking: the template's default applies


def test_cli_reads_the_preferences_and_options_override(user_data, seed_path, tmp_path, capsys):
    Preferences().update({"analyst_name": "Pref Analyst", "organisation": "Pref Org"})
    out = tmp_path / "n.docx"
    assert main(["export", str(seed_path), "-o", str(out), "--organisation", "CLI Org",
                 "--outlet", "Republic World", "--source-url", "https://example.org/a"]) == 0
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Prepared by: Pref Analyst" in text and "Organisation: CLI Org" in text
    assert "Reference: MIN-" in text
    assert "Outlet: Republic World" in text and "URL: https://example.org/a" in text
    assert "seeds" not in text and ".txt" not in text  # no local file path
    assert main(["export", str(seed_path), "-o", str(out), "--source-url", "seeds/x.txt"]) == 1
    assert "not a web address" in capsys.readouterr().err


def test_cli_final_refuses_a_draft_in_one_line(seed_path, tmp_path, capsys, user_data):
    out = tmp_path / "n.pdf"
    assert main(["export", str(seed_path), "-o", str(out), "--final"]) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if "not written" in line]
    assert len(lines) == 1 and "'Issue', 'Considerations', 'Recommendation'" in lines[0]
    assert not out.exists()
    assert main(["check", str(seed_path), "--final"]) == 1


def test_cli_classification_is_validated_against_the_template_scheme(seed_path, tmp_path, capsys, user_data):
    out = tmp_path / "n.pdf"
    assert main(["export", str(seed_path), "-o", str(out), "--template", "intsum",
                 "--classification", "SECRET//REL TO AUS, CAN, GBR, USA"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "REL TO USA, AUS, CAN, GBR" in err[0] and not out.exists()
    assert main(["export", str(seed_path), "-o", str(out), "--template", "intsum",
                 "--classification", "SECRET//REL TO USA, AUS, CAN, GBR",
                 "--authority", "classified_by=J. Doe", "--authority", "bogus=1"]) == 1
    assert "classified_by, derived_from, declassify_on" in capsys.readouterr().err


def test_html_metadata_fills_the_source_block(tmp_path, user_data):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Japan and Vietnam sign defence pact</title>"
        '<meta property="og:site_name" content="Republic World">'
        '<link rel="canonical" href="https://www.republicworld.com/world-news/japan-vietnam-pact">'
        '<meta name="author" content="Jane Reporter">'
        '<meta property="article:published_time" content="2021-09-13T10:00:00Z"></head><body><article>'
        "<h1>Japan and Vietnam sign defence pact</h1>"
        + "".join(f"<p>Japan and Vietnam signed a pact on defence equipment transfers in Hanoi, "
                  f"paragraph {i} of the report said on Saturday.</p>" for i in range(6))
        + "</article></body></html>", encoding="utf-8")
    from briefing.ingest import read_article
    from briefing.note.source import source_info

    info = source_info(read_article(page), accessed="2021-09-14")
    assert info.outlet == "Republic World"
    assert info.url == "https://www.republicworld.com/world-news/japan-vietnam-pact"
    assert info.author == "Jane Reporter" and info.date == "2021-09-13"
    assert info.headline == "Japan and Vietnam sign defence pact"


def test_version_1_project_opens_and_keeps_a_url_but_not_a_path(tmp_path, seed_article):
    from briefing.note.serial import to_plain

    note = to_plain(Note())
    note["source"] = {"headline": "H", "outlet": "O", "date": "2021-09-13",
                      "location": "https://example.org/story"}
    doc = {"format": "briefing-composer-project", "schema_version": 1, "app_version": "0.1.0",
           "note": note, "article": to_plain(seed_article), "extraction": None}
    path = tmp_path / "old.briefing"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert load_project(path).note.source.url == "https://example.org/story"
    doc["note"]["source"]["location"] = "/home/me/article.txt"
    path.write_text(json.dumps(doc), encoding="utf-8")
    project = load_project(path)
    assert project.note.source.url == "" and "/home/me" not in json.dumps(to_plain(project.note))
