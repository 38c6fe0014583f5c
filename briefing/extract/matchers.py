"""spaCy matchers built from the pattern files of the knowledge layer.

:func:`matches` runs the ``Matcher`` and ``DependencyMatcher`` of one pattern file
(``resources/patterns/NAME.toml``) over a parse and says, for each token that triggers a
pattern, which labels it carries, in the file's ``order``. The matchers are built once
per pipeline vocabulary.
"""
from __future__ import annotations

from collections import defaultdict
from functools import cache
from typing import TYPE_CHECKING

from briefing.knowledge.loader import KnowledgeError, resource
from briefing.knowledge.patterns import PatternSet, pattern_set

if TYPE_CHECKING:
    from spacy.matcher import DependencyMatcher, Matcher
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

__all__ = ["matches"]


def matches(doc: Doc, name: str) -> dict[int, list[str]]:
    """``{token index: [labels in the file's order]}`` for the tokens that trigger a pattern."""
    patterns = pattern_set(name)
    token_matcher, dependency_matcher = _matchers(doc.vocab, name)
    found: dict[int, set[str]] = defaultdict(set)
    strings = doc.vocab.strings
    if patterns.token:
        for match_id, start, _end in token_matcher(doc):
            found[start].add(strings[match_id])
    if patterns.dependency:
        for match_id, token_ids in dependency_matcher(doc):
            found[token_ids[0]].add(strings[match_id])  # the first node is the trigger
    rank = {label: i for i, label in enumerate(patterns.order)}
    return {i: sorted(labels, key=rank.__getitem__) for i, labels in sorted(found.items())}


@cache
def _matchers(vocab: Vocab, name: str) -> tuple[Matcher, DependencyMatcher]:
    from spacy.matcher import DependencyMatcher, Matcher

    patterns: PatternSet = pattern_set(name)
    token_matcher, dependency_matcher = Matcher(vocab), DependencyMatcher(vocab)
    try:
        for label, pattern in patterns.token:
            token_matcher.add(label, [pattern])
        for label, pattern in patterns.dependency:
            dependency_matcher.add(label, [pattern])
    except ValueError as exc:  # spaCy's own check of a pattern
        message = " ".join(str(exc).split())[:300]
        raise KnowledgeError(f"{resource('patterns', name + '.toml')}: {label}: {message}") from None
    return token_matcher, dependency_matcher
