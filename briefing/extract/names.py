"""Finds name candidates and the titles around them, on words of a spaCy parse.

A *name candidate* is a run of capitalised words that is not a title, a country or an
organisation word, together with what stands around it: the office title before it
("Japanese Defence Minister", "his Vietnamese counterpart", "Minister for Defence Dr"),
or an appositive after it (", Minister of Defence of Vietnam,") or before it
("the Chief of the Defence Forces (CDF), General ..."). The people step decides which
candidates are participants and merges their mentions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from briefing.provenance import (
    COUNTRY_APPOSITIVE,
    COUNTRY_LISTED,
    COUNTRY_TITLE,
    ROLE_APPOSITIVE,
    ROLE_APPOSITIVE_BEFORE,
    ROLE_PLURAL_OFFICE,
    ROLE_TITLE,
    enabled,
)
from briefing.knowledge.gazetteer import (
    find_country_mentions,
    group_members,
    lookup_country,
)
from briefing.knowledge.lexicon import (
    longest_phrase_at,
    longest_phrase_ending_at,
    titles,
)
from briefing.knowledge.loader import mapping, strings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

POSSESSIVE = ("'s", "'")
CONNECTORS = {"of", "for", "the", "and"}  # small words at the edges of an office title


def _plural_heads() -> dict[str, str]:
    """"ministers" -> "minister" (``plural_heads`` of titles.toml)."""
    return {k.lower(): str(v) for k, v in mapping("gazetteer/titles.toml", "plural_heads").items()}


def singular_role(role: str) -> tuple[str, bool]:
    """"defence ministers" -> ("defence minister", True)."""
    head, _, last = role.rpartition(" ")
    if last.lower() in _plural_heads():
        fixed = _plural_heads()[last.lower()]
        fixed = fixed.capitalize() if last[:1].isupper() else fixed
        return (f"{head} {fixed}" if head else fixed), True
    return role, False


@dataclass
class Word:
    """A word of the text: spaCy tokens glued across in-word hyphens and apostrophes."""

    text: str
    start: int
    end: int
    token: Token  # the first spaCy token
    space_after: bool

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()


@dataclass
class TitleInfo:
    """What the words around a name say about the person."""

    role: str | None = None
    country: str | None = None
    rank: str | None = None
    honorific: bool = False
    counterpart: bool = False
    subnational: bool = False
    plural: bool = False  # "The defence ministers, A of X and B of Y": the office of each
    organisation: str | None = None  # "NATO Secretary General X": serves a group, no state
    role_rule: str = ""  # the id of the rule that gave ``role`` (briefing.provenance)
    country_rule: str = ""  # and ``country``

    @property
    def titled(self) -> bool:
        return bool(self.role or self.rank or self.honorific or self.counterpart)


@dataclass
class NameCandidate:
    tokens: list[str]
    start: int
    end: int
    first_word: int  # index into the word list
    last_word: int
    title: TitleInfo = field(default_factory=TitleInfo)
    appositive_role: str | None = None
    appositive_country: str | None = None
    found_by: str = ""  # the rule that made it a person (set by the people step)


def words_of(doc: Doc) -> list[Word]:
    """Words of a Doc; ``Gyu-back``, ``Kosiniak-Kamysz`` and ``T.`` stay one word."""
    out: list[Word] = []
    glue = False
    for tok in doc:
        if tok.is_space:
            glue = False
            continue
        if out and glue and (tok.text == "-" or out[-1].text.endswith("-")):
            last = out[-1]
            last.text += tok.text
            last.end = tok.idx + len(tok.text)
            last.space_after = bool(tok.whitespace_)
        else:
            out.append(Word(tok.text, tok.idx, tok.idx + len(tok.text), tok, bool(tok.whitespace_)))
        glue = not tok.whitespace_
    return out


_TEXTS: dict[int, tuple[list[Word], list[str]]] = {}


def _texts(words: list[Word]) -> list[str]:
    """The words' texts, built once per word list."""
    cached = _TEXTS.get(id(words))
    if cached is None or cached[0] is not words:
        _TEXTS.clear()
        cached = (words, [w.text for w in words])
        _TEXTS[id(words)] = cached
    return cached[1]


