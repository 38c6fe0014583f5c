"""Drafting a note from an extraction, the summary (BLUF) and the phrase helpers."""
from __future__ import annotations

import copy
import datetime as dt

import pytest

from briefing.article import Article
from briefing.extraction import (
    Agreement,
    ArticleInfo,
    Country,
    Event,
    Extraction,
    Meeting,
    Participant,
    Quote,
    Theme,
)
from briefing.note.draft import draft_note, draft_summary, draft_theme_note, source_info
from briefing.note.model import SECTIONS, Note
from briefing.note.wording import (
    country_phrase,
    format_date,
    format_date_range,
    join_list,
    possessive,
    sentences,
    shorten,
)

PARAGRAPHS = [
    "Japan and Vietnam should work together to address regional security issues, Japanese "
    "Defence Minister Nobuo Kishi told reporters on Sunday. His remarks came during his maiden "
    "visit to Vietnam.",
    "On Saturday, Kishi met his Vietnamese counterpart Phan Van Giang. He also met President "
    "Nguyen Xuan Phuc. Later in the day, both the countries signed a pact allowing Japan to "
    "export defence equipment and technology to Vietnam.",
    "They agreed to enhance relations by signing memorandums on cybersecurity and military medicine.",
]


def span(article: Article, text: str) -> tuple[int, int]:
    start = article.text.index(text)
    return start, start + len(text)


@pytest.fixture
def article() -> Article:
    return Article(original="\n\n".join(PARAGRAPHS), paragraphs=list(PARAGRAPHS),
                   title="Japan, Vietnam sign defence pact", date="2021-09-13",
                   source="Republic World", path="/data/japan-vietnam.txt")


@pytest.fixture
def extraction(article) -> Extraction:
    a = article
    return Extraction(
        article=ArticleInfo(a.title, a.date, a.source, list(a.paragraphs)),
        countries=[Country("JP", "Japan"), Country("VN", "Vietnam")],
        participants=[
            Participant("Nobuo Kishi", "Defence Minister", "JP",
                        [span(a, "Nobuo Kishi"), span(a, "Kishi met")]),
            Participant("Phan Van Giang", "Defence Minister", "VN", [span(a, "Phan Van Giang")]),
            Participant("Nguyen Xuan Phuc", "President", "VN", [span(a, "Nguyen Xuan Phuc")]),
        ],
        agreements=[
            Agreement("a pact on the transfer of defence equipment and technology", "signed",
                      PARAGRAPHS[1].split(". ")[-1], span(a, "signed a pact"), ["JP", "VN"], "pact",
                      "2021-09-11"),
            Agreement("memorandum on cybersecurity", "signed", PARAGRAPHS[2],
                      span(a, "memorandums on cybersecurity"), ["JP", "VN"], "memorandum"),
            Agreement("memorandum on military medicine", "signed", PARAGRAPHS[2],
                      span(a, "military medicine"), ["JP", "VN"], "memorandum"),
            Agreement("enhance bilateral relations", "agreed", PARAGRAPHS[2],
                      span(a, "agreed to enhance relations"), ["JP", "VN"]),
        ],
        themes=[Theme("defence-equipment-and-technology", "Defence equipment, industry and technology",
                      [PARAGRAPHS[1].split(". ")[-1]], [span(a, "defence equipment")])],
        quotes=[Quote("Japan and Vietnam should work together", "Nobuo Kishi",
                      span(a, "Japan and Vietnam should work together"))],
        events=[Event("2021-09-11", "Kishi meets Phan Van Giang", span(a, "On Saturday")),
                Event("2021-09-12", "Kishi speaks to reporters", span(a, "told reporters")),
                Event("2019-05-02", "An earlier visit", (0, 5))],
        meeting=Meeting(host="VN"),
    )


# ---------------------------------------------------------------- the summary

def test_summary_says_who_met_whom_where_when_and_what_was_signed(article, extraction):
    summary = draft_summary(article, extraction)
    assert summary.startswith("On 11\u201312 September 2021 Japan's Defence Minister Nobuo Kishi "
                              "visited Vietnam and met Defence Minister Phan Van Giang and "
                              "President Nguyen Xuan Phuc. The two sides signed ")
    assert "a pact on the transfer of defence equipment and technology" in summary
    assert "memorandums on cybersecurity and military medicine" in summary
    assert "They also agreed to enhance bilateral relations." in summary
    assert summary.endswith(".") and len(sentences(summary)) == 3
    assert "2019" not in summary  # an old event is not the meeting
    assert len(summary.split()) <= 60 and all(len(s.split()) <= 30 for s in sentences(summary))


