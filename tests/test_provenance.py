"""Rule ids on extracted items: what produced each item, written by `extract --explain`,
switched off one at a time, and judged by the rule audit."""
from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from briefing import provenance
from briefing.extract import extract
from briefing.ingest import article_from_text
from briefing.knowledge.patterns import pattern_set

REPO = Path(__file__).resolve().parent.parent


def run(text: str):
    return extract(article_from_text(text))


@pytest.fixture
def switched_off():
    """Rules switched off inside one test only."""
    yield provenance.DISABLED
    provenance.DISABLED.clear()


def test_an_agreement_names_its_trigger_label_then_the_rules_that_cut_it_out() -> None:
    ex = run("date 2024-05-02 Kenya and Ethiopia agreed on Tuesday to hold joint border patrols and set up "
             "a hotline between their forces.")
    first, second = ex.agreements
    assert first.rules[0] == "agreed" and second.rules[0] == "agreed"
    assert provenance.SPLIT_ACTIONS in second.rules and provenance.SPLIT_ACTIONS not in first.rules
    assert provenance.DATE_IN_SENTENCE in first.rules and "dates.weekday" in first.rules


def test_plans_of_two_states_split_like_agreed_actions() -> None:
    ex = run("Under the accord, the two countries will build a joint radar station in the north and "
             "open a training school for border guards.")
    assert [a.status for a in ex.agreements] == ["agreed", "agreed"]
    assert ex.agreements[0].rules == ["joint_future"]
    assert ex.agreements[1].rules == ["joint_future", provenance.SPLIT_ACTIONS]


def test_a_repeated_preposition_starts_another_item_for_documents_and_actions() -> None:
    documents = run("The ministers exchanged memoranda of understanding on pilot training and on "
                    "satellite navigation.").agreements
    actions = run("Both ministers committed to expanding naval exercises and to opening a repair yard "
                  "for patrol boats.").agreements
    for found in (documents, actions):
        assert len(found) == 2
        assert provenance.SPLIT_REPEATED_PREPOSITION in found[1].rules
        assert provenance.SPLIT_REPEATED_PREPOSITION not in found[0].rules


def test_switching_a_rule_off_removes_what_it_produced(switched_off) -> None:
    text = "Ghana and Togo agreed to hold joint patrols and set up a hotline between their navies."
    assert len(run(text).agreements) == 2
    switched_off.add(provenance.SPLIT_ACTIONS)
    assert len(run(text).agreements) == 1
    switched_off.clear()
    switched_off.add("agreed")  # a pattern label
    assert run(text).agreements == []


def test_participants_countries_themes_quotes_and_the_date_name_their_rules() -> None:
    ex = run("date 2023-03-01 Defence Minister Lee Min-ho of South Korea met Australian Defence Minister Tom "
             "Clarke in Seoul. They discussed maritime security in the South China Sea. \"We stand "
             "together,\" Clarke said.")
    lee = next(p for p in ex.participants if p.name == "Lee Min-ho")
    assert lee.rules[:2] == [provenance.TITLED_NAME, provenance.ACTOR]
    assert provenance.ROLE_TITLE in lee.rules
    assert ex.article.rules == [provenance.ARTICLE_DATE_HEADER]
    assert all(c.rules for c in ex.countries)
    assert next(t for t in ex.themes if t.id == "maritime-security").rules[0] == provenance.THEME_TERMS
    assert ex.quotes[0].rules == [provenance.QUOTE_SPEECH_VERB]


def test_an_article_without_a_publication_date_says_so() -> None:
    ex = run("Kenya and Ethiopia signed a defence pact. The ministers met on Tuesday.")
    assert ex.article.date is None and ex.article.rules == [provenance.ARTICLE_DATE_NONE]
    assert ex.events == [] or all(e.rules for e in ex.events)


def test_a_quote_introduced_by_a_speaker_named_by_office_and_state() -> None:
    ex = run("date 2024-11-26 Turkish Defence Minister Ahmet Kaya held talks with his Pakistani counterpart "
             "Imran Shah in Karachi.\n\nSpeaking after the meeting, the Turkish minister said:\n\n"
             "\"Our navies will sail together for decades to come.\"\n\n"
             "Shah said the talks had been useful.")
    (quote,) = ex.quotes
    assert quote.speaker == "Ahmet Kaya" and quote.rules == [provenance.QUOTE_INTRODUCED]


