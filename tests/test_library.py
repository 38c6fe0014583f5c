"""The notes library: records from projects, search and filters, the classification filter,
related notes, rebuilding after the index is lost or broken, and two writing processes."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from briefing.library import RelatedQuery, SearchQuery, record_from_project
from briefing.library.files import find_projects, records_from_files
from briefing.library.ranking import RankError, max_ranks, note_marking
from briefing.library.sqlite_store import DB_NAME, SqliteLibrary
from briefing.library.store import LibraryStore
from briefing.note.project import load_project

sys.path.insert(0, str(Path(__file__).resolve().parent))
from library_helpers import make_project, sample_notes, save  # noqa: E402


@pytest.fixture
def notes(tmp_path: Path) -> dict[str, Path]:
    return sample_notes(tmp_path / "notes")


@pytest.fixture
def library(tmp_path: Path, notes: dict[str, Path]):
    warnings: list[str] = []
    lib = SqliteLibrary(tmp_path / "lib", warn=warnings.append)
    lib.warnings = warnings  # type: ignore[attr-defined]
    for path in notes.values():
        lib.add(record_from_project(load_project(path), path))
    yield lib
    lib.close()


def titles(result) -> list[str]:  # noqa: ANN001
    return [hit.title for hit in result.hits]


def test_the_sqlite_library_is_a_library_store(library: SqliteLibrary) -> None:
    assert isinstance(library, LibraryStore)


def test_record_keeps_included_items_countries_and_a_sortable_date(tmp_path: Path) -> None:
    project = make_project("T", "13 September 2021", people=[("A B", "Minister", "JP"), ("C D", "Admiral", "VN")],
                           agreements=[("Pact", "signed", "11 Sep 2021", ["JP", "VN", "ASEAN"])])
    project.note.participants[1].included = False
    record = record_from_project(project, tmp_path / "t.briefing")
    assert record.sort_date == "2021-09-13"
    assert [p.name for p in record.participants] == ["A B"]
    assert record.countries == ["JP", "VN"]
    assert record.agreements[0].date == "2021-09-11"
    assert "Pact" in record.text and "C D" not in record.text


def test_full_text_search_finds_words_and_prefixes_newest_first(library: SqliteLibrary) -> None:
    assert titles(library.search(SearchQuery(text="pact"))) == [
        "Japan and Vietnam review equipment pact", "Japan–Vietnam defence ministers meet"]
    assert titles(library.search(SearchQuery(text="frigate*"))) == ["Japan–Vietnam defence ministers meet"]
    assert titles(library.search(SearchQuery(text="Canberra Teodoro"))) == [
        "Australia–Philippines defence ministers' meeting"]
    assert library.search(SearchQuery(text='"OR" AND NOT (')).total == 0  # operators are plain words


def test_filters_by_country_person_theme_and_dates(library: SqliteLibrary) -> None:
    assert titles(library.search(SearchQuery(countries=["VN"]))) == [
        "Japan and Vietnam review equipment pact", "Japan–Vietnam defence ministers meet"]
    # accents and case do not matter; a surname alone finds the person
    assert library.search(SearchQuery(people=["phan van giang"])).total == 2
    assert titles(library.search(SearchQuery(people=["Kishi"]))) == ["Japan–Vietnam defence ministers meet"]
    assert library.search(SearchQuery(people=["Kis"])).total == 0
    assert library.search(SearchQuery(themes=["maritime-security"])).total == 2
    assert library.search(SearchQuery(themes=["Rules based order"])).total == 1
    assert titles(library.search(SearchQuery(date_from="2023", date_to="2023-05"))) == [
        "Japan and Vietnam review equipment pact", "Kenya–Somalia border talks"]
    assert library.search(SearchQuery(countries=["VN"], themes=["maritime-security"], date_to="2022")).total == 1


def test_classification_filter_hides_notes_above_the_level_and_unreadable_ones(library: SqliteLibrary) -> None:
    everything = library.search(SearchQuery())
    assert everything.total == 4 and everything.hidden == 0
    assert {h.classification for h in everything.hits} == {"SECRET//REL TO USA, AUS", "OFFICIAL",
                                                           "OFFICIAL-SENSITIVE", "SENSITIVE"}
    official = library.search(SearchQuery(max_ranks=max_ranks("OFFICIAL")))  # a UK level only
    assert titles(official) == ["Japan and Vietnam review equipment pact"]
    assert official.hidden == 3
    sensitive = library.search(SearchQuery(max_ranks=max_ranks("OFFICIAL-SENSITIVE")))
    assert len(sensitive.hits) == 2 and sensitive.hidden == 2
    # SECRET is a level of both schemes: each note is read against its own scheme's SECRET
    secret = library.search(SearchQuery(max_ranks=max_ranks("SECRET")))
    assert len(secret.hits) == 3 and secret.hidden == 1  # "SENSITIVE" is no UK marking
    # CONFIDENTIAL is a US level only: the UK notes go, and the US note is SECRET
    assert library.search(SearchQuery(max_ranks=max_ranks("CONFIDENTIAL"))).hidden == 4


def test_classification_ranks_come_from_the_templates_scheme(tmp_path: Path) -> None:
    def marking(classification: str, template: str = "ministerial", portion: str = ""):  # noqa: ANN202
        project = make_project("T", "2024-01-01", classification=classification, template=template,
                               people=[("A B", "Minister", "JP")])
        project.note.participants[0].portion = portion
        return note_marking(project.note)

    assert marking("official").rank == 0 and marking("official").text == "OFFICIAL"
    assert marking("OFFICIAL-SENSITIVE COMMERCIAL").rank == 1
    assert marking("").text == "OFFICIAL"  # empty: the template's default marking
    assert marking("secret//rel to usa, aus", "intsum").text == "SECRET//REL TO USA, AUS"
    assert marking("SECRET//REL TO USA, AUS", "intsum").rank == 3  # U, CUI, C, S, TS
    assert marking("TOP SECRET – UK EYES ONLY").rank == 3
    assert marking("OFFICIAL", portion="SECRET").text == "SECRET"  # the banner: the highest portion
    assert marking("OFFICIAL", portion="MOST SECRET").rank is None  # a portion the scheme cannot read
    assert marking("SECRET//REL TO USA").rank is None  # no REL TO in the UK scheme
    assert marking("OFFICIAL", "no-such-template").rank is None
    assert max_ranks("secret")["uk"] == 2 and max_ranks("secret")["us"] == 3
    with pytest.raises(RankError, match="levels: .*OFFICIAL"):
        max_ranks("VERY SECRET")


def test_adding_again_replaces_and_remove_forgets(library: SqliteLibrary, notes: dict[str, Path]) -> None:
    project = load_project(notes["au-ph"])
    project.note.participants[0].name = "Pat Conroy"
    save(notes["au-ph"].parent, "au-ph", project)
    note_id = library.id_of(str(notes["au-ph"]))
    assert library.add(record_from_project(project, notes["au-ph"])) == note_id
    assert library.search(SearchQuery(people=["Marles"])).total == 0
    assert library.search(SearchQuery(people=["Conroy"])).total == 1
    assert library.remove(str(notes["au-ph"].resolve())) is True
    assert library.get(note_id) is None and library.count() == 3
    assert library.remove(str(notes["au-ph"].resolve())) is False


def test_related_notes_share_countries_or_participants_and_come_before(library: SqliteLibrary,
                                                                       notes: dict[str, Path]) -> None:
    related = library.related(RelatedQuery(countries=["JP", "VN"], participants=["Phan Van Giang"],
                                           before="2024-01-01", exclude_path=str(notes["jp-vn-2023"])))
    assert [r.record.title for r in related] == ["Japan–Vietnam defence ministers meet"]
    assert related[0].shared_countries == ["JP", "VN"]
    assert related[0].shared_participants == ["Phan Văn Giang"]
    assert related[0].record.agreements[0].status == "signed"
    # one shared country is not enough for a bilateral note; a shared person is
    assert library.related(RelatedQuery(countries=["JP", "PH"])) == []
    assert len(library.related(RelatedQuery(countries=["JP", "PH"], participants=["Gilberto Teodoro"]))) == 1
    assert library.related(RelatedQuery(countries=["JP", "VN"], before="2021-01-01")) == []
    assert library.related(RelatedQuery(countries=["JP", "VN"], max_ranks=max_ranks("OFFICIAL")))[0] \
        .record.classification == "OFFICIAL"


def test_a_deleted_index_is_rebuilt_from_the_files(tmp_path: Path, library: SqliteLibrary) -> None:
    library.close()
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / "lib" / (DB_NAME + suffix)).unlink(missing_ok=True)
    warnings: list[str] = []
    with SqliteLibrary(tmp_path / "lib", warn=warnings.append) as again:
        assert again.count() == 4
        assert again.search(SearchQuery(people=["Kishi"])).total == 1
    assert len(warnings) == 1 and "missing" in warnings[0] and "4 known note files" in warnings[0]


def test_a_corrupt_index_is_set_aside_and_rebuilt(tmp_path: Path, library: SqliteLibrary) -> None:
    library.close()
    db = tmp_path / "lib" / DB_NAME
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    db.write_bytes(b"SQLite format 3\x00" + b"\xde\xad" * 4000)
    warnings: list[str] = []
    with SqliteLibrary(tmp_path / "lib", warn=warnings.append) as again:
        assert again.count() == 4
        assert again.search(SearchQuery(text="Canberra")).total == 1
    assert len(warnings) == 1 and "unusable" in warnings[0]
    assert (tmp_path / "lib" / (DB_NAME + ".unusable")).is_file()


def test_a_database_of_something_else_is_not_used(tmp_path: Path) -> None:
    import sqlite3

    folder = tmp_path / "lib"
    folder.mkdir()
    other = sqlite3.connect(folder / DB_NAME)
    other.execute("CREATE TABLE photos (id INTEGER)")
    other.commit()
    other.close()
    warnings: list[str] = []
    with SqliteLibrary(folder, warn=warnings.append) as lib:
        assert lib.count() == 0
    assert "unusable" in warnings[0]


def test_rebuild_holds_exactly_the_folders_notes(tmp_path: Path, library: SqliteLibrary,
                                                  notes: dict[str, Path]) -> None:
    notes["unmarked"].unlink()
    (notes["au-ph"].parent / "broken.briefing").write_text("{", encoding="utf-8")
    errors: list[tuple[str, str | None]] = []
    paths = [str(p) for p in find_projects([notes["jp-vn"].parent])]
    assert len(paths) == 4
    count = library.rebuild(records_from_files(paths, on_done=lambda p, e: errors.append((p, e))))
    assert count == 3 and library.count() == 3
    assert [Path(p).name for p, e in errors if e] == ["broken.briefing"]
    assert sorted(Path(p).name for p in library.known_paths()) == ["au-ph.briefing", "jp-vn-2023.briefing",
                                                                   "jp-vn.briefing"]


WRITER = textwrap.dedent("""
    import sys
    from briefing.library.record import NoteRecord, ParticipantRecord
    from briefing.library.sqlite_store import SqliteLibrary
    folder, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    lib = SqliteLibrary(folder)
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(count):
        lib.add(NoteRecord(path=f"/notes/{tag}/{i}.briefing", title=f"{tag} {i}", sort_date="2024-01-01",
                           countries=["JP"], participants=[ParticipantRecord(f"Person {tag}{i}")],
                           text=f"note {tag} number {i}"))
    lib.close()
    print("done", flush=True)
""")


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    SqliteLibrary(folder).close()
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(folder), tag, "150"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
               for tag in ("first", "second")]
    for w in writers:  # both open before either writes, then both start together
        assert w.stdout.readline().strip() == "ready"
    for w in writers:
        w.stdin.write("go\n")
        w.stdin.flush()
    for w in writers:
        out, _ = w.communicate(timeout=120)
        assert w.returncode == 0 and out.strip() == "done"
    with SqliteLibrary(folder) as lib:
        assert lib.count() == 300
        assert lib.search(SearchQuery(text="second")).total == 150
        assert len(lib.known_paths()) == 300
