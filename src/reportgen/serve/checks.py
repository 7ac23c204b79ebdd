"""Live checks: the problems `validate` reports, in its words, placed at the field or table cell.

A problem of the input stage has a JSON location (`$.applications.table.new_received.total（总计）`);
an arithmetic check names its table and column in words and its id in square brackets
(`[B.balance.natural_person]`): the id says which cells it adds up, and the page marks them all.
A place is a list of JSON keys and indexes, written `a/b/0/c` for the page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from reportgen.errors import InputError, Problem, ReportgenError, ValidationFailed
from reportgen.input import validate
from reportgen.input.model.national_2021 import Applicants

_PATH = re.compile(r"^\$((?:\.[^.\[（]+|\[\d+\])*)")
_STEP = re.compile(r"\.([^.\[（]+)|\[(\d+)\]")
_CHECK = re.compile(r"\[([A-Z]\.[\w.*]+)\]$")
COLUMNS = (*Applicants.PARTS, "total")
TABLE_B = ("applications", "table")


def place(location: str) -> list[str | int] | None:
    """Return the JSON path of a problem's location as keys and indexes; None when it names none."""
    match = _PATH.match(location)
    if match is None:
        return None
    return [key if key else int(index) for key, index in _STEP.findall(match.group(1))]


def check_id(message: str) -> str:
    """Return the id of the arithmetic check a message reports (“… [B.balance.total]”), else ""."""
    found = _CHECK.search(message)
    return found.group(1) if found else ""


def cells(check: str, data: Any) -> list[str]:
    """Return the cells (as `a/b/c` places) an arithmetic check adds up, the one to fix first."""
    kind, _, rest = check.partition(".")
    if kind == "B":
        rule, _, target = rest.partition(".")
        if rule == "row_total":
            row = "/".join((*TABLE_B, *target.split(".")))
            return [f"{row}/total", *(f"{row}/{column}" for column in Applicants.PARTS)]
        if rule == "balance":
            rows = ("new_received", "carried_over", "results/total", "carried_forward")
            return ["/".join((*TABLE_B, row, target)) for row in rows]
        if rule == "results_total":
            return [f"{'/'.join(TABLE_B)}/results/total/{target}", *_result_cells(data, target)]
    if kind == "C":
        group = rest.partition(".")[2]
        return [f"reviews/table/{group}/total"]
    if kind == "A":
        return [f"proactive/table/{rest.partition('.')[2]}"]
    return []


def _result_cells(data: Any, column: str) -> list[str]:
    """Return the cells of `column` in every row of 三、本年度办理结果 but （七）总计, as `data` has them."""
    try:
        results = data["applications"]["table"]["results"]
    except (KeyError, TypeError):
        return []
    if not isinstance(results, dict):
        return []
    found = []
    base = "/".join((*TABLE_B, "results"))
    for name, value in results.items():
        if name == "total":
            continue
        if isinstance(value, dict) and not (value.keys() & set(COLUMNS)):  # a group of sub-rows
            found += [f"{base}/{name}/{sub}/{column}" for sub in value]
        else:
            found.append(f"{base}/{name}/{column}")
    return found


def problem_json(problem: Problem, level: str, data: Any) -> dict[str, Any]:
    """Return one problem as the page shows it: its words, where, and the cells it concerns."""
    check = check_id(problem.message)
    where = place(problem.location)
    marked = cells(check, data) if check else []
    return {
        "level": level,
        "location": problem.location,
        "message": problem.message,
        "text": problem.format(),
        "check": check,
        "place": "/".join(str(step) for step in where) if where is not None else "",
        "cells": marked,
    }


def run(data: Any, path: Path) -> dict[str, Any]:
    """Return every error and warning `validate` reports for `data` as the input file `path`."""
    try:
        result = validate(data, path)
    except ValidationFailed as exc:
        return {
            "errors": [problem_json(p, "error", data) for p in exc.problems],
            "warnings": [],
            "summary": exc.message,
        }
    except InputError as exc:  # pictures and the like; the JSON itself came from the page
        return {"errors": [problem_json(Problem("", exc.format_message()), "error", data)], "warnings": []}
    except ReportgenError as exc:
        return {"errors": [problem_json(Problem("", exc.format_message()), "error", data)], "warnings": []}
    warnings = [problem_json(p, "warning", data) for p in result.warnings]
    return {"errors": [], "warnings": warnings, "summary": ""}
