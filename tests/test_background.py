"""History drafts the background: earlier notes of the library on the same partners become a
Background paragraph citing them, and an agreement seen before is linked to its first report."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from briefing.library import record_from_project
from briefing.library.sqlite_store import SqliteLibrary
from briefing.note.background import BACKGROUND_KEY, apply_history, draft_background, find_history
from briefing.note.edits import apply_edit
from briefing.note.project import load_project

sys.path.insert(0, str(Path(__file__).resolve().parent))
from library_helpers import make_project, save  # noqa: E402

PACT = "Pact on the transfer of defence equipment"


@pytest.fixture
def library(tmp_path: Path):  # noqa: ANN201
    """Three earlier UK notes on Japan and Vietnam (the pact signed, then implemented) and a
    SECRET one, plus an unrelated note."""
    notes = [
        ("2021", make_project("Japan–Vietnam defence ministers meet", "2021-09-13", reference="MIN-2021-0007",
                              people=[("Nobuo Kishi", "Defence Minister", "JP"), ("Phan Van Giang", "Minister", "VN")],
                              agreements=[(PACT, "signed", "2021-09-11", ["JP", "VN"])])),
        ("2023", make_project("Japan and Vietnam review equipment pact", "2023-05-02", reference="MIN-2023-0004",
                              people=[("Yasukazu Hamada", "Defence Minister", "JP"),
                                      ("Phan Van Giang", "Minister", "VN")],
                              agreements=[(PACT, "implemented", "2023-05-02", ["JP", "VN"]),
                                          ("Joint vision statement on defence", "signed", "2023-05-02",
                                           ["JP", "VN"])])),
        ("secret", make_project("Japan–Vietnam: what was not said", "2023-11-20", reference="MIN-2023-0099",
                                classification="SECRET", people=[("Phan Van Giang", "Minister", "VN")],
                                agreements=[("Secret annex on submarines", "agreed", "2023-11-20", ["JP", "VN"])])),
        ("other", make_project("Kenya–Somalia border talks", "2023-02-01", reference="MIN-2023-0001",
                               people=[("Aden Duale", "Cabinet Secretary for Defence", "KE")])),
    ]
    lib = SqliteLibrary(tmp_path / "lib")
    for name, project in notes:
        path = save(tmp_path / "notes", name, project)
        lib.add(record_from_project(load_project(path), path))
    yield lib
    lib.close()


def new_note(classification: str = "OFFICIAL"):  # noqa: ANN201
    project = make_project("Japan and Vietnam defence chiefs meet", "2024-06-01", classification=classification,
                           people=[("Minoru Kihara", "Defence Minister", "JP"), ("Phan Van Giang", "Minister", "VN")],
                           agreements=[("pact on the transfer of defence equipment", "affirmed", "", ["JP", "VN"])])
    return project.note


def test_the_background_cites_earlier_notes_by_reference(library: SqliteLibrary) -> None:
    note = new_note()
    history = find_history(note, library)
    assert [r.record.reference for r in history.related] == ["MIN-2021-0007", "MIN-2023-0004"]
    text = history.text
    assert text.startswith("Prior engagements: Japan and Vietnam last met on 2 May 2023 (MIN-2023-0004).")
    assert "Agreements since 13 September 2021:" in text
    assert "the joint vision statement on defence, signed 2 May 2023 (MIN-2023-0004)" in text
    assert ("Status changes: the pact on the transfer of defence equipment signed on 11 September 2021 "
            "(MIN-2021-0007) was reported implemented on 2 May 2023 (MIN-2023-0004).") in text
    assert "Kenya" not in text and "Duale" not in text


def test_a_higher_marked_note_never_reaches_a_lower_one(library: SqliteLibrary) -> None:
    assert "submarines" not in find_history(new_note("OFFICIAL"), library).text
    secret = find_history(new_note("SECRET"), library)
    assert "submarines" in secret.text and "MIN-2023-0099" in secret.text


def test_an_agreement_seen_before_is_linked_to_its_first_report(library: SqliteLibrary) -> None:
    note = new_note()
    undo = apply_history(note, find_history(note, library))
    pact = note.agreements[0]
    assert (pact.first_reported, pact.first_reference) == ("2021-09-11", "MIN-2021-0007")
    assert note.extra(BACKGROUND_KEY).startswith("Prior engagements:")
    apply_edit(note, undo)  # one undo step takes it all back out
    assert note.extra(BACKGROUND_KEY) == "" and pact.first_reported == ""


def test_the_first_report_is_printed_with_the_agreement(library: SqliteLibrary) -> None:
    from briefing.export.outline import build_outline
    from briefing.templates import load_template

    note = new_note()
    apply_history(note, find_history(note, library))
    outline = build_outline(note, load_template("ministerial"))
    table = next(s for s in outline.sections if s.kind == "agreements").blocks[0]
    assert "".join(r.text for r in table.rows[0][0]).endswith("(first reported 11 Sep 2021, MIN-2021-0007)")
    background = next(s for s in outline.sections if s.key == "background")
    assert "MIN-2021-0007" in background.blocks[0].text


def test_no_history_leaves_the_note_alone(tmp_path: Path, library: SqliteLibrary, monkeypatch) -> None:  # noqa: ANN001
    note = make_project("Chile–Peru talks", "2024-01-01", people=[("Ana Ruiz", "Minister", "CL")]).note
    assert apply_history(note, find_history(note, library)) is None and note.extra(BACKGROUND_KEY) == ""
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "never-used"))
    assert draft_background(new_note()) is None  # no library yet: drafting never makes one
    assert not (tmp_path / "never-used").exists()


def test_drafting_a_note_asks_the_users_library(tmp_path: Path, monkeypatch, seed_article, seed_extraction) -> None:  # noqa: ANN001
    """The composer's and the command line's drafting step draws the background from the
    user's library when there is one."""
    from briefing.note.header import draft_new_note
    from briefing.templates import load_template

    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "data"))
    earlier = make_project("Japan–Vietnam talks", "2019-05-01", reference="MIN-2019-0003",
                           people=[("Takeshi Iwaya", "Defence Minister", "JP"), ("Ngo Xuan Lich", "Minister", "VN")])
    path = save(tmp_path / "notes", "earlier", earlier)
    with SqliteLibrary(tmp_path / "data" / "library") as lib:
        lib.add(record_from_project(load_project(path), path))
    note = draft_new_note(seed_article, seed_extraction, load_template("ministerial"))
    assert "last met on 1 May 2019 (MIN-2019-0003)" in note.extra(BACKGROUND_KEY)
    plain = draft_new_note(seed_article, seed_extraction, load_template("ministerial"), history=False)
    assert plain.extra(BACKGROUND_KEY) == ""
