"""The article's title: its headline when it has one, else one made from the facts.

A made title names the two sides and the kind of meeting their participants' offices
suggest, e.g. "Japan–Vietnam defence ministers' meeting".
"""
from __future__ import annotations

from typing import Any

MEETING_KINDS = (  # (words all found in a role, name of the meeting), first match wins
    (("prime", "minister"), "leaders' meeting"),
    (("president",), "leaders' meeting"),
    (("foreign",), "foreign and defence ministers' talks"),
    (("defence", "minister"), "defence ministers' meeting"),
    (("defense", "minister"), "defence ministers' meeting"),
    (("defence", "secretary"), "defence talks"),
    (("defense", "secretary"), "defence talks"),
    (("chief",), "defence chiefs' meeting"),
)


def article_title(an: Any) -> tuple[str | None, bool]:
    """``(title, generated)``: the headline as found, or a made one and True."""
    if an.article.title:
        return an.article.title, False
    sides = [c.name for c in an.countries[:2]]
    if not sides:
        return None, False
    return f"{'–'.join(sides)} {meeting_kind(an)}", True


def meeting_kind(an: Any) -> str:
    """What the participants' offices say the meeting was."""
    roles = [(p.role or "").lower() for p in an.participants]
    kinds = []
    for words, kind in MEETING_KINDS:
        if sum(all(w in role for w in words) for role in roles) >= 1:
            kinds.append(kind)
    if "foreign and defence ministers' talks" in kinds and "defence ministers' meeting" in kinds:
        return "foreign and defence ministers' talks"
    for preferred in ("defence ministers' meeting", "defence chiefs' meeting", "defence talks", "leaders' meeting"):
        if preferred in kinds:
            return preferred
    return "talks"
