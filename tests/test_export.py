"""`reportgen export`: the three tables as .xlsx (reopened with openpyxl) and as CSV (read with csv)."""

from __future__ import annotations

import copy
import csv
import json
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from reportgen.cli.main import main
from reportgen.export.layout import HEADERS
from tests.conftest import REFERENCE, ROOT

HUAIAN = ROOT / "inputs" / "2024-huaian.json"
TRIAL = ROOT / "inputs" / "2020-example.json"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def merged(sheet: Any) -> set[str]:
    return {str(cells) for cells in sheet.merged_cells.ranges}


def rows(sheet: Any) -> list[list[Any]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_xlsx_has_the_three_tables_with_their_labels_merged_cells_and_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "tables.xlsx"
    assert run(["export", str(HUAIAN), "-o", str(out)], capsys) == (0, f"已写出 {out}\n", "")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ]
    a, b, c = book.worksheets
    assert rows(a) == [
        ["第二十条第（一）项", None, None, None],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", 1, 0, 11],
        ["行政规范性文件", 8, 26, 66],
        ["第二十条第（五）项", None, None, None],
        ["信息内容", "本年处理决定数量", None, None],
        ["行政许可", 447228, None, None],
        ["第二十条第（六）项", None, None, None],
        ["信息内容", "本年处理决定数量", None, None],
        ["行政处罚", 3985758, None, None],
        ["行政强制", 88283, None, None],
        ["第二十条第（八）项", None, None, None],
        ["信息内容", "本年收费金额（单位：万元）", None, None],
        ["行政事业性收费", 96171.6, None, None],
    ]
    assert merged(a) == {"A1:D1", "A5:D5", "B6:D6", "B7:D7", "A8:D8", "B9:D9", "B10:D10", "B11:D11"} | {
        "A12:D12",
        "B13:D13",
        "B14:D14",
    }
    table_b = rows(b)
    assert table_b[0][:4] == [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        None,
        None,
        "申请人情况",
    ]
    assert table_b[1][3:] == ["自然人", "法人或其他组织", None, None, None, None, "总计"]
    assert table_b[2][3:] == [None, "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", None]
    assert table_b[3] == ["一、本年新收政府信息公开申请数量", None, None, 3001, 53, 0, 0, 61, 4, 3119]
    assert table_b[5] == ["三、本年度办理结果", "（一）予以公开", None, 1288, 21, 0, 0, 50, 3, 1362]
    assert table_b[7] == [None, "（三）不予公开", "1.属于国家秘密", 2, 0, 0, 0, 0, 0, 2]
    assert table_b[23][1:3] == [
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ]
    assert table_b[26] == [None, "（七）总计", None, 2932, 53, 0, 0, 61, 4, 3050]
    assert table_b[27] == ["四、结转下年度继续办理", None, None, 103, 0, 0, 0, 0, 0, 103]
    assert len(table_b) == 28
    assert merged(b) == {
        "A1:C3", "D1:J1", "D2:D3", "E2:I2", "J2:J3", "A4:C4", "A5:C5", "A6:A27", "B6:C6", "B7:C7",
        "B8:B15", "B16:B18", "B19:B23", "B24:B26", "B27:C27", "A28:C28",
    }  # fmt: skip
    assert rows(c) == [
        ["行政复议", None, None, None, None, "行政诉讼", *[None] * 9],
        [
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
            "未经复议直接起诉",
            *[None] * 4,
            "复议后起诉",
            *[None] * 4,
        ],
        [*[None] * 5, *["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2],
        [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20],
    ]
    assert merged(c) == {"A1:E1", "F1:O1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "F2:J2", "K2:O2"}
    assert isinstance(a["B3"].value, int)
    assert isinstance(a["B14"].value, float)


def test_xlsx_is_the_same_bytes_every_time_and_blank_cells_are_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(HUAIAN.read_text("utf-8"))
    data["proactive"]["table"]["licensing"] = None
    source = tmp_path / "blank.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    code, _, stderr = run(["export", str(source), "-o", str(first)], capsys)
    assert code == 0
    assert stderr == (
        f"警告：{source}: $.proactive.table: 二、主动公开政府信息情况：1 个空白单元格，印为空白、按 0 计算：行政许可\n"
    )
    assert run(["export", str(source), "-o", str(second)], capsys)[0] == 0
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2025, 1, 1, 0, 0, 0)}
    book = openpyxl.load_workbook(first)
    assert book.worksheets[0]["B7"].value is None
    assert (book.properties.creator, book.properties.created.year) == ("淮安市人民政府", 2025)


def test_csv_has_one_line_per_figure_with_the_labels_utf8_with_bom(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "tables.csv"
    assert run(["export", str(HUAIAN), "-o", str(out)], capsys) == (0, f"已写出 {out}\n", "")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    assert lines[0] == ["发布机关", "年度", "表格", "行", "列", "数值", "字段"]
    assert len(lines) == 1 + 10 + 25 * 7 + 15
    assert lines[1] == [
        "淮安市人民政府", "2024", "二、主动公开政府信息情况", "规章", "本年制发件数", "1", "proactive.table.rules.issued"
    ]  # fmt: skip
    assert lines[10] == [
        "淮安市人民政府", "2024", "二、主动公开政府信息情况", "行政事业性收费", "本年收费金额（单位：万元）", "96171.6",
        "proactive.table.fees",
    ]  # fmt: skip
    by_key = {line[6]: line for line in lines[1:]}
    assert by_key["applications.table.results.not_disclosed.state_secret.natural_person"][2:6] == [
        "三、收到和处理政府信息公开申请情况",
        "三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密",
        "自然人",
        "2",
    ]
    assert by_key["reviews.table.litigation_after_review.total"][2:6] == [
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政诉讼 › 复议后起诉",
        "总计",
        "20",
    ]


def test_the_2019_format_exports_its_own_table_a_and_one_row_other_handling(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "trial.xlsx"
    assert run(["export", str(TRIAL), "-o", str(out)], capsys)[0] == 0
    a, b, _ = openpyxl.load_workbook(out).worksheets
    table_a = rows(a)
    assert [row[0] for row in table_a if str(row[0]).startswith("第二十条")] == [
        f"第二十条第（{n}）项" for n in ("一", "五", "六", "八", "九")
    ]
    assert table_a[5] == ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]
    assert table_a[-2:] == [
        ["信息内容", "采购项目数量", "采购总金额", None],
        ["政府集中采购", 18, 1236.58, None],
    ]
    other = [row for row in rows(b) if row[1] == "（六）其他处理"]
    assert other == [[None, "（六）其他处理", None, 2, 0, 0, 0, 0, 0, 2]]


def test_labels_not_in_the_model_are_the_formats(tmp_path: Path) -> None:
    """The header cells the model does not name are written once, as the reference prints them."""
    path = REFERENCE / "annual-report-formats.md"
    if not path.is_file():
        pytest.skip(f"reference text {path} not available")
    reference = path.read_text("utf-8")
    assert [label for label in HEADERS if label not in reference] == []


def test_reports_without_tables_and_other_outputs_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    legacy = ROOT / "inputs" / "2015.json"
    assert run(["export", str(legacy), "-o", str(tmp_path / "t.xlsx")], capsys) == (
        2,
        "",
        f"错误：{legacy}: legacy 格式的报告没有统计表，无法导出；export 只用于 national-2019、national-2021\n",
    )
    pdf = tmp_path / "t.pdf"
    assert run(["export", str(HUAIAN), "-o", str(pdf)], capsys) == (
        2,
        "",
        f"错误：{pdf}: 输出文件应以 .xlsx 或 .csv 结尾\n",
    )
    data = copy.deepcopy(json.loads(HUAIAN.read_text("utf-8")))
    data["issuer"] = ""
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, stderr = run(["export", str(bad), "-o", str(tmp_path / "t.csv")], capsys)
    assert (code, stderr) == (1, f"错误：{bad}: 输入有误（1 处）\n  {bad}: $.issuer（发布机关）: 不能为空\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]
