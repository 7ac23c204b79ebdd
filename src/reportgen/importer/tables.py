"""The three tables: a grid → the model's table data, each figure placed by its row and column labels.

The labels come from the models (every field's title is the label the format prints), so the
import knows exactly the rows and columns `render` prints. A figure is placed only where its row
and its column are both recognised and the cell is its own: a cell merged with the row above, or
spanning two columns, a row or column not found, a text that is no figure — each is a warning
naming the place, and the cell is left blank (null). Nothing is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from reportgen.errors import Problem
from reportgen.i18n import t
from reportgen.importer.document import Cell, Table
from reportgen.importer.labels import core, figure, same_label
from reportgen.input.model.cells import Row
from reportgen.input.model.national_2021 import Applicants, Outcomes, TableC


def name(kind: str) -> str:
    return {"A": t("表一"), "B": t("表二"), "C": t("表三")}[kind]


def classify(table: Table) -> str:
    """Return "A", "B" or "C" for a table of the format, or "" for any other table."""
    words = {core(cell.text) for row in table.rows for cell in row if cell is not None}
    if "申请人情况" in words or "本年新收政府信息公开申请数量" in words:
        return "B"
    if "行政复议" in words and ("行政诉讼" in words or "复议后起诉" in words):
        return "C"
    if any(word.startswith("第二十条") for word in words) or {"规章", "行政许可"} <= words:
        return "A"
    return ""


FORMAT_WORDS = {
    "national-2021": {"本年制发件数", "本年废止件数", "现行有效件数"},
    "national-2019": {"本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "采购项目数量"},
}


def format_of(table: Table) -> str | None:
    """Return the format Table A's column labels belong to, or None when they say nothing."""
    words = {core(cell.text) for row in table.rows for cell in row if cell is not None}
    for report_format, marks in FORMAT_WORDS.items():
        if words & marks:
            return report_format
    return None


@dataclass(frozen=True)
class Column:
    field: str
    title: str
    signed: bool = False
    decimal: bool = False


def columns(model: type[BaseModel]) -> list[Column]:
    """Return the cells of a row model (or of a scalar table entry) with how each is read."""
    return [_column(field, info) for field, info in model.model_fields.items()]


def _column(field: str, info: Any) -> Column:
    kind = str(info.annotation)
    return Column(field, info.title or field, signed=field == "change", decimal="Decimal" in kind)


class Reader:
    """Reads figures out of one table, collecting a warning for each cell it cannot place."""

    def __init__(self, table: Table, kind: str, warnings: list[Problem]) -> None:
        self.table, self.kind, self.warnings = table, kind, warnings

    def warn(
        self, message: str, row: str = "", column: str = "", r: int | None = None, c: int | None = None
    ) -> None:
        table = name(self.kind)
        if r is not None and c is not None:
            where = t(
                "{table}“{row}”行“{column}”列（{where}第 {r} 行第 {c} 列）",
                table=table, row=row, column=column, where=self.table.where, r=r + 1, c=c + 1,
            )  # fmt: skip
        elif r is not None:
            where = t(
                "{table}“{row}”行（{where}第 {r} 行）", table=table, row=row, where=self.table.where, r=r + 1
            )
        elif row:
            where = t("{table}“{row}”行", table=table, row=row)
        elif column:
            where = t("{table}“{column}”列", table=table, column=column)
        else:
            where = t("{table}（{where}）", table=table, where=self.table.where)
        self.warnings.append(Problem(where, message))

    def value(self, cell: Cell | None, r: int, c: int, row: str, column: Column) -> Any:
        """Return the figure of `cell` read as `column` (None for a blank), or None with a warning."""
        if cell is None:
            self.warn(t("表中没有这一格，留空（null）"), row, column.title, r, c)
            return None
        if not cell.text.strip():
            return None
        if cell.row != r:
            self.warn(
                t("与上方第 {row} 行的单元格合并，不能确定数字属于哪一行，留空（null）", row=cell.row + 1),
                row, column.title, r, c,
            )  # fmt: skip
            return None
        read = figure(cell.text, signed=column.signed, decimal=column.decimal)
        if not read.ok:
            self.warn(t("“{text}”不是数字，留空（null）", text=cell.text), row, column.title, r, c)
            return None
        if isinstance(read.value, Decimal):
            return float(read.value)
        return read.value

    def cells(self, r: int) -> list[tuple[Cell, int]]:
        """Return the distinct cells of grid row r with the first column each covers, in order."""
        seen: dict[int, tuple[Cell, int]] = {}
        for c, cell in enumerate(self.table.rows[r]):
            if cell is not None and id(cell) not in seen:
                seen[id(cell)] = (cell, c)
        return list(seen.values())


# -- Table A: one row of labels per entry, values after the label, columns named by 信息内容 rows --


def table_a(table: Table, model: type[BaseModel], warnings: list[Problem]) -> dict[str, Any]:
    """Return Table A's data in the model's shape (rows as arrays, a scalar entry as a number)."""
    reader = Reader(table, "A", warnings)
    entries = {field: info for field, info in model.model_fields.items()}
    out: dict[str, Any] = {}
    header: int | None = None
    for r in range(len(table.rows)):
        cells = reader.cells(r)
        if not cells:
            continue
        label = cells[0][0].text
        if core(label) == "信息内容":
            header = r
            continue
        field = next((f for f, info in entries.items() if same_label(label, info.title or f)), None)
        if field is None:
            if core(label) and not core(label).startswith("第二十条"):
                reader.warn(t("不认识这一行，没有导入"), label, r=r)
            continue
        title = entries[field].title or field
        if field in out:
            reader.warn(t("这一行出现了不止一次，只取第一次"), title, r=r)
            continue
        row_model = _row_model(entries[field].annotation)
        wanted = columns(row_model) if row_model else [_column(field, entries[field])]
        placed = _place(reader, cells[1:], wanted, header, r, title)
        out[field] = [placed[col.field] for col in wanted] if row_model else placed[field]
    for field, info in entries.items():
        if field not in out:
            reader.warn(t("表中找不到这一行，留空（null）"), info.title or field)
            blank_row = _row_model(info.annotation)
            out[field] = [None] * len(blank_row.model_fields) if blank_row else None
    return {field: out[field] for field in entries}


