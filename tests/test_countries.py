"""The countries step on short texts written for the test."""
from __future__ import annotations

import pytest

from briefing.article import Article
from briefing.extract import analyse
from briefing.extract.countries import find_countries
from briefing.extraction import Participant


def _countries(text: str, date: str | None = "2024-05-01", participants=None) -> list[str]:
    an = analyse(Article(original=text, paragraphs=text.split("\n\n"), date=date))
    an.participants = participants or []
    return [c.code for c in find_countries(an)]


def test_subjects_and_officials_act() -> None:
    codes = _countries("Japan and Vietnam signed a defence pact on Sunday. Japanese Defence "
                       "Minister Nobuo Kishi met his Vietnamese counterpart in Hanoi.")
    assert codes == ["JP", "VN"]


def test_city_alone_gives_no_country() -> None:
    codes = _countries("Kenya and Ethiopia signed the agreement at a ceremony held in Tokyo, Japan.")
    assert "JP" not in codes and set(codes) == {"KE", "ET"}


def test_unnamed_activity_of_a_state_counts() -> None:
    codes = _countries("The two ministers discussed the upsurge in Chinese incursions in the "
                       "South China Sea. Malaysia and Australia agreed to hold joint patrols.")
    assert set(codes) == {"CN", "MY", "AU"}


def test_passing_and_background_mentions_do_not_count() -> None:
    text = ("Poland signed a deal to buy tanks from South Korea. It follows a contract signed "
            "in 2022 after Russia's invasion of Ukraine. Both are U.S. allies, and the deal "
            "is worth US$6 billion.")
    assert set(_countries(text)) == {"PL", "KR"}


def test_topic_of_talks_counts() -> None:
    codes = _countries("Australia and Germany held talks. The ministers also exchanged views "
                       "regarding matters related to Iran and North Korea.")
    assert set(codes) == {"AU", "DE", "IR", "KP"}


def test_acting_group_adds_its_members() -> None:
    codes = _countries("All 10 ASEAN defence ministers signed a joint declaration in Vientiane, Laos.")
    assert len(codes) == 10 and "LA" in codes and "BN" in codes


def test_group_as_a_place_adds_nobody() -> None:
    codes = _countries("Singapore and Australia reaffirmed their cooperation on the ASEAN "
                       "Defence Ministers' Meeting-Plus.")
    assert set(codes) == {"SG", "AU"}


def test_participant_country_is_listed_with_spans() -> None:
    text = "Mr Ng met reporters. Singapore wants peace."
    an = analyse(Article(original=text, paragraphs=[text]))
    an.participants = [Participant("Ng Eng Hen", "Minister for Defence", "SG", [(3, 5)])]
    found = find_countries(an)
    assert [(c.code, c.name) for c in found] == [("SG", "Singapore")]
    assert found[0].spans == [(text.index("Singapore"), text.index("Singapore") + 9)]


def test_flag_reference_alone_is_not_enough() -> None:
    text = "Japan signed the deal."
    an = analyse(Article(original=text, paragraphs=[text], country_refs=[(0, 5, "JP"), (6, 8, "VN")]))
    assert [c.code for c in find_countries(an)] == ["JP"]


@pytest.mark.parametrize("text", ["", "The weather was fine."])
def test_no_country(text: str) -> None:
    assert _countries(text) == []


def test_flag_spans_are_mapped_into_the_cleaned_text() -> None:
    from briefing.ingest import article_from_text

    article = article_from_text("Japan and Vietnam sign defence pact\n\n"
                                "Japanese Defence Minister Nobuo Kishi met Vietnamese Defence Minister "
                                "Phan Van Giang in Hanoi. \U0001F1EF\U0001F1F5\U0001F1FB\U0001F1F3\n\n"
                                "The \U0001F1EF\U0001F1F5\U0001F1FB\U0001F1F3 pact covers equipment.")
    assert article.country_refs and max(e for _, e, _ in article.country_refs) > len(article.text) - 30
    found = find_countries(analyse(article))
    assert [c.code for c in found] == ["JP", "VN"]
    for country in found:
        for start, end in country.spans:
            assert 0 <= start < end <= len(article.text)
            assert article.text[start:end] in ("Japan", "Japanese", "Vietnam", "Vietnamese", "Hanoi")
