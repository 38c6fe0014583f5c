"""Participants: names found from titles and parses, mentions merged, roles and countries."""
from __future__ import annotations

import pytest

from briefing.extract import extract
from briefing.ingest import article_from_text


def participants(text: str) -> dict[str, tuple[str | None, str | None, list[str]]]:
    article = article_from_text(text)
    ex = extract(article)
    return {p.name: (p.role, p.country, [article.text[s:e] for s, e in p.mentions]) for p in ex.participants}


def test_title_before_name_gives_role_and_country() -> None:
    got = participants("Japanese Defence Minister Nobuo Kishi met his Vietnamese counterpart "
                       "Phan Van Giang in Hanoi on Saturday.")
    assert got["Nobuo Kishi"][:2] == ("Defence Minister", "JP")
    name, (role, country, _) = "Phan Van Giang", got["Phan Van Giang"]
    assert country == "VN" and role == "Defence Minister", name  # a counterpart holds the same office


def test_mentions_merge_short_forms_titles_and_a_typo() -> None:
    got = participants("Japanese Defence Minister Nobuo Kishi visited Vietnam. DM Kishi spoke at the "
                       "ministry. Later Kish met reporters, and Kishi said the talks went well.")
    assert list(got) == ["Nobuo Kishi"]
    assert got["Nobuo Kishi"][2].count("Kishi") == 2 and "Kish" in got["Nobuo Kishi"][2]


def test_appositives_before_and_after_the_name() -> None:
    got = participants(
        "The pact was signed by the Chief of the Defence Forces, General Charles Kahariri, and the Chief "
        "of the Ethiopian National Defence Forces, Field Marshal Birhanu Jula. Kenya and Ethiopia have "
        "long worked together. Kahariri met General Giang, Minister of Defence of Vietnam, last year.")
    assert got["Charles Kahariri"][0] == "Chief of the Defence Forces"
    assert got["Birhanu Jula"][:2] == ("Chief of the Ethiopian National Defence Forces", "ET")
    assert got["Charles Kahariri"][1] == "KE"  # the side of the meeting that had nobody yet


def test_coordinated_titles_share_the_country() -> None:
    got = participants("Germany's Foreign Minister Heiko Maas and Minister of Defence Annegret "
                       "Kramp-Karrenbauer met Australia's Minister for Defence Peter Dutton in Berlin.")
    assert got["Annegret Kramp-Karrenbauer"][:2] == ("Minister of Defence", "DE")
    assert got["Peter Dutton"][1] == "AU"


def test_honorifics_are_not_part_of_the_name() -> None:
    got = participants("Senior Defence Minister Datuk Seri Hishammuddin Tun Hussein met Indonesian "
                       "Defence Minister Prabowo Subianto. Hishammuddin said the talks were useful.")
    assert "Hishammuddin Tun Hussein" in got
    assert got["Prabowo Subianto"][1] == "ID"


@pytest.mark.parametrize("text, absent", [
    ("It was the first deal since the launch of the Lee Jae Myung administration in June. "
     "South Korean Defense Minister Ahn Gyu-back signed it.", "Lee Jae Myung"),
    ("The ministers met at Wisma Perwira here. Malaysian Defence Minister Mohamed Khaled Nordin "
     "chaired the meeting.", "Wisma Perwira"),
    ("ASEAN Defence Ministers Sign Joint Declaration To Combat Terrorism\n\nMalaysian Defence "
     "Minister Hishammuddin Hussein said the declaration mattered.", "Sign Joint"),
    ("He repeated the commitment he raised with Sarawak Chief Minister Abang Johari Openg. "
     "Malaysian Defence Minister Mohamed Khaled Nordin spoke.", "Abang Johari Openg"),
])
def test_people_named_in_passing_are_not_participants(text: str, absent: str) -> None:
    got = participants(text)
    assert absent not in got
    assert got, "the real participant is still found"


def test_mention_offsets_point_at_the_name_in_the_cleaned_text() -> None:
    article = article_from_text("Indian Defence Minister Rajnath Singh received French Defence Minister "
                                "Florence Parly. Parly thanked Singh.")
    ex = extract(article)
    for p in ex.participants:
        for s, e in p.mentions:
            assert article.text[s:e] in p.name.split() + [p.name]


def test_plural_office_before_a_list_of_names_and_of_country_after_each() -> None:
    got = participants("The defence ministers, Jose Mucio Monteiro of Brazil and Jorge Taiana of Argentina, "
                       "agreed to meet every year.")
    assert got["Jorge Taiana"][:2] == ("defence minister", "AR")
    assert got["Jose Mucio Monteiro"][:2] == ("defence minister", "BR")


