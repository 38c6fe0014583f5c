"""The article's title: its headline when it has one, else one made from the facts.

A made title names the two sides and the kind of meeting their participants' offices
suggest, e.g. "Japan–Vietnam defence ministers' meeting"; the kinds of meeting and the
office words that suggest them are data (``resources/extraction/meetings.toml``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.knowledge.loader import KnowledgeError, resource, strings, value

if TYPE_CHECKING:
    from briefing.extract import Analysis

_MEETINGS = "extraction/meetings.toml"


def article_title(an: Analysis) -> tuple[str | None, bool]:
    """``(title, generated)``: the headline as found, or a made one and True."""
    if an.article.title:
        return an.article.title, False
    sides = [c.name for c in an.countries[:2]]
    if not sides:
        return None, False
    return f"{'–'.join(sides)} {meeting_kind(an)}", True


def _kinds() -> list[tuple[tuple[str, ...], str]]:
    kinds = value(_MEETINGS, "kinds")
    if not isinstance(kinds, list) or not all(
            isinstance(k, dict) and isinstance(k.get("words"), list) and isinstance(k.get("name"), str)
            for k in kinds):
        raise KnowledgeError(f"{resource(_MEETINGS)}: kinds: each needs 'words' (a list) and 'name'")
    return [(tuple(str(w).lower() for w in k["words"]), k["name"]) for k in kinds]


def meeting_kind(an: Analysis) -> str:
    """What the participants' offices say the meeting was."""
    roles = [(p.role or "").lower() for p in an.participants]
    kinds = [kind for words, kind in _kinds() if any(all(w in role for w in words) for role in roles)]
    together = strings(_MEETINGS, "together")
    if together and all(k in kinds for k in together):
        return together[0]
    for preferred in strings(_MEETINGS, "preferred"):
        if preferred in kinds:
            return preferred
    return str(value(_MEETINGS, "fallback"))
