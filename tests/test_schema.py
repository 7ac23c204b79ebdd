"""The committed JSON Schemas (schemas/*.schema.json) accept exactly what reportgen accepts.

An editor or a CI job validating inputs with a standard JSON-Schema validator must neither refuse a
valid input (a table row written as an array) nor pass one reportgen refuses (`"fees": "无"`). Each
verdict of the `jsonschema` package is compared with the input model's; the schemas are the ones
committed, and they equal what `reportgen schema` prints (so they cannot drift from the model).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError

from reportgen.cli.main import main
from reportgen.input.model import MODELS
from tests.conftest import ROOT

EXAMPLES = sorted((ROOT / "inputs").glob("*.json"))
BAD = sorted((ROOT / "tests" / "resources" / "bad").glob("*.json"))


def committed(fmt: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((ROOT / "schemas" / f"{fmt}.schema.json").read_text("utf-8"))
    return schema


def schema_accepts(data: Any, fmt: str) -> bool:
    return jsonschema.Draft202012Validator(committed(fmt)).is_valid(data)


def model_accepts(data: Any, fmt: str) -> bool:
    try:
        MODELS[fmt].model_validate(data)
    except ValidationError:
        return False
    return True


def example(fmt: str) -> dict[str, Any]:
    for path in EXAMPLES:
        data: dict[str, Any] = json.loads(path.read_text("utf-8"))
        if data["format"] == fmt:
            return data
    raise AssertionError(f"no example input of format {fmt}")


@pytest.mark.parametrize("fmt", list(MODELS))
def test_committed_schema_is_what_reportgen_schema_prints(
    fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "--format", fmt]) == 0
    printed = capsys.readouterr().out
    assert printed == (ROOT / "schemas" / f"{fmt}.schema.json").read_text("utf-8"), "run make schemas"
    jsonschema.Draft202012Validator.check_schema(json.loads(printed))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_input_validates_against_its_schema(path: Path) -> None:
    data = json.loads(path.read_text("utf-8"))
    errors = list(jsonschema.Draft202012Validator(committed(data["format"])).iter_errors(data))
    assert [f"{list(e.absolute_path)}: {e.message}" for e in errors] == []


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_the_schema_and_reportgen_agree_on_every_bad_input(path: Path) -> None:
    """Files that are JSON at all: refused by both, or (arithmetic, files, duplicate keys) by neither."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        pytest.skip("not JSON: no schema can judge it")
    fmt = data.get("format") if isinstance(data, dict) else None
    fmt = fmt if fmt in MODELS else "legacy"
    assert schema_accepts(data, fmt) == model_accepts(data, fmt)


@dataclass(frozen=True)
class Change:
    """A value put at `keys` of the example (`DELETE` removes the key)."""

    keys: tuple[str, ...]
    value: Any

    def apply(self, data: dict[str, Any]) -> None:
        target: Any = data
        for key in self.keys[:-1]:
            target = target[key]
        if self.value is DELETE:
            del target[self.keys[-1]]
        else:
            target[self.keys[-1]] = self.value

    def concerns(self, path: list[str | int]) -> bool:
        """Return whether a schema error at `path` is about this change (or about its parent object)."""
        keys = list(self.keys)
        return path[: len(keys)] == keys or (path == keys[: len(path)] and len(path) == len(keys) - 1)


def at(*keys: str) -> Callable[[Any], Change]:
    return lambda value: Change(keys, value)


DELETE = object()
TABLE_A = ("proactive", "table")
RESULTS = ("applications", "table", "results")
fees, licensing, rules = at(*TABLE_A, "fees"), at(*TABLE_A, "licensing"), at(*TABLE_A, "rules")
review, other_handling = at("reviews", "table", "review"), at(*RESULTS, "other_handling")
signature, acknowledged = at("signature"), at("acknowledged")
COLUMNS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total"]
ROW = [181, 5, 0, 0, 1, 0, 187]

