"""Project files: round trips, atomic writes, and clear errors for files we cannot read."""
from __future__ import annotations

import dataclasses
import errno
import json
import os
import tempfile
import typing
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.article import Article, EmbeddedPost
from briefing.extraction import (Agreement, ArticleInfo, Country, Event, Extraction,
                                     Participant, Quote, Theme)
from briefing.note.edits import add_item, set_field, update_item
from briefing.note.model import (AgreementItem, Note, NoteHeader, ParticipantItem, QuoteItem,
                                 SourceInfo, ThemeItem)
from briefing.note.project import (FORMAT, SCHEMA_VERSION, Project, ProjectError, load_project,
                                   new_project, save_project)

HOSTILE = "AT&T <b> R&D \"quoted\" \\ 🇯🇵🇻🇳 😀 \u2011 \u0000\x07 Ελληνικά Кириллица 日本"


def sample_value(hint, seed: str):  # noqa: ANN001,ANN201 - a non-default value for any field type
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is str:
        return f"{seed} Nguyễn Xuân Phúc {HOSTILE}"
    if hint is int:
        return 7
    if hint is bool:
        return True
    if origin in (typing.Union, __import__("types").UnionType):
        return sample_value(next(a for a in args if a is not type(None)), seed)
    if origin is list:
        return [sample_value(args[0], seed)]
    if origin is tuple:
        return tuple(sample_value(a, seed) for a in args)
    if dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        return hint(**{f.name: sample_value(hints[f.name], f.name) for f in dataclasses.fields(hint)})
    raise AssertionError(f"no sample for {hint}")


def full_article() -> Article:
    """An Article with every field (including ones added later) set to a non-default value."""
    article = sample_value(Article, "article")
    article.paragraphs = ["Nguyễn Xuân Phúc met Nobuo Kishi.", "AT&T <b> said 😀."]
    article.embeds = [EmbeddedPost("post 🇯🇵", author="MoD", handle="@ModJapan_en",
                                   date="2021-09-12", original_span=(5, 9), paragraph=1)]
    return article


def full_note() -> Note:
    note = Note(
        header=NoteHeader(*(f"{name} {HOSTILE}" for name in
                            ("title", "date", "reference", "analyst", "organisation",
                             "classification", "caveats", "distribution"))),
        summary="On 11–12 September 2021 **Nguyễn Xuân Phúc** met *Kishi*.\n\n- AT&T <b>",
        participants=[ParticipantItem("Nguyễn Xuân Phúc", "President", "VN", source_spans=[(0, 16)])],
        agreements=[AgreementItem("a pact", "signed", "pact", ["JP", "VN"], "2021-09-11",
                                  "They signed a pact.", included=False, source_spans=[(1, 2), (3, 4)])],
        themes=[ThemeItem("cybersecurity", "Cybersecurity", "Note 😀", ["evidence"])],
        quotes=[QuoteItem("“same destiny”", "Kishi")],
        analyst_comment=HOSTILE,
        source=SourceInfo("Headline", "Outlet", "2021-09-13", "https://example.org/a?b=1&c=<2>"),
        template="intsum",
        extra_sections={"background": HOSTILE, "key_judgements": "- one\n- two"},
    )
    return note


def full_extraction() -> Extraction:
    return Extraction(
        article=ArticleInfo("Title", "2021-09-13", "Outlet", ["p1", "p2"], True),
        countries=[Country("JP", "Japan", [(0, 5)])],
        participants=[Participant("Nguyễn Xuân Phúc", "President", "VN", [(0, 16)])],
        agreements=[Agreement("a pact", "signed", "They signed a pact.", (1, 2), ["JP", "VN"], "pact", None)],
        themes=[Theme("cybersecurity", "Cybersecurity", ["e"], [(3, 4)])],
        quotes=[Quote("same destiny", None, (5, 6))],
        events=[Event("2021-09-11", "Talks", (7, 8))],
    )


@pytest.fixture
def project() -> Project:
    return Project(full_note(), full_article(), full_extraction())


# ---------------------------------------------------------------- round trips

def test_round_trip_keeps_everything(tmp_path, project):
    path = tmp_path / "note.briefing"
    save_project(path, project)
    loaded = load_project(path)
    assert loaded == project
    assert loaded.article.text == project.article.text
    assert loaded.note.participants[0].source_spans == [(0, 16)]
    assert isinstance(loaded.article.embeds[0], EmbeddedPost)


