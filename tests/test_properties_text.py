"""Properties of cleaning offsets and highlight ranges over generated text.

* any Unicode text either is refused with a one-line IngestError or cleans to paragraphs
  whose every copied character maps back to the same character of the original;
* the ranges an extraction and a drafted note point at (what the GUI highlights) lie
  inside the article text, for articles assembled from dev-corpus paragraphs.
"""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.ingest import IngestError, article_from_text

CORPUS = Path("/work/shared/corpus/dev")
SHAPES = st.sampled_from(["\n", "\n\n", "  ", "\t", "\r\n", ". ", "\u00a0", "\u2014 ", "(Photo: AP) ",
                          "pic.twitter.com/Ab1 ", "https://t.co/x1 ", "\U0001F1EF\U0001F1F5 ", "Read more\n",
                          "\u201cQuote\u201d ", "\u200b", "\ufeff", "\u202e", "e\u0301"])
ANY_TEXT = st.lists(st.one_of(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=15),
                              SHAPES), max_size=30).map("".join)


def assert_copied_characters_map_back(article) -> None:  # noqa: ANN001
    inserted = [(c0, c1) for c0, c1, _o0, _o1 in article.inserted]
    text = article.text
    for i, char in enumerate(text):
        if char.isspace() or any(c0 <= i < c1 for c0, c1 in inserted):
            continue
        s, e = article.to_original(i, i + 1)
        assert 0 <= s <= e <= len(article.original)
        assert article.original[s:e] == char, (i, char, article.original[s:e])
    s, e = article.to_original(0, len(text))
    assert 0 <= s <= e <= len(article.original)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_any_text_is_refused_in_one_line_or_maps_back(text):
    try:
        article = article_from_text(text)
    except IngestError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("text: ")
        return
    assert article.paragraphs and all(p.strip() for p in article.paragraphs)
    assert_copied_characters_map_back(article)


def corpus_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted(CORPUS.glob("*.txt")):
        paragraphs += [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return paragraphs


PARAGRAPHS = corpus_paragraphs()
NO_FLAGS = [p for p in PARAGRAPHS if not any(0x1F1E6 <= ord(c) <= 0x1F1FF for c in p)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(NO_FLAGS), min_size=1, max_size=8),
       st.lists(SHAPES.filter(lambda s: "\U0001F1EF" not in s), max_size=6))
def test_highlight_ranges_stay_inside_the_article(paragraphs, noise):
    # flag emoji (regional indicators) are left out here: see the test below
    assert_highlights_inside(paragraphs, noise)


def test_a_trailing_flag_gives_no_range_past_the_text():
    assert_highlights_inside([PARAGRAPHS[0], "Japanese Foreign Minister Yoshimasa Hayashi met his "
                              "Philippine counterpart Teodoro Locsin."], ["\n", "\U0001F1EF\U0001F1F5 "])


def assert_highlights_inside(paragraphs: list[str], noise: list[str]) -> None:
    from briefing.extract import extract
    from briefing.note.draft import draft_note
    from briefing.note.model import SECTIONS

    text = "\n\n".join(p + (noise[i] if i < len(noise) else "") for i, p in enumerate(paragraphs))
    try:
        article = article_from_text(text)
    except IngestError:
        return
    size = len(article.text)
    extraction = extract(article)
    spans = [s for c in extraction.countries for s in c.spans]
    spans += [s for p in extraction.participants for s in p.mentions]
    spans += [a.span for a in extraction.agreements] + [q.span for q in extraction.quotes]
    spans += [s for t in extraction.themes for s in t.spans] + [e.span for e in extraction.events]
    note = draft_note(article, extraction)
    spans += [s for section in SECTIONS for item in note.section(section) for s in item.source_spans]
    for start, end in spans:
        assert 0 <= start <= end <= size, (start, end, size)
        s, e = article.to_original(start, end)
        assert 0 <= s <= e <= len(article.original)
