"""Quotes: paired quote marks, nested names, open paragraphs, speakers."""
from __future__ import annotations

from briefing.extract import extract
from briefing.extract.quotes import quoted_spans
from briefing.ingest import article_from_text


def quotes(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in extract(article_from_text(text)).quotes]


def test_speaker_after_the_quote_and_inverted() -> None:
    got = quotes('Australian Defence Minister Richard Marles met Indonesian Defence Minister Prabowo '
                 'Subianto.\n\n"This agreement is significant for both countries," said Marles.\n\n'
                 '"We will train together," Prabowo told reporters.')
    assert got == [("Richard Marles", "This agreement is significant for both countries,"),
                   ("Prabowo Subianto", "We will train together,")]


def test_pronoun_speaker_is_the_last_person_named_outside_quotes() -> None:
    got = quotes('Malaysian Defence Minister Hishammuddin Hussein opened the meeting. "Indonesia\'s '
                 'Defence Minister Prabowo Subianto and I had a separate discussion," he said.')
    assert got and got[0][0] == "Hishammuddin Hussein"


def test_a_quote_left_open_continues_in_the_next_paragraph() -> None:
    got = quotes('British Prime Minister Rishi Sunak met Japanese Prime Minister Fumio Kishida.\n\n'
                 'Sunak said: \u201cWe have written the next chapter of our ties.\n\n'
                 '\u201cThis agreement is hugely significant for both our nations.\u201d')
    assert [s for s, _ in got] == ["Rishi Sunak", "Rishi Sunak"]


def test_nested_quoted_name_does_not_split_the_quote() -> None:
    got = quotes('Japanese Defence Minister Nobuo Kishi visited Hanoi. "The forces contribute to the '
                 '"Free and Open Indo-Pacific", and our cooperation must grow," Kishi added.')
    assert len(got) == 1 and "Free and Open Indo-Pacific" in got[0][1]


def test_titles_and_statements_of_organisations_are_not_quotes() -> None:
    got = quotes('German Foreign Minister Heiko Maas presented the \u201cPolicy Guidelines for the '
                 'Indo-Pacific\u201d.\n\n"The bilateral engagement will deepen," the Kenya Defence '
                 'Forces (KDF) said.')
    assert got == []


def test_quoted_spans_are_inside_the_text() -> None:
    text = 'He said "one two" and "three'
    spans = quoted_spans(text)
    assert [text[q.start:q.end] for q in spans] == ["one two", "three"]
    assert spans[-1].open_ended


def test_quote_after_an_attribution_in_the_same_paragraph_keeps_the_speaker() -> None:
    got = quotes('German Defence Minister Boris Pistorius met Ukrainian Defence Minister Rustem Umerov.\n\n'
                 '"We will keep our promises," said Pistorius, speaking in Kyiv. "That is why we will '
                 'not let up."')
    assert [s for s, _ in got] == ["Boris Pistorius", "Boris Pistorius"]


def test_according_to_names_the_speaker_who_need_not_take_part() -> None:
    text = ('Argentine Defence Minister Jorge Taiana met his Brazilian counterpart Jose Mucio.\n\n'
            '"This is a turning point for the region," according to Juan Battaleme, a defence analyst.')
    got = quotes(text)
    assert got == [("Juan Battaleme", "This is a turning point for the region,")]
    names = [p.name for p in extract(article_from_text(text)).participants]
    assert "Juan Battaleme" not in names


def test_paragraphs_after_a_colon_line_are_the_named_persons_words() -> None:
    got = quotes('Australian Defence Minister Richard Marles met Japanese Defence Minister Gen Nakatani.\n\n'
                 'Quotes attributable to Deputy Prime Minister Richard Marles:\n\n'
                 '"This is the biggest defence industry agreement between our countries.\n\n'
                 '"It will make both navies stronger."')
    assert [s for s, _ in got] == ["Richard Marles", "Richard Marles"]


def test_speaker_of_a_participle_without_subject() -> None:
    got = quotes("French Defence Minister Florence Parly met Indian Defence Minister Rajnath Singh. France "
                 "offered more jets with Parly saying their use is a reflection of \u201creal asset and "
                 "strength\u201d in their ties.")
    assert got == [("Florence Parly", "real asset and strength")]
