"""The dependency labels the extraction rules read, each set named once.

Labels are those of spaCy's English parser (ClearNLP style). A rule asks "is this token
a subject?" with ``tok.dep_ in SUBJECTS`` rather than spelling the labels again, so every
rule means the same thing by "subject", "modifier" or "clause".
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

# who does or undergoes: "Japan agreed", "the pact was signed"
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# the doer, also of a passive verb ("signed by Kishi") and of a clausal subject
ACTORS = SUBJECTS | {"agent", "csubj"}
# what is done to something: "signed a pact"
OBJECTS = frozenset({"dobj"})
# the object of a preposition, or a clause in its place ("by signing ...")
PREP_OBJECTS = frozenset({"pobj", "pcomp"})
# a word describing a noun: "Japanese minister", "Japan's minister", "defence minister"
MODIFIERS = frozenset({"compound", "nmod", "amod", "poss"})
# a noun compound only: "Australia-Indonesia" in "Australia-Indonesia agreement"
NOUN_MODIFIERS = frozenset({"compound", "nmod"})
# a list or a restatement: "Kishi and Giang", "Kishi, the minister"
LIST_LINKS = frozenset({"conj", "appos"})
# a clause hanging on a noun: "the pact signed in 2001", "a force which X asked for"
NOUN_CLAUSES = frozenset({"relcl", "acl"})
# a clause a verb takes: "agreed to expand", "said that ..."
COMPLEMENTS = frozenset({"xcomp", "ccomp"})
# a clause beside the main one: "as X faces pressure", "when Y visits"
SIDE_CLAUSES = frozenset({"advcl", "relcl"})
# what marks a side clause: "when", "as", "once"
CLAUSE_MARKS = frozenset({"mark", "advmod"})
# helping verbs: "will sign", "was signed", "to sign"
AUXILIARIES = frozenset({"aux", "auxpass"})
# coordination: "and X", "X and"
COORDINATION = frozenset({"conj", "cc"})
# what a noun is fixed by: "the pact", "their pact"
DETERMINERS = frozenset({"det", "poss"})


def subject_of(verb: Token) -> Token | None:
    """The verb's own subject (nsubj or nsubjpass), if it has one."""
    return next((c for c in verb.children if c.dep_ in SUBJECTS), None)


def has_subject(verb: Token) -> bool:
    return subject_of(verb) is not None
