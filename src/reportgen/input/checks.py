"""Arithmetic the national-2021 tables must satisfy, blank cells, and acknowledged failures.

Each check has a stable id (printed in square brackets) so that a user reproducing a published
report that does not add up can acknowledge exactly that check in the input; it is then a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from reportgen.errors import Problem
from reportgen.i18n import t
from reportgen.input.model.national_2021 import (
    Applicants,
    National2021Report,
    Outcomes,
    Results,
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
    if not isinstance(report, National2021Report):
        return [], []
    failures = [*_table_b(report.applications.table), *_table_c(report)]
    acknowledged = {ack.check: ack.reason for ack in report.acknowledged}
    errors = [f.problem() for f in failures if f.check not in acknowledged]
    warnings = [
        Problem(
            f.where,
            t("{detail}（已确认：{reason}）", detail=f.problem().message, reason=acknowledged[f.check]),
        )
        for f in failures
        if f.check in acknowledged
    ]
    failed = {f.check for f in failures}
    for index, ack in enumerate(report.acknowledged):
        if ack.check not in all_check_ids():
            errors.append(
                Problem(
                    f"$.acknowledged[{index}].check（检查）", t("没有编号为 {check} 的检查", check=ack.check)
                )
            )
        elif ack.check not in failed:
            warnings.append(
                Problem(
                    f"$.acknowledged[{index}].check（检查）",
                    t("检查 {check} 并没有失败，可以删去这条确认", check=ack.check),
                )
            )
    warnings += blank_cells(report)
    return errors, warnings


def _n(value: int | None) -> int:
    return value or 0


def _label(model: type[BaseModel], field: str) -> str:
    return model.model_fields[field].title or field


def _row_specs() -> list[tuple[str, str]]:
    """Return (id path, printed label) of every data row of Table B, in printed order."""
    specs = [
        ("new_received", _label(TableB, "new_received")),
        ("carried_over", _label(TableB, "carried_over")),
        ("results.disclosed", "（一）予以公开"),
        ("results.partially_disclosed", "（二）部分公开"),
    ]
    for group in Results.GROUPS:
        model = Results.model_fields[group].annotation
        group_label = model.model_config.get("title", group)  # type: ignore[union-attr]
        specs += [
            (f"results.{group}.{name}", f"{group_label} › {_label(model, name)}")  # type: ignore[arg-type]
            for name in model.model_fields  # type: ignore[union-attr]
        ]
    return [*specs, ("results.total", "（七）总计"), ("carried_forward", _label(TableB, "carried_forward"))]


def _rows(table: TableB) -> list[tuple[str, str, Applicants]]:
    """Return (id path, printed label, row) for every data row of Table B, in printed order."""
    out = []
    for path, label in _row_specs():
        row: Any = table
        for name in path.split("."):
            row = getattr(row, name)
        out.append((path, label, row))
    return out


def _row_total(row: Applicants | Outcomes, check: str, where: str) -> Failure | None:
    """Rules 2 and 4: a row's 总计 is the sum of its parts."""
    parts = [_n(getattr(row, name)) for name in row.PARTS]
    if sum(parts) == _n(row.total):
        return None
    terms = " + ".join(f"{_label(type(row), n)}({v})" for n, v in zip(row.PARTS, parts, strict=True))
    return Failure(check, where, f"{terms} = {sum(parts)} ≠ 总计({_n(row.total)})")


def _table_b(table: TableB) -> list[Failure]:
    failures: list[Failure] = []
    columns = [*Applicants.PARTS, "total"]
    results = table.results
    # rule 2: each row, 总计 = the six applicant columns
    for row_id, label, row in _rows(table):
        failure = _row_total(row, f"B.row_total.{row_id}", f"{TABLE_B} › {label}")
        if failure:
            failures.append(failure)
    for column in columns:
        name = _label(Applicants, column)
        new, old = _n(getattr(table.new_received, column)), _n(getattr(table.carried_over, column))
        total, forward = _n(getattr(results.total, column)), _n(getattr(table.carried_forward, column))
        # rule 1: 一 + 二 = 三（七） + 四
        if new + old != total + forward:
            failures.append(
                Failure(
                    f"B.balance.{column}",
                    f"{TABLE_B} › {name}",
                    f"一({new}) + 二({old}) = {new + old} ≠ （七）总计({total}) + 四({forward}) = {total + forward}",
                )
            )
        # rule 3: （七）总计 = （一）+（二）+ Σ（三）…（六）
        terms = [
            ("（一）", _n(getattr(results.disclosed, column))),
            ("（二）", _n(getattr(results.partially_disclosed, column))),
        ]
        for group, numeral in zip(results.GROUPS, ("三", "四", "五", "六"), strict=True):
            model = getattr(results, group)
            terms.append(
                (
                    f"（{numeral}）",
                    sum(_n(getattr(getattr(model, r), column)) for r in type(model).model_fields),
                )
            )
        if sum(v for _, v in terms) != total:
            shown = " + ".join(f"{k}({v})" for k, v in terms)
            failures.append(
                Failure(
                    f"B.results_total.{column}",
                    f"{TABLE_B} › {name}",
                    f"{shown} = {sum(v for _, v in terms)} ≠ （七）总计({total})",
                )
            )
    return failures


def _table_c(report: National2021Report) -> list[Failure]:
    table = report.reviews.table
    found = [
        _row_total(getattr(table, group), f"C.total.{group}", f"{TABLE_C} › {_label(type(table), group)}")
        for group in type(table).model_fields
    ]
    return [failure for failure in found if failure]


def all_check_ids() -> set[str]:
    """Return the id of every check there is (for validating acknowledgements)."""
    columns = [*Applicants.PARTS, "total"]
    ids = {f"B.balance.{c}" for c in columns} | {f"B.results_total.{c}" for c in columns}
    ids |= {f"C.total.{g}" for g in TableC.model_fields}
    ids |= {f"B.row_total.{row_id}" for row_id, _ in _row_specs()}
    return ids


def blank_cells(report: National2021Report) -> list[Problem]:
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
