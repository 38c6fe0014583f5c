"""Text that remembers, for every character, where it came from in the original.

Cleaning edits an article's text by deleting and replacing ranges; a :class:`MText`
carries the original offset of each character along (or, for text cleaning put in, the
original range it replaced), so the final offset map can be read off at the end.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass
class MText:
    """A string and, per character, its original offset (``-1 - k``: inserted piece k)."""

    text: str
    origin: list[int]
    pieces: list[tuple[int, int]] = field(default_factory=list)  # inserted k -> original range

    @classmethod
    def from_original(cls, original: str, start: int, end: int) -> MText:
        return cls(original[start:end], list(range(start, end)))

    def __len__(self) -> int:
        return len(self.text)

    def __getitem__(self, s: slice) -> MText:
        return MText(self.text[s], self.origin[s], self.pieces)

    def orig_start(self) -> int:
        """Original offset of the first character."""
        return self._orig(0)[0]

    def orig_end(self) -> int:
        """Original offset just after the last character."""
        return self._orig(len(self.text) - 1)[1]

    def orig_range(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` covered by characters ``[start, end)``."""
        if end <= start:
            o = self._orig(start)[0] if start < len(self.text) else self.orig_end()
            return o, o
        return self._orig(start)[0], self._orig(end - 1)[1]

    def _orig(self, i: int) -> tuple[int, int]:
        o = self.origin[i]
        if o >= 0:
            return o, o + 1
        return self.pieces[-1 - o]

    def delete(self, start: int, end: int) -> MText:
        return MText(self.text[:start] + self.text[end:], self.origin[:start] + self.origin[end:],
                     self.pieces)

    def replace(self, start: int, end: int, new: str) -> MText:
        """Put ``new`` in place of ``[start, end)``; its characters map to the range it replaced."""
        o0, o1 = self.orig_range(start, end)
        pieces = [*self.pieces, (o0, o1)]
        marker = -len(pieces)
        return MText(self.text[:start] + new + self.text[end:],
                     self.origin[:start] + [marker] * len(new) + self.origin[end:], pieces)

    def substitute(self, index: int, char: str) -> MText:
        """Swap one character for another, keeping its origin (a newline becoming a space)."""
        return MText(self.text[:index] + char + self.text[index + 1:], self.origin, self.pieces)

    def sub(self, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str | None]) -> MText:
        """Replace every match by ``repl(match)`` (``""`` deletes it, None keeps it)."""
        out = self
        for m in reversed(list(pattern.finditer(self.text))):
            new = repl(m)
            if new is None:
                continue
            out = out.delete(m.start(), m.end()) if new == "" else out.replace(m.start(), m.end(), new)
        return out

    def strip(self) -> MText:
        t = self.text
        start = len(t) - len(t.lstrip())
        end = len(t.rstrip())
        return self[start:end] if end > start else self[0:0]

    def squeeze_spaces(self) -> MText:
        """Collapse runs of spaces and tabs into one space; drop spaces before , . ; :"""
        out = self
        for m in reversed(list(re.finditer(r"[ \t]{2,}", out.text))):
            out = out.delete(m.start() + 1, m.end())
        for m in reversed(list(re.finditer(r"[ \t]+(?=[,.;:!?](?:\s|$))", out.text))):
            out = out.delete(m.start(), m.end())
        return out.strip()


def join(parts: Iterable[MText], sep_char: str = " ") -> MText:
    """Concatenate parts; the separator maps to the character just after each part."""
    text, origin, pieces = "", [], []
    for n, part in enumerate(parts):
        shift = len(pieces)
        pieces += part.pieces
        if n:
            text += sep_char
            origin.append(origin_after(origin, pieces))
        text += part.text
        origin += [o if o >= 0 else o - shift for o in part.origin]
    return MText(text, origin, pieces)


def origin_after(origin: list[int], pieces: list[tuple[int, int]]) -> int:
    """Original offset just after the last character of ``origin`` (for a separator)."""
    if not origin:
        return 0
    o = origin[-1]
    return o + 1 if o >= 0 else pieces[-1 - o][1]


def offset_map(paragraphs: list[MText], sep: int = 2) -> tuple[list[tuple[int, int, int]],
                                                                 list[tuple[int, int, int, int]]]:
    """The Article offset map and inserted ranges of paragraphs joined by ``sep`` characters."""
    segs: list[tuple[int, int, int]] = []
    inserted: list[tuple[int, int, int, int]] = []
    pos = 0
    for para in paragraphs:
        i = 0
        n = len(para.origin)
        while i < n:
            o = para.origin[i]
            j = i + 1
            if o >= 0:
                while j < n and para.origin[j] == o + (j - i):
                    j += 1
                segs.append((pos + i, o, j - i))
            else:
                while j < n and para.origin[j] == o:
                    j += 1
                o0, o1 = para.pieces[-1 - o]
                inserted.append((pos + i, pos + j, o0, o1))
            i = j
        pos += n + sep
    return segs, inserted
