"""Table B: 25 rows named by one to three label cells (part, group, item), 7 columns named by the header.

A row is known by its labels, wherever the layout puts them: “三、本年度办理结果” and a group
such as “（三）不予公开” may span many rows (merged, or repeated in each), or be printed only on
the group's first row — the group then holds until another is named. （六）其他处理 is its three
sub-rows or one row (national-2021), one row only (national-2019).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from reportgen.errors import Problem
from reportgen.i18n import t
from reportgen.importer.document import Table
from reportgen.importer.labels import core, same_label
from reportgen.importer.tables import COLUMNS_B, Reader, _one
from reportgen.input.model.cells import Row
from reportgen.input.model.national_2021 import Applicants


@dataclass(frozen=True)
class Spec:
    """One row of Table B: where it goes in the data, and the labels that name it."""

    path: tuple[str, ...]
    label: str
    group: str = ""
    """The group's label for a row inside （三）–（六）, else ""."""

    @property
    def title(self) -> str:
        return f"{self.group} {self.label}" if self.group and self.group != self.label else self.label


def specs(model: type[BaseModel]) -> tuple[list[Spec], str]:
    """Return the rows of a Table B model in printed order, and the label of 三、本年度办理结果."""
    rows: list[Spec] = []
    results = model.model_fields["results"]
    results_model = results.annotation
    assert isinstance(results_model, type)
    assert issubclass(results_model, BaseModel)
    for field, info in model.model_fields.items():
        if field != "results":
            rows.append(Spec((field,), info.title or field))
            continue
        for sub, sub_info in results_model.model_fields.items():
            label = sub_info.title or sub
            forms = _forms(sub_info.annotation)
            if any(issubclass(form, Row) for form in forms):
                rows.append(Spec(("results", sub), label, label if sub in results_model.GROUPS else ""))  # type: ignore[attr-defined]
            for form in forms:
                if not issubclass(form, Row):
                    rows += [
                        Spec(("results", sub, item), i.title or item, label)
                        for item, i in form.model_fields.items()
                    ]
    return rows, results.title or "results"


def _forms(annotation: Any) -> list[type[BaseModel]]:
    """Return the model classes a field may hold (（六）: its sub-rows or one row)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in getattr(annotation, "__args__", ()) + getattr(annotation, "__metadata__", ()):
        found += _forms(arg)
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and origin is not annotation:
        found += _forms(origin)
    return list(dict.fromkeys(found))


def table_b(table: Table, model: type[BaseModel], warnings: list[Problem]) -> dict[str, Any]:
    """Return Table B's data in the model's shape (rows as arrays of 7)."""
    reader = Reader(table, "B", warnings)
    rows, results_label = specs(model)
    headers = {core(col.title) for col in COLUMNS_B}
    top = [spec for spec in rows if not spec.group and core(spec.label) not in headers]  # not （七）总计
    start = next(
        (
            r
            for r in range(len(table.rows))
            if any(same_label(cell.text, s.label) for cell, _ in reader.cells(r) for s in top)
        ),
        None,
    )
    mapping: dict[str, list[int]] = {}
    for c in range(table.width):
        field = None
        for r in range(start or 0):
            cell = table.cell(r, c)
            if cell is not None:
                field = next((col.field for col in COLUMNS_B if core(cell.text) == core(col.title)), field)
        if field is not None:
            mapping.setdefault(field, []).append(c)
    for col in COLUMNS_B:
        if col.field not in mapping:
            reader.warn(t("表中找不到这一列，留空（null）"), column=col.title)
    label_columns = [c for c in range(table.width) if not any(c in cols for cols in mapping.values())]
    found: dict[tuple[str, ...], list[Any]] = {}
    group = ""
    for r in range(start if start is not None else len(table.rows), len(table.rows)):
        labels = [cell.text for cell, c in reader.cells(r) if c in label_columns and core(cell.text)]
        spec, group = _which(labels, rows, group, results_label)
        if spec is None:
            if labels and not _header(labels):
                reader.warn(t("不认识这一行，没有导入"), " ".join(labels), r=r)
            continue
        if spec.path in found:
            reader.warn(t("这一行出现了不止一次，只取第一次"), spec.title, r=r)
            continue
        found[spec.path] = [
            _one(reader, r, mapping[col.field], spec.title, col, mapping) if col.field in mapping else None
            for col in COLUMNS_B
        ]
    return _assemble(rows, found, reader)


def _header(labels: list[str]) -> bool:
    """Return whether a row's labels are a repeated header (a table continued on the next page)."""
    return all(
        any(same_label(text, col.title) for col in COLUMNS_B)
        or "勾稽" in text
        or core(text) in ("申请人情况", "法人或其他组织")
        for text in labels
    )


def _which(labels: list[str], rows: list[Spec], group: str, results_label: str) -> tuple[Spec | None, str]:
    """Return the row named by a row's label cells and the group that holds after it."""
    for text in labels:
        for spec in rows:
            if not spec.group and same_label(text, spec.label):
                return spec, ""
    groups = list(dict.fromkeys(spec.group for spec in rows if spec.group))
    named = next((g for text in labels for g in groups if same_label(text, g)), "")
    group = named or group
    if not group:
        return None, ""
    rest = [text for text in labels if not same_label(text, group) and not same_label(text, results_label)]
    members = [spec for spec in rows if spec.group == group]
    if not rest:
        return next((spec for spec in members if spec.label == group), None), group
    for text in rest:
        for spec in members:
            if spec.label != group and same_label(text, spec.label):
                return spec, group
    return None, group


def _assemble(rows: list[Spec], found: dict[tuple[str, ...], list[Any]], reader: Reader) -> dict[str, Any]:
    """Return the nested data; a row not found is blank, with a warning (（六） in either form is found)."""
    one_row = {spec.path for spec in rows if spec.group and spec.label == spec.group}
    sub_rows = {spec.path[:2] for spec in rows if len(spec.path) == 3}
    out: dict[str, Any] = {}
    for spec in rows:
        either = spec.path[:2] in one_row and spec.path[:2] in sub_rows  # （六） of national-2021
        if either and len(spec.path) == 2 and spec.path not in found:
            continue  # not printed as one row: its sub-rows follow
        if either and len(spec.path) == 3 and spec.path[:2] in found:
            continue  # printed as one row
        if spec.path not in found:
            reader.warn(t("表中找不到这一行，留空（null）"), spec.title)
        _put(out, spec.path, found.get(spec.path, [None] * len(Applicants.model_fields)))
    return out


def _put(out: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        out = out.setdefault(key, {})
    out[path[-1]] = value
