"""Input validation: every problem at once, each named by JSON path and Chinese title."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reportgen.errors import InputError, ValidationFailed
from reportgen.input import load_json, validate
from tests.conftest import ROOT


def minimal() -> dict[str, Any]:
    return {
        "format": "legacy",
        "issuer": "某某县",
        "year": 2016,
        "sections": [
            {"heading": "一、总体情况", "content": ["正文。", {"title": "（一）小节。", "text": "内容"}]}
        ],
    }


def problems(data: Any, tmp_path: Path) -> list[str]:
    path = tmp_path / "in.json"
    with pytest.raises(ValidationFailed) as info:
        validate(data, path)
    return [p.format() for p in info.value.problems]


def test_the_2015_input_is_valid() -> None:
    path = ROOT / "inputs" / "2015.json"
    report = validate(load_json(path).value.data, path).value
    assert report.year == 2015
    assert [s.heading[:2] for s in report.sections] == ["一、", "二、", "三、", "四、", "五、", "六、"]


def test_minimal_input_is_valid_and_title_defaults(tmp_path: Path) -> None:
    report = validate(minimal(), tmp_path / "in.json").value
    assert report.resolved_title_lines() == ["某某县", "2016年政府信息公开工作年度报告"]


def test_all_problems_are_reported_at_once_with_chinese_titles(tmp_path: Path) -> None:
    data = minimal()
    del data["issuer"]
    data["year"] = "二〇一六"
    data["sections"][0]["content"][1]["title"] = ""
    data["sections"][0]["headng"] = "x"
    assert problems(data, tmp_path) == [
        "$.issuer（发布机关）: 缺少此项（必填）",
        "$.year（报告年度）: 应为整数",
        "$.sections[0].content[1].title（小标题）: 不能为空",
        "$.sections[0].headng: 不认识的字段；是不是 “heading”？",
    ]


def test_block_of_unknown_shape(tmp_path: Path) -> None:
    data = minimal()
    data["sections"][0]["content"].append(42)
    assert problems(data, tmp_path) == [
        "$.sections[0].content[2]（内容）: 应为一段文字、一个小节（含 title）或一张图片（含 image）"
    ]


def test_year_out_of_range_and_empty_sections(tmp_path: Path) -> None:
    data = minimal()
    data["year"] = 1999
    data["sections"] = []
    assert problems(data, tmp_path) == [
        "$.year（报告年度）: 不能小于 2008",
        "$.sections（正文各部分）: 至少需要 1 项",
    ]


def test_missing_or_unknown_format(tmp_path: Path) -> None:
    data = minimal()
    del data["format"]
    assert problems(data, tmp_path) == ["$.format（报告格式）: 缺少此项；应为 legacy、national-2019、national-2021 之一"]
    data["format"] = "national-2099"
    assert problems(data, tmp_path) == [
        "$.format（报告格式）: 不认识的格式 'national-2099'；应为 legacy、national-2019、national-2021 之一"
    ]


def test_array_instead_of_object(tmp_path: Path) -> None:
    assert problems([1, 2], tmp_path) == ["$: 应为一个对象（{…}），实际是列表"]


def test_missing_image_file_is_reported(tmp_path: Path) -> None:
    data = minimal()
    data["sections"][0]["content"].append({"image": "图/不存在.png", "caption": "图1"})
    assert problems(data, tmp_path) == [
        "$.sections[0].content[2].image（图片文件）: 找不到图片文件 图/不存在.png"
    ]


def test_signature_date_must_be_a_date(tmp_path: Path) -> None:
    data = minimal()
    data["signature"] = {"issuer": "某某县人民政府办公室", "date": "2016年1月20日"}
    assert problems(data, tmp_path) == ["$.signature.date（成文日期）: 应为日期，格式 YYYY-MM-DD"]


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(minimal(), ensure_ascii=False).encode("utf-8"))
    assert validate(load_json(path).value.data, path).value.issuer == "某某县"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_json(tmp_path / "nope.json")
    assert info.value.format_message() == f"{tmp_path / 'nope.json'}: 找不到输入文件"
