"""Arithmetic the national-2021 and national-2019 tables must satisfy, blank cells, and acknowledged failures.

Each check has a stable id (printed in square brackets) so that a user reproducing a published
report that does not add up can acknowledge exactly that check in the input; it is then a warning.
An acknowledged id ending in `*` covers every check whose id begins with what precedes it.
A blank cell counts as 0 and shows as “空” in the messages (it was not printed as 0).
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from reportgen.errors import Problem
from reportgen.i18n import t
from reportgen.input.model import national_2019
from reportgen.input.model.common import unwrap
from reportgen.input.model.national_2019 import National2019Report
from reportgen.input.model.national_2021 import (
    Acknowledgement,
    Applicants,
    National2021Report,
    NationalReport,
    Outcomes,
    TableB,
    TableC,
)

TABLE_A = "二、主动公开政府信息情况"
TABLE_B = "三、收到和处理政府信息公开申请情况"
TABLE_C = "四、政府信息公开行政复议、行政诉讼情况"


@dataclass(frozen=True)
class Failure:
    """A failed check: its id, where (table › row/column), and the numbers that disagree."""

    check: str
    where: str
    detail: str

    def problem(self) -> Problem:
        return Problem(self.where, f"{self.detail} [{self.check}]")


def run_checks(report: BaseModel) -> tuple[list[Problem], list[Problem]]:
    """Return (errors, warnings) of the report's arithmetic; formats without tables have none."""
    if not isinstance(report, NationalReport):
        return [], []
    failures = [*_table_a(report), *_table_b(report.applications.table), *_table_c(report)]
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for failure in failures:
        ack = _acknowledgement(failure.check, report.acknowledged)
        if ack is None:
            errors.append(failure.problem())
        else:
            detail = failure.problem().message
            warnings.append(
                Problem(failure.where, t("{detail}（已确认：{reason}）", detail=detail, reason=ack.reason))
            )
    known = all_check_ids(type(report))
    for index, ack in enumerate(report.acknowledged):
        where, pattern = f"$.acknowledged[{index}].check（检查）", ack.check.endswith("*")
        if not any(_covers(ack.check, check) for check in known):
            if pattern:
                errors.append(Problem(where, t("没有编号以 {prefix} 开头的检查", prefix=ack.check[:-1])))
            else:
                errors.append(Problem(where, t("没有编号为 {check} 的检查", check=ack.check)))
        elif not any(_covers(ack.check, f.check) for f in failures):
            if pattern:
                warnings.append(
                    Problem(where, t("没有失败的检查符合 {check}，可以删去这条确认", check=ack.check))
                )
            else:
                warnings.append(
                    Problem(where, t("检查 {check} 并没有失败，可以删去这条确认", check=ack.check))
                )
    warnings += blank_cells(report)
    return errors, warnings


def _covers(acknowledged: str, check: str) -> bool:
    """Return whether an acknowledged id covers a check: the same id, or `prefix*` and the id begins with prefix."""
    if acknowledged.endswith("*"):
        return check.startswith(acknowledged[:-1])
    return check == acknowledged


def _acknowledgement(check: str, acknowledged: list[Acknowledgement]) -> Acknowledgement | None:
    """Return the acknowledgement of a failed check: one naming it exactly, else the first pattern covering it."""
    exact = [ack for ack in acknowledged if ack.check == check]
    return next(iter(exact or [ack for ack in acknowledged if _covers(ack.check, check)]), None)


def _n(value: int | None) -> int:
    return value or 0


def _show(value: int | None) -> str:
    """Return a cell as a message shows it: a blank cell is “空”, not 0 (it was not printed as 0)."""
    return t("空") if value is None else str(value)


def _forms(annotation: Any) -> list[Any]:
    """Return the classes a field allows: two for （六）其他处理 of national-2021 (sub-rows, one row)."""
    tp = unwrap(annotation)
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return [unwrap(arg) for arg in typing.get_args(tp)]
    return [tp]


def _label(model: type[BaseModel], field: str) -> str:
    return model.model_fields[field].title or field


def _row_specs(
    table_type: type[BaseModel] = TableB, results: BaseModel | None = None
) -> list[tuple[str, str]]:
    """Return (id path, printed label) of every data row of Table B, in printed order.

    With `results`, the rows of its （六） as given (sub-rows or one row); without, those of both forms.
    """
    results_type: Any = table_type.model_fields["results"].annotation
    specs = [
        ("new_received", _label(TableB, "new_received")),
        ("carried_over", _label(TableB, "carried_over")),
        ("results.disclosed", "（一）予以公开"),
        ("results.partially_disclosed", "（二）部分公开"),
    ]
    for group in results_type.GROUPS:
        forms = _forms(results_type.model_fields[group].annotation)
        for model in [type(getattr(results, group))] if results is not None else forms:
            if isinstance(model, type) and issubclass(model, Applicants):  # a group printed as one row
                specs.append((f"results.{group}", _label(results_type, group)))
                continue
            group_label = model.model_config.get("title", group)
            specs += [
                (f"results.{group}.{name}", f"{group_label} › {_label(model, name)}")
                for name in model.model_fields
            ]
    return [*specs, ("results.total", "（七）总计"), ("carried_forward", _label(TableB, "carried_forward"))]


def _rows(table: TableB | national_2019.TableB) -> list[tuple[str, str, Applicants]]:
    """Return (id path, printed label, row) for every data row of Table B, in printed order."""
    out = []
    for path, label in _row_specs(type(table), table.results):
        row: Any = table
        for name in path.split("."):
            row = getattr(row, name)
        out.append((path, label, row))
    return out


