"""Classification ranks for the library's access filter.

:func:`classification_rank` turns a note's marking text into a number that rises with the
level (0 for the lowest), or None when the text names no known level (an empty marking
included): such notes are hidden whenever a maximum is asked for. The levels and their
aliases are data (``resources/library/classification_order.toml``); a marking is ranked
by the longest level name or alias it begins with, so caveats after the level
("SECRET//REL TO AUS", "OFFICIAL-SENSITIVE COMMERCIAL") do not change its rank.

This is the one place the library asks for a rank: when notes carry markings parsed by a
marking scheme, this function is replaced by the scheme's own level order.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from briefing.resources_path import resource

ORDER_FILE = ("library", "classification_order.toml")


class RankError(ValueError):
    """A level name the order does not know (one line naming the known levels)."""


@dataclass(frozen=True)
class LevelOrder:
    names: tuple[str, ...]  # level names, lowest first
    keys: tuple[tuple[str, int], ...]  # (normalised name or alias, rank), longest first


def normalise(text: str) -> str:
    """Upper case, every run of non-alphanumerics one space: ``secret//rel`` -> ``SECRET REL``."""
    return re.sub(r"[^0-9A-Z]+", " ", text.upper()).strip()


@cache
def level_order() -> LevelOrder:
    path = resource(*ORDER_FILE)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        levels = data["levels"]
        names = tuple(str(level["name"]) for level in levels)
        keys = [(normalise(alias), rank) for rank, level in enumerate(levels)
                for alias in (level["name"], *level.get("aliases", []))]
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise RankError(f"{path}: cannot read the classification order: {exc}") from None
    keys.sort(key=lambda item: -len(item[0]))
    return LevelOrder(names, tuple(k for k in keys if k[0]))


def classification_rank(marking: str) -> int | None:
    """The rank of a marking's level (0 = lowest), or None if it names no known level."""
    text = normalise(marking or "")
    if not text:
        return None
    for key, rank in level_order().keys:
        if text == key or text.startswith(key + " "):
            return rank
    return None


def level_rank(level: str) -> int:
    """The rank of a level asked for on the command line; RankError if unknown."""
    rank = classification_rank(level)
    if rank is None:
        raise RankError(f"unknown classification level {level!r} (known: {', '.join(level_order().names)})")
    return rank
