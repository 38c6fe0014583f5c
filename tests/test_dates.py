"""Date phrases, their resolution against the article date, and the article date itself."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from briefing.knowledge.dates import find_article_date, find_date_phrases, iso, resolve_date_phrase

REF = dt.date(2021, 9, 13)  # a Monday


@pytest.mark.parametrize("phrase, expected, precision", [
    ("on Sunday", "2021-09-12", "day"),
    ("on Saturday", "2021-09-11", "day"),
    ("Monday", "2021-09-13", "day"),
    ("last Monday", "2021-09-06", "day"),
    ("Sep 11", "2021-09-11", "day"),
    ("11 January", "2021-01-11", "day"),
    ("yesterday", "2021-09-12", "day"),
    ("today", "2021-09-13", "day"),
    ("this morning", "2021-09-13", "day"),
    ("last year", "2020", "year"),
    ("in 2022", "2022", "year"),
    ("November last year", "2020-11", "month"),
    ("March 2023", "2023-03", "month"),
    ("Thursday (Dec 10)", "2020-12-10", "day"),
    ("Fri, 05/27/2016 - 05:55", "2016-05-27", "day"),
    ("3 March 2023", "2023-03-03", "day"),
    ("Thursday, Feb. 2, 2023", "2023-02-02", "day"),
    ("September 12, 2021", "2021-09-12", "day"),
    ("2021-09-13", "2021-09-13", "day"),
    ("Dec 30", "2020-12-30", "day"),
])
def test_resolve_against_reference(phrase, expected, precision):
    got = resolve_date_phrase(phrase, REF)
    assert got is not None
    assert iso(*got) == expected and got[1] == precision


def test_future_weekday_reads_forward():
    got = resolve_date_phrase("on Friday", REF, future=True)
    assert got == (dt.date(2021, 9, 17), "day")


def test_no_reference_needs_a_year():
    assert resolve_date_phrase("on Sunday", None) is None
    assert resolve_date_phrase("11 January", None) is None
    assert resolve_date_phrase("yesterday", None) is None
    assert resolve_date_phrase("3 March 2023", None) == (dt.date(2023, 3, 3), "day")
    # a weekday with its month-day picks the hinted year whose calendar agrees
    assert resolve_date_phrase("Thursday (Dec 10)", None, year_hints=[2019, 2020]) == (dt.date(2020, 12, 10), "day")


def test_unresolvable_phrases():
    for phrase in ("the 2016 arbitration", "six decades ago", "recent years", "may 5 people"):
        assert resolve_date_phrase(phrase, REF) is None


def test_find_date_phrases_positions():
    text = "On Sep 11, the ministers met; on Sunday he spoke, and in 2022 they will meet."
    found = find_date_phrases(text)
    assert [text[m.start:m.end] for m in found] == ["Sep 11", "on Sunday", "in 2022"]


def test_article_date_rules():
    assert find_article_date(["Fri, 05/27/2016 - 05:55"], ["Body."]) == dt.date(2016, 5, 27)
    assert find_article_date([], ["CAIRO, Aug 14, 2024 \u2014 Egypt and Somalia signed a protocol."]) == \
        dt.date(2024, 8, 14)
    assert find_article_date([], ["ABU DHABI, 22nd October, 2024 (WAM) -- The President received."]) == \
        dt.date(2024, 10, 22)
    assert find_article_date([], ["Headline", "12 June 2025 | By John Smith", "Body."]) == dt.date(2025, 6, 12)
    assert find_article_date([], ["Headline", "Posted On: 05 MAY 2025 4:15PM by PIB Delhi"]) == \
        dt.date(2025, 5, 5)


@pytest.mark.parametrize("paragraphs, captions", [
    # a dateline without its year, even when the body names years
    (["KUALA LUMPUR, May 27 (Bernama) -- Ministers met.", "Last year, in 2015, they met too. The 2016 meeting."], []),
    (["SINGAPORE - The ministers met on Thursday (Dec 10).", "The plan for 2020 was agreed."], []),
    # a full date in a sentence of the body: when something happened, not when it was published
    (["The ministers met in Canberra on Monday after a long series of talks that began when a first "
      "memorandum was signed on 3 March 2023 by the two defence chiefs."], []),
    # a photo caption's date
    (["Egypt and Somalia sign a protocol", "Talks went well."], ["The presidents in Beijing on May 29, 2024."]),
    (["The visit to London on 11 January went well."], []),
])
def test_an_undated_article_has_no_date(paragraphs, captions):
    assert find_article_date([], paragraphs, captions) is None


def test_dev_corpus_dates():
    from briefing.ingest import read_article

    corpus = Path("/work/shared/corpus/dev")
    if not corpus.is_dir():
        pytest.skip("dev corpus not available")
    for gold in sorted(corpus.glob("*.gold.json")):
        want = json.loads(gold.read_text(encoding="utf-8")).get("date")
        art = read_article(gold.with_name(gold.name.replace(".gold.json", ".txt")))
        assert art.date == want, gold.name