def test_file_is_readable_json_with_version_and_unicode(tmp_path, project):
    path = tmp_path / "note.briefing"
    save_project(path, project)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and data["schema_version"] == SCHEMA_VERSION == 3
    assert "Nguyễn Xuân Phúc" in path.read_text(encoding="utf-8")  # not \u-escaped
    assert data["article"]["original"] == project.article.original
    assert data["article"]["paragraphs"] == project.article.paragraphs
    assert data["extraction"]["schema"] == "briefing.extraction/1"


def test_every_article_field_round_trips(tmp_path, project):
    save_project(tmp_path / "a.briefing", project)
    loaded = load_project(tmp_path / "a.briefing").article
    for f in dataclasses.fields(Article):
        assert getattr(loaded, f.name) == getattr(project.article, f.name), f.name


def test_project_without_extraction(tmp_path):
    project = Project(Note(), Article("original", ["para"]))
    save_project(tmp_path / "p.briefing", project)
    assert load_project(tmp_path / "p.briefing") == project


def test_saving_again_after_edits_overwrites(tmp_path, project):
    path = tmp_path / "note.briefing"
    save_project(path, project)
    set_field(project.note, "header.title", "Second version")
    add_item(project.note, "quotes", QuoteItem("new"))
    update_item(project.note, "participants", project.note.participants[0].id, role="Former President")
    save_project(path, project)
    assert load_project(path) == project
    assert sorted(os.listdir(tmp_path)) == ["note.briefing"]


def test_new_project_drafts_a_note(seed_article, tmp_path):
    project = new_project(seed_article, full_extraction(), analyst="A. Analyst")
    assert project.note.header.analyst == "A. Analyst"
    save_project(tmp_path / "seed.briefing", project)
    assert load_project(tmp_path / "seed.briefing") == project


# ---------------------------------------------------------------- atomic writes

def test_failed_rename_leaves_old_file_and_no_temp(tmp_path, project, monkeypatch):
    path = tmp_path / "note.briefing"
    save_project(path, Project(Note(summary="old"), Article("o", ["p"])))
    old_bytes = path.read_bytes()

    def broken_replace(src, dst):  # noqa: ANN001
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(ProjectError) as err:
        save_project(path, project)
    assert str(err.value) == f"{path}: cannot write: Input/output error"
    assert path.read_bytes() == old_bytes
    assert os.listdir(tmp_path) == ["note.briefing"]


def test_disk_full_mid_write_leaves_old_file_and_no_temp(tmp_path, project, monkeypatch):
    path = tmp_path / "note.briefing"
    save_project(path, Project(Note(summary="old"), Article("o", ["p"])))
    old_bytes = path.read_bytes()

    def full_disk(fd):  # noqa: ANN001
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(ProjectError, match="No space left on device"):
        save_project(path, project)
    assert path.read_bytes() == old_bytes
    assert os.listdir(tmp_path) == ["note.briefing"]


def test_interrupt_during_write_removes_the_temp_file(tmp_path, project, monkeypatch):
    path = tmp_path / "note.briefing"

    def interrupted(src, dst):  # noqa: ANN001
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_project(path, project)
    assert os.listdir(tmp_path) == []


def test_unwritable_folder_gives_a_clear_error(tmp_path, project):
    path = tmp_path / "missing" / "note.briefing"
    with pytest.raises(ProjectError) as err:
        save_project(path, project)
    assert str(err.value).startswith(f"{path}: cannot write: ")
    assert "\n" not in str(err.value)


def test_unserialisable_note_fails_before_touching_the_file(tmp_path):
    path = tmp_path / "note.briefing"
    path.write_text("keep me")
    bad = Project(Note(summary=object()), Article("o", ["p"]))  # type: ignore[arg-type]
    with pytest.raises(ProjectError, match="cannot save the project"):
        save_project(path, bad)
    assert path.read_text() == "keep me"


# ---------------------------------------------------------------- files we cannot read

def saved_text(tmp_path: Path, project: Project) -> str:
    path = tmp_path / "good.briefing"
    save_project(path, project)
    return path.read_text(encoding="utf-8")