def _country_of(phrase: str) -> str | None:
    return lookup_country(phrase)


def _names_a_country(word: Word) -> bool:
    """A country's name or demonym ("Japan", "Japanese"); a capital ("Aden") may be a name."""
    found = find_country_mentions(word.text)
    if any(m.start == 0 and m.end == len(word.text) and m.kind != "capital" for m in found):
        return True
    return not found and _country_of(word.text) is not None


def _is_role_word(word: Word) -> bool:
    low = word.lower
    return low in titles("role_words") or low in titles("role_heads")


@cache
def _prefixed_name() -> re.Pattern[str]:
    """"al-Sisi", "el-Burhan": a name behind a particle and a hyphen (``hyphen_particles``)."""
    particles = sorted(titles("hyphen_particles"), key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(map(re.escape, particles)) + r")-[A-Z]")


def _name_like(word: Word) -> bool:
    text = word.text
    if _prefixed_name().match(text):
        return True  # "al-Sisi", "el-Burhan"
    if not word.is_cap or word.lower in titles("not_name_words") or _is_role_word(word):
        return False
    if any(ch.isdigit() for ch in text):
        return False
    letters = [c for c in text if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters) and not text.endswith("."):
        return False  # acronyms: ASEAN, MoU is mixed but handled by not_name_words
    if len(text) == 2 and text.endswith(".") and text[0].isupper():
        return True  # an initial: "T."
    return bool(letters) and text[0].isalpha()


def find_name_candidates(words: list[Word]) -> list[NameCandidate]:
    """Every run of name-like words with the titles around it."""
    out: list[NameCandidate] = []
    i, n = 0, len(words)
    particles, suffixes = titles("name_particles"), titles("name_suffixes")
    while i < n:
        w = words[i]
        if _capitals_surname(words, i):
            pass  # "KISHIDA Fumio": a surname in capitals before a given name
        elif not _name_like(w) or _is_title_start(words, i) or _country_of(w.text) and not (
                i + 1 < n and w.space_after and _name_like(words[i + 1]) and not _names_a_country(w)
                and not _names_a_country(words[i + 1])):
            i += 1
            continue
        j = i
        while j + 1 < n and words[j].space_after:
            nxt = words[j + 1]
            if _name_like(nxt) and not _breaks_name(words, j + 1) and not _names_a_country(nxt):
                j += 1
            elif _capitals_surname(words, j + 1, after_name=True):
                j += 1  # "Fumio KISHIDA"
            elif nxt.lower in suffixes or (nxt.lower in particles and j + 2 < n and _name_like(words[j + 2])):
                j += 1
            else:
                break
        if j + 1 < n and words[j + 1].is_cap and words[j + 1].lower in titles("not_name_words") \
                and words[j].space_after:
            i = j + 1  # "General Border Committee", "Islamic Republic": a name of a body
            continue
        while i < j and i > 0 and words[i - 1].is_cap and _is_state_name(f"{words[i - 1].text} {words[i].text}"):
            i += 1  # "Kingdom of Saudi Arabia Mohammed bin Salman": the state's last word is no name
        tokens = [_name_case(words[k].text) for k in range(i, j + 1)]
        if i > 0 and words[i - 1].is_cap and words[i - 1].lower in titles("place_words"):
            i = j + 1  # "Qasr Al Shati", "Wisma Perwira", "Camp Aguinaldo": a place
            continue
        if len(tokens) > 1 and _is_state_name(" ".join(tokens)):
            i = j + 1  # "New Zealand", "Papua New Guinea": a state, not a person
            continue
        cand = NameCandidate(tokens, words[i].start, words[j].end, i, j)
        cand.title = title_before(words, i)
        if not enabled(ROLE_TITLE):
            cand.title.role = None
        if not enabled(COUNTRY_TITLE):
            cand.title.country = None
        cand.title.role_rule = ROLE_TITLE if cand.title.role else ""
        cand.title.country_rule = COUNTRY_TITLE if cand.title.country else ""
        if enabled(ROLE_APPOSITIVE) or enabled(COUNTRY_APPOSITIVE):
            role, country = appositive_after(words, j + 1)
            cand.appositive_role = role if enabled(ROLE_APPOSITIVE) else None
            cand.appositive_country = country if enabled(COUNTRY_APPOSITIVE) else None
        if not cand.title.role and enabled(ROLE_APPOSITIVE_BEFORE):
            before = appositive_before(words, i, cand.title)
            if before.role:
                cand.title.role, cand.title.role_rule = before.role, ROLE_APPOSITIVE_BEFORE
                if not cand.title.country and before.country:
                    cand.title.country, cand.title.country_rule = before.country, COUNTRY_APPOSITIVE
        if cand.title.role:
            cand.title.role, cand.title.plural = singular_role(cand.title.role)
        _inherit_from_coordination(cand, out, words)
        out.append(cand)
        i = j + 1
    return out