def test_summary_lists_signed_before_agreed_and_adds_affirmed(article, extraction):
    extraction.agreements.reverse()
    extraction.agreements.append(Agreement(
        "the importance of freedom of navigation", "affirmed", "the two reaffirmed the importance",
        (0, 3), ["JP", "VN"]))
    summary = draft_summary(article, extraction)
    assert summary.index("signed") < summary.index("agreed to")
    assert summary.endswith("They also reaffirmed the importance of freedom of navigation.")


def test_summary_without_participants_names_the_parties(article, extraction):
    extraction.participants = []
    summary = draft_summary(article, extraction)
    assert summary.startswith("On 11\u201312 September 2021 Japan and Vietnam signed ")


def test_summary_without_agreements_or_dates(article, extraction):
    extraction.agreements, extraction.events = [], []
    summary = draft_summary(article, extraction)
    assert summary == ("Japan's Defence Minister Nobuo Kishi visited Vietnam and met Defence "
                       "Minister Phan Van Giang and President Nguyen Xuan Phuc.")


def test_summary_without_a_visit_says_met(article, extraction):
    extraction.meeting.host = None  # no visit found
    extraction.agreements = []
    summary = draft_summary(article, extraction)
    assert "Japan's Defence Minister Nobuo Kishi met Vietnam's Defence Minister Phan Van Giang" in summary


def test_empty_extraction_falls_back_to_the_first_sentence(article, extraction):
    empty = Extraction(article=extraction.article)
    summary = draft_summary(article, empty)
    assert summary == ("Japan and Vietnam should work together to address regional security "
                       "issues, Japanese Defence Minister Nobuo Kishi told reporters on Sunday.")


def test_empty_article_and_extraction_give_an_empty_but_valid_note():
    article = Article(original="", paragraphs=[])
    note = draft_note(article, Extraction(article=ArticleInfo(None, None, None, [])))
    assert isinstance(note, Note)
    assert note.summary == "" and note.header.title == "Briefing note"
    assert all(note.section(name) == [] for name in SECTIONS)


def test_odd_records_do_not_crash(article):
    odd = Extraction(
        article=ArticleInfo(None, None, None, []),
        participants=[Participant("Somebody"), Participant("Other Person", None, "ZZ")],
        agreements=[Agreement("", "signed", "", (0, 0), [], None, "not a date"),
                    Agreement("To cooperate.", "agreed", "", (0, 0)),
                    Agreement("allow exports", "signed", "", (0, 0), [], "deal")],
        events=[Event("2021-13-45", "bad date", (0, 0))],
    )
    summary = draft_summary(article, odd)
    assert summary.startswith("Somebody met Other Person of ZZ. They signed a deal to allow exports")
    assert "agreed to cooperate" in summary


# ---------------------------------------------------------------- the note

def test_note_copies_every_item_with_its_source_offsets(article, extraction):
    note = draft_note(article, extraction, analyst="A. Analyst", organisation="DFAT",
                      classification="OFFICIAL", template="intsum")
    assert note.header.title == "Japan, Vietnam sign defence pact"
    assert (note.header.date, note.header.analyst, note.header.organisation,
            note.header.classification) == (dt.date.today().isoformat(), "A. Analyst", "DFAT", "OFFICIAL")
    assert note.source.date == "2021-09-13"  # the article's date; the header has the note's
    assert note.template == "intsum"
    assert [p.name for p in note.participants] == ["Nobuo Kishi", "Phan Van Giang", "Nguyen Xuan Phuc"]
    assert note.participants[0].source_spans == [span(article, "Nobuo Kishi"), span(article, "Kishi met")]
    assert note.agreements[0].status == "signed" and note.agreements[0].parties == ["JP", "VN"]
    assert note.agreements[3].instrument == "" and note.agreements[3].date == ""
    assert note.quotes[0].speaker == "Nobuo Kishi"
    assert [e.date for e in note.events] == ["2021-09-11", "2021-09-12", "2019-05-02"]
    items = [item for name in SECTIONS for item in note.section(name)]
    assert all(item.included for item in items)
    assert len({item.id for item in items}) == len(items)
    for item in items:
        for start, end in item.source_spans:
            assert 0 <= start <= end <= len(article.text)