def test_country_inside_the_title_and_a_given_name_that_looks_like_a_rank() -> None:
    got = participants("Indian Defence Minister Rajnath Singh held talks with the Minister of Defense of "
                       "Japan Mr Gen Nakatani in New Delhi.")
    assert got["Gen Nakatani"][:2] == ("Minister of Defense", "JP")


def test_host_and_visitor_when_no_country_is_written_by_the_name() -> None:
    got = participants("President Ferdinand Marcos Jr. visited Hanoi on Tuesday. Marcos met Vietnamese "
                       "President Vo Van Thuong. Defence Secretary Gilberto Teodoro accompanied Marcos. "
                       "The Philippines and Vietnam signed two agreements.")
    assert got["Ferdinand Marcos Jr."][1] == "PH"
    assert got["Vo Van Thuong"][1] == "VN"


def test_surnames_in_capitals_and_officials_of_international_bodies() -> None:
    got = participants("Minister of Defense of Japan HAMADA Yasukazu met Mongolian Defence Minister Gursed "
                       "Saikhanbayar. NATO Secretary General Mark Rutte joined them by video.")
    assert got["Hamada Yasukazu"][:2] == ("Minister of Defense", "JP")
    assert got["Mark Rutte"][:2] == ("Secretary General", None)


def test_a_multi_word_state_is_not_a_person_and_its_possessive_gives_the_country() -> None:
    got = participants("Fiji's Minister for Home Affairs and Immigration Pio Tikoduadua and New Zealand's "
                       "Defence Minister Judith Collins signed the agreement in Suva.")
    assert "New Zealand" not in got
    assert got["Judith Collins"][1] == "NZ" and got["Pio Tikoduadua"][1] == "FJ"


def test_people_named_only_as_senders_of_greetings_are_not_participants() -> None:
    got = participants("Ghanaian Defence Minister Dominic Nitiwul met Nigerian Defence Minister Mohammed "
                       "Badaru in Abuja. Nitiwul conveyed the greetings of President Nana Akufo-Addo.")
    assert "Nana Akufo-Addo" not in got and "Dominic Nitiwul" in got


def test_background_subjects_and_places_are_not_participants() -> None:
    got = participants("Mexican President Claudia Sheinbaum met US Secretary of State Marco Rubio at the "
                       "National Palace. She rejected a possibility that President Donald Trump has raised. "
                       "The talks were held at Qasr Al Shati.")
    assert "Donald Trump" not in got and "Al Shati" not in got
    assert {"Claudia Sheinbaum", "Marco Rubio"} <= set(got)


def test_an_office_holder_quoted_with_according_to_still_takes_part() -> None:
    got = participants("The treaty was signed by the Minister of Defence of Kazakhstan, Lieutenant General "
                       "Ruslan Zhaksylykov, and Uzbek Defence Minister Bakhodir Kurbanov. The students start "
                       "next academic year. According to Ruslan Zhaksylykov, joint events have tripled.")
    assert "Ruslan Zhaksylykov" in got


def test_a_generational_suffix_keeps_its_capitals() -> None:
    found = participants("Visiting US Defense Secretary Lloyd Austin III met Philippine President "
                         "Ferdinand Marcos Jr. in Manila on Thursday. Austin said the allies would act.")
    assert "Lloyd Austin III" in found and "Lloyd Austin Iii" not in found


def roles(text: str) -> dict[str, tuple[str | None, str | None]]:
    ex = extract(article_from_text(text))
    return {p.name: (p.role, p.country) for p in ex.participants}


def test_an_office_after_the_name_with_the_or_a_relative_clause_is_the_role() -> None:
    got = roles("Amara Diallo, the Guinean Minister of Defence, held talks with Senegalese President Macky "
                "Sall in Dakar on Monday. Kofi Mensah, who is also Ghana's Minister of Interior, joined them.")
    assert got["Amara Diallo"] == ("Minister of Defence", "GN")
    assert got["Kofi Mensah"] == ("Minister of Interior", "GH")


def test_an_office_clause_between_a_title_and_the_name_adds_to_the_title() -> None:
    got = roles("Kenyan President William Ruto met Australian Deputy Prime Minister, who also serves as the "
                "Minister of Defence, Richard Marles, in Nairobi on Friday.")
    assert got["Richard Marles"] == ("Deputy Prime Minister and Minister of Defence", "AU")


def test_the_before_a_phrase_that_is_no_office_gives_no_role() -> None:
    from briefing.extract.names import find_name_candidates, words_of
    from briefing.extract.nlp import parse

    text = ("Awa Ndiaye, the first woman to lead the army, met Yaw Mensah, the Ghanaian defence minister, "
            "in Dakar.")
    found = {" ".join(c.tokens): c.appositive_role for c in find_name_candidates(words_of(parse(text)))}
    assert found["Awa Ndiaye"] is None and found["Yaw Mensah"] == "defence minister"
