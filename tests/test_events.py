"""Events: a dated chronology resolved against the article date, on short texts."""
from __future__ import annotations

import pytest

from briefing.extract import analyse
from briefing.extract.events import find_dated_sentences, find_events
from briefing.ingest import article_from_text


def _events(text: str):
    return find_events(analyse(article_from_text(text)))


def test_weekdays_and_month_days_resolve_against_article_date():
    events = _events(" date 2021-09-13 Defence Minister Nobuo Kishi told reporters on Sunday that ties were strong.\n\n"
                     "On Saturday, Kishi met his Vietnamese counterpart Phan Van Giang in Hanoi.\n\n"
                     "On Sep 10, he arrived in Vietnam for a three-day visit to the region.\n\n"
                     "The two sides did not publish the text of the agreement.")
    assert [e.date for e in events] == ["2021-09-10", "2021-09-11", "2021-09-12"]
    assert events[1].text == "Kishi met his Vietnamese counterpart Phan Van Giang in Hanoi."
    assert events[0].text.startswith("He arrived in Vietnam")


def test_spans_point_at_the_sentence_and_text_keeps_typography():
    art = article_from_text(" date 2022-04-10 Japan\u2019s minister said on Saturday that "
                            "\u201cties matter\u201d to both.")
    events = find_events(analyse(art))
    assert len(events) == 1
    e = events[0]
    assert e.date == "2022-04-09"
    assert art.text[e.span[0]:e.span[1]] == ("Japan\u2019s minister said on Saturday that "
                                             "\u201cties matter\u201d to both.")
    assert "\u2019" in e.text and "\u201c" in e.text


def test_month_and_year_precision_and_order():
    an = analyse(article_from_text(
        " date 2021-12-18 India and France agreed on Friday to deepen ties.\n\n"
        "They had signed a deal for Rafale jets in 2016.\n\n"
        "She had visited India last year.\n\n"
        "A delegation visited Paris in November last year."))
    dated = find_dated_sentences(an)
    assert [(d.iso, d.precision) for d in dated] == [
        ("2016", "year"), ("2020", "year"), ("2020-11", "month"), ("2021-12-17", "day")]


def test_no_article_date_keeps_only_absolute_dates():
    art = article_from_text("The ministers met on Sunday in Canberra.\n\n"
                            "They first met on 11 January.\n\n"
                            "They will meet again in 2025.")
    assert art.date is None
    assert [e.date for e in find_events(analyse(art))] == ["2025"]


def test_body_date_becomes_reference():
    art = article_from_text("The treaty was signed on 3 March 2023 in Jakarta.\n\n"
                            "The ministers had met on Sunday in Canberra.")
    assert art.date == "2023-03-03"
    assert [e.date for e in find_events(analyse(art))] == ["2023-02-26", "2023-03-03"]


def test_sentences_without_dates_are_left_out_and_no_duplicates():
    events = _events(" date 2023-02-03 Officials met on Thursday.\n\nOfficials met on Thursday.\n\n"
                     "They discussed many things at length.")
    assert len(events) == 1 and events[0].date == "2023-02-02"


def test_future_weekday_reads_forward():
    events = _events(" date 2021-09-13 The ministers will meet again on Friday in Tokyo.")
    assert events[0].date == "2021-09-17"


def test_same_day_follows_previous_sentence():
    events = _events(" date 2021-09-13 On Saturday, Kishi met Giang in Hanoi. "
                     "Later in the day, both countries signed a pact on defence equipment.")
    assert [e.date for e in events] == ["2021-09-11", "2021-09-11"]
    assert events[1].text.startswith("Both countries signed a pact")


def test_long_sentence_text_is_cut_at_a_clause_break():
    words = " ".join(["cooperation"] * 40)
    events = _events(f" date 2021-09-13 On Sunday the ministers discussed training and exercises, "
                     f"then {words}, and later {words}.")
    text = events[0].text
    assert len(text) <= 320 and text.endswith("\u2026")
    assert text[:-1].endswith("cooperation") and text.count(", ") == 1  # cut at the second comma


def test_undated_event_sentences_take_the_date_before_them():
    events = _events(" date 2021-09-13 On Saturday, Kishi met his Vietnamese counterpart Phan Van Giang. "
                     "Additionally, he held meetings with President Nguyen Xuan Phuc.\n\n"
                     "Kishi paid a courtesy call on Prime Minister Pham Minh Chinh.\n\n"
                     "Vietnam is a growing economy.")
    inferred = [(e.date, e.inferred) for e in events if "meetings" in e.text or "courtesy" in e.text]
    assert inferred == [("2021-09-11", True), ("2021-09-11", True)]
    assert not any("economy" in e.text for e in events)  # no event: no date


@pytest.mark.parametrize("name", ["seed"])
def test_seed_chronology(seed_article, name):
    events = find_events(analyse(seed_article))
    dates = [e.date for e in events]
    assert dates == sorted(dates)
    assert "2021-09-12" in dates and "2021-09-11" in dates
    assert any("Guard of Honor" in e.text and e.date == "2021-09-11" for e in events)
    assert any("Kishi met with his Vietnamese counterpart" in e.text and e.date == "2021-09-11" for e in events)


def test_an_undated_article_dates_a_day_by_the_named_year_its_weekday_fits():
    art = article_from_text("The two ministers met in New Delhi on Saturday, 20 March, to discuss logistics.\n\n"
                            "They signed a logistics pact in 2021 and a training accord in 2019.\n\n"
                            "A delegation arrived on Monday, 20 March, for more talks.")
    assert art.date is None
    dates = [e.date for e in find_events(analyse(art))]
    assert "2021-03-20" in dates  # a Saturday in 2021, not in 2019
    assert not any(d.startswith("2021-03") and d != "2021-03-20" for d in dates)  # no year fits Monday


def test_short_lines_without_a_verb_are_no_events():
    events = _events(" date 2022-06-08 New Delhi, June 8\n\nThe two ministers on Wednesday signed a joint "
                     "vision statement.\n\nRajnath Singh (@rajnathsingh) June 8, 2022")
    assert [e.text for e in events] == ["The two ministers on Wednesday signed a joint vision statement."]
