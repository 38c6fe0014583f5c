"""Phrases for readers, cut from the parse: whole constituents, never a cut phrase.

A commitment's text, its short form for the summary, and a theme's note are made of
complete subtrees of the sentence's parse. A phrase longer than its limit loses its
right-most modifiers whole (a prepositional phrase, a relative clause, an apposition,
a coordinated item), one at a time, and ends with "…"; it never stops inside one
("... reaffirmed the importance." or "... the role of Japanese defence." cannot happen).
A subject pronoun opening a phrase ("They will collaborate ...") is replaced by the
parties it stands for.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.extract.syntax import DROPPABLE, SUBJECTS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["edge_trimmed", "shortened", "render", "phrase_text", "phrase_form", "sentence_note", "ELLIPSIS"]

ELLIPSIS = "\u2026"
LEADING_NOISE = {"to", "a", "an", "the", "that", "on", "and"}
TRAILING_NOISE = {"and", "or", "that", "of", "the", "to", "as", "with"}


def edge_trimmed(tokens: list[Token]) -> list[Token]:
    """``tokens`` in order, without punctuation and function words dangling at either edge."""
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].is_punct or tokens[0].lower_ in LEADING_NOISE or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in {")", '"'}
                      or tokens[-1].lower_ in TRAILING_NOISE or tokens[-1].is_space):
        tokens = tokens[:-1]
    return _balanced(tokens, extend=True)


def _words(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if not t.is_punct and not t.is_space)


def shortened(tokens: list[Token], max_words: int) -> tuple[list[Token], bool]:
    """``tokens`` (complete subtrees, in order) at most ``max_words`` words long, by dropping
    the right-most droppable modifier's whole subtree until they fit; and whether any was
    dropped. When nothing more can be dropped, the phrase stays longer than the limit."""
    keep = list(tokens)
    cut = False
    while _words(keep) > max_words:
        ids = {t.i for t in keep}
        last = keep[-1].i
        candidates = [t for t in keep if t.dep_ in DROPPABLE and t.head.i in ids and t.i > t.head.i
                      and max(x.i for x in t.subtree if x.i in ids) == last]
        if not candidates:
            break
        drop = max(candidates, key=lambda t: (min(x.i for x in t.subtree if x.i in ids), -t.i))
        gone = {x.i for x in drop.subtree}  # the last, narrowest modifier first
        keep = [t for t in keep if t.i not in gone]
        while keep and (keep[-1].is_punct and keep[-1].text not in {")", '"'} or keep[-1].dep_ == "cc"
                        or keep[-1].lower_ in TRAILING_NOISE):
            keep = keep[:-1]  # the comma or "and" that joined what was dropped
        keep = _balanced(keep)
        cut = True
    return keep, cut


def _balanced(tokens: list[Token], extend: bool = False) -> list[Token]:
    """Without a bracket left open at the end: "Memorandum (MoU" -> "Memorandum (MoU)" when the
    article closes it next, else "Memorandum"; a quotation likewise."""
    if tokens and extend:
        doc, after = tokens[0].doc, tokens[-1].i + 1
        texts = [t.text for t in tokens]
        if texts.count("(") > texts.count(")") and after < len(doc) and doc[after].text == ")":
            tokens = [*tokens, doc[after]]
    for opening, closing in (("(", ")"), ('"', '"')):
        texts = [t.text for t in tokens]
        if opening == closing:
            if texts.count(opening) % 2:
                last = len(texts) - 1 - texts[::-1].index(opening)
                tokens = tokens[:last]
        elif texts.count(opening) > texts.count(closing):
            last = len(texts) - 1 - texts[::-1].index(opening)
            tokens = tokens[:last]
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in {")", '"'} or tokens[-1].lower_ in TRAILING_NOISE):
        tokens = tokens[:-1]
    return tokens


def phrase_form(tokens: list[Token]) -> str:
    """What the phrase is, from its head: "noun" (a pact on ...), "verb" (enhance port calls)
    or "clause" (Japan and Vietnam will collaborate ...)."""
    ids = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    if not heads:
        return "noun"
    head = heads[0]
    if head.pos_ in {"VERB", "AUX"}:
        return "clause" if any(c.dep_ in SUBJECTS and c.i in ids for c in head.children) else "verb"
    return "noun"


def render(tokens: list[Token], *, exact: bool = False, cut: bool = False, capital: bool = True) -> str:
    """The words as the parse has them (``exact``: only these tokens, else the whole stretch
    from the first to the last), with "…" when the phrase was shortened."""
    if not tokens:
        return ""
    if exact:
        text = "".join(t.text_with_ws for t in tokens).strip()
    else:
        text = tokens[0].doc[tokens[0].i:tokens[-1].i + 1].text
    text = text.rstrip(" ,;:")
    if cut:
        text = text.rstrip(".") + ELLIPSIS
    return text[:1].upper() + text[1:] if capital else text


def phrase_text(tokens: list[Token], max_words: int, *, exact: bool = False) -> str:
    """A commitment's words: edges trimmed, shortened to ``max_words`` as whole constituents."""
    kept, cut = shortened(edge_trimmed(tokens), max_words)
    return render(kept, exact=exact, cut=cut)


def sentence_note(sent: Span, max_words: int) -> str:
    """A sentence as a note: whole when short enough, else without its right-most modifiers."""
    tokens = [t for t in sent.doc[sent.start:sentence_end(sent)] if not t.is_space]
    kept, cut = shortened(tokens, max_words)
    text = render(kept, exact=False, cut=cut)
    return text if cut or text.endswith((".", "!", "?", '"', "\u201d")) else text + "."


def subject_pronoun(tokens: list[Token]) -> Token | None:
    """The pronoun standing for the parties as the phrase's subject, within its first words
    ("They will ...", "Furthermore, they agreed ...")."""
    words = [t for t in tokens if not t.is_punct and not t.is_space][:4]
    return next((t for t in words if t.lower_ in {"they", "we"} and t.dep_ in SUBJECTS), None)


def sentence_end(sent: Span) -> int:
    """The sentence's last token index, with a closing quote the parser left to the next one."""
    end = sent.end
    doc = sent.doc
    while end < len(doc) and doc[end].text in {'"', "\u201d", "'", "\u2019"} and doc[end - 1].is_punct:
        end += 1
    return end
