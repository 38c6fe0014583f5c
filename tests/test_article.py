"""Article: cleaned text, plain forms and the clean -> original offset map."""
from __future__ import annotations

import re

import pytest

from briefing.article import Article, plain_forms
from briefing.ingest import article_from_text


def test_plain_forms_keep_length_and_straighten():
    text = "“Quote” – it’s a Self\u2011Defence\u00a0force"
    out = plain_forms(text)
    assert len(out) == len(text)
    assert out == "\"Quote\" - it's a Self-Defence force"


def test_norm_text_offsets_match_text():
    art = Article(original="x", paragraphs=["“A” — b", "c’d"])
    assert len(art.norm_text) == len(art.text)
    assert art.norm_text == "\"A\" - b\n\nc'd"


def test_paragraph_spans_and_paragraph_at():
    art = Article(original="", paragraphs=["one", "two three"])
    assert art.paragraph_spans() == [(0, 3), (5, 14)]
    assert art.paragraph_at(6) == 1 and art.paragraph_at(0) == 0


def test_to_original_without_map_is_identity():
    art = Article(original="abc def", paragraphs=["abc def"])
    assert art.to_original(4, 7) == (4, 7)


def _every_word_maps_back(art: Article) -> None:
    inserted = [(c0, c1) for c0, c1, _o0, _o1 in art.inserted]
    for m in re.finditer(r"\w+", art.text):
        if any(c0 <= m.start() < c1 for c0, c1 in inserted):
            continue
        s, e = art.to_original(m.start(), m.end())
        assert art.original[s:e] == m.group()


def test_offsets_across_removed_text():
    raw = "First para pic.twitter.com/abc123 ends here.\n\n\n\nRead more\n\nSecond para https://t.co/XyZ stays."
    art = article_from_text(raw)
    assert art.paragraphs == ["First para ends here.", "Second para stays."]
    i = art.text.index("ends here")
    s, e = art.to_original(i, i + len("ends here"))
    assert art.original[s:e] == "ends here"
    # a range spanning removed residue covers it in the original
    i = art.text.index("para ends")
    s, e = art.to_original(i, i + len("para ends"))
    assert art.original[s:e] == "para pic.twitter.com/abc123 ends"
    _every_word_maps_back(art)


def test_offsets_across_paragraph_gap_and_whole_text():
    raw = "  date 2022-01-05 Alpha beta.\n\nGamma delta.\n"
    art = article_from_text(raw)
    assert art.text == "Alpha beta.\n\nGamma delta."
    s, e = art.to_original(0, len(art.text))
    assert art.original[s:e] == "Alpha beta.\n\nGamma delta."
    # a start inside the gap moves forward, an end inside it moves back
    gap = art.text.index("\n\n")
    assert art.text[gap + 1:gap + 7] == "\nGamma"
    assert art.original[slice(*art.to_original(gap + 1, gap + 7))] == "Gamma"
    assert art.original[slice(*art.to_original(6, gap + 1))] == "beta."
    assert art.to_original(3, 3)[0] == art.to_original(3, 3)[1]


def test_offsets_inside_inserted_country_names():
    raw = "Ministers will develop 🇯🇵🇻🇳 defence cooperation further."
    art = article_from_text(raw)
    assert art.text == "Ministers will develop Japan-Vietnam defence cooperation further."
    i = art.text.index("Japan")
    assert art.original[slice(*art.to_original(i, i + 5))] == "🇯🇵"
    i = art.text.index("Vietnam")
    assert art.original[slice(*art.to_original(i, i + 7))] == "🇻🇳"
    i = art.text.index("develop")
    j = art.text.index("defence") + len("defence")
    assert art.original[slice(*art.to_original(i, j))] == "develop 🇯🇵🇻🇳 defence"
    i = art.text.index("Japan-Vietnam defence")
    assert art.original[slice(*art.to_original(i, i + len("Japan-Vietnam")))] == "🇯🇵🇻🇳"
    _every_word_maps_back(art)


def test_offsets_joined_wrapped_lines():
    raw = ("The defence ministers of both countries met in the capital on\n"
           "Sunday and agreed to expand their joint exercises next year, officials\n"
           "said in a statement.\n")
    art = article_from_text(raw)
    assert len(art.paragraphs) == 1
    i = art.text.index("on Sunday")
    assert art.original[slice(*art.to_original(i, i + 9))] == "on\nSunday"
    _every_word_maps_back(art)


def test_to_clean_inverts_to_original():
    raw = "Headline Of The Piece\n\nBody text pic.twitter.com/zzz goes on."
    art = article_from_text(raw)
    o = art.original.index("goes on")
    c = art.to_clean(o, o + 7)
    assert c is not None and art.text[c[0]:c[1]] == "goes on"
    o = art.original.index("pic.twitter")
    assert art.to_clean(o, o + 10) is None


@pytest.mark.parametrize("name", ["seed"])
def test_seed_every_word_maps_back(seed_article, name):
    _every_word_maps_back(seed_article)
    assert seed_article.offset_map


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover
    pass
else:
    PIECES = st.sampled_from([
        "Ministers ", "met ", "in Hanoi. ", "\u201cquoted\u201d ", "Self\u2011Defence ", "\n", "\n\n", "\n\n\n",
        "pic.twitter.com/AbC12 ", "https://t.co/xyZ9 ", "\U0001F1EF\U0001F1F5", "\U0001F1FB\U0001F1F3 ",
        "(Image: AP) ", "Read more\n\n", "Share:\n", "  ", "\u2014 Ministry (@Min_en) May 2, 2022\n\n",
        "On Sunday, ", "Actions\n", "Talks went well.\n",
    ])

    @settings(max_examples=150, deadline=None)
    @given(st.lists(PIECES, min_size=1, max_size=25))
    def test_every_clean_word_maps_to_the_same_original_word(pieces):
        text = "Opening words here. " + "".join(pieces)
        art = article_from_text(text)
        _every_word_maps_back(art)
        for s, e, _code in art.country_refs:
            assert 0x1F1E6 <= ord(art.original[s]) <= 0x1F1FF and e - s == 2
        # whole-text range maps inside the original, in order
        s, e = art.to_original(0, len(art.text))
        assert 0 <= s <= e <= len(art.original)


def test_a_wire_dateline_is_found_after_headline_and_byline() -> None:
    from briefing.ingest import article_from_text

    article = article_from_text("US and Mexico agree on security group\n\nBy A Reporter\n\nMEXICO CITY (AP) \u2014 "
                                "The United States and Mexico agreed on Wednesday to set up a group.")
    start, end = article.dateline_span()
    assert article.text[start:end].startswith("MEXICO CITY (AP)")
    assert article_from_text("US - Philippine talks resumed on Monday in Manila.").dateline_span() is None
