"""Tables A, B and C summed cell by cell over the units of a compiled report.

A cell blank (null) in every unit stays blank; a cell blank in some units and a figure in others
is the sum of the figures, and each unit whose blank was counted as 0 gets a warning naming the
row and its blank cells. Table B's （六）其他处理, given as sub-rows by some units and as one row by
others, is summed as one row (each unit's sub-rows added up first), with a warning.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from reportgen.errors import Problem, Result
from reportgen.i18n import t
from reportgen.input.model import NationalReport
from reportgen.input.model.cells import Row
from reportgen.input.model.national_2021 import OtherHandling, OtherHandlingRow

TABLES = ("proactive", "applications", "reviews")
"""The parts of a national report that hold Tables A, B and C, in printed order."""

Cell = int | Decimal | None


def sum_tables(units: list[tuple[Path, NationalReport]]) -> Result[dict[str, Any]]:
    """Return each table part's summed table as JSON data (`{"proactive": {...}, ...}`), with warnings.

    Rows are written as arrays in printed order, as `reportgen new` writes them.
    """
    files = [path for path, _ in units]
    warnings: list[Problem] = []
    out = {}
    for part in TABLES:
        tables = [getattr(report, part).table for _, report in units]
        title = type(units[0][1]).model_fields[part].title or part
        out[part] = _sum_model(tables, files, f"$.{part}.table", title, warnings)
    return Result(out, warnings)


def _sum_model(
    models: list[BaseModel], files: list[Path], where: str, label: str, warnings: list[Problem]
) -> Any:
    """Return the sum of models of one type (a table, a group of rows, a row) as JSON data."""
    if isinstance(models[0], Row):
        return _sum_row(models, files, where, label, warnings)
    out: dict[str, Any] = {}
    for name, info in type(models[0]).model_fields.items():
        values = [getattr(model, name) for model in models]
        inner, title = f"{where}.{name}", f"{label} › {info.title}"
        if any(isinstance(value, BaseModel) for value in values):
            mixed = (
                len({type(value) for value in values}) > 1
            )  # （六）: sub-rows in some units, one row in others
            if mixed:
                values = [_one_row(value) for value in values]
                warnings.append(
                    Problem(inner, t("{title}：有的单位分子行、有的不分，汇总为一行", title=title))
                )
            out[name] = _sum_model(values, files, inner, title, warnings)
        else:
            total, blanks = _sum_cells(values)
            warnings += [_blank_warning(files[i], inner, title) for i in blanks]
            out[name] = _json_number(total)
    return out


def _sum_row(
    rows: list[BaseModel], files: list[Path], where: str, label: str, warnings: list[Problem]
) -> list[Any]:
    """Return a summed row as an array in printed order; one warning per unit per row for blanks counted as 0."""
    blanks: dict[int, list[str]] = {}
    out = []
    for name, info in type(rows[0]).model_fields.items():
        total, blank_units = _sum_cells([getattr(row, name) for row in rows])
        for index in blank_units:
            blanks.setdefault(index, []).append(info.title or name)
        out.append(_json_number(total))
    for index in sorted(blanks):
        warnings.append(_blank_warning(files[index], where, f"{label} › {'、'.join(blanks[index])}"))
    return out


def _sum_cells(values: list[Cell]) -> tuple[Cell, list[int]]:
    """Return the sum of one cell over the units (None when blank in all) and the units blank beside figures."""
    figures = [value for value in values if value is not None]
    if not figures:
        return None, []
    total: int | Decimal = sum(figures[1:], figures[0])
    return total, [index for index, value in enumerate(values) if value is None]


def _blank_warning(file: Path, where: str, cells: str) -> Problem:
    return Problem(where, t("此处空白，按 0 计入汇总（其他单位有数字）：{cells}", cells=cells), file)


def _one_row(value: BaseModel) -> BaseModel:
    """Return （六）其他处理 as one row: a unit's three sub-rows added up column by column."""
    if not isinstance(value, OtherHandling):
        return value
    rows = [getattr(value, name) for name in OtherHandling.model_fields]
    cells = {}
    for column in OtherHandlingRow.model_fields:
        total, _ = _sum_cells([getattr(row, column) for row in rows])
        cells[column] = total
    return OtherHandlingRow.model_validate(cells)


def _json_number(value: Cell) -> int | float | None:
    """Return a summed cell as JSON writes it: an amount in 万元 as a decimal number, a whole one as an integer."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


__all__ = ["TABLES", "sum_tables"]
