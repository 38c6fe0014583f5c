"""A PDF table of very many rows, given to reportlab a page of rows at a time.

A table cell of megabytes of text is cut into continuation rows (the PDF writer's
``_continued_rows``): thousands of rows in one table. reportlab lays a table out again
from its first remaining row at every page break: it measures every remaining row, and
copies and re-indexes every row and style command into the part after the break. That is
pages x rows of work, 10 s for 2 MB in one cell. :class:`RowWindows` stands in the story
for such a table. Its rows are measured once, in blocks (:meth:`TableRows.heights`), and
at each page break reportlab is given a table of the header and just enough of the
remaining rows to fill the page (a window), which it splits as it would split the whole:
the same split, the same rows on each page. A window after the first is made as reportlab
makes the part after a break (it splits a window starting one row earlier after that row),
so its header, grid and padding are drawn as before.

Only the shapes of style commands the PDF writer gives a table with continuation rows are
known here: a command for every row (``(0, 0)``-``(-1, -1)`` or ``(0, 0)``-``(-2, -1)``),
for the header row, or for one body row.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.platypus import Flowable, TableStyle
from reportlab.platypus import Table as RLTable

__all__ = ["TableRows", "RowWindows"]

MEASURED_TOGETHER = 128  # body rows measured in one table (reportlab's measuring is quadratic)
FAR = 1e12  # an available height no table reaches


@dataclass
class TableRows:
    """A table's cells (header row first), column widths and style commands."""

    data: list[list[Any]]
    widths: list[float]
    commands: list[tuple]
    _fixed: list[tuple[int, tuple]] = field(default_factory=list, init=False)
    _by_row: dict[int, list[tuple[int, tuple]]] = field(default_factory=dict, init=False)
    _heights: list[float] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        for order, command in enumerate(self.commands):
            (_, r0), (_, r1) = command[1:3]
            if (r0, r1) in ((0, -1), (0, 0)):
                self._fixed.append((order, command))
            elif r0 == r1 and r0 >= 1:
                self._by_row.setdefault(r0, []).append((order, command))
            else:
                raise ValueError(f"style command not known to RowWindows: {command!r}")

    @property
    def rows(self) -> int:
        """Rows, the header included."""
        return len(self.data)

    def table(self, first: int, end: int) -> RLTable:
        """The header and body rows ``first`` to ``end - 1`` as one table, each row styled as
        in the whole table (row heights given once they are known)."""
        picked = sorted(self._fixed + [(order, (name, (c0, r - first + 1), (c1, r - first + 1), *rest))
                                       for r in range(first, end)
                                       for order, (name, (c0, _), (c1, _), *rest) in self._by_row.get(r, [])])
        heights = None if self._heights is None else [self._heights[0], *self._heights[first:end]]
        table = RLTable([self.data[0], *self.data[first:end]], colWidths=self.widths, rowHeights=heights,
                        repeatRows=1, splitByRow=1, hAlign="LEFT")
        table.setStyle(TableStyle([command for _, command in picked]))
        return table

    def heights(self) -> list[float]:
        """Each row's height (header first), measured by reportlab a block of rows at a time."""
        if self._heights is None:
            heights: list[float] = []
            for first in range(1, self.rows, MEASURED_TOGETHER):
                block = self.table(first, min(self.rows, first + MEASURED_TOGETHER))
                block.wrap(sum(self.widths), FAR)
                heights = heights or block._rowHeights[:1]
                heights += block._rowHeights[1:]
            self._heights = heights or [0.0]
        return self._heights


class RowWindows(Flowable):
    """Stands in the story for the table of ``rows`` from body row ``start`` on: never
    placed itself, it splits into the table reportlab places on this page and the
    :class:`RowWindows` of the rows after it."""

    def __init__(self, rows: TableRows, start: int = 1) -> None:
        super().__init__()
        self.rows, self.start = rows, start
        self.hAlign = "LEFT"

    def first_rows_height(self, count: int = 2) -> float:
        """Height of the header and the first body rows, ``count`` rows in all."""
        heights = self.rows.heights()
        return heights[0] + sum(heights[self.start:self.start + count - 1])

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = sum(self.rows.widths)
        return self.width, availHeight + 1  # never fits: split() gives the table to place

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        window = self._window(availHeight)
        parts = window.split(availWidth, availHeight)
        if len(parts) != 2:
            return parts  # [] (no row fits here) or [window] (the rest fits)
        placed = len(parts[0]._cellvalues) - 1
        return [parts[0], RowWindows(self.rows, self.start + placed)]

    def _window(self, height: float) -> RLTable:
        """The header and enough rows from ``start`` on to overfill ``height`` (or all)."""
        heights = self.rows.heights()
        end, used = self.start, heights[0]
        while end < len(heights) and (end == self.start or used <= height):
            used += heights[end]
            end += 1
        if self.start == 1:
            return self.rows.table(1, end)
        earlier = self.rows.table(self.start - 1, end)  # the part after a break, as reportlab makes it
        _, after = earlier.split(sum(self.rows.widths), heights[0] + heights[self.start - 1])
        return after

    def draw(self) -> None:  # not reached: wrap() never lets it be placed
        raise AssertionError("RowWindows is split, never drawn")
