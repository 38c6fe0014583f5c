"""The markup of the note's free text: CommonMark, read with markdown-it-py, written here.

The summary, the analyst comment and the template's text sections are stored as
CommonMark restricted to what a briefing note uses:

* paragraphs (separated by blank lines; a single newline inside a paragraph is a space);
* bullet lists (``- item``); an ordered list item keeps its number as text (``2. item``);
* ``**bold**`` and ``*italic*`` (``***both***``; ``**bold *italic* bold**`` nests);
* a backslash escapes any ASCII punctuation (``\\*`` is a literal star, ``2\\.`` a
  literal "2." at the start of a paragraph).

Everything else CommonMark knows — headings, links, images, code, raw HTML, entities,
block quotes — is switched off, so ``[annex]``, ``<b>``, ``&amp;``, ``# 3`` or
``> note`` are text and print as typed.  :func:`parse_rich_text` builds
:class:`Block` objects from markdown-it's tokens (the DOCX and PDF writers and the GUI
editor all read these); :func:`blocks_to_markup` writes blocks back as markup that parses
to the same blocks (the GUI editor stores what it shows this way);
:func:`escape_rich_text` protects literal text (an extracted quote) before it is put into
markup; :func:`plain_text` strips the markup.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

__all__ = ["Run", "Block", "parse_rich_text", "parse_inline", "plain_text", "escape_rich_text",
           "blocks_to_markup"]

DISABLED_RULES = ("normalize", "code", "fence", "blockquote", "hr", "reference", "html_block", "heading",
                  "lheading", "backticks", "link", "image", "autolink", "html_inline", "entity")
_INLINE_SPECIAL = re.compile(r"([\\*_])")  # what must be escaped anywhere in a block
_BLOCK_START = re.compile(r"^(?:[-+>#=]|(\d{1,9})([.)]))")  # what would start a list (or heading)
_BREAKS = {"softbreak", "hardbreak"}


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


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).disable(list(DISABLED_RULES))


# ---------------------------------------------------------------- reading

def parse_rich_text(source: str) -> list[Block]:
    """Parse note markup into paragraphs and bullets, each a list of styled runs."""
    text = (source or "").replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[Block] = []
    lists: list[list] = []  # open lists: [kind, last number, ordered marker]
    item_open = False  # the next paragraph is the first of a list item
    for token in _parser().parse(text):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrGet("start") or 1) if kind == "ordered_list_open" else 1
            lists.append([kind, start - 1, token.markup])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            lists[-1][1] += 1
            lists[-1][2] = token.markup
            item_open = True
        elif kind == "list_item_close":
            item_open = False
        elif kind == "inline":
            runs = _runs(token.children or [])
            if item_open and lists[-1][0] == "ordered_list_open":
                runs = _merge([Run(f"{lists[-1][1]}{lists[-1][2]} ")] + runs)
                blocks.append(Block("paragraph", runs))
            elif item_open:
                blocks.append(Block("bullet", runs))
            elif runs:
                blocks.append(Block("paragraph", runs))
            item_open = False
    return [block for block in blocks if block.runs]


def parse_inline(text: str) -> list[Run]:
    """Styled runs of one line of markup (adjacent runs of one style merged)."""
    tokens = _parser().parseInline(text.replace("\r\n", " ").replace("\n", " ").replace("\r", " "))
    return _runs(tokens[0].children or []) if tokens else []


def _runs(children: list[Token]) -> list[Run]:
    runs: list[Run] = []
    bold = italic = 0
    for child in children:
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind in _BREAKS:
            runs.append(Run(" ", bold > 0, italic > 0))
        elif child.content:
            runs.append(Run(child.content, bold > 0, italic > 0))
    return _merge(runs)


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


def plain_text(source: str) -> str:
    """The text without markup: blocks joined by blank lines, bullets kept as ``- ``."""
    return "\n\n".join(("- " if block.kind == "bullet" else "") + block.text
                       for block in parse_rich_text(source))


# ---------------------------------------------------------------- writing

def escape_rich_text(text: str) -> str:
    """Literal text as markup: every line parses back to itself, with no styling."""
    return "\n".join(_escape_block(line.strip()) if line.strip() else "" for line in text.split("\n"))


def _escape_inline(text: str) -> str:
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def _escape_block(text: str) -> str:
    """Escaped ``text`` that cannot start a list, heading or quote at the start of a block."""
    escaped = _escape_inline(text)
    match = _BLOCK_START.match(escaped)
    if match is None:
        return escaped
    if match.group(1):  # "2." / "2)" -> "2\." / "2\)"
        return f"{match.group(1)}\\{match.group(2)}{escaped[match.end():]}"
    return "\\" + escaped


def blocks_to_markup(blocks: list[Block]) -> str:
    """Markup that :func:`parse_rich_text` reads back as ``blocks``.

    Runs are normalised first (line separators become spaces, whitespace at the ends of
    a block is dropped, empty blocks vanish); a block whose styling CommonMark cannot
    express exactly (a bold run glued between punctuation and a letter) is written with
    its text unstyled, so the words always survive."""
    parts: list[tuple[str, str]] = []
    for block in blocks:
        runs = _tidy(block.runs)
        if not runs:
            continue
        line = _styled_line(runs)
        wanted = Block(block.kind, runs)
        if _parse_block(line, block.kind) != wanted:
            line = _escape_block("".join(run.text for run in runs))
        parts.append((block.kind, f"- {line}" if block.kind == "bullet" else line))
    out = ""
    for number, (kind, line) in enumerate(parts):
        if number:
            out += "\n" if kind == "bullet" and parts[number - 1][0] == "bullet" else "\n\n"
        out += line
    return out


def _tidy(runs: list[Run]) -> list[Run]:
    """Runs with line breaks as spaces, whitespace never styled, the block's ends trimmed."""
    cleaned = []
    for run in runs:
        text = run.text.replace("\u2028", " ").replace("\u2029", " ").replace("\n", " ").replace("\ufffc", "")
        cleaned.append(Run(text, run.bold, run.italic))
    merged = _unstyled_edges(cleaned)
    if merged:
        merged[0] = replace(merged[0], text=merged[0].text.lstrip())
        merged[-1] = replace(merged[-1], text=merged[-1].text.rstrip())
    return _merge(merged)


