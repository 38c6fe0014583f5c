"""The model's attribute rules (tag -> part of speech and morphology), applied quickly.

spaCy's ``attribute_ruler`` maps each fine-grained tag to its coarse part of speech and
morphology, plus a few exceptions by word ("ai n't", "gon na"), by running a token
``Matcher`` with its 179 patterns over every text: an eighth of the parse time. The rules
are simple (one or two tokens; tests on TAG, LOWER, DEP, IS_SPACE), so this component
reads the same rules from the loaded model, looks the one-token ones up by tag and word
instead of matching them, and sets the attributes with spaCy's own setter in the same
order. A test checks it gives the same tokens as the original on every corpus article;
any rule of another shape keeps the original component (:func:`install`).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc, Token

__all__ = ["install", "FastAttributes"]

_FEATURES = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}

Spec = dict[str, Any]


def _test(spec: Spec, token: Token) -> bool:
    for key, want in spec.items():
        have = getattr(token, _FEATURES[key])
        if isinstance(want, dict):
            for op, values in want.items():
                if op == "IN" and have not in values or op == "NOT_IN" and have in values:
                    return False
                if op == "REGEX" and not re.search(values, have):
                    return False
        elif have != want:
            return False
    return True


def _first_words(spec: Spec) -> frozenset[str] | None:
    """The lower-case words a spec allows, when it names them (else None: any word)."""
    want = spec.get("LOWER")
    if isinstance(want, str):
        return frozenset({want})
    if isinstance(want, dict) and set(want) == {"IN"}:
        return frozenset(want["IN"])
    return None


def _supported(spec: Any) -> bool:
    return isinstance(spec, dict) and all(
        key in _FEATURES and (not isinstance(v, dict) or set(v) <= {"IN", "NOT_IN", "REGEX"})
        for key, v in spec.items())


class FastAttributes:
    """Applies the rules of an ``AttributeRuler`` without its matcher (same results)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        from spacy.tokens._retokenize import set_token_attrs

        self._set = set_token_attrs
        self.single: list[tuple[int, Spec]] = []
        self.multi: list[tuple[int, list[Spec]]] = []
        self.attrs = list(ruler.attrs)
        self.indices = list(ruler.indices)
        for rule in range(len(self.attrs)):
            for pattern in ruler.matcher.get(str(rule))[1]:
                if not all(_supported(spec) for spec in pattern):
                    raise ValueError(f"attribute rule {rule} has a shape this component does not read")
                if len(pattern) == 1:
                    self.single.append((rule, pattern[0]))
                else:
                    self.multi.append((rule, pattern))
        # the rules holding for one (tag, word, dependency, space) key, worked out once; the
        # one-token rules that name a tag are tried only on tokens with that tag
        self._memo: dict[tuple[int, int, int, int], tuple[int, ...]] = {}
        self._by_tag: dict[str, list[tuple[int, Spec]]] = {}
        self._any_tag: list[tuple[int, Spec]] = []
        for rule, spec in self.single:
            tags = spec.get("TAG")
            if isinstance(tags, str) or isinstance(tags, dict) and set(tags) == {"IN"}:
                for tag in [tags] if isinstance(tags, str) else tags["IN"]:
                    self._by_tag.setdefault(tag, []).append((rule, spec))
            else:
                self._any_tag.append((rule, spec))

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        hits: list[tuple[int, int, int]] = []  # (rule, start, target token)
        memo = self._memo
        keys = list(map(tuple, doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()))
        for i, key in enumerate(keys):
            rules = memo.get(key)
            if rules is None:
                token = doc[i]
                tried = sorted(self._by_tag.get(token.tag_, []) + self._any_tag, key=lambda r: r[0])
                rules = memo[key] = tuple(rule for rule, spec in tried if _test(spec, token))
            hits.extend((rule, i, i) for rule in rules)
        strings = doc.vocab.strings
        for rule, pattern in self.multi:
            size = len(pattern)
            first = _first_words(pattern[0])
            for start in range(len(doc) - size + 1):
                if first is not None and strings[keys[start][1]] not in first:
                    continue  # the rule's first word is not here
                if all(_test(spec, doc[start + k]) for k, spec in enumerate(pattern)):
                    index = self.indices[rule]
                    hits.append((rule, start, start + (index if index >= 0 else size + index)))
        hits.sort()  # the ruler's order: later rules override earlier ones
        for rule, _start, target in hits:
            self._set(doc[target], self.attrs[rule])
        return doc


def install(nlp: Language) -> bool:
    """Put :class:`FastAttributes` in place of the pipeline's ``attribute_ruler`` (True when
    done; False keeps the original when its rules have another shape)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    try:
        fast = FastAttributes(nlp.get_pipe("attribute_ruler"))
    except ValueError:
        return False
    from spacy.language import Language

    if not Language.has_factory("briefing_fast_attributes"):
        Language.factory("briefing_fast_attributes")(lambda nlp, name: _Holder.component)
    _Holder.component = fast
    nlp.replace_pipe("attribute_ruler", "briefing_fast_attributes")
    return True


class _Holder:
    component: FastAttributes | None = None
