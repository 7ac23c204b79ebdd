"""The national-2021 format: model, arithmetic checks, blank cells, acknowledgements, the three tables."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from reportgen.errors import ValidationFailed
from reportgen.input import validate
from reportgen.pipeline import RenderResult, render
from tests.conftest import ROOT, pdftotext, squeeze

INPUT = ROOT / "inputs" / "2024-huaian.json"
TEMPLATE = ROOT / "src" / "reportgen" / "templates" / "national-2021.docx"

B_ROWS = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
]
# The published figures, row by row (shared/reference/2024-huaian-report.txt)
B_FIGURES = [
    [3001, 53, 0, 0, 61, 4, 3119],
    [34, 0, 0, 0, 0, 0, 34],
    [1288, 21, 0, 0, 50, 3, 1362],
    [447, 7, 0, 0, 0, 0, 454],
    [2, 0, 0, 0, 0, 0, 2],
    [30, 1, 0, 0, 0, 0, 31],
    [5, 0, 0, 0, 0, 0, 5],
    [6, 0, 0, 0, 0, 0, 6],
    [7, 1, 0, 0, 0, 0, 8],
    [12, 0, 0, 0, 0, 0, 12],
    [9, 0, 0, 0, 0, 0, 9],
    [105, 0, 0, 0, 0, 0, 105],
    [746, 12, 0, 0, 10, 1, 769],
    [11, 0, 0, 0, 0, 0, 11],
    [1, 0, 0, 0, 0, 0, 1],
    [56, 6, 0, 0, 0, 0, 62],
    [25, 0, 0, 0, 0, 0, 25],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 1],
    [67, 3, 0, 0, 1, 0, 71],
    [6, 0, 0, 0, 0, 0, 6],
    [108, 2, 0, 0, 0, 0, 110],
    [2932, 53, 0, 0, 61, 4, 3050],
    [103, 0, 0, 0, 0, 0, 103],
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
            span = tc.tcPr.find(qn("w:gridSpan")) if tc.tcPr is not None else None
            merge = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
            text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
            cells.append(
                (
                    text,
                    int(span.get(qn("w:val"))) if span is not None else 1,
                    (merge.get(qn("w:val")) or "continue") if merge is not None else None,
                )
            )
        rows.append(cells)
    return rows


def test_the_example_input_is_valid() -> None:
    validated = validate(data(), INPUT)
    assert validated.warnings == []
    assert validated.value.issuer == "淮安市人民政府"


def test_table_b_labels_figures_and_merged_cells(rendered: RenderResult) -> None:
    table = docx.Document(str(rendered.docx_path)).tables[1]
    rows = structure(table)
    header, body = rows[:3], rows[3:]
    assert header[0] == [
        ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, "restart"),
        ("申请人情况", 7, None),
    ]
    assert header[1] == [
        ("", 3, "continue"),
        ("自然人", 1, "restart"),
        ("法人或其他组织", 5, None),
        ("总计", 1, "restart"),
    ]
    assert [c[0] for c in header[2]] == [
        "",
        "",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "",
    ]
    assert len(body) == 25
    labels = [next(text for text, _, merge in reversed(row[:-7]) if text or merge is None) for row in body]
    assert labels == B_ROWS
    assert [[int(text) for text, _, _ in row[-7:]] for row in body] == B_FIGURES
    # 三、本年度办理结果 spans the 22 rows of results; （三）…（六） span their sub-rows
    first_column = [row[0] for row in body]
    assert first_column[2] == ("三、本年度办理结果", 1, "restart")
    assert all(cell == ("", 1, "continue") for cell in first_column[3:24])
    groups = {row[1][0]: i for i, row in enumerate(body) if row[1][2] == "restart"}
    assert groups == {"（三）不予公开": 4, "（四）无法提供": 12, "（五）不予处理": 15, "（六）其他处理": 20}
    spans = [
        sum(1 for row in body[start + 1 :] if row[1] == ("", 1, "continue")) for start in groups.values()
    ]
    assert spans[0] >= 7


def test_table_a_and_c(rendered: RenderResult) -> None:
    tables = docx.Document(str(rendered.docx_path)).tables
    a = structure(tables[0])
    assert [row[0][0] for row in a] == [
        "第二十条第（一）项",
        "信息内容",
        "规章",
        "行政规范性文件",
        "第二十条第（五）项",
        "信息内容",
        "行政许可",
        "第二十条第（六）项",
        "信息内容",
        "行政处罚",
        "行政强制",
        "第二十条第（八）项",
        "信息内容",
        "行政事业性收费",
    ]
    assert a[0] == [("第二十条第（一）项", 4, None)]
    assert [c[0] for c in a[2]] == ["规章", "1", "0", "11"]
    assert [c[0] for c in a[3]] == ["行政规范性文件", "8", "26", "66"]
    assert a[6] == [("行政许可", 1, None), ("447228", 3, None)]
    assert a[13] == [("行政事业性收费", 1, None), ("96171.6", 3, None)]
    c = structure(tables[2])
    assert c[0] == [("行政复议", 5, None), ("行政诉讼", 10, None)]
    assert c[1][5:] == [("未经复议直接起诉", 5, None), ("复议后起诉", 5, None)]
    assert [cell[2] for cell in c[1][:5]] == ["restart"] * 5
    assert [cell[2] for cell in c[2][:5]] == ["continue"] * 5
    assert [cell[0] for cell in c[3]] == "72 64 178 37 351 13 4 8 1 26 12 1 1 6 20".split()


def test_pdf_carries_every_label_and_figure(rendered: RenderResult) -> None:
    text = squeeze(pdftotext(rendered.pdf_path, "-raw"))  # content-stream order: a cell's lines together
    for label in B_ROWS:
        assert squeeze(label) in text, label
    for label in (
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "申请人情况",
        "未经复议直接起诉",
        "复议后起诉",
        "本年收费金额（单位：万元）",
        "96171.6",
        "3985758",
        "447228",
    ):
        assert squeeze(label) in text, label
    layout = pdftotext(rendered.pdf_path, "-layout")
    for figures in B_FIGURES:
        assert re.search(r"\s+".join(str(n) for n in figures), layout), figures


def test_tables_fit_the_page_width(rendered: RenderResult) -> None:
    for table in docx.Document(str(rendered.docx_path)).tables:
        widths = [int(gc.get(qn("w:w"))) for gc in table._tbl.tblGrid.iter(qn("w:gridCol"))]
        assert sum(widths) <= round(156 / 25.4 * 1440)


# -- arithmetic ----------------------------------------------------------------------------------

B = "三、收到和处理政府信息公开申请情况"


def test_rule_1_and_3_column_balance(tmp_path: Path) -> None:
    payload = data()
    payload["applications"]["table"]["results"]["total"] = [2931, 53, 0, 0, 61, 4, 3049]
    assert problems(payload, tmp_path) == [
        f"{B} › 自然人: 一(3001) + 二(34) = 3035 ≠ （七）总计(2931) + 四(103) = 3034 [B.balance.natural_person]",
        f"{B} › 自然人: （一）(1288) + （二）(447) + （三）(176) + （四）(758) + （五）(82) + （六）(181) = 2932"
        " ≠ （七）总计(2931) [B.results_total.natural_person]",
        f"{B} › 总计: 一(3119) + 二(34) = 3153 ≠ （七）总计(3049) + 四(103) = 3152 [B.balance.total]",
        f"{B} › 总计: （一）(1362) + （二）(454) + （三）(178) + （四）(781) + （五）(88) + （六）(187) = 3050"
        " ≠ （七）总计(3049) [B.results_total.total]",
    ]


def test_rule_2_row_total(tmp_path: Path) -> None:
    payload = data()
    payload["applications"]["table"]["results"]["not_disclosed"]["third_party"] = [6, 0, 0, 0, 0, 1, 6]
    assert problems(payload, tmp_path)[0] == (
        f"{B} › （三）不予公开 › 4.保护第三方合法权益: 自然人(6) + 商业企业(0) + 科研机构(0) + 社会公益组织(0)"
        " + 法律服务机构(0) + 其他(1) = 7 ≠ 总计(6) [B.row_total.results.not_disclosed.third_party]"
    )


def test_rule_4_table_c_group_total(tmp_path: Path) -> None:
    payload = data()
    payload["reviews"]["table"]["litigation_direct"] = {
        "upheld": 13,
        "corrected": 4,
        "other": 8,
        "pending": 1,
        "total": 27,
    }
    assert problems(payload, tmp_path) == [
        "四、政府信息公开行政复议、行政诉讼情况 › 行政诉讼 › 未经复议直接起诉: 结果维持(13) + 结果纠正(4)"
        " + 其他结果(8) + 尚未审结(1) = 26 ≠ 总计(27) [C.total.litigation_direct]"
    ]


def test_rule_5_counts_are_non_negative_integers_and_fees_a_decimal(tmp_path: Path) -> None:
    payload = data()
    payload["proactive"]["table"]["rules"] = [1, -1, 11]
    payload["proactive"]["table"]["licensing"] = 12.5
    payload["proactive"]["table"]["fees"] = "96171.6"
    payload["reviews"]["table"]["review"] = [72, 64, 178, 37]
    assert problems(payload, tmp_path) == [
        "$.proactive.table.rules.repealed（本年废止件数）: 不能小于 0",
        "$.proactive.table.licensing（行政许可）: 应为整数",
        '$.proactive.table.fees（行政事业性收费）: 数字不要加引号：写成 96171.6，不是 "96171.6"',
        "$.reviews.table.review（行政复议）: 应为 5 个数字（结果维持、结果纠正、其他结果、尚未审结、总计），实际是 4 个",
    ]


def test_acknowledged_failure_becomes_a_warning(tmp_path: Path) -> None:
    payload = data()
    payload["reviews"]["table"]["review"] = [72, 64, 178, 37, 350]
    payload["acknowledged"] = [{"check": "C.total.review", "reason": "按已公开的原文照录"}]
    validated = validate(payload, tmp_path / "in.json")
    assert [w.format() for w in validated.warnings] == [
        "四、政府信息公开行政复议、行政诉讼情况 › 行政复议: 结果维持(72) + 结果纠正(64) + 其他结果(178)"
        " + 尚未审结(37) = 351 ≠ 总计(350) [C.total.review]（已确认：按已公开的原文照录）"
    ]


def test_acknowledging_a_passing_or_unknown_check(tmp_path: Path) -> None:
    payload = data()
    payload["acknowledged"] = [{"check": "B.balance.total", "reason": "x"}]
    assert [w.format() for w in validate(payload, tmp_path / "in.json").warnings] == [
        "$.acknowledged[0].check（检查）: 检查 B.balance.total 并没有失败，可以删去这条确认"
    ]
    payload["acknowledged"] = [{"check": "B.balance.everyone", "reason": "x"}]
    assert problems(payload, tmp_path) == [
        "$.acknowledged[0].check（检查）: 没有编号为 B.balance.everyone 的检查"
    ]


def test_blank_cells_print_blank_count_as_zero_and_warn(tmp_path: Path) -> None:
    payload = data()
    table_b = payload["applications"]["table"]
    table_b["results"]["not_processed"]["publications"] = [None, None, None, None, None, None, None]
    payload["proactive"]["table"]["fees"] = None
    path = tmp_path / "blank.json"
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    result = render(path, tmp_path / "out", TEMPLATE)
    messages = [w.format() for w in result.warnings if w.location.startswith("$.")]
    assert messages == [
        "$.proactive.table: 二、主动公开政府信息情况：1 个空白单元格，印为空白、按 0 计算：行政事业性收费",
        "$.applications.table: 三、收到和处理政府信息公开申请情况：7 个空白单元格，印为空白、按 0 计算："
        "三、本年度办理结果 › （五）不予处理 › 3.要求提供公开出版物 › 自然人、三、本年度办理结果 › （五）不予处理 › "
        "3.要求提供公开出版物 › 商业企业、三、本年度办理结果 › （五）不予处理 › 3.要求提供公开出版物 › 科研机构、"
        "三、本年度办理结果 › （五）不予处理 › 3.要求提供公开出版物 › 社会公益组织、三、本年度办理结果 › （五）不予处理 › "
        "3.要求提供公开出版物 › 法律服务机构…",
    ]
    tables = docx.Document(str(result.docx_path)).tables
    assert structure(tables[0])[13][1][0] == ""
    assert [c[0] for c in structure(tables[1])[3 + 17][-7:]] == [""] * 7


def test_rows_may_be_objects_or_arrays(tmp_path: Path) -> None:
    payload = data()
    names = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total"]
    payload["applications"]["table"]["carried_over"] = dict(zip(names, [34, 0, 0, 0, 0, 0, 34], strict=True))
    same = copy.deepcopy(data())
    assert validate(payload, INPUT).value == validate(same, INPUT).value


def test_headings_default_and_can_be_lengthened(tmp_path: Path) -> None:
    payload = data()
    payload["other"]["heading"] = "六、其他需要报告的事项（含信息处理费收取情况）"
    report = validate(payload, INPUT).value
    assert [s.heading for s in report.sections] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项（含信息处理费收取情况）",
    ]


def test_page_count_matches_libreoffice(rendered: RenderResult, soffice: str) -> None:
    from reportgen.fonts import FontMap
    from reportgen.pdf import libreoffice

    theirs = libreoffice.convert(rendered.docx_path.read_bytes(), FontMap.load())
    assert abs(theirs.pages - rendered.pages) <= 1
