"""The annual cycle: `new --from` last year's input, `--previous` across years, `prev` in templates."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import docx

from reportgen.input.model.national_2021 import Applicants
from tests.conftest import ROOT, run_reportgen

LAST_YEAR = ROOT / "inputs" / "2024-huaian.json"
COLUMNS = list(Applicants.model_fields)


def last_year() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(LAST_YEAR.read_text("utf-8"))
    return data


def this_year(tmp_path: Path, carried_over: list[int], extra_new: int = 0) -> Path:
    """Write a valid 2025 input made from 2024's figures: `carried_over` as 二, `extra_new` more 自然人 in 一."""
    data = copy.deepcopy(last_year())
    data["year"] = 2025
    table = data["applications"]["table"]
    table["new_received"][0] += extra_new
    table["new_received"][6] += extra_new
    shift = [now - before for now, before in zip(carried_over, table["carried_over"], strict=True)]
    table["carried_over"] = carried_over
    table["carried_forward"] = [
        forward + change + (extra_new if i in (0, 6) else 0)
        for i, (forward, change) in enumerate(zip(table["carried_forward"], shift, strict=True))
    ]
    path = tmp_path / "2025.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def figures(value: Any, path: str = "") -> dict[str, Any]:
    """Return every table cell of a JSON table as path → value (rows are arrays)."""
    if isinstance(value, dict):
        return {k: v for name, child in value.items() for k, v in figures(child, f"{path}.{name}").items()}
    if isinstance(value, list):
        return {f"{path}[{i}]": v for i, v in enumerate(value)}
    return {path: value}


