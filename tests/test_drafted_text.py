"""Drafted text that reads right, on every dev article: whole phrases, short bottom lines,
parties instead of pronouns, no web addresses.

"Not a cut phrase" is checked on the parse of the sentence the text comes from: the text's
last word is no word that only opens a phrase ("the", "of"), its head does not come after it
(not "the role of Japanese defence.", whose "minister" was cut off), and - unless the text
says it was shortened with "…" - it has no dependent after it in that sentence (not
"reaffirmed the importance.", whose "of ..." was cut off).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.knowledge.text import plain_forms
from briefing.note.draft import MAX_SENTENCE_WORDS, MAX_SUMMARY_WORDS, summary_problems
from briefing.note.wording import sentences

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
ARTICLES = sorted(DEV.glob("*.txt")) if DEV.is_dir() else []
URL = re.compile(r"https?\b|www\.|\.(?:com|org|net|gov)/|t\.co/", re.IGNORECASE)
OPENING_DEPS = {"det", "prep", "cc", "aux", "auxpass", "mark", "poss", "case", "predet", "nummod"}


@pytest.fixture(scope="module")
def drafted() -> dict[str, tuple]:
    from briefing.extract import extract
    from briefing.ingest import read_article
    from briefing.note.draft import draft_note

    out = {}
    for path in ARTICLES:
        article = read_article(path)
        extraction = extract(article)
        out[path.stem] = (article, extraction, draft_note(article, extraction))
    return out


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’-]+", plain_forms(text).lower())


def cut_phrase(text: str, source: str) -> str | None:
    """Why ``text`` (taken from ``source``) ends inside a phrase, or None when it does not."""
    from briefing.extract.nlp import parse

    shortened = text.rstrip().endswith("\u2026")
    body = plain_forms(text).rstrip(" .\u2026")
    tail = _words(body)[-4:]
    if not tail:
        return None
    doc = parse(plain_forms(source))
    tokens = [t for t in doc if not t.is_punct and not t.is_space]
    lowered = [t.lower_ for t in tokens]
    for end in range(len(tokens) - len(tail), -1, -1):
        if lowered[end:end + len(tail)] == tail:
            last = tokens[end + len(tail) - 1]
            break
    else:
        return None  # reworded beyond finding (e.g. an instrument named before it)
    if last.dep_ in OPENING_DEPS and last.head.i > last.i:
        return f"ends on {last.text!r}, which opens a phrase"
    after = [t for t in last.subtree if t.i > last.i and not t.is_punct]
    if after and not shortened:
        return f"{last.text!r} loses {' '.join(t.text for t in after[:4])!r}"
    if last.head.i > last.i and last.dep_ in {"compound", "amod", "nmod", "poss"}:
        return f"{last.text!r} loses its head {last.head.text!r}"
    return None


@pytest.mark.skipif(not ARTICLES, reason="dev corpus not available")
@pytest.mark.parametrize("name", [p.stem for p in ARTICLES])
def test_bottom_line_is_short_and_clean(drafted, name: str):
    _, _, note = drafted[name]
    summary = note.summary
    assert len([w for w in summary.split() if any(c.isalnum() for c in w)]) <= MAX_SUMMARY_WORDS
    for sentence in sentences(summary):
        assert len([w for w in sentence.split() if any(c.isalnum() for c in w)]) <= MAX_SENTENCE_WORDS, sentence
    assert not URL.search(summary)
    assert summary_problems(summary) == []


@pytest.mark.skipif(not ARTICLES, reason="dev corpus not available")
@pytest.mark.parametrize("name", [p.stem for p in ARTICLES])
def test_theme_notes_and_agreement_texts_are_whole_phrases(drafted, name: str):
    _, extraction, note = drafted[name]
    problems = []
    for theme, item in zip(extraction.themes, note.themes, strict=True):
        source = next((e for e in theme.evidence if _words(item.note.rstrip(".\u2026"))[-3:] and
                       " ".join(_words(item.note)[-3:]) in " ".join(_words(e))), theme.evidence[0])
        why = cut_phrase(item.note, source)
        if why:
            problems.append(f"theme {theme.id}: {item.note!r}: {why}")
        assert not URL.search(item.note)
    for agreement in extraction.agreements:
        for text in (agreement.text, agreement.short):
            why = cut_phrase(text, agreement.sentence)
            if why:
                problems.append(f"agreement {text!r}: {why}")
            assert not URL.search(text)
            if len(agreement.parties) >= 2:
                assert not re.match(r"(?i)(they|we)\b", text), text  # the parties, not a pronoun
    assert problems == []


def test_the_check_warns_about_a_long_summary():
    long = " ".join(["The ministers agreed to hold more exercises together next year."] * 8)
    problems = summary_problems(long)
    assert any("words; a bottom line" in p for p in problems)


def test_cut_phrases_are_caught():
    source = "On Saturday, the two reaffirmed the importance of freedom of navigation."
    assert cut_phrase("The two reaffirmed the importance.", source)
    assert cut_phrase("after assuming the role of Japanese defence.",
                      "after assuming the role of Japanese defence minister.")
    assert cut_phrase("The two reaffirmed the importance of freedom of navigation.", source) is None
    assert cut_phrase("The two reaffirmed the importance\u2026", source) is None  # shortened, and says so
