"""HTML markup tamed before parsing: nothing that costs more than linear time, no text lost.

libxml2 (under lxml and trafilatura) compares each attribute of an element with the
ones before it, so one element with 300,000 attributes takes minutes, and it stops
building the tree at 256 levels of nesting, silently leaving out the text below.
:func:`tame_markup` reads the tags once, in one pass, and

- drops every attribute of an element that has more than ``MAX_HTML_ATTRIBUTES`` (the
  element and its text stay);
- drops the tags (not the text) of elements nested deeper than ``MAX_HTML_DEPTH``, so
  the text inside is parsed at that depth.

It works on ``bytes`` or ``str`` and returns the markup unchanged (the same object) when
there is nothing to tame. The tag scan is approximate where HTML is (implied end tags),
which is enough to measure depth and to find attribute lists.
"""
from __future__ import annotations

import re
from typing import AnyStr

from briefing.ingest.limits import MAX_HTML_ATTRIBUTES, MAX_HTML_DEPTH

__all__ = ["tame_markup", "visible_text_length"]

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "keygen", "command", "basefont", "frame", "isindex"}
SELF_ENDING = {"p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody",
               "tfoot", "colgroup", "rp", "rt"}  # opening one ends an open one of its kind
RAW_TEXT = {"script", "style", "textarea", "title", "xmp", "noembed", "noframes"}
CLOSE_LOOKBACK = 64  # open elements searched for the one a closing tag ends

_PATTERNS: dict[type, dict[str, re.Pattern]] = {}


def _patterns(kind: type) -> dict[str, re.Pattern]:
    if kind not in _PATTERNS:
        def c(pattern: str, flags: int = 0) -> re.Pattern:
            return re.compile(pattern.encode() if kind is bytes else pattern, flags)

        _PATTERNS[kind] = {
            # [^<>]* never runs past the next tag, so a run of unclosed "<a" stays linear
            "tag": c(r"<(/?)([A-Za-z][A-Za-z0-9:_-]*)([^<>]*)>"),
            "attribute": c(r"""[^\s=/"'<>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))?"""),
            "text": c(r"<[^<>]*>"),
        }
    return _PATTERNS[kind]


def tame_markup(markup: AnyStr) -> tuple[AnyStr, list[str]]:
    """``(markup, warnings)``: ``markup`` with over-long attribute lists and over-deep
    tags removed (see the module docstring); a warning says what was changed."""
    kind = type(markup)
    pats = _patterns(kind)
    empty = markup[:0]
    edits: list[tuple[int, int, AnyStr]] = []  # (start, end, replacement)
    stack: list[tuple[str, bool]] = []  # open elements: (name, tag dropped)
    stripped = flattened = deepest = 0
    pos = 0
    while True:
        m = pats["tag"].search(markup, pos)
        if m is None:
            break
        pos = m.end()
        closing, raw_name, attrs = m.group(1), m.group(2), m.group(3)
        name = raw_name.decode("ascii", "replace").lower() if kind is bytes else raw_name.lower()
        if closing:
            for i in range(len(stack) - 1, max(-1, len(stack) - 1 - CLOSE_LOOKBACK), -1):
                if stack[i][0] == name:
                    if stack[i][1]:
                        edits.append((m.start(), m.end(), empty))
                    del stack[i:]
                    break
            continue
        self_closing = attrs.rstrip().endswith(b"/" if kind is bytes else "/")
        if len(attrs) > 2 * MAX_HTML_ATTRIBUTES and \
                _count(pats["attribute"], attrs, MAX_HTML_ATTRIBUTES) > MAX_HTML_ATTRIBUTES:
            edits.append((m.start(), m.end(), markup[m.start():m.start() + 1 + len(raw_name)]
                          + (markup[m.end() - 2:m.end()] if self_closing else markup[m.end() - 1:m.end()])))
            stripped += 1
        if name in RAW_TEXT and not self_closing:  # its content is text, not tags
            end = re.compile((r"</" + name + r"\s*>").encode() if kind is bytes else r"</" + name + r"\s*>",
                             re.IGNORECASE).search(markup, pos)
            pos = end.end() if end else len(markup)
            continue
        if name in VOID or self_closing:
            continue
        if name in SELF_ENDING and stack and stack[-1][0] == name:
            stack.pop()
        drop = len(stack) >= MAX_HTML_DEPTH
        if drop:
            if edits and edits[-1][0] == m.start():  # its attributes were already stripped
                edits.pop()
            edits.append((m.start(), m.end(), empty))
            flattened += 1
        stack.append((name, drop))
        deepest = max(deepest, len(stack))
    if not edits:
        return markup, []
    out, last = [], 0
    for start, end, replacement in edits:
        out += [markup[last:start], replacement]
        last = end
    out.append(markup[last:])
    warnings = []
    if stripped:
        warnings.append(f"{stripped:,} element(s) with more than {MAX_HTML_ATTRIBUTES:,} attributes: "
                        "attributes left out")
    if flattened:
        warnings.append(f"markup nested {deepest:,} levels deep: tags below level {MAX_HTML_DEPTH} "
                        "left out, their text kept")
    return empty.join(out), warnings


def _count(pattern: re.Pattern, text: AnyStr, stop: int) -> int:
    """Matches of ``pattern`` in ``text``, counting no further than ``stop`` + 1."""
    n = 0
    for n, _ in enumerate(pattern.finditer(text), 1):
        if n > stop:
            break
    return n


def visible_text_length(markup: AnyStr) -> int:
    """About how many characters of text ``markup`` holds outside its tags (an upper
    bound: script and style text counts too)."""
    text = _patterns(type(markup))["text"].sub(markup[:0], markup)
    spaces = [b" ", b"\t", b"\r", b"\n", b"\f"] if isinstance(text, bytes) else [" ", "\t", "\r", "\n", "\f"]
    return len(text) - sum(text.count(c) for c in spaces)
