"""Rule ids: which extraction rule produced or changed an item, and switching rules off.

Every rule of the extractor that produces an item or changes one of its fields has an id:
the label of its pattern for the spaCy patterns of ``resources/patterns/`` (``signed``,
``joint_future``), one of the constants below for a rule written in code. An item lists
the ids behind it in its ``rules`` field (:mod:`briefing.extraction`); ``briefing extract
--explain`` writes them out, and ``eval/rule_audit.py`` counts per id on how many articles,
from how many sources, a rule fired and how often its item was right. A rule is kept only
when it fires rightly on two articles from different sources.

:data:`CATALOGUE` says what each code rule decides, which is what the audit checks against
the gold: ``agreement`` (the item is a gold commitment), ``status``, ``participant``,
``role``, ``person_country``, ``country``, ``theme``, ``quote``, ``speaker``,
``article_date``; ``date`` and ``event`` (an agreement's or a chronology entry's date) have
no gold in the annotated sets and are counted, not judged.

:data:`DISABLED` holds the ids switched off: such a rule does not fire, so what the
extraction is worth without it can be measured (``eval/rule_audit.py --without ID``).
Rules that only keep an item out (a hypothetical mention, a spokesman) produce nothing
to record and are not catalogued; the few with an id (:data:`FILTERS`) can be switched off.
"""
from __future__ import annotations

__all__ = ["CATALOGUE", "FILTERS", "DISABLED", "enabled", "add_rule", "judged_on"]

DISABLED: set[str] = set()


def enabled(rule: str) -> bool:
    """Whether ``rule`` may fire (it is not switched off)."""
    return rule not in DISABLED


def add_rule(rules: list[str], *ids: str) -> None:
    """Record ``ids`` in an item's ``rules``, each once, in the order they fired."""
    for rule in ids:
        if rule and rule not in rules:
            rules.append(rule)


# --- agreements (the trigger itself is its pattern's label, see commitments.toml) -------
SPLIT_ACTIONS = "agreements.split_actions"  # "agreed to hold X and set up Y", "will set up X and turn Y"
SPLIT_REPEATED_PREPOSITION = "agreements.split_repeated_preposition"  # "memoranda on X and on Y",
# "committed to upgrading X and to expanding Y": a preposition said again starts another item
SPLIT_CLAUSES = "agreements.split_clauses"  # "reaffirmed the importance of A and that B"
SPLIT_INFINITIVES = "agreements.split_infinitives"  # "decided to A, to B, to C and to D"
BESIDES = "agreements.besides"  # "besides working together to ...": an action beside the main one
AFFIRMED_ACTION = "agreements.affirmed_action"  # "affirmed to enhance port calls" is agreed
AGREED_POSITION = "agreements.agreed_position"  # "agreed on the importance of" is affirmed
AGREED_BY_SIGNING = "agreements.agreed_by_signing"  # "agreed to ... by signing memorandums" is signed
NEGATIVE_POSITION = "agreements.negative_position"  # "opposed X" -> "Opposition to X"
MERGED_MENTIONS = "agreements.merged_mentions"  # the same commitment reported twice is one
CLASSIFIER_ADDED = "agreements.classifier_added"  # a sentence the model scores where no rule fired
DATE_IN_SENTENCE = "agreements.date_in_sentence"  # its sentence's date
DATE_FROM_CHRONOLOGY = "agreements.date_from_chronology"  # "Later in the day ... signed": the event's

# --- participants -----------------------------------------------------------------------
TITLED_NAME = "participants.titled_name"  # a name with an office, rank or honorific
PERSON_ENTITY = "participants.person_entity"  # an untitled name spaCy calls PERSON
ACTOR = "participants.actor"  # the subject of a verb in a main clause
MET_OBJECT = "participants.met_object"  # "received X", "met X"
MET_WITH = "participants.met_with"  # "talks with X", "met with X"
OFFICE_HOLDER = "participants.office_holder"  # named with an office, outside background and plans
ROLE_TITLE = "roles.title_before"  # "Defence Minister X"
ROLE_APPOSITIVE = "roles.appositive_after"  # "X, Minister of Defence of Vietnam,"
ROLE_APPOSITIVE_BEFORE = "roles.appositive_before"  # "the Chief of the Defence Forces, General X"
ROLE_PLURAL_OFFICE = "roles.plural_office"  # "The defence ministers, A of Brazil and B of Argentina"
ROLE_COUNTERPART = "roles.counterpart"  # "his Vietnamese counterpart X": the first person's office
ROLE_RANK = "roles.rank"  # "General X" with no office
COUNTRY_TITLE = "person_countries.title"  # "Japanese Defence Minister X", "Minister of Defense of Japan"
COUNTRY_APPOSITIVE = "person_countries.appositive"  # "X of Argentina", "X, Minister ... of Vietnam"
COUNTRY_LISTED = "person_countries.listed"  # "Japan's A and B": B shares A's state
COUNTRY_HOST = "person_countries.host"  # the visited state for those who stay, the other side for the visitor
COUNTRY_DATELINE_HOST = "person_countries.dateline_host"  # filed from the host: "MEXICO CITY (AP) —"
COUNTRY_FREE_SIDE = "person_countries.free_side"  # the one main state nobody belongs to yet
COUNTRY_IN_ORDER = "person_countries.in_order"  # "co-chaired by X and Y" in an article on "A and B"
COUNTRY_FALLBACK = "person_countries.fallback"  # the main state no visitor comes from