def _unstyled_edges(runs: list[Run]) -> list[Run]:
    """The same text with the whitespace at the edges of each styled run unstyled
    (invisible either way, and CommonMark cannot put a delimiter next to a space)."""
    out: list[Run] = []
    for run in runs:
        if not (run.bold or run.italic):
            out.append(run)
            continue
        core = run.text.strip()
        lead = run.text[: len(run.text) - len(run.text.lstrip())]
        trail = run.text[len(run.text.rstrip()):] if core else ""
        out += [Run(lead), Run(core, run.bold, run.italic), Run(trail)]
    return _merge(out)


def _styled_line(runs: list[Run]) -> str:
    """Runs as one line of escaped text with ``*`` delimiters; whitespace stays outside them."""
    pieces: list[str] = []
    for number, run in enumerate(runs):
        text = _escape_inline(run.text)
        if number == 0:
            text = _escape_block(run.text)
        marks = ("**" if run.bold else "") + ("*" if run.italic else "")
        if not marks:
            pieces.append(text)
            continue
        core = text.strip()
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        pieces.append(f"{lead}{marks}{core}{marks[::-1]}{trail}")
    return "".join(pieces)


def _parse_block(line: str, kind: str) -> Block | None:
    blocks = parse_rich_text(f"- {line}" if kind == "bullet" else line)
    return Block(kind, _unstyled_edges(blocks[0].runs)) if len(blocks) == 1 else None