def _inherit_from_coordination(cand: NameCandidate, earlier: list[NameCandidate], words: list[Word]) -> None:
    """"their Philippine counterparts X and Y", "Australia's Minister A X and Minister B Y"."""
    if not earlier:
        return
    prev = earlier[-1]
    k = cand.first_word
    texts = _texts(words)
    while k > 0 and words[k - 1].lower not in {"and", ","} and (
            _is_role_word(words[k - 1]) or longest_phrase_ending_at(texts, k, titles("honorifics"))
            or longest_phrase_ending_at(texts, k, titles("ranks"))):
        k -= 1
    if prev.title.plural and not cand.title.role and k - 1 > prev.last_word \
            and k - prev.last_word <= 5 and words[k - 1].lower in {"and", ","} and enabled(ROLE_PLURAL_OFFICE):
        cand.title.role = prev.title.role  # "The defence ministers, A of Brazil and B of Argentina"
        cand.title.role_rule = ROLE_PLURAL_OFFICE
    if k - 1 == prev.last_word + 1 and words[k - 1].lower in {"and", ","} and enabled(COUNTRY_LISTED):
        if not cand.title.country and prev.title.country:
            cand.title.country, cand.title.country_rule = prev.title.country, COUNTRY_LISTED
        cand.title.counterpart = cand.title.counterpart or (prev.title.counterpart and not cand.title.role)


def _breaks_name(words: list[Word], i: int) -> bool:
    """Inside a name only ranks and office titles end it ("Hishammuddin Tun Hussein")."""
    texts = _texts(words)
    if words[i].lower in titles("role_heads"):
        return True
    rank = longest_phrase_at(texts, i, titles("ranks"))
    if rank:  # "Lt Gen X" ends a name; "Claudia Major," is a name
        return i + rank < len(words) and _name_like(words[i + rank])
    size = longest_phrase_at(texts, i, titles("honorifics"))
    return bool(size) and not (i + size < len(words) and _name_like(words[i + size]))


def _is_title_start(words: list[Word], i: int) -> bool:
    """True when ``words[i]`` begins an honorific, rank or office title."""
    lower = _texts(words)
    if longest_phrase_at(lower, i, titles("ranks")) and i > 0 and words[i - 1].lower in titles("courtesy_titles") \
            and i + 1 < len(words) and _name_like(words[i + 1]):
        return False  # "Mr Gen Nakatani": after a courtesy title, "Gen" is a given name
    if longest_phrase_at(lower, i, titles("honorifics")) or longest_phrase_at(lower, i, titles("ranks")):
        return True
    return words[i].lower in titles("role_heads")


