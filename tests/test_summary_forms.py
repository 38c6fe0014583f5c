"""The drafted summary (BLUF) reads as finished: commitments shortened at a boundary of the
parse (briefing/extract/summary_forms.py), never with "…", never with a bracket or quotation
mark left open, every sentence ending with its full stop, within the limits - on sentences
written here and on the seed and the dev articles."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.article import Article
from briefing.extraction import Agreement, ArticleInfo, Extraction, Participant
from briefing.note.commitments import count_words
from briefing.note.draft import MAX_SENTENCE_WORDS, MAX_SUMMARY_WORDS, draft_summary, summary_problems
from briefing.note.fitting import Part, fit_sentences
from briefing.note.wording import sentences

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "corpus" / "dev"
SEED = REPO / "seeds" / "000_30b27e0cb4826dc3.txt"
ELLIPSES = ("\u2026", "...")


def finished(text: str) -> bool:
    """No ellipsis, brackets and quotation marks closed."""
    return (not any(e in text for e in ELLIPSES) and text.count("(") == text.count(")")
            and text.count("\u201c") == text.count("\u201d") and text.count('"') % 2 == 0)


def forms_of(sentence: str, phrase: str) -> list[str]:
    """The summary forms of ``phrase`` (a whole constituent of ``sentence``), as text."""
    from briefing.extract.nlp import parse
    from briefing.extract.summary_forms import summary_forms

    doc = parse(sentence)
    start = sentence.index(phrase)
    tokens = [t for t in doc if start <= t.idx < start + len(phrase)]
    return [doc[f.tokens[0].i:f.tokens[-1].i + 1].text for f in summary_forms(tokens)]


# ------------------------------------------------------------ the shortening itself

def test_a_relative_clause_is_left_out_whole():
    phrase = "the Harbour Access Agreement that will speed up port visits by both navies"
    forms = forms_of(f"The two ministers signed {phrase}.", phrase)
    assert forms[0] == phrase
    assert "the Harbour Access Agreement" in forms
    assert all(finished(f) for f in forms)
    assert "the Harbour Access Agreement that will speed" not in forms  # not by word count


def test_trailing_prepositional_phrases_go_one_at_a_time():
    phrase = "hold joint naval drills in the Andaman Sea in November"
    assert forms_of(f"They agreed to {phrase}.", phrase)[:3] == [
        phrase, "hold joint naval drills in the Andaman Sea", "hold joint naval drills"]


def test_a_participle_modifier_is_left_out_whole():
    phrase = "a treaty allowing the two coast guards to share radar data in real time"
    forms = forms_of(f"The ministers signed {phrase}.", phrase)
    assert "a treaty allowing the two coast guards to share radar data" in forms
    assert not any(f.endswith(("allowing", "to", "coast guards")) for f in forms)


def test_a_bound_preposition_stays_with_its_word():
    phrase = "the importance of freedom of navigation in the South China Sea"
    forms = forms_of(f"They reaffirmed {phrase}.", phrase)
    assert "the importance of freedom of navigation" in forms
    assert not any(f in ("the importance", "the importance of freedom") for f in forms)


def test_the_rest_of_a_coordination_goes_with_its_and():
    phrase = "fight piracy, smuggling and illegal fishing in the Strait of Malacca"
    forms = forms_of(f"They agreed to {phrase}.", phrase)
    assert "fight piracy, smuggling and illegal fishing" in forms
    assert not any(f.endswith("piracy, smuggling") for f in forms)  # "A, B" without its "and"


def test_a_party_named_in_a_coordination_is_never_dropped():
    phrase = "deepen cooperation between the navies of Chile and Peru in the Pacific"
    forms = forms_of(f"They agreed to {phrase}.", phrase)
    assert forms and not any(f.endswith("of Chile") for f in forms)


def test_a_noun_keeps_more_than_its_article_and_a_participle_more_than_itself():
    phrase = "a pathway for young officers to train at the naval academy"
    forms = forms_of(f"They agreed on {phrase}.", phrase)
    assert forms and "a pathway" not in forms
    phrase = "the clearance of landmines laid along the border"
    assert "the clearance of landmines laid" not in forms_of(f"They discussed {phrase}.", phrase)


def test_too_little_left_is_no_form():
    phrase = "concern that the naval base could host foreign warships in the coming years and beyond them"
    assert all(f != "concern" for f in forms_of(f"They voiced {phrase}.", phrase))


def test_brackets_stay_closed():
    phrase = "the Status of Forces Agreement (SOFA) that lets troops of both countries train together"
    forms = forms_of(f"The two sides signed {phrase}.", phrase)
    assert "the Status of Forces Agreement (SOFA)" in forms
    assert all(finished(f) for f in forms)


def test_an_attribution_is_never_part_of_a_form():
    sentence = ("The two sides agreed to take steps to prevent a repeat of the 2018 radar dispute that "
                "had chilled exchanges between the two navies, the defence ministry said.")
    phrase = sentence[sentence.index("take"):-1]
    forms = forms_of(sentence, phrase)
    assert forms and not any("ministry" in f for f in forms)


def test_extracted_agreements_carry_their_complete_forms():
    from briefing.extract import extract
    from briefing.ingest import article_from_text

    text = ("Defence Minister Ana Reyes of the Philippines met Swedish Defence Minister Tomas Berg "
            "in Manila on Tuesday.\n\nThe two ministers signed a memorandum of understanding on "
            "the exchange of information about the clearance of landmines laid along the border in "
            "the 1970s during the war between the two countries and the joint training of "
            "specialists.")
    extraction = extract(article_from_text(text))
    signed = [a for a in extraction.agreements if a.status == "signed"]
    assert signed and signed[0].forms
    assert all(finished(f) for f in signed[0].forms)
    assert all(count_words(f) <= MAX_SENTENCE_WORDS for f in signed[0].forms)
    assert [count_words(f) for f in signed[0].forms] == sorted((count_words(f) for f in signed[0].forms),
                                                              reverse=True)


# ------------------------------------------------------------ sentences fitted together

def test_sentences_fit_their_limits_and_end_with_a_full_stop():
    memorandum = ("a memorandum of understanding on the exchange of information about the clearance of "
                  "landmines laid along the border in the 1970s")
    patrols = ("to coordinate military patrols along their common border in the mountains during the "
               "winter months with support from the air force")
    forms = {memorandum: [memorandum, "a memorandum of understanding on the exchange of information"],
             patrols: [patrols, "to coordinate military patrols along their common border"]}
    parts = [Part("The two sides signed", [memorandum], forms),
             Part("They also agreed", [patrols, "to hold talks"], forms)]
    out = fit_sentences(parts, 40, MAX_SENTENCE_WORDS)
    assert out == [f"The two sides signed {memorandum}.",  # whole first: it fits
                   "They also agreed to coordinate military patrols along their common border and to hold talks."]
    assert sum(count_words(s) for s in out) <= 40


def test_an_item_with_no_complete_form_gives_its_place_to_the_next():
    parts = [Part("They also affirmed", ["concern that the base could host warships\u2026",
                                         "their commitment to a rules-based order at sea"])]
    assert fit_sentences(parts, 30, MAX_SENTENCE_WORDS) == [
        "They also affirmed their commitment to a rules-based order at sea."]


def test_a_summary_takes_the_longest_complete_form_that_fits():
    text = ("Defence Minister Ana Reyes met Defence Minister Tomas Berg in Manila. The two ministers "
            "signed a memorandum of understanding on the exchange of information about the clearance "
            "of landmines laid along the border in the 1970s during the war between both countries.")
    article = Article(original=text, paragraphs=[text], date="2024-05-02")
    start = text.index("The two")
    whole = text[text.index("memorandum"):-1]
    agreement = Agreement(
        text=whole[:120] + "\u2026", status="signed", sentence=text[start:], span=(start, len(text)),
        parties=["PH", "SE"], instrument="memorandum of understanding",
        forms=[whole, whole.removesuffix(" during the war between both countries"),
               "memorandum of understanding on the exchange of information"])
    extraction = Extraction(
        article=ArticleInfo(None, "2024-05-02", None, [text]),
        participants=[Participant("Ana Reyes", "Defence Minister", "PH", [(18, 27)] * 2),
                      Participant("Tomas Berg", "Defence Minister", "SE", [(text.index("Tomas"), 0)])],
        agreements=[agreement])
    summary = draft_summary(article, extraction)
    assert finished(summary) and summary_problems(summary) == []
    # the whole phrase has 31 words with its verb: the next form fits a sentence's 30
    assert summary.endswith(" The two sides signed a memorandum of understanding on the exchange of "
                            "information about the clearance of landmines laid along the border in the 1970s.")


def test_a_shortened_text_without_forms_is_left_out():
    text = "Defence Minister Ana Reyes met Defence Minister Tomas Berg in Manila."
    article = Article(original=text, paragraphs=[text])
    extraction = Extraction(
        article=ArticleInfo(None, None, None, [text]),
        participants=[Participant("Ana Reyes", "Defence Minister", "PH", [(18, 27)] * 2),
                      Participant("Tomas Berg", "Defence Minister", "SE", [(text.index("Tomas"), 0)])],
        agreements=[Agreement("Memorandum on the clearance of landmines laid\u2026", "signed", text, (0, 1),
                              ["PH", "SE"], "memorandum")])
    assert draft_summary(article, extraction) == (
        "The Philippines' Defence Minister Ana Reyes met Sweden's Defence Minister Tomas Berg.")


# ------------------------------------------------------------ drafted from real articles

ARTICLES = ([SEED] if SEED.is_file() else []) + (sorted(DEV.glob("*.txt")) if DEV.is_dir() else [])


@pytest.mark.skipif(not ARTICLES, reason="seed and dev corpus not available")
@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_drafted_summary_reads_as_finished(path: Path):
    from briefing.extract import extract
    from briefing.ingest import read_article

    article = read_article(path)
    summary = draft_summary(article, extract(article))
    assert summary and finished(summary), summary
    assert count_words(summary) <= MAX_SUMMARY_WORDS
    for sentence in sentences(summary):
        assert count_words(sentence) <= MAX_SENTENCE_WORDS, sentence
        assert re.search(r"[.!?][\"\u201d]?$", sentence), sentence
