"""The small markup of the note's free text, shared by the GUI editor and the exporters.

* paragraphs are separated by blank lines; single newlines inside a paragraph are spaces;
* a line starting ``"- "`` (or ``"* "``) is a bullet; consecutive bullet lines are separate bullets;
* ``**bold**`` and ``*italic*`` (``***both***``; ``**bold *italic* bold**`` nests);
* a backslash escapes the next character (``\\*`` is a literal star).

An asterisk that opens nothing (``2 * 3``, a lone ``*``) is printed as it is, so text
the analyst did not mean as markup survives. :func:`parse_rich_text` returns
:class:`Block` objects; :func:`plain_text` strips the markup; :func:`escape_rich_text`
protects literal text (an extracted quote) before it is put into markup.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Run", "Block", "parse_rich_text", "parse_inline", "plain_text", "escape_rich_text"]

_BULLET = re.compile(r"^\s*[-*]\s+")
_ESCAPABLE = "\\*"


@dataclass(frozen=True)
class Run:
    """A stretch of text with one style."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Block:
    """A paragraph or a bullet: a list of runs."""

    kind: str  # "paragraph" | "bullet"
    runs: list[Run] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The block's text without styling."""
        return "".join(run.text for run in self.runs)


def parse_rich_text(source: str) -> list[Block]:
    """Parse note markup into paragraphs and bullets, each a list of styled runs."""
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block("paragraph", parse_inline(" ".join(paragraph))))
            paragraph.clear()

    for raw in (source or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
        elif _BULLET.match(raw) and not line.startswith("**"):
            flush()
            blocks.append(Block("bullet", parse_inline(_BULLET.sub("", raw, count=1).strip())))
        elif blocks and blocks[-1].kind == "bullet" and not paragraph and raw[:1].isspace():
            # an indented continuation line of the bullet above
            blocks[-1].runs = _merge(blocks[-1].runs + [Run(" ")] + parse_inline(line))
        else:
            paragraph.append(line)
    flush()
    return blocks


def parse_inline(text: str) -> list[Run]:
    """Split one line of markup into styled runs (adjacent runs of one style merged)."""
    tokens = _tokenise(text)
    runs = _resolve(tokens, 0, len(tokens), False, False)
    return _merge(runs)


def plain_text(source: str) -> str:
    """The text without markup: blocks joined by blank lines, bullets kept as ``- ``."""
    parts = []
    for block in parse_rich_text(source):
        parts.append(("- " if block.kind == "bullet" else "") + block.text)
    return "\n\n".join(parts)


def escape_rich_text(text: str) -> str:
    """Literal text as markup: stars and backslashes escaped, a leading bullet dash kept literal."""
    escaped = re.sub(r"([\\*])", r"\\\1", text)
    return re.sub(r"(?m)^(\s*)- ", r"\1\\- ", escaped)


# A token is ("text", str) or ("delim", n_stars).
def _tokenise(text: str) -> list[tuple[str, object]]:
    tokens: list[tuple[str, object]] = []
    buf: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPABLE + "-":
            buf.append(text[i + 1])
            i += 2
            continue
        if ch == "*":
            j = i
            while j < len(text) and text[j] == "*":
                j += 1
            if buf:
                tokens.append(("text", "".join(buf)))
                buf = []
            tokens.append(("delim", (j - i, i, text)))
            i = j
            continue
        buf.append(ch)
        i += 1
    if buf:
        tokens.append(("text", "".join(buf)))
    return tokens


def _can_open(token: tuple[str, object]) -> bool:
    n, pos, text = token[1]  # type: ignore[misc]
    after = text[pos + n: pos + n + 1]
    return bool(after) and not after.isspace()


def _can_close(token: tuple[str, object]) -> bool:
    n, pos, text = token[1]  # type: ignore[misc]
    before = text[pos - 1: pos] if pos > 0 else ""
    return bool(before) and not before.isspace()


def _resolve(tokens: list, start: int, end: int, bold: bool, italic: bool) -> list[Run]:
    """Runs for tokens[start:end]: each opener is paired with the next closer of its size."""
    runs: list[Run] = []
    i = start
    while i < end:
        kind, value = tokens[i]
        if kind == "text":
            runs.append(Run(value, bold, italic))  # type: ignore[arg-type]
            i += 1
            continue
        n = value[0]  # type: ignore[index]
        close = _find_closer(tokens, i, end, n) if _can_open(tokens[i]) and n <= 3 else None
        if close is None:
            runs.append(Run("*" * n, bold, italic))
            i += 1
            continue
        inner_bold = bold or n >= 2
        inner_italic = italic or n in (1, 3)
        runs.extend(_resolve(tokens, i + 1, close, inner_bold, inner_italic))
        i = close + 1
    return runs


def _find_closer(tokens: list, opener: int, end: int, n: int) -> int | None:
    for j in range(opener + 1, end):
        kind, value = tokens[j]
        if kind == "delim" and value[0] == n and _can_close(tokens[j]):
            return j
    return None


def _merge(runs: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    return merged
