"""The neutral form both readers produce: paragraphs with layout hints, tables as grids of cells.

A .docx and a web page say the same things in different ways (a style named "heading 1", an <h2>;
a vMerge, a rowspan). Each reader turns its file into a `Document`; the matcher (prose.py,
tables.py) reads only this, so it is written once for both kinds of file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

GRID_CELLS = 100_000
"""The most grid positions one table may expand to (Table B has 28 × 10): more is a hostile span."""


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of body text, whitespace at both ends removed."""

    text: str
    where: str
    """Where it is in the file, for messages ("第 12 段")."""
    lead: str = ""
    """The emphasised text it begins with (bold, or a heading's character style): a run-in title."""
    role: str = ""
    """What its style says it is: "title", "heading", "signature", "caption", or "" (body text)."""
    align: str = ""
    """"center" or "right" when set so, else ""."""
    pictures: int = 0
    """How many pictures it holds."""


@dataclass(eq=False)
class Cell:
    """One cell of a table as written: a merged cell is one Cell at every grid position it covers."""

    text: str
    row: int
    """The grid row (0-based) where the cell begins."""
    column: int
    """The grid column (0-based) where the cell begins."""


@dataclass
class Table:
    """A table as a grid: `rows[r][c]` is the cell covering row r, column c (None where no cell is)."""

    rows: list[list[Cell | None]]
    where: str
    """Where it is in the file, for messages ("第 2 个表格")."""

    def cell(self, row: int, column: int) -> Cell | None:
        """Return the cell at (row, column), or None outside the grid or where no cell is."""
        if 0 <= row < len(self.rows) and 0 <= column < len(self.rows[row]):
            return self.rows[row][column]
        return None

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)


@dataclass
class Document:
    """A report as read: its blocks in order, and what kind of file it came from."""

    blocks: list[Paragraph | Table] = field(default_factory=list)
    web: bool = False
    """True for a web page: text around the report (menus, footers) is expected and left out."""
    page_title: str = ""
    """The web page's <title>, used when no title line is found in the text."""


def grid(rows: list[list[tuple[Cell, int, int]]], limit: int) -> list[list[Cell | None]]:
    """Return the grid of rows given as (cell, rowspan, colspan) in reading order (HTML's table model).

    A cell takes the first free column of its row; spans reaching past the last row are cut there.
    Return [] when the grid would have more than `limit` positions.
    """
    taken: dict[tuple[int, int], Cell] = {}
    height = len(rows)
    for r, cells in enumerate(rows):
        column = 0
        for cell, rowspan, colspan in cells:
            while (r, column) in taken:
                column += 1
            cell.row, cell.column = r, column
            for dr in range(min(rowspan, height - r)):
                for dc in range(colspan):
                    taken[(r + dr, column + dc)] = cell
            column += colspan
    width = max((c for _, c in taken), default=-1) + 1
    if width * height > limit:
        return []
    return [[taken.get((r, c)) for c in range(width)] for r in range(height)]
