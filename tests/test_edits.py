"""Edit operations: each returns its undo; undo returns the redo; bad arguments raise EditError."""
from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.note.edits import (FIELD_PATHS, Edit, EditError, add_item, apply_edit, compound,
                                 get_field, move_item, remove_item, set_field, set_included,
                                 update_item)
from briefing.note.model import (SECTIONS, AgreementItem, EventItem, Note, NoteHeader,
                                 ParticipantItem, QuoteItem, ThemeItem)


def sample_note() -> Note:
    return Note(
        header=NoteHeader(title="Japan–Vietnam defence talks", date="2021-09-13"),
        summary="On 11 September 2021 **Japan** and Vietnam signed a pact.",
        participants=[ParticipantItem("Nobuo Kishi", "Defence Minister", "JP", source_spans=[(0, 11)]),
                      ParticipantItem("Phan Van Giang", "Defence Minister", "VN"),
                      ParticipantItem("Nguyễn Xuân Phúc", "President", "VN")],
        agreements=[AgreementItem("a pact on equipment transfer", "signed", "pact", ["JP", "VN"]),
                    AgreementItem("intensify consultations", "agreed", "", ["JP", "VN"])],
        themes=[ThemeItem("cybersecurity", "Cybersecurity", "Memorandum signed.", ["s1"])],
        quotes=[QuoteItem("“same destiny”", "Nobuo Kishi")],
        events=[EventItem("2021-09-11", "Defence ministers meet")],
        extra_sections={"background": "Earlier visits."},
    )


def undo_redo_round_trip(note: Note, change) -> Edit:  # noqa: ANN001
    """Apply ``change``; check that undo restores the note and redo the changed note."""
    before = copy.deepcopy(note)
    undo = change(note)
    after = copy.deepcopy(note)
    redo = apply_edit(note, undo)
    assert note == before
    assert redo.description == undo.description
    again = apply_edit(note, redo)
    assert note == after
    assert again.description == undo.description
    return undo


def test_add_item_at_end_and_at_index():
    note = sample_note()
    new = ParticipantItem("Pham Minh Chinh", "Prime Minister", "VN")
    undo = undo_redo_round_trip(note, lambda n: add_item(n, "participants", new))
    assert note.participants[-1].name == "Pham Minh Chinh"
    assert undo.description == "Add participant"
    first = QuoteItem("Added by the analyst")
    undo_redo_round_trip(note, lambda n: add_item(n, "quotes", first, 0))
    assert note.quotes[0].text == "Added by the analyst"


def test_remove_item_restores_it_at_its_place():
    note = sample_note()
    middle = note.participants[1].id
    undo = undo_redo_round_trip(note, lambda n: remove_item(n, "participants", middle))
    assert undo.description == "Remove participant"
    assert [p.name for p in note.participants] == ["Nobuo Kishi", "Nguyễn Xuân Phúc"]
    apply_edit(note, undo)
    assert note.participants[1].id == middle


def test_move_item():
    note = sample_note()
    first = note.participants[0].id
    undo = undo_redo_round_trip(note, lambda n: move_item(n, "participants", first, 2))
    assert note.participants[2].id == first
    assert undo.description == "Move participant"


def test_update_item_one_field_and_several():
    note = sample_note()
    pid = note.participants[0].id
    undo = undo_redo_round_trip(note, lambda n: update_item(n, "participants", pid, role="Minister of Defence"))
    assert undo.description == "Edit participant role"
    assert note.participants[0].role == "Minister of Defence"
    aid = note.agreements[0].id
    undo = undo_redo_round_trip(note, lambda n: update_item(n, "agreements", aid, status="agreed",
                                                             parties=["JP", "VN", "US"]))
    assert undo.description == "Edit agreement"
    assert note.agreements[0].parties == ["JP", "VN", "US"]


def test_update_spans_are_normalised_to_tuples():
    note = sample_note()
    pid = note.participants[1].id
    update_item(note, "participants", pid, source_spans=[[5, 9]])
    assert note.participants[1].source_spans == [(5, 9)]