# --- countries (each mention's role in the parse) ----------------------------------------
COUNTRY_PARTICIPANT = "countries.participant"  # a participant's state
COUNTRY_GROUP = "countries.acting_group"  # "All 10 ASEAN defence ministers signed"
COUNTRY_ACTOR = "countries.actor"  # "Japan and Vietnam agreed"
COUNTRY_FORCE = "countries.force_or_ministry"  # "the PLA Navy", "Seoul's defense ministry"
COUNTRY_MODIFIER = "countries.modifier"  # "Japanese Defence Minister", "Chinese incursions"
COUNTRY_OBJECT = "countries.object"  # "visited India"
COUNTRY_PARTNER = "countries.partner"  # "signed with the UK", "between Berlin and Canberra"
COUNTRY_TOPIC = "countries.topic"  # "views regarding Iran", "matters related to Iran"
COUNTRY_TRANSFER = "countries.transfer"  # "jets to India"
COUNTRY_OF_ACTIVITY = "countries.of_activity"  # "the assertiveness of China", "invasion of Ukraine"

# --- the article's date --------------------------------------------------------------------
ARTICLE_DATE_HEADER = "article_date.header"  # a "date YYYY-MM-DD" header line
ARTICLE_DATE_METADATA = "article_date.metadata"  # HTML meta tags, DOCX or PDF properties
ARTICLE_DATE_LINE = "article_date.date_line"  # a line holding only a date (site chrome)
ARTICLE_DATE_DATELINE = "article_date.dateline"  # "CAIRO, Aug 14, 2024 —"
ARTICLE_DATE_SHORT_LINE = "article_date.short_line"  # "Updated 4:51 PM CST, September 3, 2025"
ARTICLE_DATE_NONE = "article_date.none"  # nowhere a publication date stands: none

# --- themes (the kinds of term that made the theme) -----------------------------------------
THEME_TERMS = "themes.terms"
THEME_PATTERNS = "themes.patterns"
THEME_WEAK_TERMS = "themes.weak_terms"
THEME_WEAK_PATTERNS = "themes.weak_patterns"

# --- quotes (how the speaker was found, how the quote was cut) -------------------------------
QUOTE_ACCORDING_TO = "quotes.according_to"  # '"...," according to X'
QUOTE_SAYING_CLAUSE = "quotes.saying_clause"  # "with Parly saying ..."
QUOTE_SPEECH_VERB = "quotes.speech_verb"  # the subject of "said", "told", "added"
QUOTE_OUTER_SUBJECT = "quotes.outer_subject"  # the subject of the clause a speech verb hangs on
QUOTE_PRONOUN = "quotes.pronoun"  # "he said": the last person named before
QUOTE_SAME_PARAGRAPH = "quotes.same_paragraph"  # a second quote after an attributed one
QUOTE_INTRODUCED = "quotes.introduced"  # paragraphs after "Quotes attributable to X:"
QUOTE_NEIGHBOUR = "quotes.neighbour"  # a paragraph that is only a quote, beside an attributed one
QUOTE_OPEN_ENDED = "quotes.open_ended"  # a quote left open runs to its paragraph's end
QUOTE_NESTED_TITLE = "quotes.nested_title"  # '... of the "Free and Open Indo-Pacific", and ...'

# --- chronology ------------------------------------------------------------------------------
EVENT_DATED = "events.dated_sentence"  # a sentence with a date that resolves
EVENT_SAME_DAY = "events.same_day"  # "Later in the day, ...": the sentence before's day
EVENT_INFERRED = "events.inferred"  # "He also held meetings with ...": the meeting's day
EVENT_WEEKDAY_YEAR = "events.weekday_year"  # undated article: "Saturday, 20 March" in the named year it fits
DATE_KIND = "dates."  # + the kind of date phrase that gave the date ("dates.weekday", "dates.mdy")

_JUDGED = {
    "agreements.": "agreement", "participants.": "participant", "roles.": "role",
    "person_countries.": "person_country", "countries.": "country", "article_date.": "article_date",
    "themes.": "theme", "quotes.": "speaker", "events.": "event", "dates.": "date",
}
_EXCEPTIONS = {
    AFFIRMED_ACTION: "status", AGREED_POSITION: "status", AGREED_BY_SIGNING: "status",
    DATE_IN_SENTENCE: "date", DATE_FROM_CHRONOLOGY: "date",
    QUOTE_OPEN_ENDED: "quote", QUOTE_NESTED_TITLE: "quote",
}

# rules that only keep an item out: they can be switched off, but leave nothing to record
EVENT_NEEDS_VERB = "events.needs_verb"  # a short line with no verb ("New Delhi, June 8") is no entry
FILTERS = frozenset({EVENT_NEEDS_VERB})

CATALOGUE: dict[str, str] = {
    value: _EXCEPTIONS.get(value) or next(kind for prefix, kind in _JUDGED.items() if value.startswith(prefix))
    for name, value in list(globals().items())
    if name.isupper() and isinstance(value, str) and "." in value and name != "DATE_KIND" and value not in FILTERS
}
"""Every code rule's id -> what it decides (see the module docstring)."""


def judged_on(rule: str) -> str:
    """What the audit checks a rule's item on; a pattern label (no dot) makes an agreement."""
    if rule in CATALOGUE:
        return CATALOGUE[rule]
    if rule.startswith(DATE_KIND):
        return "date"
    return "agreement"
