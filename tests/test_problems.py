"""A problem names its own file: one file name per line, the right one."""

from __future__ import annotations

from pathlib import Path

from reportgen.errors import Problem, Result, ValidationFailed
from tests.conftest import ROOT, run_reportgen

LEGACY = ROOT / "src" / "reportgen" / "templates" / "legacy.docx"


def test_a_problem_names_its_own_file_else_the_command_s() -> None:
    plain = Problem("$.year", "应为整数")
    placed = plain.in_file("模板.docx")
    assert plain.format_in("inputs/a.json") == "inputs/a.json: $.year: 应为整数"
    assert placed.format_in("inputs/a.json") == "模板.docx: $.year: 应为整数"
    assert placed.in_file("other.docx") is placed  # a problem keeps the file it was found in
    assert Problem("", "文件是空的").format_in(None) == "文件是空的"


def test_an_error_lists_each_problem_with_its_own_file() -> None:
    error = ValidationFailed(
        "有警告",
        path=Path("inputs/a.json"),
        problems=[Problem("$.year", "x"), Problem("正文第 3 段", "y", Path("t.docx"))],
    )
    assert (
        error.format_message()
        == "inputs/a.json: 有警告\n  inputs/a.json: $.year: x\n  t.docx: 正文第 3 段: y"
    )


def test_result_carries_value_and_warnings() -> None:
    result: Result[int] = Result(3)
    assert result.extend([Problem("a", "b")]) is result
    assert (result.value, result.warnings) == (3, [Problem("a", "b")])


def test_validate_with_a_template_names_the_template_once(tmp_path: Path) -> None:
    """`validate --template` printed the input's name before the template's on template warnings."""
    done = run_reportgen("validate", "inputs/2024-huaian.json", "--template", str(LEGACY))
    assert done.returncode == 0
    warnings = done.stderr.splitlines()
    assert len(warnings) == 9  # the six parts and three tables of a national-2021 report
    assert warnings[0] == f"警告：{LEGACY}: 模板没有用到 general（一、总体情况）：输入中的这项内容不会印出"
    assert not any("2024-huaian.json" in line for line in warnings)
    assert done.stdout == "inputs/2024-huaian.json：检查通过\n"
