"""The national-2019 trial format: model, checks, the default template's tables, schema and CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from reportgen.cli import main
from reportgen.errors import ValidationFailed
from reportgen.input import validate
from reportgen.pipeline import RenderResult, render
from tests.conftest import ROOT, pdftotext, squeeze

INPUT = ROOT / "inputs" / "2020-example.json"
TEMPLATE = ROOT / "src" / "reportgen" / "templates" / "national-2019.docx"
A = "二、主动公开政府信息情况"
B = "三、收到和处理政府信息公开申请情况"

A_HEADS = {
    "第二十条第（一）项": ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
    "第二十条第（五）项": ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
    "第二十条第（六）项": ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
    "第二十条第（八）项": ["信息内容", "上一年项目数量", "本年增/减"],
    "第二十条第（九）项": ["信息内容", "采购项目数量", "采购总金额"],
}
A_ROWS = {
    "第二十条第（一）项": [["规章", "0", "0", "0"], ["规范性文件", "5", "5", "37"]],
    "第二十条第（五）项": [["行政许可", "126", "-3", "2841"], ["其他对外管理服务事项", "412", "15", "10356"]],
    "第二十条第（六）项": [["行政处罚", "1838", "22", "164"], ["行政强制", "46", "0", "12"]],
    "第二十条第（八）项": [["行政事业性收费", "12", "-2"]],
    "第二十条第（九）项": [["政府集中采购", "18", "1236.58万元"]],
}
B_ROWS = [
    ("一、本年新收政府信息公开申请数量", [52, 6, 0, 1, 2, 1, 62]),
    ("二、上年结转政府信息公开申请数量", [3, 0, 0, 0, 0, 0, 3]),
    ("（一）予以公开", [22, 3, 0, 1, 1, 0, 27]),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [5, 1, 0, 0, 0, 0, 6]),
    ("1.属于国家秘密", [0, 0, 0, 0, 0, 0, 0]),
    ("2.其他法律行政法规禁止公开", [1, 0, 0, 0, 0, 0, 1]),
    ("3.危及“三安全一稳定”", [0, 0, 0, 0, 0, 0, 0]),
    ("4.保护第三方合法权益", [1, 0, 0, 0, 0, 0, 1]),
    ("5.属于三类内部事务信息", [0, 0, 0, 0, 0, 0, 0]),
    ("6.属于四类过程性信息", [2, 0, 0, 0, 0, 0, 2]),
    ("7.属于行政执法案卷", [1, 0, 0, 0, 0, 0, 1]),
    ("8.属于行政查询事项", [3, 0, 0, 0, 0, 0, 3]),
    ("1.本机关不掌握相关政府信息", [8, 1, 0, 0, 1, 1, 11]),
    ("2.没有现成信息需要另行制作", [2, 0, 0, 0, 0, 0, 2]),
    ("3.补正后申请内容仍不明确", [1, 0, 0, 0, 0, 0, 1]),
    ("1.信访举报投诉类申请", [2, 0, 0, 0, 0, 0, 2]),
    ("2.重复申请", [1, 0, 0, 0, 0, 0, 1]),
    ("3.要求提供公开出版物", [0, 0, 0, 0, 0, 0, 0]),
    ("4.无正当理由大量反复申请", [0, 0, 0, 0, 0, 0, 0]),
    ("5.要求行政机关确认或重新出具已获取信息", [0, 0, 0, 0, 0, 0, 0]),
    ("（六）其他处理", [2, 0, 0, 0, 0, 0, 2]),
    ("（七）总计", [51, 5, 0, 1, 2, 1, 60]),
    ("四、结转下年度继续办理", [4, 1, 0, 0, 0, 0, 5]),
]
HEADINGS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]


def data() -> dict[str, Any]:
    return json.loads(INPUT.read_text("utf-8"))


def problems(payload: dict[str, Any], tmp_path: Path) -> list[str]:
    with pytest.raises(ValidationFailed) as info:
        validate(payload, tmp_path / "in.json")
    return [p.format() for p in info.value.problems]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> RenderResult:
    return render(INPUT, tmp_path_factory.mktemp("out"), TEMPLATE)


def structure(table: Any) -> list[list[tuple[str, int, str | None]]]:
    """Return each row as (text, gridSpan, vMerge) per cell, straight from the XML."""
    rows = []
    for tr in table._tbl.tr_lst:
        cells = []
        for tc in tr.tc_lst:
            span = tc.tcPr.find(qn("w:gridSpan"))
            merge = tc.tcPr.find(qn("w:vMerge"))
            cells.append(
                (
                    "".join(t.text or "" for t in tc.iter(qn("w:t"))),
                    int(span.get(qn("w:val"))) if span is not None else 1,
                    (merge.get(qn("w:val")) or "continue") if merge is not None else None,
                )
            )
        rows.append(cells)
    return rows


# -- the example and its rendering ---------------------------------------------------------------


def test_the_example_is_marked_as_an_example_and_valid() -> None:
    payload = data()
    assert payload["format"] == "national-2019"
    assert payload["issuer"] == "示例县人民政府"
    assert "（示例）" in payload["title_lines"][-1]
    assert "示例输入" in payload["preamble"][0]
    assert "虚构" in payload["preamble"][0]
    validated = validate(payload, INPUT)
    assert validated.warnings == []
    assert [s.heading for s in validated.value.sections] == HEADINGS


def test_table_a_blocks_heads_rows_and_spans(rendered: RenderResult) -> None:
    # the only warning may be the font stand-in for 仿宋, which depends on the machine
    assert [w.format() for w in rendered.warnings if w.location != "字体"] == []
    a = structure(docx.Document(str(rendered.docx_path)).tables[0])
    blocks: dict[str, list[list[tuple[str, int, str | None]]]] = {}
    for row in a:
        if len(row) == 1:  # a caption row across the four columns
            assert row[0][1] == 4
            blocks[row[0][0]] = []
        else:
            blocks[list(blocks)[-1]].append(row)
    assert list(blocks) == list(A_HEADS)
    for caption, rows in blocks.items():
        head, *body = rows
        assert [text for text, _, _ in head] == A_HEADS[caption], caption
        assert [[text for text, _, _ in row] for row in body] == A_ROWS[caption], caption
        # every row fills the four grid columns; with two figures the last spans two
        assert {sum(span for _, span, _ in row) for row in rows} == {4}
    assert blocks["第二十条第（八）项"][0][-1] == ("本年增/减", 2, None)
    assert blocks["第二十条第（九）项"][1][-1] == ("1236.58万元", 2, None)


def test_table_b_prints_other_handling_as_one_row(rendered: RenderResult) -> None:
    b = structure(docx.Document(str(rendered.docx_path)).tables[1])
    header, body = b[:3], b[3:]
    assert [c[0] for c in header[0]] == [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "申请人情况",
    ]
    assert [c[0] for c in header[1]][1:] == ["自然人", "法人或其他组织", "总计"]
    assert [c[0] for c in header[2]][2:-1] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    labels = [next(text for text, _, merge in reversed(row[:-7]) if text or merge is None) for row in body]
    assert labels == [label for label, _ in B_ROWS]
    assert [[int(text) for text, _, _ in row[-7:]] for row in body] == [figures for _, figures in B_ROWS]
    other = body[20]
    assert other[0] == ("", 1, "continue")  # still under 三、本年度办理结果
    assert other[1] == ("（六）其他处理", 2, None)  # one row across the group and sub-row columns
    assert body[2][0] == ("三、本年度办理结果", 1, "restart")
    assert all(row[0] == ("", 1, "continue") for row in body[3:22])
    groups = [row[1][0] for row in body if row[1][2] == "restart"]
    assert groups == ["（三）不予公开", "（四）无法提供", "（五）不予处理"]


def test_headings_and_table_c(rendered: RenderResult) -> None:
    document = docx.Document(str(rendered.docx_path))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.style_id == "Heading1"]
    assert headings == HEADINGS
    c = structure(document.tables[2])
    assert [cell[0] for cell in c[3]] == "2 1 0 1 4 1 0 0 1 2 0 0 0 0 0".split()


def test_pdf_carries_the_trial_formats_heads(rendered: RenderResult) -> None:
    text = squeeze(pdftotext(rendered.pdf_path, "-raw"))
    for words in [*A_HEADS, *(h for heads in A_HEADS.values() for h in heads)]:
        assert squeeze(words) in text, words
    for rows in A_ROWS.values():
        for label, *_ in rows:
            assert label in text, label
    assert "1236.58万元" in text
    assert "（六）其他处理" in text
    assert "申请人无正当理由逾期不补正" not in text  # 2021's sub-rows of （六）
    assert "本年制发件数" not in text  # 2021's Table A
    assert "行政规范性文件" not in text
    layout = pdftotext(rendered.pdf_path, "-layout")
    assert re.search(r"行政许可\s+126\s+-3\s+2841", layout)
    for _, figures in B_ROWS:
        assert re.search(r"\s+".join(str(n) for n in figures), layout), figures


# -- checks --------------------------------------------------------------------------------------


def test_a_wrong_total_gives_the_exact_message(tmp_path: Path) -> None:
    payload = data()
    payload["applications"]["table"]["results"]["total"] = [50, 5, 0, 1, 2, 1, 59]
    assert problems(payload, tmp_path) == [
        f"{B} › 自然人: 一(52) + 二(3) = 55 ≠ （七）总计(50) + 四(4) = 54 [B.balance.natural_person]",
        f"{B} › 自然人: （一）(22) + （二）(5) + （三）(8) + （四）(11) + （五）(3) + （六）(2) = 51"
        " ≠ （七）总计(50) [B.results_total.natural_person]",
        f"{B} › 总计: 一(62) + 二(3) = 65 ≠ （七）总计(59) + 四(5) = 64 [B.balance.total]",
        f"{B} › 总计: （一）(27) + （二）(6) + （三）(8) + （四）(14) + （五）(3) + （六）(2) = 60"
        " ≠ （七）总计(59) [B.results_total.total]",
    ]


def test_the_one_row_of_other_handling_is_checked(tmp_path: Path) -> None:
    payload = data()
    payload["applications"]["table"]["results"]["other_handling"] = [2, 0, 0, 0, 0, 0, 3]
    assert problems(payload, tmp_path) == [
        f"{B} › （六）其他处理: 自然人(2) + 商业企业(0) + 科研机构(0) + 社会公益组织(0) + 法律服务机构(0)"
        " + 其他(0) = 2 ≠ 总计(3) [B.row_total.results.other_handling]",
        f"{B} › 总计: （一）(27) + （二）(6) + （三）(8) + （四）(14) + （五）(3) + （六）(3) = 61"
        " ≠ （七）总计(60) [B.results_total.total]",
    ]


def test_sub_rows_of_other_handling_are_refused_with_one_message(tmp_path: Path) -> None:
    payload = data()
    payload["applications"]["table"]["results"]["other_handling"] = {
        "no_correction": [2, 0, 0, 0, 0, 0, 2],
        "fee_unpaid": [0, 0, 0, 0, 0, 0, 0],
        "other": [0, 0, 0, 0, 0, 0, 0],
    }
    assert problems(payload, tmp_path) == [
        "$.applications.table.results.other_handling（（六）其他处理）: 2019 年试行格式的（六）其他处理只有一行，"
        "不分子行：写 7 个数字（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计）"
    ]


def test_change_may_be_negative_but_not_below_last_years_items(tmp_path: Path) -> None:
    payload = data()
    table = payload["proactive"]["table"]
    table["licensing"] = [126, -130, 2841]
    table["penalties"] = {"previous_items": 1838, "change": 22, "decisions": -1}
    table["procurement"] = [18, "1236.58"]
    assert problems(payload, tmp_path) == [
        "$.proactive.table.penalties.decisions（处理决定数量）: 不能小于 0",
        '$.proactive.table.procurement.amount（采购总金额）: 数字不要加引号：写成 1236.58，不是 "1236.58"',
    ]
    payload = data()
    payload["proactive"]["table"]["licensing"] = [126, -130, 2841]
    assert problems(payload, tmp_path) == [
        f"{A} › 行政许可: 上一年项目数量(126) + 本年增/减(-130) = -4 < 0：本年项目数量不能为负 [A.items.licensing]"
    ]
    payload["acknowledged"] = [{"check": "A.items.licensing", "reason": "按已公开的原文照录"}]
    assert [w.format() for w in validate(payload, tmp_path / "in.json").warnings] == [
        f"{A} › 行政许可: 上一年项目数量(126) + 本年增/减(-130) = -4 < 0：本年项目数量不能为负"
        " [A.items.licensing]（已确认：按已公开的原文照录）"
    ]


def test_check_ids_belong_to_their_format(tmp_path: Path) -> None:
    payload = data()
    payload["acknowledged"] = [{"check": "B.row_total.results.other_handling.no_correction", "reason": "x"}]
    assert problems(payload, tmp_path) == [
        "$.acknowledged[0].check（检查）: 没有编号为 B.row_total.results.other_handling.no_correction 的检查"
    ]
    national_2021 = json.loads((ROOT / "inputs" / "2024-huaian.json").read_text("utf-8"))
    national_2021["acknowledged"] = [{"check": "A.items.licensing", "reason": "x"}]
    assert problems(national_2021, tmp_path) == [
        "$.acknowledged[0].check（检查）: 没有编号为 A.items.licensing 的检查"
    ]


# -- the format on the command line --------------------------------------------------------------


def test_the_format_is_a_choice_of_schema_and_validate(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["schema", "--help"])
    assert "national-2019" in capsys.readouterr().out
    assert main(["schema", "--format", "national-2019"]) == 0
    out = capsys.readouterr().out
    assert out == (ROOT / "schemas" / "national-2019.schema.json").read_text("utf-8"), "run make schemas"
    schema = json.loads(out)
    assert schema["properties"]["format"]["const"] == "national-2019"
    assert data()["$schema"] == "../schemas/national-2019.schema.json"
    assert main(["validate", str(INPUT)]) == 0
    assert capsys.readouterr().out == f"{INPUT}：检查通过\n"
