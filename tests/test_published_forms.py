"""What real published reports do and the input must say: （六）其他处理 as one row, a 落款 with only
a date, blank cells (never shown as 0 in a message), acknowledging a family of checks at once, and
a word where a number belongs."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import docx
import pytest

from reportgen.errors import ValidationFailed
from reportgen.i18n import use_language
from reportgen.input import validate
from reportgen.pipeline import RenderResult, render
from tests.conftest import ROOT, pdftotext, squeeze
from tests.test_national_2021 import B_FIGURES, B_ROWS, INPUT, TEMPLATE, structure

B = "三、收到和处理政府信息公开申请情况"
ONE_ROW = [181, 5, 0, 0, 1, 0, 187]  # the three sub-rows of the 2024 report, added up
"""（六）其他处理 of inputs/2024-huaian.json as a report of 2023 or 2024 prints it: one row."""


def data() -> dict[str, Any]:
    return json.loads(INPUT.read_text("utf-8"))


def one_row(row: Any = ONE_ROW) -> dict[str, Any]:
    payload = data()
    payload["applications"]["table"]["results"]["other_handling"] = row
    return payload


def problems(payload: Any, tmp_path: Path) -> list[str]:
    with pytest.raises(ValidationFailed) as info:
        validate(payload, tmp_path / "in.json")
    return [p.format() for p in info.value.problems]


def warnings(payload: Any, tmp_path: Path) -> list[str]:
    return [w.format() for w in validate(payload, tmp_path / "in.json").warnings]


# -- （六）其他处理 as one row ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def one_row_rendered(tmp_path_factory: pytest.TempPathFactory) -> RenderResult:
    folder = tmp_path_factory.mktemp("one-row")
    payload = one_row()
    payload["signature"] = {"date": "2025-01-20"}
    path = folder / "2024-one-row.json"
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return render(path, folder / "out", TEMPLATE)


def test_other_handling_may_be_one_row_as_a_list_or_an_object(tmp_path: Path) -> None:
    names = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total"]
    as_list = validate(one_row(), tmp_path / "in.json")
    as_object = validate(one_row(dict(zip(names, ONE_ROW, strict=True))), tmp_path / "in.json")
    assert as_list.warnings == as_object.warnings == []
    assert as_list.value == as_object.value
    row = as_list.value.applications.table.results.other_handling
    assert [getattr(row, name) for name in names] == ONE_ROW


def test_other_handling_one_row_prints_as_one_merged_row(one_row_rendered: RenderResult) -> None:
    assert [w.format() for w in one_row_rendered.warnings if w.location.startswith("$")] == []
    body = structure(docx.Document(str(one_row_rendered.docx_path)).tables[1])[3:]
    labels = [next(text for text, _, merge in reversed(row[:-7]) if text or merge is None) for row in body]
    assert labels == [*B_ROWS[:20], "（六）其他处理", *B_ROWS[23:]]
    assert [[int(text) for text, _, _ in row[-7:]] for row in body] == [
        *B_FIGURES[:20],
        ONE_ROW,
        *B_FIGURES[23:],
    ]
    # the table keeps its layout: 三、本年度办理结果 spans the results, （六） spans the two label columns
    assert body[20][:2] == [("", 1, "continue"), ("（六）其他处理", 2, None)]
    assert body[2][0] == ("三、本年度办理结果", 1, "restart")
    assert all(row[0] == ("", 1, "continue") for row in body[3:22])
    groups = {row[1][0]: i for i, row in enumerate(body) if row[1][2] == "restart"}
    assert groups == {"（三）不予公开": 4, "（四）无法提供": 12, "（五）不予处理": 15}
    text = squeeze(pdftotext(one_row_rendered.pdf_path, "-raw"))
    assert "（六）其他处理" in text
    assert "申请人无正当理由" not in text
    assert "{%" not in text
    assert re.search(r"\s+".join(map(str, ONE_ROW)), pdftotext(one_row_rendered.pdf_path, "-layout"))


def test_other_handling_one_row_is_counted_by_the_checks(tmp_path: Path) -> None:
    assert problems(one_row([181, 5, 0, 0, 1, 0, 186]), tmp_path) == [
        f"{B} › （六）其他处理: 自然人(181) + 商业企业(5) + 科研机构(0) + 社会公益组织(0) + 法律服务机构(1)"
        " + 其他(0) = 187 ≠ 总计(186) [B.row_total.results.other_handling]",
        f"{B} › 总计: （一）(1362) + （二）(454) + （三）(178) + （四）(781) + （五）(88) + （六）(186) = 3049"
        " ≠ （七）总计(3050) [B.results_total.total]",
    ]
    assert problems(one_row([180, 5, 0, 0, 1, 0, 186]), tmp_path) == [
        f"{B} › 自然人: （一）(1288) + （二）(447) + （三）(176) + （四）(758) + （五）(82) + （六）(180) = 2931"
        " ≠ （七）总计(2932) [B.results_total.natural_person]",
        f"{B} › 总计: （一）(1362) + （二）(454) + （三）(178) + （四）(781) + （五）(88) + （六）(186) = 3049"
        " ≠ （七）总计(3050) [B.results_total.total]",
    ]


def test_other_handling_of_neither_form_is_named(tmp_path: Path) -> None:
    where = "$.applications.table.results.other_handling"
    assert problems(one_row(187), tmp_path) == [
        f"{where}（（六）其他处理）: 应为一行 7 个数字（[…] 或 {{…}}），或三个子行（{{…}}）"
    ]
    assert problems(one_row(ONE_ROW[:6]), tmp_path) == [
        f"{where}（（六）其他处理）: 应为 7 个数字（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计），实际是 6 个"
    ]
    row = dict(
        zip(
            ["natural_persn", "commercial", "research", "social_welfare", "legal_service", "other", "total"],
            ONE_ROW,
            strict=True,
        )
    )
    assert problems(one_row(row), tmp_path) == [
        f"{where}.natural_person（自然人）: 缺少此项（必填）",
        f"{where}.natural_persn: 不认识的字段；是不是 “natural_person”？",
    ]
    assert problems(one_row([181, 5, 0, 0, 1, "无", 187]), tmp_path) == [
        f"{where}.other（其他）: 应为数字；没有就写 0"
    ]
    sub_rows = data()["applications"]["table"]["results"]["other_handling"]
    del sub_rows["fee_unpaid"]
    assert problems(one_row(sub_rows), tmp_path) == [
        f"{where}.fee_unpaid（2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请）: 缺少此项（必填）"
    ]


# -- a 落款 with only a date --------------------------------------------------------------------


def test_a_signature_may_be_a_date_alone(tmp_path: Path) -> None:
    source = json.loads((ROOT / "inputs" / "2015.json").read_text("utf-8"))
    source["signature"] = {"date": "2014-03-25"}
    path = tmp_path / "2013.json"
    path.write_text(json.dumps(source, ensure_ascii=False), encoding="utf-8")
    result = render(path, tmp_path / "out", ROOT / "src" / "reportgen" / "templates" / "legacy.docx")
    document = docx.Document(str(result.docx_path))
    signed = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "落款"]
    assert signed == ["2014年3月25日"]
    assert document.paragraphs[-1].text == "2014年3月25日"
    assert document.paragraphs[-2].text == ""  # the blank line above the 落款, and no empty issuer line
    assert document.core_properties.author == "吴忠市利通区"
    assert document.core_properties.created.date().isoformat() == "2014-03-25"
    assert "2014年3月25日" in squeeze(pdftotext(result.pdf_path))


def test_date_alone_signature_in_national_2021(one_row_rendered: RenderResult) -> None:
    document = docx.Document(str(one_row_rendered.docx_path))
    assert [p.text for p in document.paragraphs[-2:]] == ["", "2025年1月20日"]
    assert document.core_properties.author == "淮安市人民政府"


def test_signature_date_is_written_yyyy_mm_dd(tmp_path: Path) -> None:
    payload = data()
    for date in ("2025-01-20T00:00:00", 1737331200, "2025-1-20"):
        payload["signature"] = {"date": date}
        assert problems(payload, tmp_path) == ["$.signature.date（成文日期）: 应为日期，格式 YYYY-MM-DD"]
    payload["signature"] = {"issuer": "淮安市人民政府办公室"}  # the date still to be filled (reportgen new)
    assert warnings(payload, tmp_path) == ["$.signature.date（成文日期）: 落款日期空白，待填写"]


# -- blank cells in messages ----------------------------------------------------------------------


def test_a_blank_cell_shows_as_blank_not_zero_in_every_check(tmp_path: Path) -> None:
    payload = data()
    table = payload["applications"]["table"]
    table["carried_over"] = [None, 0, 0, 0, 0, 0, None]
    table["results"]["not_processed"]["publications"] = [None, 0, 0, 0, 0, 0, 1]
    payload["reviews"]["table"]["review"] = [72, 64, 178, None, 351]
    assert problems(payload, tmp_path) == [
        f"{B} › （五）不予处理 › 3.要求提供公开出版物: 自然人(空) + 商业企业(0) + 科研机构(0) + 社会公益组织(0)"
        " + 法律服务机构(0) + 其他(0) = 0 ≠ 总计(1) [B.row_total.results.not_processed.publications]",
        f"{B} › 自然人: 一(3001) + 二(空) = 3001 ≠ （七）总计(2932) + 四(103) = 3035 [B.balance.natural_person]",
        f"{B} › 总计: 一(3119) + 二(空) = 3119 ≠ （七）总计(3050) + 四(103) = 3153 [B.balance.total]",
        f"{B} › 总计: （一）(1362) + （二）(454) + （三）(178) + （四）(781) + （五）(89) + （六）(187) = 3051"
        " ≠ （七）总计(3050) [B.results_total.total]",
        "四、政府信息公开行政复议、行政诉讼情况 › 行政复议: 结果维持(72) + 结果纠正(64) + 其他结果(178)"
        " + 尚未审结(空) = 314 ≠ 总计(351) [C.total.review]",
    ]


def test_a_group_of_blank_cells_shows_as_blank(tmp_path: Path) -> None:
    payload = one_row([None, 5, 0, 0, 1, 0, 6])
    assert problems(payload, tmp_path) == [
        f"{B} › 自然人: （一）(1288) + （二）(447) + （三）(176) + （四）(758) + （五）(82) + （六）(空) = 2751"
        " ≠ （七）总计(2932) [B.results_total.natural_person]",
        f"{B} › 总计: （一）(1362) + （二）(454) + （三）(178) + （四）(781) + （五）(88) + （六）(6) = 2869"
        " ≠ （七）总计(3050) [B.results_total.total]",
    ]


def test_blank_in_english(tmp_path: Path) -> None:
    payload = data()
    payload["reviews"]["table"]["review"] = [72, 64, 178, None, 351]
    with use_language("en"):
        assert problems(payload, tmp_path) == [
            "四、政府信息公开行政复议、行政诉讼情况 › 行政复议: 结果维持(72) + 结果纠正(64) + 其他结果(178)"
            " + 尚未审结(blank) = 314 ≠ 总计(351) [C.total.review]"
        ]


# -- acknowledging a family of checks ---------------------------------------------------------------


def test_a_trailing_star_acknowledges_every_failing_check_it_covers(tmp_path: Path) -> None:
    payload = data()
    not_disclosed = payload["applications"]["table"]["results"]["not_disclosed"]
    not_disclosed["state_secret"] = [1, 0, 0, 0, 0, 0, 2]  # a figure printed in the wrong row:
    not_disclosed["third_party"] = [7, 0, 0, 0, 0, 0, 6]  # both rows fail, the columns add up
    payload["acknowledged"] = [
        {"check": "B.row_total.*", "reason": "按已公开的原文照录"},
        {"check": "B.row_total.results.not_disclosed.state_secret", "reason": "原文如此"},
    ]
    assert warnings(payload, tmp_path) == [
        f"{B} › （三）不予公开 › 1.属于国家秘密: 自然人(1) + 商业企业(0) + 科研机构(0) + 社会公益组织(0)"
        " + 法律服务机构(0) + 其他(0) = 1 ≠ 总计(2) [B.row_total.results.not_disclosed.state_secret]"
        "（已确认：原文如此）",
        f"{B} › （三）不予公开 › 4.保护第三方合法权益: 自然人(7) + 商业企业(0) + 科研机构(0) + 社会公益组织(0)"
        " + 法律服务机构(0) + 其他(0) = 7 ≠ 总计(6) [B.row_total.results.not_disclosed.third_party]"
        "（已确认：按已公开的原文照录）",
    ]


def test_a_star_that_covers_no_failing_check_or_no_check(tmp_path: Path) -> None:
    payload = data()
    payload["acknowledged"] = [{"check": "C.total.*", "reason": "x"}]
    assert warnings(payload, tmp_path) == [
        "$.acknowledged[0].check（检查）: 没有失败的检查符合 C.total.*，可以删去这条确认"
    ]
    payload["acknowledged"] = [{"check": "B.rowtotal.*", "reason": "x"}]
    assert problems(payload, tmp_path) == [
        "$.acknowledged[0].check（检查）: 没有编号以 B.rowtotal. 开头的检查"
    ]
    payload["acknowledged"] = [{"check": "B.row_total.results.other_handling", "reason": "x"}]
    assert warnings(payload, tmp_path) == [
        "$.acknowledged[0].check（检查）: 检查 B.row_total.results.other_handling 并没有失败，可以删去这条确认"
    ]


# -- a word where a number belongs --------------------------------------------------------------


def test_a_word_in_a_number_cell_says_so(tmp_path: Path) -> None:
    payload = data()
    payload["proactive"]["table"]["fees"] = "无"
    payload["proactive"]["table"]["licensing"] = "—"
    payload["proactive"]["table"]["rules"] = [1, "０", 11]
    payload["reviews"]["table"]["review"] = [72, 64, 178, 37, "351"]
    assert problems(payload, tmp_path) == [
        '$.proactive.table.rules.repealed（本年废止件数）: 应为半角数字：写成 0，不是 "０"',
        "$.proactive.table.licensing（行政许可）: 应为数字；没有就写 0",
        "$.proactive.table.fees（行政事业性收费）: 应为数字；没有就写 0",
        '$.reviews.table.review.total（总计）: 数字不要加引号：写成 351，不是 "351"',
    ]
