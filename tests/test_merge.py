"""Several sources in one note: the merger on the real pairs (scored against the gold made
before it), and what it does to a note — one undo step, citations, conflicts kept."""
from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest

from briefing.article import Article
from briefing.extract.schema import Agreement, ArticleInfo, Country, Event, Extraction, Participant, Quote
from briefing.note.edits import EditError, apply_edit
from briefing.note.merge import add_source, choose_value, next_source_id, same_agreement
from briefing.note.model import Note, SourceInfo
from briefing.note.project import Project

REPO = Path(__file__).resolve().parent.parent
MERGE = REPO / "eval" / "merge"
sys.path.insert(0, str(MERGE))

import merge_pair  # noqa: E402
import score_merge  # noqa: E402


# ---------------------------------------------------------------- the real pairs

@pytest.fixture(scope="module")
def scores() -> list[score_merge.PairScore]:
    return score_merge.score_all(MERGE, merge_pair.merge_files)


def test_merging_the_real_pairs_links_the_same_items_and_nothing_else(scores) -> None:  # noqa: ANN001
    total = score_merge.Tally()
    for s in scores:
        for tally in s.kinds.values():
            total.add(tally)
    report = score_merge.report(scores, verbose=True)
    assert not [n for s in scores for n in s.notes if n.startswith("merge failed")], report
    # different items stay apart; of the links the extraction made possible, the merger finds nearly all
    assert total.precision >= 0.9, report
    assert total.linkable_recall >= 0.9, report
    assert total.recall >= 0.65, report  # the rest is what extraction did not find
    for kind in ("participants", "countries", "events"):
        t = score_merge.Tally()
        for s in scores:
            t.add(s.kinds[kind])
        assert t.precision == 1.0 and t.linkable_recall == 1.0, report
    assert all(t.right == t.predicted for s in scores for t in s.kinds.values()), report  # no wrong link


def test_conflicts_between_the_pairs_stay_visible(scores) -> None:  # noqa: ANN001
    found = sum(s.conflicts_found for s in scores)
    total = sum(s.conflicts_total for s in scores)
    assert total == 8 and found >= 4, score_merge.report(scores, verbose=True)


# ---------------------------------------------------------------- what a merge does

def article(text: str, date: str = "2024-06-01", title: str = "Ministers meet") -> Article:
    return Article(original=text, paragraphs=text.split("\n\n"), title=title, date=date)


def extraction_of(art: Article, people=(), agreements=(), quotes=(), events=(), countries=()) -> Extraction:  # noqa: ANN001
    def span(words: str) -> tuple[int, int]:
        at = art.text.index(words)
        return at, at + len(words)

    return Extraction(
        article=ArticleInfo(art.title, art.date, None, list(art.paragraphs)),
        countries=[Country(code, code, []) for code in countries],
        participants=[Participant(name, role, country, [span(name)]) for name, role, country in people],
        agreements=[Agreement(text, status, text, span(text), list(parties), instrument)
                    for text, status, parties, instrument in agreements],
        quotes=[Quote(text, speaker, span(text)) for text, speaker in quotes],
        events=[Event(date, text, span(text)) for date, text in events],
    )


A_TEXT = ("Defence Minister Yasukazu Hamada met Richard Marles in Singapore.\n\n"
          "Japan and Australia signed a memorandum on joint defence research.\n\n"
          "\"We are partners in a free and open Indo-Pacific region,\" Hamada said.")
B_TEXT = ("Japanese minister Yasukazu Hamada and Australian Deputy Prime Minister Richard Marles met.\n\n"
          "Japan and Australia signed the memorandum on joint defense research and testing.\n\n"
          "\"We are partners for a free, open Indo Pacific region,\" said Hamada.\n\n"
          "Kim Jong Un was not there.")


def first_note() -> tuple[Note, Article]:
    from briefing.note.draft import draft_note

    art = article(A_TEXT, "2023-06-04", "Japan, Australia sign memorandum")
    ex = extraction_of(art, people=[("Yasukazu Hamada", "Defence Minister", "JP"), ("Richard Marles", "", "AU")],
                       agreements=[("memorandum on joint defence research", "signed", ["JP", "AU"], "memorandum")],
                       quotes=[("We are partners in a free and open Indo-Pacific region,", "Yasukazu Hamada")],
                       countries=["JP", "AU"])
    note = draft_note(art, ex)
    Project(note, art, ex)
    return note, art