def title_before(words: list[Word], index: int) -> TitleInfo:
    """Read the honorifics, rank, office title and country standing before a name."""
    info = TitleInfo()
    texts = _texts(words)
    k = index
    # honorifics and ranks nearest the name: "Dr", "Datuk Seri", "General (Rtd)"
    while k > 0:
        size = longest_phrase_ending_at(texts, k, titles("honorifics"))
        rank = longest_phrase_ending_at(texts, k, titles("ranks"))
        if rank and k - rank > 0 and words[k - rank - 1].lower in titles("courtesy_titles"):
            rank = 0  # "Mr Gen Nakatani"
        if rank == 1 and texts[k - 1].lower() == "general" and k >= 2 \
                and texts[k - 2].lower() in titles("offices_before_general"):
            break  # "Secretary General Mark Rutte": an office, not a rank
        if rank and rank >= size:
            info.rank = info.rank or " ".join(texts[k - rank:k])
            k -= rank
        elif size:
            info.honorific = True
            k -= size
        elif k >= 3 and texts[k - 1] == ")" and texts[k - 3] == "(" and texts[k - 2].lower().startswith("r"):
            k -= 3  # "(Rtd)"
        else:
            break
    # the office title: a run of role words holding a head word
    role_end = k
    inner_country = None
    while k > 0 and words[k - 1].space_after:
        if _is_role_word(words[k - 1]):
            k -= 1
        elif k >= 2 and words[k - 2].lower == "of" and _country_of(words[k - 1].text):
            inner_country = inner_country or _country_of(words[k - 1].text)
            k -= 1  # "Minister of Defense of Japan"
        elif k >= 3 and words[k - 3].lower == "of" and words[k - 2].is_cap and words[k - 1].is_cap \
                and _is_state_name(f"{words[k - 2].text} {words[k - 1].text}"):
            inner_country = inner_country or _country_of(f"{words[k - 2].text} {words[k - 1].text}")
            k -= 2  # "Prime Minister of the Kingdom of Saudi Arabia"
        else:
            break
    if inner_country:
        while role_end > k and (words[role_end - 1].lower == "of" or _country_of(words[role_end - 1].text)):
            role_end -= 1
    while k < role_end and words[k].lower in CONNECTORS:
        k += 1
    role_words = words[k:role_end]
    if any(w.lower in titles("role_heads") for w in role_words):
        info.role = " ".join(w.text for w in role_words)
        low = info.role.lower()
        info.subnational = any(low.endswith(s) for s in titles("subnational_roles"))
    else:
        k = role_end
    if info.role and k > 0:
        organisations = strings("gazetteer/titles.toml", "organisations")
        if group_members(words[k - 1].text) is not None or words[k - 1].text in organisations:
            info.organisation = words[k - 1].text
    # "his Vietnamese counterpart", "Japan's", "Japanese", "Republic of Indonesia"
    if k > 1 and not info.role and words[k - 1].text == "," and words[k - 2].lower in titles("counterpart_words"):
        k -= 1  # "his Polish counterpart, Wladyslaw Kosiniak-Kamysz"
    if k > 0 and words[k - 1].lower in titles("counterpart_words"):
        info.counterpart = True
        k -= 1
    if k >= 2 and words[k - 1].text in POSSESSIVE:
        lo = k - 1
        while lo > 0 and k - 1 - lo < 4 and (words[lo - 1].is_cap or words[lo - 1].lower == "of"):
            lo -= 1
        info.country = _first_country(words[lo:k - 1]) or _country_of(words[k - 2].text)  # "New Zealand's"
    else:
        for size in (4, 3, 2, 1):
            if k - size >= 0 and all(w.is_cap or w.lower == "of" for w in words[k - size:k]):
                code = _country_of(" ".join(texts[k - size:k]))
                if code:
                    info.country = code
                    break
    if info.role:
        info.country = info.country or inner_country  # "Minister of Defense of Japan"
    return info


