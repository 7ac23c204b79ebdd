"""The annual cycle: next year's input from last year's, and this year's figures against last year's.

`next_year` keeps what carries over (issuer, headings, sub-section titles, 落款机关, and Table B's
四、结转下年度 as next year's 二、上年结转) and leaves every other figure blank (null) and every
prose part empty, for `validate` to list as still to be filled. `compare_years` is the format's
rule 6 across two files, a warning per column.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from reportgen.errors import Problem, UsageError
from reportgen.i18n import t
from reportgen.input.model import NationalReport, Report, Subsection
from reportgen.input.model.cells import Row
from reportgen.input.model.national_2021 import Applicants


def next_year(report: Report) -> dict[str, Any]:
    """Return the input of the year after `report`, as JSON data in the model's key order."""
    year = report.year + 1
    out: dict[str, Any] = {}
    for name, info in type(report).model_fields.items():
        key, value = info.alias or name, getattr(report, name)
        if name == "year":
            out[key] = year
        elif name == "title_lines" and value:
            out[key] = [line.replace(str(report.year), str(year)) for line in value]
        elif name == "signature" and value is not None and value.issuer:
            out[key] = {"issuer": value.issuer}  # the date is next year's to fill in
        elif name == "preamble":
            out[key] = _titles_only(value)
        elif name == "sections":
            out[key] = [{"heading": s.heading, "content": _titles_only(s.content)} for s in value]
        elif name in ("acknowledged", "compiled_from") or value is None or name == "signature":
            continue  # last year's acknowledged checks and units say nothing about next year's figures
        elif name in getattr(report, "PARTS", ()):
            out[key] = _part(value, name)
        else:
            out[key] = value
    return out


def _part(part: Any, name: str) -> dict[str, Any]:
    """Return one of the six parts of a national report: heading, sub-section titles, a blank table."""
    out: dict[str, Any] = {"heading": part.heading}
    out["content"] = _titles_only(part.content)
    if "table" in type(part).model_fields:
        table = part.table
        out["table"] = _blank(table)
        if name == "applications":
            out["table"]["carried_over"] = _row(table.carried_forward)
    return out


def _titles_only(blocks: list[Any]) -> list[Any]:
    """Return content emptied: only the sub-sections' titles stay (paragraphs, images go)."""
    return [{"title": b.title, "text": ""} for b in blocks if isinstance(b, Subsection)]


def _blank(value: Any) -> Any:
    """Return a table (or row, or cell) with every figure null, in the model's shape."""
    if isinstance(value, Row):
        return [None] * len(type(value).model_fields)
    if isinstance(value, BaseModel):
        return {name: _blank(getattr(value, name)) for name in type(value).model_fields}
    return None


def _row(row: Row) -> list[Any]:
    return [getattr(row, name) for name in type(row).model_fields]


def dumps(data: dict[str, Any]) -> str:
    """Return JSON as a person writes it: 2-space indent, Chinese as is, a row of figures on one line."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    flat = re.compile(r"\[\n\s+((?:-?[\d.]+|null)(?:,\n\s+(?:-?[\d.]+|null))*)\n\s*\]")
    return flat.sub(lambda m: "[" + re.sub(r",\n\s+", ", ", m.group(1)) + "]", text) + "\n"


def default_output(source: Path, year: int) -> Path:
    """Return where next year's input goes: the name with the year replaced, else `<stem>-<year+1>.json`."""
    if str(year) in source.name:
        return source.with_name(source.name.replace(str(year), str(year + 1)))
    return source.with_name(f"{source.stem}-{year + 1}.json")


def compare_years(report: Report, path: Path, previous: Report, previous_path: Path) -> list[Problem]:
    """Return rule 6 as warnings: this year's 二、上年结转 against last year's 四、结转下年度, per column.

    Raise UsageError when either report has no Table B (legacy) or the years do not follow.
    """
    if not isinstance(report, NationalReport) or not isinstance(previous, NationalReport):
        raise UsageError(t("--previous 只用于有统计表的格式（national-2019、national-2021）"), path=previous_path)
    if previous.year != report.year - 1:
        raise UsageError(
            t("上年的文件是 {found} 年度的，应为 {expected} 年度", found=previous.year, expected=report.year - 1),
            path=previous_path,
        )
    now, before = report.applications.table.carried_over, previous.applications.table.carried_forward
    warnings = []
    for column, info in Applicants.model_fields.items():
        current, last = getattr(now, column), getattr(before, column)
        if current != last:
            message = t(
                "{column}：本年“二、上年结转”为 {current}，上年 {previous_file} 的“四、结转下年度继续办理”为 {last}，"
                "两者应相等 [Y.carried_over.{id}]",
                column=info.title,
                current=_show(current),
                previous_file=previous_path,
                last=_show(last),
                id=column,
            )
            warnings.append(Problem("$.applications.table.carried_over", message))
    return warnings


def _show(value: int | None) -> str:
    return t("空") if value is None else str(value)


__all__ = ["compare_years", "default_output", "dumps", "next_year"]