def test_theme_notes_are_whole_sentences(article, extraction):
    note = draft_note(article, extraction)  # a theme with no note of its own: its evidence
    line = note.themes[0].note
    assert line == ("Later in the day, both the countries signed a pact allowing Japan to export defence "
                    "equipment and technology to Vietnam.")
    assert draft_theme_note([]) == ""
    extraction.themes[0].note = "The extractor's note."
    assert draft_note(article, extraction).themes[0].note == "The extractor's note."


def test_source_info(article):
    info = source_info(article, accessed="2021-09-14")
    assert (info.headline, info.outlet, info.date, info.url, info.accessed) == (
        "Japan, Vietnam sign defence pact", "Republic World", "2021-09-13", "", "2021-09-14")
    assert "/data" not in repr(info)  # a local path never reaches the note
    url = copy.copy(article)
    url.source, url.path = "https://www.example.org/news/1", None
    assert source_info(url).url == "https://www.example.org/news/1"
    assert source_info(url).outlet == "example.org"
    named = copy.copy(article)
    named.source, named.title = "japan-vietnam.txt", None
    assert (source_info(named).outlet, source_info(named).headline) == ("", "")


def test_draft_does_not_change_the_extraction(article, extraction):
    before = copy.deepcopy(extraction)
    note = draft_note(article, extraction)
    note.participants[0].source_spans.append((0, 1))
    assert extraction == before


# ---------------------------------------------------------------- the real pipeline

def test_draft_of_the_seed_has_the_right_structure(seed_article, seed_extraction):
    note = draft_note(seed_article, seed_extraction)
    assert note.header.date == dt.date.today().isoformat() and note.source.date == "2021-09-13"
    assert note.header.title
    assert isinstance(note.summary, str) and note.summary.strip()
    assert len(note.participants) == len(seed_extraction.participants)
    assert len(note.agreements) == len(seed_extraction.agreements)
    text_length = len(seed_article.text)
    for name in SECTIONS:
        for item in note.section(name):
            assert item.included and item.id
            assert all(0 <= s <= e <= text_length for s, e in item.source_spans)


# ---------------------------------------------------------------- wording

def test_dates():
    assert format_date("2021-09-11") == "11 September 2021"
    assert format_date("next week") == "next week"
    d = dt.date
    assert format_date_range(d(2021, 9, 11), d(2021, 9, 12)) == "11\u201312 September 2021"
    assert format_date_range(d(2021, 9, 30), d(2021, 10, 1)) == "30 September\u20131 October 2021"
    assert format_date_range(d(2021, 12, 31), d(2022, 1, 2)) == "31 December 2021\u20132 January 2022"
    assert format_date_range(d(2021, 9, 11), d(2021, 9, 11)) == "11 September 2021"


def test_country_phrases_and_lists():
    assert country_phrase("Philippines") == "the Philippines"
    assert country_phrase("United States") == "the United States"
    assert country_phrase("Laos") == "Laos"
    assert possessive("the Philippines") == "the Philippines'"
    assert possessive("Japan") == "Japan's"
    assert join_list(["a"]) == "a" and join_list(["a", "b", "c"]) == "a, b and c"


def test_shorten_cuts_at_a_clause_break_or_not_at_all():
    long = ("Japan and Vietnam should work together to address various regional security issues, "
            "including upsurge in Chinese incursions in the South China Sea")
    assert shorten(long, 16) == ("Japan and Vietnam should work together to address various "
                                 "regional security issues\u2026")
    assert shorten("one two three of the", 4) == "one two three of the"  # no break: never cut a phrase
    assert shorten("Short.", 10) == "Short"
    assert shorten("", 5) == ""


def test_a_role_that_names_the_country_is_not_repeated(article, extraction):
    extraction.participants[0].role = "Japanese Defence Minister"
    summary = draft_summary(article, extraction)
    assert "Japanese Defence Minister Nobuo Kishi visited Vietnam" in summary
    assert "Japan's Japanese" not in summary


def test_many_hosts_are_summed_up_as_other_officials(article, extraction):
    extraction.participants += [Participant("Pham Minh Chinh", "Prime Minister", "VN"),
                                Participant("Bui Thanh Son", "Foreign Minister", "VN")]
    summary = draft_summary(article, extraction)
    assert "met Defence Minister Phan Van Giang, President Nguyen Xuan Phuc, Prime Minister Pham Minh " \
           "Chinh and other officials." in summary
    extraction.agreements = []
    summary = draft_summary(article, extraction)
    assert "Prime Minister Pham Minh Chinh and other officials." in summary


