"""The note model, its typed (de)serialisation and the rich-text markup."""
from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.note.model import (ITEM_TYPES, SECTIONS, AgreementItem, EventItem, Note,
                                 ParticipantItem, QuoteItem, ThemeItem, new_item_id)
from briefing.note.richtext import (Block, Run, blocks_to_markup, escape_rich_text, parse_inline, parse_rich_text,
                                    plain_text)
from briefing.note.serial import SerialError, check_value, from_plain, to_plain


# ---------------------------------------------------------------- model

def test_sections_and_item_types_agree():
    assert SECTIONS == ("participants", "agreements", "themes", "quotes", "events")
    assert set(ITEM_TYPES) == set(SECTIONS)
    note = Note()
    for name in SECTIONS:
        assert note.section(name) == []
        fields = {f.name for f in dataclasses.fields(ITEM_TYPES[name])}
        assert {"id", "included", "source_spans"} <= fields


def test_items_take_their_fields_positionally_and_have_defaults():
    p = ParticipantItem("Nobuo Kishi", "Defence Minister", "JP")
    assert (p.name, p.role, p.country, p.included, p.source_spans) == (
        "Nobuo Kishi", "Defence Minister", "JP", True, [])
    a = AgreementItem("a pact", "signed", "pact", ["JP", "VN"], "2021-09-11", "They signed a pact.")
    assert a.parties == ["JP", "VN"] and a.date == "2021-09-11"
    assert ThemeItem("cybersecurity", "Cybersecurity").note == ""
    assert QuoteItem("We agree", "Kishi").speaker == "Kishi"
    assert EventItem("2021-09-11", "Talks").date == "2021-09-11"


def test_item_ids_are_unique_twelve_hex_digits():
    ids = {new_item_id() for _ in range(2000)}
    assert len(ids) == 2000
    assert all(len(i) == 12 and int(i, 16) >= 0 for i in ids)
    assert ParticipantItem("A").id != ParticipantItem("A").id


def test_note_lookup_helpers():
    keep, drop = QuoteItem("kept"), QuoteItem("dropped", included=False)
    note = Note(quotes=[keep, drop], extra_sections={"background": "Text"})
    assert note.included("quotes") == [keep]
    assert note.find_item(drop.id) == ("quotes", 1, drop)
    assert note.find_item("nope") is None
    assert note.extra("background") == "Text" and note.extra("issue") == ""
    with pytest.raises(KeyError):
        note.section("colours")


# ---------------------------------------------------------------- serial

def test_note_round_trips_through_plain_data():
    note = Note(participants=[ParticipantItem("Nguyễn Xuân Phúc", "President", "VN",
                                              source_spans=[(3, 19)])],
                extra_sections={"background": "**AT&T** <b>"})
    plain = to_plain(note)
    assert plain["participants"][0]["source_spans"] == [[3, 19]]
    assert from_plain(Note, plain, "note") == note


@pytest.mark.parametrize("path, value, message", [
    (("summary",), 3, "note.summary: expected text, got a number"),
    (("participants", 0, "included"), "yes", "note.participants[0].included: expected true/false, got text"),
    (("participants", 0, "source_spans", 0), [1, 2, 3],
     "note.participants[0].source_spans[0]: expected 2 values, got 3"),
    (("participants", 0, "source_spans", 0, 1), 2.5,
     "note.participants[0].source_spans[0][1]: expected a whole number"),
    (("extra_sections",), [], "note.extra_sections: expected an object, got a list"),
    (("header",), None, "note.header: expected an object, got null"),
])
def test_wrong_types_name_the_path(path, value, message):
    plain = to_plain(Note(participants=[ParticipantItem("A", source_spans=[(0, 1)])]))
    target = plain
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(SerialError) as err:
        from_plain(Note, plain, "note")
    assert str(err.value).startswith(message)