def _row_total(row: Applicants | Outcomes, check: str, where: str) -> Failure | None:
    """Rules 2 and 4: a row's 总计 is the sum of its parts."""
    parts = [getattr(row, name) for name in row.PARTS]
    if sum(map(_n, parts)) == _n(row.total):
        return None
    terms = " + ".join(f"{_label(type(row), n)}({_show(v)})" for n, v in zip(row.PARTS, parts, strict=True))
    return Failure(check, where, f"{terms} = {sum(map(_n, parts))} ≠ 总计({_show(row.total)})")


def _table_b(table: TableB | national_2019.TableB) -> list[Failure]:
    failures: list[Failure] = []
    columns = [*Applicants.PARTS, "total"]
    results = table.results
    table_rows = _rows(table)
    unfilled = all(
        getattr(row, column) is None for path, _, row in table_rows if path != "carried_over" for column in columns
    )
    # rule 2: each row, 总计 = the six applicant columns
    for row_id, label, row in table_rows:
        failure = _row_total(row, f"B.row_total.{row_id}", f"{TABLE_B} › {label}")
        if failure:
            failures.append(failure)
    for column in columns:
        name = _label(Applicants, column)
        cells = [getattr(row, column) for row in (table.new_received, table.carried_over)]
        cells += [getattr(results.total, column), getattr(table.carried_forward, column)]
        new, old, total, forward = map(_n, cells)
        shows = [_show(cell) for cell in cells]
        # rule 1: 一 + 二 = 三（七） + 四; not for a table with only 二 filled in (`reportgen new`)
        if new + old != total + forward and not unfilled:
            failures.append(
                Failure(
                    f"B.balance.{column}",
                    f"{TABLE_B} › {name}",
                    f"一({shows[0]}) + 二({shows[1]}) = {new + old} ≠ （七）总计({shows[2]}) + 四({shows[3]})"
                    f" = {total + forward}",
                )
            )
        # rule 3: （七）总计 = （一）+（二）+ Σ（三）…（六）; a group of blank cells only shows as 空
        terms = [
            ("（一）", getattr(results.disclosed, column)),
            ("（二）", getattr(results.partially_disclosed, column)),
        ]
        for group, numeral in zip(results.GROUPS, ("三", "四", "五", "六"), strict=True):
            model = getattr(results, group)
            rows = (
                [model]
                if isinstance(model, Applicants)
                else [getattr(model, r) for r in type(model).model_fields]
            )
            values = [getattr(r, column) for r in rows]
            terms.append((f"（{numeral}）", None if all(v is None for v in values) else sum(map(_n, values))))
        if sum(_n(v) for _, v in terms) != total:
            shown = " + ".join(f"{k}({_show(v)})" for k, v in terms)
            failures.append(
                Failure(
                    f"B.results_total.{column}",
                    f"{TABLE_B} › {name}",
                    f"{shown} = {sum(_n(v) for _, v in terms)} ≠ （七）总计({shows[2]})",
                )
            )
    return failures


def _table_a(report: NationalReport) -> list[Failure]:
    """national-2019: a row's 上一年项目数量 + 本年增/减, this year's number of items, is not negative."""
    if not isinstance(report, National2019Report):
        return []
    table, failures = report.proactive.table, []
    for name in table.ITEMS:
        row = getattr(table, name)
        cells = [getattr(row, cell) for cell in row.CHANGES]
        if sum(map(_n, cells)) < 0:
            previous, change = map(_show, cells)
            failures.append(
                Failure(
                    f"A.items.{name}",
                    f"{TABLE_A} › {_label(type(table), name)}",
                    f"上一年项目数量({previous}) + 本年增/减({change}) = {sum(map(_n, cells))} < 0：本年项目数量不能为负",
                )
            )
    return failures


def _table_c(report: NationalReport) -> list[Failure]:
    table = report.reviews.table
    found = [
        _row_total(getattr(table, group), f"C.total.{group}", f"{TABLE_C} › {_label(type(table), group)}")
        for group in type(table).model_fields
    ]
    return [failure for failure in found if failure]


def all_check_ids(report_type: type[BaseModel] = National2021Report) -> set[str]:
    """Return the id of every check a report format has (for validating acknowledgements)."""
    columns = [*Applicants.PARTS, "total"]
    ids = {f"B.balance.{c}" for c in columns} | {f"B.results_total.{c}" for c in columns}
    ids |= {f"C.total.{g}" for g in TableC.model_fields}
    table_b: Any = report_type.model_fields["applications"].annotation
    ids |= {f"B.row_total.{row_id}" for row_id, _ in _row_specs(table_b.model_fields["table"].annotation)}
    if report_type is National2019Report:
        ids |= {f"A.items.{name}" for name in national_2019.TableA.ITEMS}
    return ids


def blank_cells(report: NationalReport) -> list[Problem]:
    """Return one warning per table that has blank (null) cells, naming the first few."""
    warnings = []
    for where, title, table in (
        ("$.proactive.table", TABLE_A, report.proactive.table),
        ("$.applications.table", TABLE_B, report.applications.table),
        ("$.reviews.table", TABLE_C, report.reviews.table),
    ):
        blanks = list(_nulls(table, ""))
        if blanks:
            shown = "、".join(blanks[:5]) + ("…" if len(blanks) > 5 else "")
            message = t(
                "{title}：{count} 个空白单元格，印为空白、按 0 计算：{cells}",
                title=title,
                count=len(blanks),
                cells=shown,
            )
            warnings.append(Problem(where, message))
    return warnings


def _nulls(model: Any, prefix: str) -> list[str]:
    found = []
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        label = f"{prefix} › {info.title}" if prefix else str(info.title)
        if isinstance(value, BaseModel):
            found += _nulls(value, label)
        elif value is None:
            found.append(label)
    return found