def _row_model(annotation: Any) -> type[Row] | None:
    """Return the row model of a Table A entry, or None for an entry of one figure."""
    return annotation if isinstance(annotation, type) and issubclass(annotation, Row) else None


def _place(
    reader: Reader,
    cells: list[tuple[Cell, int]],
    wanted: list[Column],
    header: int | None,
    r: int,
    title: str,
) -> dict[str, Any]:
    """Return the figures of one Table A row by column: by the header's labels, else in order."""
    by_header: dict[str, tuple[Cell, int]] = {}
    if header is not None:
        for cell, c in cells:
            above = reader.table.cell(header, c)
            column = next(
                (col for col in wanted if above is not None and same_label(above.text, col.title)), None
            )
            if column is not None and column.field not in by_header:
                by_header[column.field] = (cell, c)
    filled = [(cell, c) for cell, c in cells if cell.text.strip()]
    if len(wanted) > 1 and len(by_header) == len(wanted):
        chosen = [by_header[col.field] for col in wanted]
    elif len(cells) == len(wanted):
        chosen = cells
    elif len(filled) == len(wanted):
        chosen = filled
    elif not filled:
        return {col.field: None for col in wanted}
    else:
        labels = "、".join(col.title for col in wanted)
        message = t(
            "这一行有 {found} 个数字格，应为 {expected} 个（{labels}），不能确定对应关系，留空（null）",
            found=len(filled), expected=len(wanted), labels=labels,
        )  # fmt: skip
        reader.warn(message, title, r=r)
        return {col.field: None for col in wanted}
    return {
        col.field: reader.value(cell, r, c, title, col) for col, (cell, c) in zip(wanted, chosen, strict=True)
    }


# -- Table C: columns named by two or three header rows, one row of figures ------------------------


def table_c(table: Table, warnings: list[Problem]) -> dict[str, Any]:
    """Return Table C's data: three rows of five figures (行政复议, 未经复议直接起诉, 复议后起诉)."""
    reader = Reader(table, "C", warnings)
    groups = {field: info.title or field for field, info in TableC.model_fields.items()}
    words = {
        "review": "行政复议",
        "litigation_direct": "未经复议直接起诉",
        "litigation_after_review": "复议后起诉",
    }
    leaves = columns(Outcomes)
    headers = {*words.values(), "行政诉讼", *(col.title for col in leaves)}
    body = next(
        (
            r
            for r in range(len(table.rows))
            if not any(same_label(cell.text, h) for cell, _ in reader.cells(r) for h in headers)
        ),
        len(table.rows),
    )
    mapping: dict[tuple[str, str], list[int]] = {}
    for c in range(table.width):
        group = leaf = None
        for r in range(body):
            cell = table.cell(r, c)
            text = cell.text if cell is not None else ""
            group = next((g for g, word in words.items() if same_label(text, word)), group)
            leaf = next((col for col in leaves if same_label(text, col.title)), leaf)
        if group is not None and leaf is not None:
            mapping.setdefault((group, leaf.field), []).append(c)
    rows = [r for r in range(body, len(table.rows)) if any(cell.text.strip() for cell, _ in reader.cells(r))]
    if len(rows) > 1:
        reader.warn(
            t("表三只应有一行数字，第 {rows} 行没有导入", rows="、".join(str(r + 1) for r in rows[1:]))
        )
    out: dict[str, Any] = {}
    for group in groups:
        values: list[Any] = []
        for col in leaves:
            label = f"{groups[group]} › {col.title}"
            found = mapping.get((group, col.field), [])
            if not found:
                reader.warn(t("表中找不到这一列，留空（null）"), column=label)
                values.append(None)
            elif not rows:
                values.append(None)
            else:
                values.append(_one(reader, rows[0], found, label, col, mapping))
        out[group] = values
    if not rows:
        reader.warn(t("表中找不到数字行，留空（null）"))
    return out


def _one(
    reader: Reader, r: int, found: list[int], row: str, column: Column, mapping: dict[Any, list[int]]
) -> Any:
    """Return the figure of one column (maybe several grid columns) in row r: its one own cell."""
    cells = {id(cell): (cell, c) for c in found if (cell := reader.table.cell(r, c)) is not None}
    if not cells:
        return reader.value(None, r, found[0], row, column)
    filled = [(cell, c) for cell, c in cells.values() if cell.text.strip()]
    if len(filled) > 1:
        reader.warn(
            t("这一列有 {count} 个数字格，不能确定用哪一个，留空（null）", count=len(filled)),
            row,
            column.title,
            r,
            found[0],
        )
        return None
    cell, c = filled[0] if filled else next(iter(cells.values()))
    others = [col for cols in mapping.values() if cols is not found for col in cols]
    if cell.text.strip() and any(reader.table.cell(r, other) is cell for other in others):
        reader.warn(t("这个单元格横跨几列，不能确定数字属于哪一列，留空（null）"), row, column.title, r, c)
        return None
    return reader.value(cell, r, c, row, column)


COLUMNS_B = columns(Applicants)