def test_new_makes_next_years_input_from_last_years(tmp_path: Path) -> None:
    target = tmp_path / "2025.json"
    result = run_reportgen("new", "--from", str(LAST_YEAR), "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == f"已写出 {target}\n待填写 10 处；用 reportgen validate {target} 列出\n"
    old, new = last_year(), json.loads(target.read_text("utf-8"))
    assert list(new)[:4] == ["$schema", "issuer", "year", "format"]  # the model's key order
    assert (new["$schema"], new["issuer"], new["year"], new["format"]) == (
        old["$schema"],
        "淮安市人民政府",
        2025,
        "national-2021",
    )
    assert new["applications"]["table"]["carried_over"] == old["applications"]["table"]["carried_forward"]
    cells = {}
    for part in ("proactive", "applications", "reviews"):
        cells.update(figures(new[part]["table"], part))
    carried = {k for k in cells if k.startswith("applications.carried_over")}
    assert len(cells) == 10 + 175 + 15
    assert {cells[k] for k in cells.keys() - carried} == {None}
    old_titles = [b["title"] for b in old["general"]["content"] if isinstance(b, dict)]
    assert new["general"]["content"] == [{"title": title, "text": ""} for title in old_titles]
    assert len(old_titles) == 5
    assert new["preamble"] == new["problems"]["content"] == new["other"]["content"] == []
    assert [new[p]["heading"] for p in ("general", "problems")] == ["一、总体情况", "五、存在的主要问题及改进情况"]
    text = target.read_text("utf-8")
    assert text.startswith('{\n  "$schema": "../schemas/national-2021.schema.json",\n  "issuer": "淮安市人民政府",\n')
    assert '      "carried_over": [103, 0, 0, 0, 0, 0, 103],\n' in text
    assert not list(tmp_path.glob(".reportgen-*"))


def test_validate_lists_what_is_still_to_be_filled(tmp_path: Path) -> None:
    target = tmp_path / "2025.json"
    assert run_reportgen("new", "--from", str(LAST_YEAR), "-o", str(target)).returncode == 0
    result = run_reportgen("validate", str(target))
    assert result.returncode == 0
    assert result.stdout == f"{target}：检查通过\n"
    lines = result.stderr.splitlines()
    assert len(lines) == 10
    assert lines[1].startswith(
        f"警告：{target}: $.applications.table: 三、收到和处理政府信息公开申请情况：168 个空白单元格，印为空白、按 0 计算："
    )
    assert lines[3] == (
        f"警告：{target}: $.general.content[0].text（小节正文）: 小节“（一）主动公开情况。”的正文空白，待填写"
    )
    assert lines[-2:] == [
        f"警告：{target}: $.problems.content（内容）: 内容空白，待填写",
        f"警告：{target}: $.other.content（内容）: 内容空白，待填写",
    ]
    strict = run_reportgen("validate", str(target), "--strict")
    assert strict.returncode == 1


def test_render_strict_refuses_a_report_with_blanks(tmp_path: Path) -> None:
    target = tmp_path / "2025.json"
    assert run_reportgen("new", "--from", str(LAST_YEAR), "-o", str(target)).returncode == 0
    out = tmp_path / "out"
    result = run_reportgen("render", str(target), "--out-dir", str(out), "--strict")
    assert result.returncode == 1
    assert result.stderr.startswith(f"错误：{target}: 有警告（--strict 模式下视为错误）")
    assert f"{target}: $.other.content（内容）: 内容空白，待填写" in result.stderr
    assert not out.exists() or list(out.iterdir()) == []


def test_new_names_the_output_after_the_year_and_refuses_to_overwrite(tmp_path: Path) -> None:
    source = tmp_path / "2024-huaian.json"
    shutil.copy(LAST_YEAR, source)
    result = run_reportgen("new", "--from", str(source))
    assert result.returncode == 0, result.stderr
    made = tmp_path / "2025-huaian.json"
    assert json.loads(made.read_text("utf-8"))["year"] == 2025
    made.write_text("edited", encoding="utf-8")
    again = run_reportgen("new", "--from", str(source))
    assert (again.returncode, again.stdout) == (2, "")
    assert again.stderr == f"错误：{made}: 文件已存在，不覆盖；要覆盖请加 --force\n"
    assert made.read_text("utf-8") == "edited"
    forced = run_reportgen("new", "--from", str(source), "--force")
    assert forced.returncode == 0, forced.stderr
    assert json.loads(made.read_text("utf-8"))["year"] == 2025
    plain = tmp_path / "huaian.json"
    shutil.copy(LAST_YEAR, plain)
    assert run_reportgen("new", "--from", str(plain)).returncode == 0
    assert (tmp_path / "huaian-2025.json").is_file()


def test_new_from_a_legacy_input_keeps_the_headings() -> None:
    from reportgen.input import validate
    from reportgen.input.cycle import next_year

    source = ROOT / "inputs" / "2015.json"
    report = validate(json.loads(source.read_text("utf-8")), source).value
    data = next_year(report)
    assert (data["year"], data["issuer"], data["format"]) == (2016, report.issuer, "legacy")
    assert [s["heading"] for s in data["sections"]] == [s.heading for s in report.sections]
    assert all(isinstance(b, dict) and b["text"] == "" for s in data["sections"] for b in s["content"])
    assert validate(data, source).value.year == 2016


def test_previous_warns_when_the_carry_over_differs(tmp_path: Path) -> None:
    path = this_year(tmp_path, [100, 0, 0, 0, 0, 0, 100])
    result = run_reportgen("validate", str(path), "--previous", str(LAST_YEAR))
    assert result.returncode == 0
    assert result.stdout == f"{path}：检查通过\n"
    where = f"警告：{path}: $.applications.table.carried_over: "
    assert result.stderr == (
        f"{where}自然人：本年“二、上年结转”为 100，上年 {LAST_YEAR} 的“四、结转下年度继续办理”为 103，"
        "两者应相等 [Y.carried_over.natural_person]\n"
        f"{where}总计：本年“二、上年结转”为 100，上年 {LAST_YEAR} 的“四、结转下年度继续办理”为 103，"
        "两者应相等 [Y.carried_over.total]\n"
    )


def test_previous_is_silent_when_the_carry_over_matches(tmp_path: Path) -> None:
    path = this_year(tmp_path, [103, 0, 0, 0, 0, 0, 103])
    result = run_reportgen("validate", str(path), "--previous", str(LAST_YEAR))
    assert (result.returncode, result.stdout, result.stderr) == (0, f"{path}：检查通过\n", "")


def test_previous_must_be_the_year_before(tmp_path: Path) -> None:
    path = this_year(tmp_path, [103, 0, 0, 0, 0, 0, 103])
    result = run_reportgen("validate", str(path), "--previous", str(path))
    assert result.returncode == 2
    assert result.stderr == f"错误：{path}: 上年的文件是 2025 年度的，应为 2024 年度\n"


def change_template(tmp_path: Path) -> Path:
    """Return the default national-2021 template with a paragraph comparing 一 with last year's."""
    document = docx.Document(str(ROOT / "src" / "reportgen" / "templates" / "national-2021.docx"))
    document.add_paragraph(
        "本年新收申请{{ b.new_received.total }}件{% if prev %}，比上年"
        "{{ b.new_received.total|change(prev.b.new_received.total, '件') }}{% endif %}。"
    )
    path = tmp_path / "national-2021.docx"
    document.save(str(path))
    return path


def test_templates_compare_with_last_year_through_prev(tmp_path: Path) -> None:
    path = this_year(tmp_path, [103, 0, 0, 0, 0, 0, 103], extra_new=12)
    template = change_template(tmp_path)
    for previous, expected in (
        (["--previous", str(LAST_YEAR)], "本年新收申请3131件，比上年增加12件，增长0.4%。"),
        ([], "本年新收申请3131件。"),
    ):
        out = tmp_path / f"out{len(previous)}"
        result = run_reportgen("render", str(path), "--template", str(template), "--out-dir", str(out), *previous)
        assert result.returncode == 0, result.stderr
        assert "Y.carried_over" not in result.stderr
        texts = [p.text for p in docx.Document(str(out / "2025.docx")).paragraphs]
        assert expected in texts
