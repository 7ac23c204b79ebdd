"""`reportgen aggregate`: a district's input compiled from its units' inputs.

  sums.py   Tables A, B and C summed cell by cell; blanks beside figures counted as 0, with a warning
  texts.py  the side file (every unit's text per part, for the editor); shared headings and titles

Every unit is read and validated first, as `reportgen validate` does; a unit that fails stops the
aggregate, and all failing units are listed at once with their messages (a unit's warnings are its
own editor's business and are not repeated). The units must be of one national format and of the
year given with --year: figures of another year or layout cannot be added up, so a mismatch is an
error, not a warning. The output is a valid input (validated before it is written) in the layout
`reportgen new` writes: the summed tables, the units and their SHA-256 in `compiled_from`, each
unit's acknowledged checks carried over (a sum fails the check its unit's figures fail), prose
parts empty but for the sub-section titles all units share. It and the side file are written
together, atomically, and never over existing files without `force`.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.aggregate.sums import sum_tables
from reportgen.aggregate.texts import shared_heading, shared_titles, units_text
from reportgen.errors import Problem, ReportgenError, Result, UsageError, ValidationFailed
from reportgen.i18n import t
from reportgen.input import validate
from reportgen.input.cycle import dumps
from reportgen.input.model import NationalReport
from reportgen.output import check_writable, refuse_overwriting, write_all
from reportgen.pipeline import read_report


@dataclass(frozen=True)
class Unit:
    """A validated unit: its file, its name as the output records it, its report and its SHA-256."""

    path: Path
    name: str
    report: NationalReport
    sha256: str


@dataclass(frozen=True)
class Aggregated:
    """What `aggregate` wrote: the compiled input, the side file, and what is still to be filled."""

    output: Path
    side_file: Path
    units: list[Unit]
    to_fill: list[Problem]


def side_file(output: Path) -> Path:
    """Return the side file of a compiled input: district.json → district.units.md beside it."""
    return output.with_name(f"{output.stem}.units.md")


def aggregate(
    units: list[Path], issuer: str, year: int, output: Path, *, force: bool = False
) -> Result[Aggregated]:
    """Write the compiled input and its side file; return them with the warnings of the sums.

    Raise UsageError for an empty issuer, a unit given twice, an output that exists (unless
    `force`) or is a unit, units of different formats, of a format without tables or of another
    year; ValidationFailed listing every failing unit's messages. Nothing is written on failure.
    """
    side = side_file(output)
    if not issuer.strip():
        raise UsageError(t("--issuer 不能为空"))
    seen: dict[Path, Path] = {}
    for path in units:
        first = seen.setdefault(path.resolve(), path)
        if first is not path:
            raise UsageError(t("{path} 给了两次：同一个单位不能计入两次", path=path))
        refuse_overwriting(path, (output, side), "-o")
    for target in (output, side):
        if target.exists() and not force:
            raise UsageError(t("文件已存在，不覆盖；要覆盖请加 --force"), path=target)
    read = _read_units(units, output)
    _check_alike(read, year)
    sums = sum_tables([(unit.path, unit.report) for unit in read])
    text = dumps(compiled(read, issuer, year, sums.value))
    to_fill = validate(json.loads(text), output).warnings  # what is written is a valid input
    notes = units_text(issuer, year, [(unit.name, unit.report) for unit in read])
    check_writable(output.parent)
    write_all({output: text.encode("utf-8"), side: notes.encode("utf-8")})
    return Result(Aggregated(output, side, read, to_fill), sums.warnings + _same_content(read))


def _read_units(paths: list[Path], output: Path) -> list[Unit]:
    """Return every unit validated; raise ValidationFailed listing all failing units' messages."""
    units, problems, failed = [], [], 0
    for path in paths:
        try:
            read = read_report(path)
        except ReportgenError as exc:
            failed += 1
            problems.append(Problem("", exc.message, path))
            problems += [problem.in_file(path) for problem in exc.problems]
            continue
        report = read.value.report
        name = Path(os.path.relpath(path.resolve(), output.resolve().parent)).as_posix()
        digest = hashlib.sha256(read.value.source).hexdigest()
        if isinstance(report, NationalReport):
            units.append(Unit(path, name, report, digest))
        else:
            failed += 1
            message = t(
                "{format} 格式没有统计表，不能汇总；汇总只用于 national-2019、national-2021",
                format=report.format,
            )
            problems.append(Problem("$.format", message, path))
    if problems:
        raise ValidationFailed(t("{count} 个单位不能汇总，没有写出任何文件", count=failed), problems=problems)
    return units


def _check_alike(units: list[Unit], year: int) -> None:
    """Raise UsageError when the units are not all of the first unit's format and of `year`."""
    problems = []
    first = units[0]
    for unit in units:
        if unit.report.format != first.report.format:
            message = t(
                "格式是 {format}，与 {first} 的 {expected} 不同",
                format=unit.report.format,
                first=first.path,
                expected=first.report.format,
            )
            problems.append(Problem("$.format", message, unit.path))
        if unit.report.year != year:
            message = t("报告年度是 {found}，与 --year {year} 不符", found=unit.report.year, year=year)
            problems.append(Problem("$.year", message, unit.path))
    if problems:
        raise UsageError(t("各单位的格式和年度应相同，且与 --year 一致；没有汇总"), problems=problems)


def _same_content(units: list[Unit]) -> list[Problem]:
    """Return a warning for each unit whose file is byte for byte another unit's (a copy counted twice?)."""
    first: dict[str, Unit] = {}
    warnings = []
    for unit in units:
        other = first.setdefault(unit.sha256, unit)
        if other is not unit:
            message = t("与 {other} 的内容完全相同，是否重复计入？", other=other.path)
            warnings.append(Problem("", message, unit.path))
    return warnings


def compiled(units: list[Unit], issuer: str, year: int, tables: dict[str, Any]) -> dict[str, Any]:
    """Return the compiled input as JSON data, in the model's key order."""
    reports = [unit.report for unit in units]
    model = type(reports[0])
    out: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        if name == "format":
            out[key] = reports[0].format
        elif name == "issuer":
            out[key] = issuer
        elif name == "year":
            out[key] = year
        elif name == "signature":
            out[key] = {"issuer": issuer}  # the date is the district's to fill in
        elif name == "preamble":
            out[key] = shared_titles(reports, name)
        elif name in model.PARTS:
            part: dict[str, Any] = {}
            heading = shared_heading(reports, name)
            if heading is not None:
                part["heading"] = heading
            part["content"] = shared_titles(reports, name)
            if name in tables:
                part["table"] = tables[name]
            out[key] = part
        elif name == "acknowledged":
            acknowledged = _acknowledged(units)
            if acknowledged:
                out[key] = acknowledged
        elif name == "compiled_from":
            out[key] = [{"file": u.name, "sha256": u.sha256, "issuer": u.report.issuer} for u in units]
    return out


def _acknowledged(units: list[Unit]) -> list[dict[str, str]]:
    """Return the units' acknowledged checks, one per check, the reasons prefixed with their units."""
    reasons: dict[str, list[str]] = {}
    for unit in units:
        for ack in unit.report.acknowledged:
            reasons.setdefault(ack.check, []).append(f"{unit.name}：{ack.reason}")
    return [{"check": check, "reason": "；".join(found)} for check, found in reasons.items()]


__all__ = ["Aggregated", "Unit", "aggregate", "compiled", "side_file"]