def second_source() -> tuple[Article, Extraction]:
    art = article(B_TEXT, "2023-06-05", "Japan, Australia ink defence research deal")
    ex = extraction_of(art, people=[("Yasukazu Hamada", "Minister", "JP"),
                                    ("Richard Marles", "Deputy Prime Minister", "AU"),
                                    ("Kim Jong Un", "", "KP")],
                       agreements=[("memorandum on joint defense research and testing", "signed", ["JP", "AU"],
                                    "memorandum")],
                       quotes=[("We are partners for a free, open Indo Pacific region,", "Hamada")],
                       countries=["JP", "AU", "KP"])
    return art, ex


def test_a_second_source_is_merged_as_one_undoable_step() -> None:
    note, _ = first_note()
    before = copy.deepcopy(note)
    art, ex = second_source()
    undo = add_source(note, art, ex)
    assert [s.id for s in note.sources] == ["s1", "s2"] and note.sources[1].article is art
    hamada, marles, kim = note.participants
    assert [c.source for c in hamada.citations] == ["s2"] and hamada.source_ids("s1") == ["s1", "s2"]
    start = B_TEXT.index("Yasukazu Hamada")
    assert hamada.spans_in("s2", "s1") == [(start, start + len("Yasukazu Hamada"))]
    assert marles.role == "Deputy Prime Minister"  # the role one source left empty, the other gave
    assert kim.name == "Kim Jong Un" and kim.source_id == "s2" and kim.citations == []
    assert len(note.agreements) == 1 and note.agreements[0].citations[0].text.endswith("and testing")
    assert len(note.quotes) == 1 and note.quotes[0].citations[0].source == "s2"
    assert undo.description.startswith("Add source") and undo.kind == "compound"
    redo = apply_edit(note, undo)
    assert note == before
    apply_edit(note, redo)
    assert len(note.sources) == 2 and len(note.participants) == 3


def test_disagreements_are_kept_with_each_sources_value_and_can_be_chosen() -> None:
    note, _ = first_note()
    art, ex = second_source()
    ex.participants[0].role = "President-elect"
    add_source(note, art, ex)
    hamada = note.participants[0]
    role = next(c for c in hamada.conflicts if c.field == "role")
    assert role.values == {"s1": "Defence Minister", "s2": "President-elect"} and role.chosen == ""
    assert hamada.role == "Defence Minister"  # nothing is decided for the analyst
    quote = note.quotes[0]
    assert [c.field for c in quote.conflicts] == ["text"]  # "in a free and open" / "for a free, open"
    assert quote.conflicts[0].values["s2"] == "We are partners for a free, open Indo Pacific region,"
    undo = choose_value(note, "participants", hamada.id, "role", "s2")
    assert hamada.role == "President-elect" and hamada.conflicts[0].chosen == "s2"
    assert len(hamada.conflicts) == 1  # kept, marked, so the choice can be changed
    apply_edit(note, undo)
    assert hamada.role == "Defence Minister" and hamada.conflicts[0].chosen == ""
    with pytest.raises(EditError):
        choose_value(note, "participants", hamada.id, "role", "s9")


def test_the_same_article_twice_adds_only_citations() -> None:
    note, art = first_note()
    counts = {s: len(note.section(s)) for s in ("participants", "agreements", "quotes", "themes", "events")}
    add_source(note, art, note.source.extraction)
    assert {s: len(note.section(s)) for s in counts} == counts
    for section in counts:
        for item in note.section(section):
            assert item.conflicts == [] and [c.source for c in item.citations] == ["s2"]


def test_other_parties_or_another_instrument_are_another_agreement() -> None:
    from briefing.note.model import AgreementItem

    pact = AgreementItem(text="defence research pact", status="signed", instrument="pact", parties=["JP", "AU"])
    other = AgreementItem(text="defence research pact", status="signed", instrument="pact", parties=["JP", "US"])
    statement = AgreementItem(text="joint statement on defence research", status="signed",
                              instrument="joint statement", parties=["JP", "AU"])
    named = AgreementItem(text="Reciprocal Access Agreement (RAA)", status="signed", parties=["AU", "JP"])
    lower = AgreementItem(text="a reciprocal access agreement to speed deployments", status="signed",
                          parties=["JP", "AU"])
    assert same_agreement(pact, other) == 0 and same_agreement(pact, statement) == 0
    assert same_agreement(named, lower) > 0.5  # RAA and its name written out in lower case