def corrupt_variants(good: str) -> dict[str, tuple[bytes, str]]:
    def changed(fn) -> bytes:  # noqa: ANN001
        copy = json.loads(good)
        fn(copy)
        return json.dumps(copy).encode()

    return {
        "truncated": (good[: len(good) // 2].encode(), "the file is truncated"),
        "not json": (b"<html>not a project</html>", "not valid JSON at line 1 column 1"),
        "empty": (b"", "the file is empty"),
        "binary": (b"\xff\xfe\x00garbage", "not UTF-8 text"),
        "array": (b"[1, 2]", "expected a JSON object"),
        "wrong format": (changed(lambda d: d.update(format="something-else")), "format is 'something-else'"),
        "no format": (changed(lambda d: d.pop("format")), "no 'format' key"),
        "newer": (changed(lambda d: d.update(schema_version=SCHEMA_VERSION + 1)),
                  f"saved by a newer version of Briefing Composer (project schema {SCHEMA_VERSION + 1}"),
        "version text": (changed(lambda d: d.update(schema_version="1")), "schema_version must be a whole number"),
        "version zero": (changed(lambda d: d.update(schema_version=0)), "unknown schema_version 0"),
        "no note": (changed(lambda d: d.pop("note")), "missing 'note'"),
        "wrong type": (changed(lambda d: d["note"]["participants"][0].update(name=42)),
                       "note.participants[0].name: expected text, got a number"),
        "bad span": (changed(lambda d: d["note"]["agreements"][0].update(source_spans=[[1]])),
                     "note.agreements[0].source_spans[0]: expected 2 values, got 1"),
        "article type": (changed(lambda d: d["article"].update(paragraphs="one")),
                         "article.paragraphs: expected a list, got text"),
        "missing original": (changed(lambda d: d["article"].pop("original")), "article: missing key 'original'"),
        "duplicate id": (changed(lambda d: d["note"]["quotes"].append(dict(d["note"]["quotes"][0]))),
                         "is used twice"),
        "extraction type": (changed(lambda d: d["extraction"]["participants"][0].update(name=[1])),
                            "extraction.participants[0].name: expected text"),
        "extraction shape": (changed(lambda d: d["extraction"]["agreements"][0].pop("text")),
                             "extraction: missing key 'text'"),
        "header null": (changed(lambda d: d["note"].update(header=None)), "note.header: expected an object"),
        "huge number": (good.replace(f'"schema_version": {SCHEMA_VERSION}', '"schema_version": ' + "9" * 5000,
                                     1).encode(),
                        "not a project file (a number of more than 4,300 digits)"),
    }


@pytest.mark.parametrize("case", [
    "truncated", "not json", "empty", "binary", "array", "wrong format", "no format", "newer",
    "version text", "version zero", "no note", "wrong type", "bad span", "article type",
    "missing original", "duplicate id", "extraction type", "extraction shape", "header null",
    "huge number",
])
def test_unreadable_files_raise_project_error_and_stay_untouched(tmp_path, project, case):
    payload, expected = corrupt_variants(saved_text(tmp_path, project))[case]
    path = tmp_path / "broken.briefing"
    path.write_bytes(payload)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    with pytest.raises(ProjectError) as err:
        load_project(path)
    message = str(err.value)
    assert message.startswith(f"{path}: ")
    assert expected in message
    assert "\n" not in message
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(os.listdir(tmp_path)) == ["broken.briefing", "good.briefing"]


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ProjectError, match="no such file"):
        load_project(tmp_path / "absent.briefing")
    with pytest.raises(ProjectError, match="is a folder"):
        load_project(tmp_path)


UNICODE_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=60, deadline=None)
@given(title=UNICODE_TEXT, summary=UNICODE_TEXT, name=UNICODE_TEXT, paragraph=UNICODE_TEXT,
       spans=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)), max_size=3),
       extra=st.dictionaries(UNICODE_TEXT, UNICODE_TEXT, max_size=3))
def test_any_text_round_trips(title, summary, name, paragraph, spans, extra):
    note = Note(header=NoteHeader(title=title), summary=summary, extra_sections=extra,
                participants=[ParticipantItem(name, source_spans=spans)])
    project = Project(note, Article(original=paragraph, paragraphs=[paragraph], title=title))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.briefing"
        save_project(path, project)
        assert load_project(path) == project