def test_set_included_excludes_and_includes():
    note = sample_note()
    qid = note.quotes[0].id
    undo = undo_redo_round_trip(note, lambda n: set_included(n, "quotes", qid, False))
    assert undo.description == "Exclude quote"
    assert note.quotes[0].included is False
    assert set_included(note, "quotes", qid, True).description == "Include quote"


@pytest.mark.parametrize("path, value, description", [
    ("header.title", "New title — ✓", "Edit title"),
    ("header.classification", "OFFICIAL-SENSITIVE", "Edit classification"),
    ("summary", "- bullet\n\n**bold**", "Edit summary"),
    ("analyst_comment", "Watch China's response.", "Edit analyst comment"),
    ("template", "intsum", "Change template"),
    ("source.outlet", "Republic World", "Edit source outlet"),
    ("extra_sections.background", "Changed", "Edit background"),
    ("extra_sections.key_judgements", "- We judge…", "Edit key judgements"),
])
def test_set_field(path, value, description):
    note = sample_note()
    undo = undo_redo_round_trip(note, lambda n: set_field(n, path, value))
    assert get_field(note, path) == value
    assert undo.description == description


def test_removing_an_extra_section_and_undoing():
    note = sample_note()
    undo_redo_round_trip(note, lambda n: set_field(n, "extra_sections.background", None))
    assert "background" not in note.extra_sections
    assert get_field(note, "extra_sections.issue") is None


def test_compound_edit_undoes_in_reverse_order():
    note = sample_note()
    before = copy.deepcopy(note)
    keep, drop = note.participants[0].id, note.participants[1].id
    undo = compound("Merge participants", [
        update_item(note, "participants", keep, role="Defence Minister (merged)"),
        remove_item(note, "participants", drop),
    ])
    after = copy.deepcopy(note)
    redo = apply_edit(note, undo)
    assert note == before and redo.description == "Merge participants"
    apply_edit(note, redo)
    assert note == after


def test_edits_are_reusable_and_do_not_alias_the_note():
    note = sample_note()
    undo = remove_item(note, "quotes", note.quotes[0].id)
    redo = apply_edit(note, undo)
    note.quotes[0].text = "changed after undo"
    assert undo.item.text == "“same destiny”"  # the edit kept its own copy
    apply_edit(note, redo)
    assert note.quotes == []


@pytest.mark.parametrize("call, message", [
    (lambda n: add_item(n, "colours", QuoteItem("x")), "unknown section 'colours'"),
    (lambda n: add_item(n, "quotes", ParticipantItem("x")), "quotes holds QuoteItem items"),
    (lambda n: add_item(n, "quotes", copy.deepcopy(n.quotes[0])), "is already in the note"),
    (lambda n: add_item(n, "quotes", QuoteItem("x"), 5), "cannot insert into quotes at position 5"),
    (lambda n: add_item(n, "quotes", QuoteItem(3)), "quote text: expected text"),
    (lambda n: remove_item(n, "quotes", "no-such-id"), "no quote with id 'no-such-id'"),
    (lambda n: move_item(n, "participants", n.participants[0].id, 3), "cannot move a participant"),
    (lambda n: update_item(n, "participants", n.participants[0].id, colour="red"),
     "a participant has no field 'colour'"),
    (lambda n: update_item(n, "participants", n.participants[0].id, role=5),
     "participant role: expected text, got a number"),
    (lambda n: update_item(n, "agreements", n.agreements[0].id, parties="JP"),
     "agreement parties: expected a list"),
    (lambda n: update_item(n, "participants", n.participants[0].id, id="x"), "cannot be changed"),
    (lambda n: set_included(n, "quotes", n.quotes[0].id, "no"), "included must be true or false"),
    (lambda n: set_field(n, "header.colour", "x"), "unknown field 'header.colour'"),
    (lambda n: set_field(n, "participants", "x"), "unknown field 'participants'"),
    (lambda n: set_field(n, "summary", None), "summary must be text"),
    (lambda n: set_field(n, "header.title", 7), "header.title must be text"),
    (lambda n: set_field(n, "template", "  "), "template name must not be empty"),
    (lambda n: apply_edit(n, Edit("explode", "Boom")), "unknown edit kind 'explode'"),
])
def test_bad_arguments_raise_edit_error_and_leave_the_note_alone(call, message):
    note = sample_note()
    before = copy.deepcopy(note)
    with pytest.raises(EditError) as err:
        call(note)
    assert message in str(err.value)
    assert note == before