def test_every_rule_id_recorded_is_known(seed_extraction) -> None:
    labels = set(pattern_set("commitments").order)
    items = [seed_extraction.article, *seed_extraction.countries, *seed_extraction.participants,
             *seed_extraction.agreements, *seed_extraction.themes, *seed_extraction.quotes, *seed_extraction.events]
    recorded = {rule for item in items for rule in item.rules}
    assert recorded
    for rule in recorded:
        assert rule in labels or rule in provenance.CATALOGUE or rule.startswith(provenance.DATE_KIND), rule


def test_every_rule_constant_is_catalogued_with_what_it_decides() -> None:
    source = (REPO / "briefing" / "provenance.py").read_text(encoding="utf-8")
    constants = re.findall(r'^([A-Z_]+) = "([a-z_]+\.[a-z_]+)"', source, re.M)
    assert len(constants) > 60
    for name, value in constants:
        if value in provenance.FILTERS:
            assert value not in provenance.CATALOGUE, name  # keeps items out: nothing to record
            continue
        assert provenance.CATALOGUE[value] in {"agreement", "status", "participant", "role", "person_country",
                                               "country", "theme", "quote", "speaker", "article_date", "date",
                                               "event"}, name
    assert provenance.judged_on("signed") == "agreement" and provenance.judged_on("dates.weekday") == "date"


def test_explain_writes_rules_and_the_plain_output_has_none(tmp_path, capsys) -> None:
    from briefing.cli import main

    article = tmp_path / "a.txt"
    article.write_text("date 2022-06-08 India and Vietnam signed a memorandum on logistics support.",
                       encoding="utf-8")
    assert main(["extract", str(article)]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert "rules" not in plain["article"] and "rules" not in plain["agreements"][0]
    assert main(["extract", "--explain", "--no-progress", "--out-dir", str(tmp_path / "out"), str(article)]) == 0
    explained = json.loads((tmp_path / "out" / "a.json").read_text(encoding="utf-8"))
    assert explained["article"]["rules"] == [provenance.ARTICLE_DATE_HEADER]
    assert explained["agreements"][0]["rules"][0] == "signed"
    assert all("rules" in p for p in explained["participants"] + explained["countries"])


def test_the_audit_judges_each_rule_on_what_it_decides() -> None:
    spec = importlib.util.spec_from_file_location("rule_audit", REPO / "eval" / "rule_audit.py")
    audit = importlib.util.module_from_spec(spec)
    sys.modules["rule_audit"] = audit  # its dataclasses look their module up
    spec.loader.exec_module(audit)
    scorer = audit.load_scorer()
    pred = {"article": {"date": "2024-01-02", "rules": [provenance.ARTICLE_DATE_HEADER]},
            "participants": [{"name": "Tom Clarke", "role": "Defence Minister", "country": "AU",
                              "rules": [provenance.ACTOR, provenance.ROLE_TITLE, provenance.COUNTRY_TITLE]},
                             {"name": "Jane Roe", "role": None, "country": "AU", "rules": [provenance.ACTOR]}],
            "agreements": [{"text": "hold joint patrols", "sentence": "They agreed to hold joint patrols.",
                            "status": "affirmed", "rules": ["agreed", provenance.AFFIRMED_ACTION]}],
            "events": [{"rules": [provenance.EVENT_DATED]}]}
    gold = {"date": "2024-01-02", "participants": [{"name": "Tom Clarke", "role": "Chief of Navy",
                                                    "country": "AU"}],
            "agreements": [{"status": "agreed", "evidence": ["They agreed to hold joint patrols."]}]}
    fired, outcome = audit.judge(scorer, pred, gold)
    verdicts = dict(fired[:3])
    assert verdicts == {provenance.ACTOR: True, provenance.ROLE_TITLE: False, provenance.COUNTRY_TITLE: True}
    assert (provenance.ACTOR, False) in fired  # Jane Roe is no participant
    assert ("agreed", True) in fired and (provenance.AFFIRMED_ACTION, False) in fired
    assert (provenance.EVENT_DATED, None) in fired and (provenance.ARTICLE_DATE_HEADER, True) in fired
    assert outcome.right["participants"] == 1 and outcome.wrong["participants"] == 1
    assert audit.source_of(Path("wire-a-b.txt"), {}) == "wire"
    assert audit.source_of(Path("x.txt"), {"source": "https://www.example.org/a"}) == "example.org"