def test_title_falls_back_to_the_countries_that_met(article, extraction):
    article.title, extraction.article.title = None, None
    assert draft_note(article, extraction).header.title == "Japan\u2013Vietnam talks"


def test_redraft_summary_uses_only_the_items_the_analyst_kept(article, extraction):
    from briefing.note.draft import redraft_summary
    from briefing.note.edits import set_included, update_item

    note = draft_note(article, extraction)
    assert redraft_summary(note, article, extraction) == note.summary
    for item in note.agreements[1:]:
        set_included(note, "agreements", item.id, False)
    update_item(note, "participants", note.participants[0].id, role="Minister of Defense")
    summary = redraft_summary(note, article, extraction)
    assert "Japan's Minister of Defense Nobuo Kishi visited Vietnam" in summary
    assert "signed a pact on the transfer of defence equipment and technology." in summary
    assert "memorandum" not in summary and "agreed" not in summary


def test_parties_alone_start_lower_case_after_the_date(article, extraction):
    extraction.participants = []
    for agreement in extraction.agreements:
        agreement.parties = []
    assert draft_summary(article, extraction).startswith("On 11\u201312 September 2021 the parties signed")


def test_capitalised_extractor_phrases_read_as_running_text():
    from briefing.note.commitments import commitment_phrases

    context = ("Both countries signed a pact allowing Japan to export equipment. They agreed to "
               "contribute to peace, and to enhance port calls. The two reaffirmed the importance "
               "of freedom of navigation. They confirmed they will collaborate.")
    agreements = [
        Agreement("Pact allowing Japan to export equipment", "signed", "", (0, 1), [], "pact"),
        Agreement("Japan-Vietnam memorandum on cybersecurity", "signed", "", (0, 1), [], "memorandum"),
        Agreement("Contribute to peace", "agreed", "", (0, 1)),
        Agreement("Enhance port calls", "agreed", "", (0, 1)),
        Agreement("Importance of freedom of navigation", "affirmed", "The two reaffirmed it", (0, 1)),
        Agreement("Japan and Vietnam will collaborate", "affirmed", "", (0, 1), form="clause"),
    ]
    phrases = commitment_phrases(agreements, context)
    assert phrases.signed == ["a pact allowing Japan to export equipment",
                              "a Japan-Vietnam memorandum on cybersecurity"]
    assert phrases.agreed == ["to contribute to peace", "to enhance port calls"]
    assert phrases.affirmed == ["the importance of freedom of navigation",
                                "that Japan and Vietnam will collaborate"]
    assert phrases.affirm_verb == "reaffirmed"


def test_what_does_not_fit_the_bottom_line_stays_in_the_sections(article, extraction):
    words = "one two three four five six seven eight nine ten eleven twelve"
    extraction.agreements = [Agreement(f"a pact on {words}", "signed", "", (0, 1), ["JP", "VN"]),
                             Agreement(f"a treaty on {words}", "signed", "", (0, 1), ["JP", "VN"]),
                             Agreement(f"strengthen {words}", "agreed", "", (0, 1), ["JP", "VN"]),
                             Agreement("the importance of peace", "affirmed", "", (0, 1), ["JP", "VN"])]
    summary = draft_summary(article, extraction)
    assert len(summary.split()) <= 60 and all(len(s.split()) <= 30 for s in sentences(summary))
    assert "signed a pact on one" in summary
    assert "affirmed" not in summary  # no room left: the agreements section has it


def test_a_sentence_ending_in_an_abbreviation_gets_no_second_full_stop(article, extraction):
    from briefing.note.wording import full_stop

    assert full_stop("They met Ferdinand Marcos Jr.") == "They met Ferdinand Marcos Jr."
    assert full_stop("They met") == "They met." and full_stop("Really?") == "Really?"
    extraction.agreements, extraction.events = [], []
    extraction.participants[2] = Participant("Ferdinand Marcos Jr.", "President", "VN",
                                             [span(article, "Nguyen Xuan Phuc")])
    summary = draft_summary(article, extraction)
    assert summary.endswith("President Ferdinand Marcos Jr.") and ".." not in summary
