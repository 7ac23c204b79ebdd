"""The three tables laid out as printed: a grid of label and figure cells, merged cells with their spans.

The labels come from the input model, whose every field title is the exact label the format
prints (reportgen.input.model.national_2021 and national_2019): rows, columns, the block captions
of Table A (第二十条第（X）项, the start of each row's description). What the model does not name
— header cells of the printed table that hold no figure — is in `HEADERS` below, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from reportgen.input.model import NationalReport
from reportgen.input.model.cells import Row
from reportgen.input.model.national_2021 import Applicants, Outcomes

CONTENT = "信息内容"
"""Table A: the first header cell of every block."""
DECISIONS = "本年处理决定数量"
"""Table A (2021): the header of the one-figure rows of （五）（六）项."""
FEES = "本年收费金额（单位：万元）"
"""Table A (2021): the header of 行政事业性收费."""
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
"""Table B: the note in the top-left header block."""
ORGANISATIONS = "法人或其他组织"
"""Table B: the header over the five columns between 自然人 and 总计."""
HEADERS = (CONTENT, DECISIONS, FEES, NOTE, ORGANISATIONS)

Value = str | int | Decimal | None


@dataclass(frozen=True)
class Cell:
    """One cell of the grid (1-based row and column); a figure knows its row and column labels and JSON key."""

    row: int
    column: int
    value: Value
    rows: int = 1
    columns: int = 1
    figure: bool = False
    row_label: str = ""
    column_label: str = ""
    key: str = ""


@dataclass
class Grid:
    """One table: its title (the part's heading, as the format prints it by default) and its cells."""

    title: str
    width: int
    label_columns: int
    """How many columns at the left hold row labels (a spreadsheet makes them wider)."""
    cells: list[Cell] = field(default_factory=list)

    @property
    def height(self) -> int:
        return max((cell.row + cell.rows - 1 for cell in self.cells), default=0)

    @property
    def figures(self) -> list[Cell]:
        return [cell for cell in self.cells if cell.figure]


def grids(report: NationalReport) -> list[Grid]:
    """Return Tables A, B and C of a national report, laid out as printed."""
    fields = type(report).model_fields
    return [
        table_a(report.proactive.table, fields["proactive"].title or ""),
        table_b(report.applications.table, fields["applications"].title or ""),
        table_c(report.reviews.table, fields["reviews"].title or ""),
    ]


def _title(model: Any, name: str) -> str:
    """Return the printed label of field `name` of a model class or instance."""
    cls: type[BaseModel] = model if isinstance(model, type) else type(model)
    return cls.model_fields[name].title or name


# -- Table A: blocks of a caption row, a header row and data rows, in a 4-column grid --------------


def table_a(table: BaseModel, title: str) -> Grid:
    """Return Table A: its fields grouped into blocks by the caption their descriptions begin with."""
    grid = Grid(title, 4, 1)
    blocks: dict[str, list[str]] = {}
    for name, info in type(table).model_fields.items():
        caption = (info.description or "").partition("：")[0]
        blocks.setdefault(caption, []).append(name)
    row = 1
    for caption, names in blocks.items():
        grid.cells.append(Cell(row, 1, caption, columns=4))
        first = getattr(table, names[0])
        headers = [_title(first, n) for n in type(first).model_fields] if isinstance(first, Row) else []
        description = type(table).model_fields[names[0]].description or ""
        headers = headers or [FEES if FEES in description else DECISIONS]
        _spread(grid, row + 1, [CONTENT, *headers], figure=False)
        for offset, name in enumerate(names, 2):
            value = getattr(table, name)
            label = _title(table, name)
            if isinstance(value, Row):
                cells = [
                    (getattr(value, n), _title(value, n), f"proactive.table.{name}.{n}")
                    for n in type(value).model_fields
                ]
            else:
                cells = [(value, headers[0], f"proactive.table.{name}")]
            grid.cells.append(Cell(row + offset, 1, label))
            _figures(grid, row + offset, 2, cells, label, span_last=4)
        row += len(names) + 2
    return grid


def _spread(grid: Grid, row: int, texts: list[str], *, figure: bool) -> None:
    """Put label cells in a row of the 4-column grid; the last spans what remains."""
    for index, text in enumerate(texts):
        columns = grid.width - index if index == len(texts) - 1 else 1
        grid.cells.append(Cell(row, 1 + index, text, columns=columns, figure=figure))


def _figures(
    grid: Grid, row: int, column: int, cells: list[tuple[Any, str, str]], row_label: str, span_last: int = 0
) -> None:
    """Put figure cells from `column` on; with `span_last`, the last spans to that column."""
    for index, (value, column_label, key) in enumerate(cells):
        at = column + index
        columns = span_last - at + 1 if span_last and index == len(cells) - 1 else 1
        grid.cells.append(
            Cell(
                row,
                at,
                value,
                columns=columns,
                figure=True,
                row_label=row_label,
                column_label=column_label,
                key=key,
            )
        )


# -- Table B: 3 label columns (三、, the group, the row) and the 7 applicant columns ----------------


def table_b(table: BaseModel, title: str) -> Grid:
    """Return Table B with its three header rows; （六）其他处理 as the input gives it (sub-rows or one row)."""
    grid = Grid(title, 10, 3)
    columns = list(Applicants.model_fields)
    labels = [_title(Applicants, name) for name in columns]
    grid.cells += [
        Cell(1, 1, NOTE, rows=3, columns=3),
        Cell(1, 4, Applicants.model_config.get("title", ""), columns=7),
        Cell(2, 4, labels[0], rows=2),
        Cell(2, 5, ORGANISATIONS, columns=5),
        Cell(2, 10, labels[-1], rows=2),
        *(Cell(3, 5 + i, label) for i, label in enumerate(labels[1:-1])),
    ]
    row = 4

    def data(values: BaseModel, label: str, key: str) -> None:
        cells = [(getattr(values, c), labels[i], f"{key}.{c}") for i, c in enumerate(columns)]
        _figures(grid, row, 4, cells, label)

    results_title = _title(table, "results")
    for name in type(table).model_fields:
        value = getattr(table, name)
        if isinstance(value, Row):
            grid.cells.append(Cell(row, 1, _title(table, name), columns=3))
            data(value, _title(table, name), f"applications.table.{name}")
            row += 1
            continue
        start = row
        for group in type(value).model_fields:
            rows = getattr(value, group)
            group_title = _title(value, group)
            key = f"applications.table.{name}.{group}"
            if isinstance(rows, Row):
                grid.cells.append(Cell(row, 2, group_title, columns=2))
                data(rows, f"{results_title} › {group_title}", key)
                row += 1
                continue
            sub_rows = list(type(rows).model_fields)
            grid.cells.append(Cell(row, 2, group_title, rows=len(sub_rows)))
            for sub in sub_rows:
                sub_title = _title(rows, sub)
                grid.cells.append(Cell(row, 3, sub_title))
                data(getattr(rows, sub), f"{results_title} › {group_title} › {sub_title}", f"{key}.{sub}")
                row += 1
        grid.cells.append(Cell(start, 1, results_title, rows=row - start))
    return grid


# -- Table C: 行政复议 and 行政诉讼's two groups, five outcome columns each --------------------------


def table_c(table: BaseModel, title: str) -> Grid:
    """Return Table C: three header rows and one row of 15 figures."""
    grid = Grid(title, 15, 0)
    outcomes = list(Outcomes.model_fields)
    labels = [_title(Outcomes, name) for name in outcomes]
    spans: dict[str, list[int]] = {}  # top header → its first column and width
    for index, name in enumerate(type(table).model_fields):
        column = 1 + 5 * index
        group_title = _title(table, name)
        top, _, sub = group_title.partition(" › ")
        spans.setdefault(top, [column, 0])[1] += 5
        if sub:
            grid.cells.append(Cell(2, column, sub, columns=5))
            grid.cells += [Cell(3, column + i, label) for i, label in enumerate(labels)]
        else:
            grid.cells += [Cell(2, column + i, label, rows=2) for i, label in enumerate(labels)]
        group = getattr(table, name)
        cells = [(getattr(group, o), labels[i], f"reviews.table.{name}.{o}") for i, o in enumerate(outcomes)]
        _figures(grid, 4, column, cells, group_title)
    grid.cells += [Cell(1, column, top, columns=width) for top, (column, width) in spans.items()]
    grid.cells.sort(key=lambda cell: (cell.row, cell.column))
    return grid


__all__ = ["HEADERS", "Cell", "Grid", "grids"]
