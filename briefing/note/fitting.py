"""The summary's commitment sentences fitted to its limits.

After the meeting sentence the summary says what was signed, agreed and affirmed, one
sentence each ("They also agreed to X and to Y."), in that order, while words remain.
:func:`fit_sentences` picks which commitments each sentence names and in which form -
whole, or one of its complete shorter forms (cut at a boundary of the parse by the
extractor: :mod:`briefing.extract.summary_forms`); never with "…". A commitment with no
complete form short enough gives its place to the next one. A sentence prefers its
commitments whole (as many as fit, then the longest); when it must shorten, it shortens
least and leaves :data:`RESERVED_WORDS` words to each sentence after it, when it can.
"""
from __future__ import annotations

import itertools
from typing import NamedTuple

from briefing.knowledge.text import has_ellipsis
from briefing.note.commitments import count_words
from briefing.note.wording import full_stop, join_list

__all__ = ["Part", "fit_sentences", "MAX_ITEMS"]

MAX_ITEMS = 3  # commitments of one status named in one sentence
MAX_FORMS = 6  # shortened forms of one commitment tried in a sentence
MAX_OPTIONS = 24  # sentences of one status weighed against the others
RESERVED_WORDS = 8  # a shortened sentence leaves this many words to each one after it


class Part(NamedTuple):
    """One sentence to write: its opening ("They also agreed"), the phrases, best first, and
    their complete shorter forms, longest first (a phrase not listed has only itself)."""

    opening: str
    items: list[str]
    forms: dict[str, list[str]] = {}


class Option(NamedTuple):
    text: str
    words: int
    cuts: int  # items shortened
    count: int  # items named


def fit_sentences(parts: list[Part], budget: int, sentence_limit: int) -> list[str]:
    """Sentences for the first parts (as many as fit, in order), within ``budget`` words in
    all and ``sentence_limit`` each."""
    out: list[str] = []
    for index, part in enumerate(parts):
        left = budget - sum(count_words(s) for s in out)
        plain = full_stop(f"{part.opening} {join_list(part.items[:MAX_ITEMS])}")
        if count_words(plain) <= min(left, sentence_limit) and not has_ellipsis(plain):
            out.append(plain)  # the common case: everything whole, no parse needed
            continue
        options = _options(part, min(left, sentence_limit))
        if not options:
            break  # what does not fit stays in the sections below the summary
        sparing = left - RESERVED_WORDS * (len(parts) - index - 1)
        whole = [o for o in options if not o.cuts]
        spared = [o for o in options if o.words <= sparing]
        pick = min(whole or spared or options, key=lambda o: (o.cuts, -o.count, -o.words))
        out.append(pick.text)
    return out


def _options(part: Part, limit: int) -> list[Option]:
    """The sentences one part can be, at most ``limit`` words: the best for each length."""
    room = limit - count_words(part.opening)
    usable = []
    for item in part.items:
        forms = [f for f in part.forms.get(item, [item])
                 if count_words(f) <= room and not has_ellipsis(f)][:MAX_FORMS]
        if forms:
            usable.append([(form, form != item) for form in forms])
        if len(usable) == MAX_ITEMS:
            break
    by_length: dict[int, Option] = {}
    for count in range(len(usable), 0, -1):
        for chosen in itertools.product(*usable[:count]):
            text = full_stop(f"{part.opening} {join_list([form for form, _ in chosen])}")
            option = Option(text, count_words(text), sum(1 for _, cut in chosen if cut), count)
            if option.words > limit:
                continue
            known = by_length.get(option.words)
            if known is None or (option.cuts, -option.count) < (known.cuts, -known.count):
                by_length[option.words] = option
    ranked = sorted(by_length.values(), key=lambda o: (o.cuts, -o.count, -o.words))
    return ranked[:MAX_OPTIONS]