def appositive_after(words: list[Word], index: int) -> tuple[str | None, str | None]:
    """", Minister of Defence of Vietnam," or " of Brazil" after a name -> (role, country)."""
    n = len(words)
    if index + 1 < n and words[index].lower == "of" and words[index].space_after:
        return None, _country_of(words[index + 1].text)  # "Jorge Taiana of Argentina"
    if index + 1 >= n or words[index].text != "," or words[index + 1].lower in {"and", "or"}:
        return None, None
    k = index + 1
    while k < n and k - index <= 25 and words[k].text not in {",", ".", ";", ":", "(", '"'}:
        k += 1
    segment = words[index + 1:k]
    lead = _office_clause_lead(segment)
    if lead or segment[:1] and segment[0].lower == "the":
        # "X, the Indonesian Minister of Defense,", "X, who is also Minister of Defence,":
        # only an office (role, state and small words) may follow
        segment = segment[lead:]
        if not segment or not all(_is_role_word(w) or _country_of(w.text) or w.lower in CONNECTORS
                                  or w.text in POSSESSIVE for w in segment):
            return None, None
    if k + 1 < n and words[k].text == "," and _name_like(words[k + 1]):
        return None, None  # ", Philippine Secretary of Defence, NAME": the next person's title
    heads = [i for i, w in enumerate(segment) if w.lower in titles("role_heads")]
    if not heads:
        return None, None
    after_head = heads[-1] + 1
    while after_head < len(segment) and _is_role_word(segment[after_head]):
        after_head += 1
    if after_head < len(segment) and _name_like(segment[after_head]) and not _country_of(segment[after_head].text):
        return None, None  # ", King Salman bin Abdulaziz": the title of the next person, not this one's
    # the office title: the run of role and country words around the last head word
    last = heads[-1]
    lo = last
    while lo > 0 and (_is_role_word(segment[lo - 1]) or _country_of(segment[lo - 1].text)) \
            and segment[lo - 1].lower != "and":
        lo -= 1
    hi = last + 1
    while hi < len(segment) and (_is_role_word(segment[hi]) or _country_of(segment[hi].text)):
        hi += 1
    role_words = segment[lo:hi]
    country = _first_country(segment)
    while role_words and (role_words[0].lower in {"of", "for", "the", "and", "a", "an"}
                          or _country_of(role_words[0].text) and role_words[0].lower not in titles("role_words")):
        role_words = role_words[1:]
    while role_words and (role_words[-1].lower in CONNECTORS or _country_of(role_words[-1].text)):
        role_words = role_words[:-1]
    role = " ".join(w.text for w in role_words) or None
    return role, country


def _office_clause_lead(segment: list[Word]) -> int:
    """How many words open an office clause: "the", "who is also", "who also serves as the"
    (``office_clause_words``); 0 when the segment does not start with one."""
    lead_words = titles("office_clause_words")
    k = 0
    while k < len(segment) and k < 6 and segment[k].lower in lead_words:
        k += 1
    starts = segment[:1] and segment[0].lower in {"the", "who"}
    return k if starts and k < len(segment) else 0


def non_participant(words: list[Word], cand: NameCandidate) -> bool:
    """"analyst X", "X, a research fellow at ...,": someone quoted, not taking part."""
    marks = titles("non_participant_words")
    before: list[Word] = []
    k = cand.first_word
    abbreviations = titles("ranks") | titles("honorifics")
    while k > 0 and len(before) < 6 and words[k - 1].text not in {",", ";", '"', "!", "?"} and not (
            words[k - 1].text == "." and not (k > 1 and words[k - 2].lower in abbreviations)):
        k -= 1
        before.insert(0, words[k])
    after: list[Word] = []
    k = cand.last_word + 1
    if k < len(words) and words[k].text == ",":
        k += 1
        while k < len(words) and len(after) < 12 and words[k].text not in {",", ".", ";"}:
            after.append(words[k])
            k += 1
    around = before + after
    pairs = {f"{a.lower} {b.lower}" for a, b in zip(around, around[1:], strict=False)}
    return any(w.lower in marks for w in around) or bool(pairs & marks)  # "press secretary"


