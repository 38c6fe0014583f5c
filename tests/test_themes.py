"""The themes step and its editable taxonomy."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.article import Article
from briefing.extract import analyse
from briefing.extract.themes import TaxonomyError, find_themes, load_taxonomy

SPEC_IDS = [
    "maritime-security", "freedom-of-navigation", "rules-based-order",
    "defence-equipment-and-technology", "cybersecurity", "military-medicine-and-health",
    "peacekeeping", "hadr", "counter-terrorism", "transnational-crime", "exercises-and-training",
    "defence-dialogue", "regional-architecture", "nuclear-and-missile", "intelligence-sharing",
    "border-security", "space-and-emerging-tech", "economic-and-energy-security",
]


def _themes(text: str, taxonomy=None):
    an = analyse(Article(original=text, paragraphs=text.split("\n\n")))
    return find_themes(an, taxonomy)


def test_taxonomy_holds_the_18_ids_with_labels() -> None:
    tax = load_taxonomy()
    assert tax.ids == SPEC_IDS
    assert all(t.label and t.strong for t in tax.themes)
    assert next(t for t in tax.themes if t.id == "hadr").label == "Humanitarian assistance and disaster relief"


def test_themes_with_evidence_sentences() -> None:
    text = ("Japan and Vietnam held talks in Hanoi. They discussed Chinese incursions in the South "
            "China Sea. The ministers signed a memorandum on cybersecurity.")
    found = {t.id: t for t in _themes(text)}
    assert set(found) == {"defence-dialogue", "maritime-security", "cybersecurity"}
    cyber = found["cybersecurity"]
    assert cyber.evidence == ["The ministers signed a memorandum on cybersecurity."]
    start, end = cyber.spans[0]
    assert text[start:end] == cyber.evidence[0]


def test_job_title_alone_gives_no_theme() -> None:
    text = ("The Minister of Defence and the Minister of Border Affairs of Myanmar, together with "
            "the Defence Minister and the Ministry of National Defence, issued a statement.")
    assert _themes(text) == []


def test_defence_ministers_meeting_is_dialogue() -> None:
    ids = [t.id for t in _themes("Kishi took part in the Japan-Vietnam Defence Ministers' Meeting.")]
    assert ids == ["defence-dialogue"]


def test_weak_term_needs_backing() -> None:
    once = [t.id for t in _themes("The pledge included training for the crews.")]
    assert "exercises-and-training" not in once
    twice = [t.id for t in _themes("Training for crews and training for officers was agreed.")]
    assert "exercises-and-training" in twice


def test_artificial_intelligence_is_not_intelligence_sharing() -> None:
    ids = [t.id for t in _themes("They will collaborate on Artificial Intelligence (AI).")]
    assert ids == ["space-and-emerging-tech"]


def test_user_taxonomy_can_add_rename_and_drop(tmp_path: Path) -> None:
    path = tmp_path / "themes.toml"
    path.write_text('[[theme]]\nid = "climate"\nlabel = "Climate security"\n'
                    'terms = ["climate change", "sea level*"]\n', encoding="utf-8")
    tax = load_taxonomy(path)
    found = _themes("Rising sea levels threaten the islands. Cybersecurity was discussed.", tax)
    assert [(t.id, t.label) for t in found] == [("climate", "Climate security")]


@pytest.mark.parametrize("content, problem", [
    ("[[theme]]\nlabel = 'x'\n", "needs an 'id'"),
    ("[[theme]]\nid = 'a'\nlabel = 'A'\n[[theme]]\nid = 'a'\nlabel = 'B'\n", "twice"),
    ("[[theme]]\nid = 'a'\nlabel = 'A'\npatterns = ['(']\n", "bad pattern"),
    ("not toml = = 1", "not valid TOML"),
])
def test_bad_taxonomy_gives_a_clear_error(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TaxonomyError, match=re.escape(str(path)) + ".*" + re.escape(problem)):
        load_taxonomy(path)
