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
# a clause under another, sharing its subject: "agreed and affirmed", "agreed to expand"
SUBORDINATE = frozenset({"conj", "xcomp", "advcl", "relcl", "acl"})
# a clause hanging on a word of speech: "the view that ...", "noted that ..."
CONTENT_CLAUSES = frozenset({"acl", "ccomp", "relcl"})
# a participle clause: "with Parly saying ...", "before signing ..."
PARTICIPLE_CLAUSES = frozenset({"acl", "pcomp", "advcl"})
# what follows a verb in its own clause: "signed a pact to prevent incidents"
PURPOSE_CLAUSES = frozenset({"advcl", "xcomp"})
# clauses with their own subject, when they have one: "as both countries agreed"
ADVERBIAL_CLAUSES = frozenset({"advcl", "ccomp"})
# a main clause or one reported: "X and Y will ...", "X said Y will ..."
MAIN_OR_REPORTED = frozenset({"ROOT", "ccomp"})
# what a verb takes as its own: "expand and deepen cooperation" has none of these
ARGUMENTS = frozenset({"dobj", "prep", "xcomp", "ccomp", "attr"})
# what a verb of commitment takes: "agreed to X", "affirmed that Y", "reaffirmed Z"
COMMITTED = frozenset({"xcomp", "ccomp", "dobj", "advcl"})
# what goes on after the first of several: "resolved to fast-track an MoU"
CONTINUATIONS = frozenset({"xcomp", "dobj", "prep"})
# an action beside another: "affirmed to enhance ...", "... and to expand"
ACTIONS = frozenset({"xcomp", "conj"})
# a noun as object of a verb or a preposition: "signed a pact", "with a pact"
NOUN_OBJECTS = frozenset({"dobj", "pobj"})
# what is noted: "noted with satisfaction the progress", "noted that ..."
NOTED = frozenset({"dobj", "ccomp"})
# the document a signing verb is about: "signed a pact", "the pact was signed"
SIGNED_DOCUMENTS = frozenset({"dobj", "nsubjpass"})
# a word before a noun describing it: "Japanese", "defence", "Japan's" (not a possessive)
ATTRIBUTES = frozenset({"compound", "nmod", "amod"})
# where a verb's time is said: "in April", "last year", "when they met in November", "ago"
TIME_MODIFIERS = frozenset({"prep", "npadvmod", "advmod", "advcl", "tmod", "xcomp", "dobj"})
# right-hand modifiers a phrase can lose whole when it is shortened: "a pact (on X)",
# "the memorandum (, which revises ...)", "cooperation in A (and B)"
DROPPABLE = frozenset({"prep", "relcl", "acl", "appos", "conj", "advcl", "npadvmod", "advmod",
                       "dative", "agent", "oprd", "punct", "cc", "dep", "parataxis", "nummod"})
# what marks a side clause: "when", "as", "once"
CLAUSE_MARKS = frozenset({"mark", "advmod"})
# helping verbs: "will sign", "was signed", "to sign"
AUXILIARIES = frozenset({"aux", "auxpass"})
# coordination: "and X", "X and"
COORDINATION = frozenset({"conj", "cc"})
# what a noun is fixed by: "the pact", "their pact"
DETERMINERS = frozenset({"det", "poss"})
# a coordinated word: "B" in "A and B"
CONJUNCTS = frozenset({"conj"})
# the word joining a list: "and", "or", "both ... and"
COORDINATORS = frozenset({"cc", "preconj"})


def subject_of(verb: Token) -> Token | None:
    """The verb's own subject (nsubj or nsubjpass), if it has one."""
    return next((c for c in verb.children if c.dep_ in SUBJECTS), None)


def has_subject(verb: Token) -> bool:
    return subject_of(verb) is not None
