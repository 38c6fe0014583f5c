"""Countries as a reader sees them: display names, names in running text, flags.

The one place that turns an ISO 3166-1 alpha-2 code into words: ``country_name`` (the
gazetteer's display name or None), ``country_label`` (a name for any value: a code, or
free text the analyst typed, returned as it is), ``country_phrase`` ("the Philippines"),
``possessive`` and ``flags_to_names`` (flag emoji as names, for text a font cannot draw).
How names take "the" is data: ``resources/gazetteer/country_names.toml``.
"""
from __future__ import annotations

from briefing.knowledge.flags import FLAG_PATTERN, flag_code
from briefing.knowledge.gazetteer import country_name, lookup_country
from briefing.knowledge.loader import strings

__all__ = ["country_name", "country_label", "country_phrase", "possessive", "names_a_country",
           "flag_name", "flags_to_names"]

_NAMES = "gazetteer/country_names.toml"


def country_label(code: str | None) -> str:
    """Display name of a code ("JP" -> "Japan"); anything else (an unknown code, a name the
    analyst typed) is returned as it is."""
    if not code:
        return ""
    text = code.strip()
    if len(text) == 2 and text.isalpha():
        return country_name(text) or code
    return code


def takes_the(name: str) -> bool:
    """Does the name read with "the" in running text ("the Philippines")?"""
    if name.lower().startswith("the "):
        return False
    return name.startswith(strings(_NAMES, "the_starts")) or name.endswith(strings(_NAMES, "the_ends"))


def country_phrase(code: str) -> str:
    """The country as it reads in running text: "Japan", "the United States", "the Philippines"."""
    name = country_label(code)
    return f"the {name}" if takes_the(name) else name


def possessive(phrase: str) -> str:
    """"Japan" -> "Japan's", "the Philippines" -> "the Philippines'"."""
    if not phrase:
        return phrase
    return phrase + ("'" if phrase.endswith("s") else "'s")


def names_a_country(text: str) -> bool:
    """True if ``text`` (a role such as "Japanese Defence Minister") already names a state."""
    return bool(text) and lookup_country(text) is not None


def flag_name(flag: str) -> str:
    """"🇯🇵" -> "Japan"; a flag of no known state -> its two letters."""
    code = flag_code(flag)
    return country_name(code) or code


def flags_to_names(text: str) -> str:
    """Every flag emoji of ``text`` replaced by its country's name."""
    return FLAG_PATTERN.sub(lambda m: flag_name(m.group()), text)
