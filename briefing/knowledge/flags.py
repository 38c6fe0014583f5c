"""Flag emoji: a pair of regional-indicator letters stands for an ISO 3166-1 alpha-2 code.

The one place that turns flags into codes and back; :mod:`briefing.knowledge.countries`
turns them into display names.
"""
from __future__ import annotations

import re

__all__ = ["FLAG_PATTERN", "FLAG_RUN", "flag_code", "flag_emoji"]

_A = 0x1F1E6  # REGIONAL INDICATOR SYMBOL LETTER A
FLAG_PATTERN = re.compile("[\U0001F1E6-\U0001F1FF]{2}")
FLAG_RUN = re.compile("(?:[\U0001F1E6-\U0001F1FF]{2})+")  # flags side by side


def flag_code(flag: str) -> str:
    """"🇯🇵" -> "JP" (whether or not the code is a state the gazetteer knows)."""
    return "".join(chr(ord(c) - _A + ord("A")) for c in flag)


def flag_emoji(code: str) -> str:
    """"JP" -> "🇯🇵"."""
    return "".join(chr(_A + ord(c) - ord("A")) for c in code.upper())