# (what, change, reportgen accepts it)
NATIONAL_2021 = [
    ("a row as an array", rules([1, 0, 11]), True),
    ("a row as an object", rules({"issued": 1, "repealed": 0, "in_force": 11}), True),
    ("blank cells", rules([None, 0, None]), True),
    ("a row of two", rules([1, 0]), False),
    ("a row of four", rules([1, 0, 11, 2]), False),
    ("a row object without a cell", rules({"issued": 1, "repealed": 0}), False),
    ("a row object with a stranger", rules({"issued": 1, "repealed": 0, "in_force": 1, "x": 1}), False),
    ("a negative count", rules([1, -1, 11]), False),
    ("a count with decimals", licensing(12.5), False),
    ("a count in quotes", licensing("12"), False),
    ("a count as true", licensing(True), False),
    ("a word for a count", licensing("无"), False),
    ("fees with decimals", fees(96171.6), True),
    ("fees zero", fees(0), True),
    ("fees blank", fees(None), True),
    ("fees as a word", fees("无"), False),
    ("fees in quotes", fees("96171.6"), False),
    ("fees negative", fees(-1), False),
    ("fees as true", fees(True), False),
    ("（六） as one row", other_handling(ROW), True),
    ("（六） as one row object", other_handling(dict(zip(COLUMNS, ROW, strict=True))), True),
    ("（六） as one row of blanks", other_handling([None] * 7), True),
    ("（六） as a number", other_handling(187), False),
    ("（六） as a row of six", other_handling(ROW[:6]), False),
    ("（六） as an empty object", other_handling({}), False),
    ("（六） mixing both forms", other_handling({"natural_person": 1, "no_correction": ROW}), False),
    ("a table C row of four", review([72, 64, 178, 37]), False),
    ("a date-only signature", signature({"date": "2014-03-25"}), True),
    ("a full signature", signature({"issuer": "淮安市人民政府办公室", "date": "2025-01-20"}), True),
    ("a signature without date (to be filled in)", signature({"issuer": "淮安市人民政府办公室"}), True),
    ("a signature with an empty issuer", signature({"issuer": "", "date": "2025-01-20"}), False),
    ("a Chinese date", signature({"issuer": "淮安市人民政府办公室", "date": "2025年1月20日"}), False),
    ("a timestamp for a date", signature({"issuer": "淮安市人民政府办公室", "date": 1737331200}), False),
    (
        "a date with a time",
        signature({"issuer": "淮安市人民政府办公室", "date": "2025-01-20T00:00:00"}),
        False,
    ),
    ("a date without zeros", signature({"issuer": "淮安市人民政府办公室", "date": "2025-1-20"}), False),
    ("a wildcard acknowledgement", acknowledged([{"check": "B.row_total.*", "reason": "照录"}]), True),
    ("an acknowledgement without reason", acknowledged([{"check": "B.row_total.*"}]), False),
    ("an unknown top-level field", at("extra")(1), False),
    ("the year in quotes", at("year")("2024"), False),
    ("no general part", at("general")(DELETE), False),
    ("a lengthened heading", at("problems", "heading")("五、存在的主要问题及改进情况（含整改）"), True),
    ("an empty heading", at("problems", "heading")(""), False),
]


@pytest.mark.parametrize(("what", "change", "accepted"), NATIONAL_2021, ids=[w for w, _, _ in NATIONAL_2021])
def test_the_schema_and_reportgen_agree_on_each_form(what: str, change: Change, accepted: bool) -> None:
    """Accepted: no schema error at all. Refused: by the model, and by the schema right there."""
    data = copy.deepcopy(example("national-2021"))
    change.apply(data)
    errors = [
        list(e.absolute_path)
        for e in jsonschema.Draft202012Validator(committed("national-2021")).iter_errors(data)
    ]
    assert model_accepts(data, "national-2021") == accepted
    if accepted:
        assert errors == []
    else:
        assert [path for path in errors if change.concerns(path)] != [], errors