def appositive_before(words: list[Word], index: int, near: TitleInfo) -> TitleInfo:
    """"the Chief of the Defence Forces (CDF), General NAME" -> the role before the comma."""
    info = TitleInfo()
    k = index
    texts = _texts(words)
    while k > 0:
        size = max(longest_phrase_ending_at(texts, k, titles("ranks")),
                   longest_phrase_ending_at(texts, k, titles("honorifics")))
        if not size and k >= 3 and texts[k - 1] == ")" and texts[k - 3] == "(":
            size = 3  # "(Rtd)"
        if not size:
            break
        k -= size
    if k == 0 or words[k - 1].text != ",":
        return info
    k -= 1
    if k >= 3 and words[k - 1].text == ")" and words[k - 3].text == "(":
        k -= 3
    end = k
    while k > 0:
        if _is_role_word(words[k - 1]) or _country_of(words[k - 1].text) \
                or words[k - 1].text in POSSESSIVE or words[k - 1].lower.endswith("-elect"):
            k -= 1
        elif k >= 2 and words[k - 2].is_cap and words[k - 1].is_cap \
                and _is_state_name(f"{words[k - 2].text} {words[k - 1].text}"):
            k -= 2  # "the United States ambassador, Marc Stanley"
        else:
            break
    info.role, info.country = _office_phrase(words[k:end])
    # "Australian Deputy Prime Minister, who also serves as the Minister of Defense, NAME":
    # the office before the clause is the person's too
    lead = k
    while lead > 0 and words[lead - 1].lower in titles("office_clause_words") and words[lead - 1].lower != "the":
        lead -= 1
    if info.role and lead < k and words[lead].lower == "who" and lead > 1 and words[lead - 1].text == ",":
        j = lead - 1
        while j > 0 and (_is_role_word(words[j - 1]) or _country_of(words[j - 1].text)
                         or words[j - 1].text in POSSESSIVE):
            j -= 1
        first_role, first_country = _office_phrase(words[j:lead - 1])
        if first_role:
            info.role = f"{first_role} and {info.role}"
            info.country = first_country or info.country
    return info


def _office_phrase(span: list[Word]) -> tuple[str | None, str | None]:
    """An office title and its state from words before a name: "Indonesia's Minister of
    Defence" -> ("Minister of Defence", "ID"); (None, None) without an office word."""
    while span and span[0].lower in CONNECTORS:
        span = span[1:]
    if not any(w.lower in titles("role_heads") or w.lower.endswith("-elect") for w in span):
        return None, None
    country_words = [w for w in span if _country_of(w.text) and w.lower not in titles("role_words")]
    country = _first_country(span)
    if country_words and span and span[0] is country_words[0] and not _is_role_word(span[0]):
        span = [w for w in span[1:] if w.text not in POSSESSIVE]  # "Indonesia's Minister of Defence"
    return " ".join(w.text for w in span) or None, country


def _all_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters) and text.replace("-", "").isalpha()


def _capitals_surname(words: list[Word], i: int, after_name: bool = False) -> bool:
    """A surname written in capitals next to a given name: "KISHIDA Fumio", "Fumio KISHIDA"."""
    w = words[i]
    if not w.text.isupper() or not _all_capitals(w.text) or _country_of(w.text) \
            or w.lower in titles("not_name_words"):
        return False
    if after_name:
        return True
    return (i + 1 < len(words) and w.space_after and _name_like(words[i + 1])
            and not _all_capitals(words[i + 1].text) and not _is_role_word(words[i + 1]))


def _name_case(text: str) -> str:
    """"KISHIDA" -> "Kishida"; a suffix of ``name_suffixes`` ("III") and other words as written."""
    return text.title() if _all_capitals(text) and text.lower() not in titles("name_suffixes") else text


def _is_state_name(phrase: str) -> bool:
    """"New Zealand", "Abu Dhabi": the whole phrase names a state or its capital."""
    return any(m.kind in {"name", "capital"} and m.start == 0 and m.end >= len(phrase) - 2
               for m in find_country_mentions(phrase))


def _first_country(words: list[Word]) -> str | None:
    """The first state the words name, read as a phrase ("Papua New Guinea", not "Guinea")."""
    found = find_country_mentions(" ".join(w.text for w in words))
    return found[0].code if found else None