def test_failed_compound_rolls_back():
    note = sample_note()
    before = copy.deepcopy(note)
    broken = Edit("compound", "Broken", edits=[
        Edit("set", "Edit title", field_path="header.title", value="Half done"),
        Edit("remove", "Remove quote", section="quotes", item_id="missing"),
    ])
    with pytest.raises(EditError):
        apply_edit(note, broken)
    assert note == before


def test_every_field_path_is_settable():
    note = sample_note()
    for path in FIELD_PATHS:
        value = "value-of-template" if path == "template" else f"value of {path}"  # a name, not text
        undo = set_field(note, path, value)
        assert get_field(note, path) == value
        apply_edit(note, undo)
    assert note == sample_note_without_ids(note)


def sample_note_without_ids(note: Note) -> Note:
    """A fresh sample note carrying ``note``'s ids (ids are random per build)."""
    fresh = sample_note()
    for name in SECTIONS:
        for new, old in zip(getattr(fresh, name), getattr(note, name)):
            new.id = old.id
    return fresh


# ---------------------------------------------------------------- random edit sequences

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
OPERATION = st.tuples(
    st.sampled_from(["add", "remove", "move", "update", "include", "set"]),
    st.sampled_from(SECTIONS),
    st.integers(min_value=0, max_value=10),
    TEXT,
    st.sampled_from(["header.title", "summary", "analyst_comment", "extra_sections.issue",
                     "source.url", "header.reference", "portions.summary"]),
)
NEW_ITEMS = {
    "participants": lambda t: ParticipantItem(t, "Role", "JP"),
    "agreements": lambda t: AgreementItem(t, "agreed", parties=["JP"]),
    "themes": lambda t: ThemeItem("hadr", t),
    "quotes": lambda t: QuoteItem(t),
    "events": lambda t: EventItem("2021-09-11", t),
}
UPDATE_FIELD = {"participants": "role", "agreements": "text", "themes": "note",
                "quotes": "speaker", "events": "text"}


def run_operation(note: Note, op: tuple) -> Edit | None:
    kind, section, number, text, path = op
    items = note.section(section)
    if kind == "add":
        return add_item(note, section, NEW_ITEMS[section](text), number % (len(items) + 1))
    if kind == "set":
        return set_field(note, path, text)
    if not items:
        return None
    target = items[number % len(items)].id
    if kind == "remove":
        return remove_item(note, section, target)
    if kind == "move":
        return move_item(note, section, target, (number * 7) % len(items))
    if kind == "update":
        return update_item(note, section, target, **{UPDATE_FIELD[section]: text})
    return set_included(note, section, target, number % 2 == 0)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(OPERATION, max_size=25))
def test_any_edit_sequence_undoes_and_redoes_exactly(ops):
    note = sample_note()
    states = [copy.deepcopy(note)]
    undos = []
    for op in ops:
        undo = run_operation(note, op)
        if undo is not None:
            undos.append(undo)
            states.append(copy.deepcopy(note))
    redos = []
    for undo, state in zip(reversed(undos), reversed(states[:-1])):
        redos.append(apply_edit(note, undo))
        assert note == state
    for redo, state in zip(reversed(redos), states[1:]):
        apply_edit(note, redo)
        assert note == state


def test_a_theme_note_can_be_updated_despite_the_name_clash():
    note = sample_note()
    tid = note.themes[0].id
    undo = undo_redo_round_trip(note, lambda n: update_item(n, "themes", tid, note="One line."))
    assert note.themes[0].note == "One line."
    assert undo.description == "Edit theme note"
