"""`reportgen aggregate`: a district's input compiled from its units' — sums, blanks, failing units, sources."""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reportgen.cli.main import main
from tests.conftest import ROOT

HUAIAN = ROOT / "inputs" / "2024-huaian.json"
TABLES = ("proactive", "applications", "reviews")


def huaian() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(HUAIAN.read_text("utf-8"))
    return data


def scaled(value: Any, factor: int) -> Any:
    """Return a table with every figure multiplied by `factor` (every check of the format still holds)."""
    if isinstance(value, dict):
        return {key: scaled(item, factor) for key, item in value.items()}
    if isinstance(value, list):
        return [scaled(item, factor) for item in value]
    if isinstance(value, float):
        return round(value * factor, 2)
    return None if value is None else value * factor


def unit(
    folder: Path, name: str, factor: int, issuer: str, change: Callable[[dict[str, Any]], None] | None = None
) -> Path:
    """Write a unit: Huai'an's report with its figures times `factor`, its own issuer, and `change` applied."""
    data = copy.deepcopy(huaian())
    data["issuer"] = issuer
    for part in TABLES:
        data[part]["table"] = scaled(data[part]["table"], factor)
    data["other"]["content"] = [f"{issuer}的其他事项。"]
    if change is not None:
        change(data)
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def summed(values: list[Any]) -> Any:
    """Return the cell-by-cell sum of tables of one shape (blank + blank = blank, a blank beside figures = 0)."""
    if isinstance(values[0], dict):
        return {key: summed([value[key] for value in values]) for key in values[0]}
    if isinstance(values[0], list):
        return [summed(list(cells)) for cells in zip(*values, strict=True)]
    figures = [value for value in values if value is not None]
    if not figures:
        return None
    return round(sum(figures), 2) if any(isinstance(f, float) for f in figures) else sum(figures)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def units(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "units"
    folder.mkdir()
    return [
        unit(folder, "a-town.json", 1, "甲镇"),
        unit(folder, "b-town.json", 2, "乙镇"),
        unit(folder, "c-bureau.json", 3, "丙局"),
    ]


def test_three_units_are_summed_cell_by_cell(
    units: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "district.json"
    code, stdout, stderr = run(
        ["aggregate", *map(str, units), "--issuer", "某某区", "--year", "2024", "-o", str(out)], capsys
    )
    assert (code, stderr) == (0, "")
    side = tmp_path / "district.units.md"
    assert stdout == (
        f"已汇总 3 个单位的统计表\n已写出 {out}\n已写出 {side}\n"
        f"待填写 8 处；用 reportgen validate {out} 列出\n"
    )
    compiled = json.loads(out.read_text("utf-8"))
    inputs = [json.loads(path.read_text("utf-8")) for path in units]
    for part in TABLES:
        assert compiled[part]["table"] == summed([data[part]["table"] for data in inputs]), part
    # a few cells by hand: Huai'an's figures times 1 + 2 + 3
    assert compiled["applications"]["table"]["new_received"] == [18006, 318, 0, 0, 366, 24, 18714]
    assert compiled["proactive"]["table"]["fees"] == 577029.6
    assert compiled["reviews"]["table"]["review"] == [432, 384, 1068, 222, 2106]
    assert (compiled["format"], compiled["issuer"], compiled["year"]) == ("national-2021", "某某区", 2024)
    # the units and their sha256, in the order given, named relative to the output
    assert compiled["compiled_from"] == [
        {
            "file": f"units/{path.name}",
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "issuer": issuer,
        }
        for path, issuer in zip(units, ("甲镇", "乙镇", "丙局"), strict=True)
    ]
    # prose empty; the sub-section titles all units share are kept, as `new --from` keeps them
    assert [block["title"] for block in compiled["general"]["content"]] == [
        "（一）主动公开情况。",
        "（二）依申请公开情况。",
        "（三）政府信息管理情况。",
        "（四）政府信息公开平台建设情况。",
        "（五）政府信息公开监督保障情况。",
    ]
    assert {block["text"] for block in compiled["general"]["content"]} == {""}
    assert compiled["problems"]["content"] == compiled["other"]["content"] == compiled["preamble"] == []
    # a valid input, with what is still to be written listed
    code, stdout, stderr = run(["validate", str(out)], capsys)
    assert code == 0
    assert stdout == f"{out}：检查通过\n"
    assert stderr.count("警告：") == 8
    # the side file: every unit's text, part by part
    notes = side.read_text("utf-8")
    other = notes[notes.index("## 六、其他需要报告的事项") :]
    assert other == (
        "## 六、其他需要报告的事项\n\n"
        "### units/a-town.json（甲镇）\n\n甲镇的其他事项。\n\n"
        "### units/b-town.json（乙镇）\n\n乙镇的其他事项。\n\n"
        "### units/c-bureau.json（丙局）\n\n丙局的其他事项。\n"
    )
    assert notes.count("**（一）主动公开情况。**全年通过市政府网站主动公开政府信息5500余条") == 3


def test_blank_plus_blank_is_blank_and_a_blank_beside_figures_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def blank_a(data: dict[str, Any]) -> None:
        data["proactive"]["table"]["licensing"] = None
        data["proactive"]["table"]["enforcement"] = None
        data["applications"]["table"]["new_received"][2:4] = [None, None]  # 科研机构, 社会公益组织 were 0

    def blank_b(data: dict[str, Any]) -> None:
        data["proactive"]["table"]["licensing"] = None
        data["proactive"]["table"]["enforcement"] = None

    def blank_c(data: dict[str, Any]) -> None:
        data["proactive"]["table"]["enforcement"] = None

    a = unit(tmp_path, "a.json", 1, "甲镇", blank_a)
    b = unit(tmp_path, "b.json", 1, "乙镇", blank_b)
    c = unit(tmp_path, "c.json", 1, "丙局", blank_c)
    out = tmp_path / "out" / "district.json"
    code, _, stderr = run(
        ["aggregate", str(a), str(b), str(c), "--issuer", "某某区", "--year", "2024", "-o", str(out)], capsys
    )
    assert code == 0
    note = "此处空白，按 0 计入汇总（其他单位有数字）："
    assert stderr == (
        f"警告：{a}: $.proactive.table.licensing: {note}二、主动公开政府信息情况 › 行政许可\n"
        f"警告：{b}: $.proactive.table.licensing: {note}二、主动公开政府信息情况 › 行政许可\n"
        f"警告：{a}: $.applications.table.new_received: {note}"
        "三、收到和处理政府信息公开申请情况 › 一、本年新收政府信息公开申请数量 › 科研机构、社会公益组织\n"
    )
    table = json.loads(out.read_text("utf-8"))["proactive"]["table"]
    assert table["licensing"] == 447228  # c's figure alone
    assert table["enforcement"] is None  # blank in every unit: blank
    new_received = json.loads(out.read_text("utf-8"))["applications"]["table"]["new_received"]
    assert new_received == [9003, 159, 0, 0, 183, 12, 9357]


def test_a_failing_unit_stops_the_aggregate_with_all_its_messages(
    units: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(data: dict[str, Any]) -> None:
        data["issuer"] = ""
        data["applications"]["table"]["new_received"].pop()  # six figures, not seven

    bad = unit(tmp_path / "units", "d-broken.json", 1, "丁镇", broken)
    unreadable = tmp_path / "units" / "e-unreadable.json"
    unreadable.write_text('{"format": "national-2021",', encoding="utf-8")
    out = tmp_path / "district.json"
    argv = ["aggregate", *map(str, units), str(bad), str(unreadable), "--issuer", "某某区", "--year", "2024"]
    code, stdout, stderr = run([*argv, "-o", str(out)], capsys)
    assert (code, stdout) == (1, "")
    assert stderr == (
        "错误：2 个单位不能汇总，没有写出任何文件\n"
        f"  {bad}: 输入有误（2 处）\n"
        f"  {bad}: $.issuer（发布机关）: 不能为空\n"
        f"  {bad}: $.applications.table.new_received（一、本年新收政府信息公开申请数量）: 应为 7 个数字"
        "（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计），实际是 6 个\n"
        f"  {unreadable}: JSON 格式错误\n"
        f"  {unreadable}: 第 1 行第 28 列: 文件在这里意外结束：缺少结尾的 }} 或 ]（文件可能不完整）："
        '…ormat": "national-2021",▶\n'
    )
    assert not out.exists()
    assert not (tmp_path / "district.units.md").exists()


def test_units_of_other_formats_or_years_are_refused(
    units: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trial = ROOT / "inputs" / "2020-example.json"
    out = tmp_path / "district.json"
    code, _, stderr = run(
        ["aggregate", str(units[0]), str(trial), "--issuer", "某某区", "--year", "2024", "-o", str(out)],
        capsys,
    )
    assert code == 2
    assert stderr == (
        "错误：各单位的格式和年度应相同，且与 --year 一致；没有汇总\n"
        f"  {trial}: $.format: 格式是 national-2019，与 {units[0]} 的 national-2021 不同\n"
        f"  {trial}: $.year: 报告年度是 2020，与 --year 2024 不符\n"
    )
    legacy = ROOT / "inputs" / "2015.json"
    code, _, stderr = run(
        ["aggregate", str(legacy), "--issuer", "某某区", "--year", "2015", "-o", str(out)], capsys
    )
    assert code == 1
    assert stderr == (
        "错误：1 个单位不能汇总，没有写出任何文件\n"
        f"  {legacy}: $.format: legacy 格式没有统计表，不能汇总；汇总只用于 national-2019、national-2021\n"
    )
    assert not out.exists()


def test_no_overwrite_without_force_and_no_unit_twice(
    units: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "district.json"
    out.write_text("earlier", encoding="utf-8")
    argv = ["aggregate", *map(str, units), "--issuer", "某某区", "--year", "2024", "-o", str(out)]
    code, _, stderr = run(argv, capsys)
    assert (code, stderr) == (2, f"错误：{out}: 文件已存在，不覆盖；要覆盖请加 --force\n")
    assert out.read_text("utf-8") == "earlier"
    assert run([*argv, "--force"], capsys)[0] == 0
    assert json.loads(out.read_text("utf-8"))["issuer"] == "某某区"
    code, _, stderr = run([*argv[:4], str(units[0]), *argv[4:], "--force"], capsys)
    assert (code, stderr) == (2, f"错误：{units[0]} 给了两次：同一个单位不能计入两次\n")


def test_other_handling_given_both_ways_is_summed_as_one_row(
    units: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def one_row(data: dict[str, Any]) -> None:
        rows = data["applications"]["table"]["results"]["other_handling"]
        data["applications"]["table"]["results"]["other_handling"] = [
            sum(c) for c in zip(*rows.values(), strict=True)
        ]

    single = unit(tmp_path / "units", "d-one-row.json", 1, "丁镇", one_row)
    out = tmp_path / "district.json"
    argv = ["aggregate", str(units[0]), str(single), "--issuer", "某某区", "--year", "2024", "-o", str(out)]
    code, _, stderr = run(argv, capsys)
    assert code == 0
    assert stderr == (
        "警告：$.applications.table.results.other_handling: 三、收到和处理政府信息公开申请情况 › "
        "三、本年度办理结果 › （六）其他处理：有的单位分子行、有的不分，汇总为一行\n"
    )
    results = json.loads(out.read_text("utf-8"))["applications"]["table"]["results"]
    assert results["other_handling"] == [362, 10, 0, 0, 2, 0, 374]  # (71 + 6 + 110) × 2, column by column


def test_next_years_input_from_a_compiled_one_leaves_the_units_out(
    units: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "district-2024.json"
    argv = ["aggregate", *map(str, units), "--issuer", "某某区", "--year", "2024", "-o", str(out)]
    assert run(argv, capsys)[0] == 0
    code, stdout, stderr = run(["new", "--from", str(out)], capsys)
    assert (code, stderr) == (0, "")
    following = json.loads((tmp_path / "district-2025.json").read_text("utf-8"))
    assert "compiled_from" not in following
    assert following["applications"]["table"]["carried_over"] == [618, 0, 0, 0, 0, 0, 618]  # 103 × 6
