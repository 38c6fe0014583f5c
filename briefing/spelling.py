"""Spell checking with the system's hunspell dictionaries (through pyenchant / libenchant).

:func:`open_speller` gives a :class:`Speller` for a template's language (``"en-GB"`` by
default, ``"en-US"`` and others as installed), with the analyst's own word list; or a
one-line reason why spell checking is off (no dictionary for that language, libenchant
missing, a word list too large or not a regular file).  :func:`words` splits text into
the words worth checking: numbers, codes with digits, acronyms in capitals and single
letters are left alone.  Qt-free: the GUI draws the underlines and menus
(:mod:`briefing.gui.spell_check`).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from briefing.fileio import ReadError, check_bounded

DEFAULT_LANGUAGE = "en-GB"
MAX_SUGGESTIONS = 6
MAX_PERSONAL_BYTES = 8 * 1024 * 1024
"""The largest word list of the analyst's read (a word a line: some 800,000 words)."""
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


class SpellingUnavailable(Exception):
    """Spell checking cannot run; the message says why, in one line."""


def enchant_tag(language: str | None) -> str:
    """``"en-GB"`` -> ``"en_GB"`` (enchant's form); empty -> the default language."""
    tag = (language or DEFAULT_LANGUAGE).strip().replace("-", "_")
    parts = tag.split("_")
    return "_".join([parts[0].lower()] + [p.upper() for p in parts[1:]]) if parts[0] else "en_GB"


class Speller:
    """Checks and suggests words in one language; remembers words the analyst adds."""

    def __init__(self, language: str | None = None, personal: Path | None = None) -> None:
        try:
            import enchant
            from enchant.errors import DictNotFoundError
        except ImportError as exc:  # pyenchant without the C library
            raise SpellingUnavailable(f"spell check is off: {exc}") from None
        self.language = enchant_tag(language)
        try:
            if personal is not None:
                personal.parent.mkdir(parents=True, exist_ok=True)
                personal.touch(exist_ok=True)
                check_bounded(personal, MAX_PERSONAL_BYTES, what="word list")  # enchant reads it whole
                self._dict = enchant.DictWithPWL(self.language, str(personal))
            else:
                self._dict = enchant.Dict(self.language)
        except DictNotFoundError:
            raise SpellingUnavailable(f"spell check is off: no {self.language.replace('_', '-')} dictionary "
                                      "is installed (hunspell-en-gb / hunspell-en-us)") from None
        except ReadError as exc:
            raise SpellingUnavailable(f"spell check is off: {exc}") from None
        except OSError as exc:
            raise SpellingUnavailable(f"spell check is off: {personal}: {exc.strerror or exc}") from None
        self._known: dict[str, bool] = {}
        self.ignored: set[str] = set()  # words taken as right for this note (names in the article)

    def check(self, word: str) -> bool:
        word = word.replace("’", "'")
        if word in self.ignored:
            return True
        known = self._known.get(word)
        if known is None:
            known = self._known[word] = bool(self._dict.check(word))
        return known

    def suggest(self, word: str) -> list[str]:
        return list(self._dict.suggest(word.replace("’", "'")))[:MAX_SUGGESTIONS]

    def add(self, word: str) -> None:
        """Add ``word`` to the analyst's own dictionary (kept across sessions)."""
        word = word.replace("’", "'")
        self._dict.add(word)
        self._known[word] = True


def open_speller(language: str | None, personal: Path | None = None) -> tuple[Speller | None, str]:
    """A speller for ``language``, or None and the reason spell checking is off."""
    try:
        return Speller(language, personal), ""
    except SpellingUnavailable as exc:
        return None, str(exc)


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, word)`` of each word of ``text`` worth checking."""
    for match in _WORD.finditer(text):
        word = match.group()
        if len(word) < 2 or (word.isupper() and len(word) <= 6):
            continue
        yield match.start(), match.end(), word


def proper_names(text: str) -> set[str]:
    """Capitalised words of ``text`` (an article's names and places: not spelling mistakes)."""
    return {word.replace("’", "'") for _s, _e, word in words(text) if word[:1].isupper()}