def test_source_dates_too_far_apart_are_a_conflict_of_the_sources() -> None:
    note, _ = first_note()
    art, ex = second_source()
    art.date = "2021-03-11"  # a page's wrong metadata date
    add_source(note, art, ex)
    assert [(c.field, c.values) for c in note.source_conflicts] == [
        ("date", {"s1": "2023-06-04", "s2": "2021-03-11"})]
    choose_value(note, "sources", "", "date", "s1")
    assert note.source_conflicts[0].chosen == "s1"


def test_source_ids_are_never_reused() -> None:
    note = Note(sources=[SourceInfo(id="s1"), SourceInfo(id="s3")])
    assert next_source_id(note) == "s4"  # after a removed s2, the next is new, not s2 again


def test_a_third_source_and_dropping_one_again() -> None:
    from briefing.note.merge import drop_source

    note, _ = first_note()
    art, ex = second_source()
    ex.participants[0].role = "President-elect"
    add_source(note, art, ex)
    third, third_ex = second_source()
    third_ex.participants[0].role = "Foreign Minister"
    add_source(note, third, third_ex)
    hamada = note.participants[0]
    assert hamada.source_ids("s1") == ["s1", "s2", "s3"]
    assert hamada.conflicts[0].values == {"s1": "Defence Minister", "s2": "President-elect", "s3": "Foreign Minister"}
    assert sum(1 for p in note.participants if p.name == "Kim Jong Un") == 1  # s3's Kim is s2's
    before = copy.deepcopy(note)
    drop_source(note, "s2")
    assert [s.id for s in note.sources] == ["s1", "s3"]
    assert hamada.conflicts[0].values == {"s1": "Defence Minister", "s3": "Foreign Minister"}
    kim = next(p for p in note.participants if p.name == "Kim Jong Un")
    assert kim.source_id == "s3" and kim.citations == []  # its own spans were in s2: s3's are now its own
    drop_source(note, "s3")
    assert [p.name for p in note.participants] == ["Yasukazu Hamada", "Richard Marles"]
    assert hamada.conflicts == [] and hamada.citations == []
    with pytest.raises(EditError, match="first source"):
        drop_source(note, "s1")
    note2 = copy.deepcopy(before)
    apply_edit(note2, drop_source(note2, "s2"))
    assert note2 == before  # dropping is one undo step


def _events_note(a_events: list[tuple[str, str]], b_events: list[tuple[str, str]]) -> Note:
    from briefing.note.draft import draft_note

    a_text, b_text = "\n\n".join(t for _, t in a_events), "\n\n".join(t for _, t in b_events)
    art = article(a_text, "2024-06-01")
    ex = extraction_of(art, events=a_events)
    note = draft_note(art, ex)
    Project(note, art, ex)
    other = article(b_text, "2024-06-01")
    add_source(note, other, extraction_of(other, events=b_events))
    return note


def test_events_told_with_synonyms_the_same_day_by_the_same_people_are_one() -> None:
    note = _events_note(
        [("2024-06-01", "Ana Silva held talks with her counterpart on naval cooperation, fisheries patrols, "
                        "cyber defence and officer training."),
         ("2024-06-01", "Silva later inspected a frigate.")],
        [("2024-06-01", "Joao Costa met Silva in Lisbon."), ("2024-06-01", "Costa also inspected the harbour.")])
    linked = [e for e in note.events if e.citations]
    assert len(linked) == 1 and linked[0].text.startswith("Ana Silva held talks")
    assert len(note.events) == 3


def test_a_meeting_and_a_signing_with_the_same_names_stay_apart() -> None:
    note = _events_note(
        [("2024-06-01", "Silva met Costa in Lisbon."), ("2024-06-01", "Silva opened a naval museum.")],
        [("2024-06-01", "Silva signed the frigate contract in Lisbon with Costa."),
         ("2024-06-01", "Costa left for Madrid.")])
    assert not any(e.citations for e in note.events) and len(note.events) == 4