def test_missing_keys_take_defaults_and_unknown_keys_are_ignored():
    note = from_plain(Note, {"summary": "S", "future_key": 1, "participants": [{"name": "A"}]}, "note")
    assert note.summary == "S" and note.participants[0].name == "A"
    assert note.participants[0].id  # a fresh id when none was stored


def test_check_value_normalises_spans_to_tuples():
    assert check_value(list[tuple[int, int]], [[1, 2]]) == [(1, 2)]
    with pytest.raises(SerialError):
        check_value(list[str], ["a", 1], "parties")


# ---------------------------------------------------------------- rich text

def test_paragraphs_bullets_and_styles():
    blocks = parse_rich_text("First **bold** and *italic*\nsame paragraph.\n\n- one\n- two ***both***\n\nLast")
    assert [b.kind for b in blocks] == ["paragraph", "bullet", "bullet", "paragraph"]
    assert blocks[0].runs == [Run("First "), Run("bold", bold=True), Run(" and "),
                              Run("italic", italic=True), Run(" same paragraph.")]
    assert blocks[1].runs == [Run("one")]
    assert blocks[2].runs == [Run("two "), Run("both", bold=True, italic=True)]
    assert blocks[3].text == "Last"


def test_nested_italic_inside_bold():
    assert parse_inline("**bold *both* bold**") == [
        Run("bold ", bold=True), Run("both", bold=True, italic=True), Run(" bold", bold=True)]


def test_stray_stars_and_escapes_print_literally():
    assert parse_inline("2 * 3 = 6") == [Run("2 * 3 = 6")]
    assert parse_inline("**unclosed") == [Run("**unclosed")]
    assert parse_inline(r"\*not italic\*") == [Run("*not italic*")]
    assert parse_inline("AT&T <b>tag</b>") == [Run("AT&T <b>tag</b>")]


def test_empty_and_blank_input():
    assert parse_rich_text("") == []
    assert parse_rich_text("\n \n\n") == []
    assert plain_text("- a\n\n**b**") == "- a\n\nb"


def test_bullet_continuation_line_joins_the_bullet():
    blocks = parse_rich_text("- first line\n  continues here\n- second")
    assert [b.text for b in blocks] == ["first line continues here", "second"]
    assert isinstance(blocks[0], Block)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_escaped_text_parses_back_to_itself(text):
    line = " ".join(text.split())  # one paragraph: whitespace collapses anyway
    blocks = parse_rich_text(escape_rich_text(line))
    assert "".join(b.text for b in blocks) == line.strip()
    assert all(not run.bold and not run.italic for b in blocks for run in b.runs)


def test_commonmark_escapes_read_as_typed():
    """What Qt's Markdown writer and older notes stored reads back as the characters typed."""
    assert plain_text(r"2\. Four new sites; see \[annex]") == "2. Four new sites; see [annex]"
    assert plain_text("snake\\_case") == "snake_case"
    assert plain_text("- a\n- b\n- ") == "- a\n\n- b"  # an empty last bullet is nothing
    assert plain_text("# 3 [link](http://x) <b>x</b> &amp; `c`") == "# 3 [link](http://x) <b>x</b> &amp; `c`"
    assert plain_text("3. third") == "3. third"  # a numbered item keeps its number as text


STYLED_RUNS = st.lists(st.builds(Run, st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")),
                                              max_size=12), st.booleans(), st.booleans()), max_size=5)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["paragraph", "bullet"]), STYLED_RUNS), max_size=4))
def test_blocks_written_as_markup_read_back_with_the_same_text(blocks):
    written = blocks_to_markup([Block(kind, runs) for kind, runs in blocks])
    expected = [(kind, " ".join("".join(r.text for r in runs).split()))
                for kind, runs in blocks if "".join(r.text for r in runs).strip()]
    got = [(b.kind, " ".join(b.text.split())) for b in parse_rich_text(written)]
    assert got == expected
    assert blocks_to_markup(parse_rich_text(written)) == written  # stable
