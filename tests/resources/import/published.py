"""Hand-made published reports for tests/test_import.py: an office's own .docx and a government web page.

Both carry the figures of inputs/2024-huaian.json in layouts that differ from reportgen's own
templates the way real reports do (labels “1、”, spaces and full-width digits, 规范性文件, （六）其他处理
as one row, merged cells in other places, rowspan/colspan, a page's menus and footer), plus one
cell that is no figure (“约12”).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH

ROOT = Path(__file__).resolve().parents[3]
HUAIAN = json.loads((ROOT / "inputs" / "2024-huaian.json").read_text("utf-8"))
TABLE_B = HUAIAN["applications"]["table"]
RESULTS = TABLE_B["results"]
OTHER_ONE_ROW = [sum(column) for column in zip(*RESULTS["other_handling"].values(), strict=True)]
"""（六）其他处理 printed as one row: the sum of Huai'an's three sub-rows."""
UNREADABLE = "约12"
"""Printed in place of 二、上年结转 › 自然人 (34) in both hand-made reports."""

COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
GROUPS: list[tuple[str, str, list[tuple[str, list[int]]]]] = [
    ("（三）不予公开", "not_disclosed", [
        ("1、属于国家秘密", RESULTS["not_disclosed"]["state_secret"]),
        ("2、其他法律行政法规 禁止公开", RESULTS["not_disclosed"]["prohibited_by_law"]),
        ("３．危及“三安全一稳定”", RESULTS["not_disclosed"]["three_safeties"]),
        ("4、保护第三方合法权益", RESULTS["not_disclosed"]["third_party"]),
        ("5、属于三类内部事务信息", RESULTS["not_disclosed"]["internal_affairs"]),
        ("6、属于四类过程性信息", RESULTS["not_disclosed"]["process_information"]),
        ("7、属于行政执法案卷", RESULTS["not_disclosed"]["enforcement_files"]),
        ("8、属于行政查询事项", RESULTS["not_disclosed"]["inquiry_matters"]),
    ]),
    ("（四）无法提供", "unable", [
        ("1、本机关不掌握相关政府信息", RESULTS["unable"]["not_held"]),
        ("2、没有现成信息需要另行制作", RESULTS["unable"]["needs_creation"]),
        ("3、补正后申请内容仍不明确", RESULTS["unable"]["still_unclear"]),
    ]),
    ("（五）不予处理", "not_processed", [
        ("1、信访举报投诉类申请", RESULTS["not_processed"]["complaints"]),
        ("2、重复申请", RESULTS["not_processed"]["repeated"]),
        ("3、要求提供公开出版物", RESULTS["not_processed"]["publications"]),
        ("4、无正当理由大量反复申请", RESULTS["not_processed"]["mass_repeated"]),
        ("5、要求行政机关确认或重新出具已获取信息", RESULTS["not_processed"]["confirmation"]),
    ]),
]  # fmt: skip


def expected(*, one_row: bool) -> dict[str, Any]:
    """Return the three tables as imported from a hand-made report: Huai'an's, the unreadable cell
    blank, and （六） as one row when `one_row`."""
    tables: dict[str, Any] = json.loads(
        json.dumps({p: HUAIAN[p]["table"] for p in ("proactive", "applications", "reviews")})
    )
    b = tables["applications"]
    if one_row:
        b["results"]["other_handling"] = OTHER_ONE_ROW
    b["carried_over"][0] = None
    return tables


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def office_docx(path: Path) -> Path:
    """Write a report typed by an office in Word (python-docx's default template, no heading styles)."""
    document = docx.Document()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("淮安市人民政府2024年政府信息公开工作年度报告").bold = True
    document.add_paragraph("\u3000\u3000" + HUAIAN["preamble"][0])
    general = HUAIAN["general"]["content"]
    _heading(document, "一、总体情况")
    document.add_paragraph("\u3000\u3000" + general[0])
    for block in general[1:]:
        paragraph = document.add_paragraph("\u3000\u3000")
        paragraph.add_run(block["title"]).bold = True
        paragraph.add_run(block["text"])
    _heading(document, "二、主动公开政府信息情况")
    _table_a(document)
    _heading(document, "三、收到和处理政府信息公开申请情况")
    _table_b(document)
    _heading(document, "四、政府信息公开行政复议、行政诉讼情况")
    _table_c(document)
    _heading(document, "五、存在的主要问题及改进情况")
    for text in HUAIAN["problems"]["content"]:
        document.add_paragraph("\u3000\u3000" + text)
    _heading(document, "六、其他需要报告的事项")
    document.add_paragraph("\u3000\u3000" + HUAIAN["other"]["content"][0])
    for line in ("淮安市人民政府办公室", "2025年1月20日"):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(str(path))
    return path


def _heading(document: Any, text: str) -> None:
    document.add_paragraph().add_run(text).bold = True


def _table_a(document: Any) -> None:
    a = HUAIAN["proactive"]["table"]
    rows = [
        ["第二十条第（一）项", "", "", ""],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", *map(_text, a["rules"])],
        ["规范性文件", *map(_text, a["normative_documents"])],
        ["第二十条第（五）项", "", "", ""],
        ["信息内容", "本年处理决定数量", "", ""],
        ["行政许可", _text(a["licensing"]), "", ""],
        ["第二十条第（六）项", "", "", ""],
        ["信息内容", "本年处理决定数量", "", ""],
        ["行政处罚", _text(a["penalties"]), "", ""],
        ["行政强制", f"{a['enforcement']:,}", "", ""],
        ["第二十条第（八）项", "", "", ""],
        ["信息内容", "本年收费金额（单位：万元）", "", ""],
        ["行政事业性收费", _text(a["fees"]), "", ""],
    ]
    table = document.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for r in (0, 4, 7, 11):  # captions across the table
        table.cell(r, 0).merge(table.cell(r, 3)).text = rows[r][0]
    for r in (5, 6, 8, 9, 12, 13):  # one figure across three columns
        table.cell(r, 1).merge(table.cell(r, 3)).text = rows[r][1]
    # 行政强制 is typed into three separate cells, only the first filled, with a thousands separator


def _table_b(document: Any) -> None:
    """Table B with two header rows (no 申请人情况 row), labels in two columns: part/group, item."""
    rows: list[list[str]] = [
        ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", *COLUMNS]
    ]
    merges: list[tuple[int, int, int, int]] = [(0, 0, 0, 1)]

    def add(first: str, second: str, figures: list[Any], across: bool = False) -> None:
        rows.append([first, second, *map(_text, figures)])
        if across:
            merges.append((len(rows) - 1, 0, len(rows) - 1, 1))

    carried = [UNREADABLE, *TABLE_B["carried_over"][1:]]
    add("一、本年新收政府信息公开申请数量", "", TABLE_B["new_received"], across=True)
    add("二、上年结转政府信息公开申请数量", "", carried, across=True)
    add("（一）予以公开", "", RESULTS["disclosed"], across=True)
    add(
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "",
        RESULTS["partially_disclosed"],
        across=True,
    )
    for group, _, items in GROUPS:
        top = len(rows)
        for label, figures in items:
            add(group, label, figures)
        merges.append((top, 0, len(rows) - 1, 0))
    add("（六）其他处理", "", OTHER_ONE_ROW, across=True)
    add("（七） 总计", "", RESULTS["total"], across=True)
    add("四、结转下年度继续办理", "", TABLE_B["carried_forward"], across=True)
    table = document.add_table(rows=len(rows), cols=9)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for r0, c0, r1, c1 in merges:
        keep = rows[r0][c0]
        table.cell(r0, c0).merge(table.cell(r1, c1)).text = keep


def _table_c(document: Any) -> None:
    """Table C with a label column on the left and the 行政诉讼 caption over both kinds of suit."""
    c = HUAIAN["reviews"]["table"]
    outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rows = [
        ["", "行政复议", "", "", "", "", "行政诉讼", *[""] * 9],
        ["", *outcomes, "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
        ["", *[""] * 5, *outcomes, *outcomes],
        ["件数", *map(_text, c["review"] + c["litigation_direct"] + c["litigation_after_review"])],
    ]
    table = document.add_table(rows=4, cols=16)
    for r, row in enumerate(rows):
        for col, text in enumerate(row):
            table.cell(r, col).text = text
    table.cell(0, 1).merge(table.cell(0, 5)).text = "行政复议"
    table.cell(0, 6).merge(table.cell(0, 15)).text = "行政诉讼"
    table.cell(1, 6).merge(table.cell(1, 10)).text = "未经复议直接起诉"
    table.cell(1, 11).merge(table.cell(1, 15)).text = "复议后起诉"
    for col in range(1, 6):
        table.cell(1, col).merge(table.cell(2, col)).text = outcomes[col - 1]
    table.cell(0, 0).merge(table.cell(2, 0))


# -- a government web page ---------------------------------------------------------------------------

SUB_ROWS = [
    (
        "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        RESULTS["other_handling"]["no_correction"],
    ),
    (
        "2、申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请",
        RESULTS["other_handling"]["fee_unpaid"],
    ),
    ("3、其他", RESULTS["other_handling"]["other"]),
]


def _td(text: Any, rowspan: int = 1, colspan: int = 1) -> str:
    spans = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (
        f' colspan="{colspan}"' if colspan > 1 else ""
    )
    return f"<td{spans}><p>{_text(text)}</p></td>"


def _tr(*cells: str) -> str:
    return "<tr>" + "".join(cells) + "</tr>\n"


def web_page(path: Path) -> Path:
    """Write a report as a government website publishes it: GB2312, inside menus, an information box
    and a footer, headings as bold paragraphs, the tables' merged cells as rowspan/colspan."""
    general = HUAIAN["general"]["content"]
    paragraphs = [f'<p style="text-indent:2em">{general[0]}</p>']
    for block in general[1:]:
        paragraphs.append(f'<p style="text-indent:2em"><strong>{block["title"]}</strong>{block["text"]}</p>')
    preamble = HUAIAN["preamble"][0]
    broken = preamble[:20] + "\n      " + preamble[20:]  # a line break in the source between two characters
    body = f"""
<div class="top"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | <a href="/hdjl">互动交流</a></div>
<nav><ul><li>机构概况</li><li>政策文件</li></ul></nav>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>
<table class="info"><tr><td>索引号：</td><td>014090877/2025-00012</td><td>发布机构：</td><td>市政府办公室</td></tr>
<tr><td>生成日期：</td><td>2025-01-20</td><td>文号：</td><td></td></tr></table>
<div class="article">
<h1 style="text-align:center">淮安市人民政府2024年政府信息公开工作年度报告</h1>
<div class="meta">发布时间：2025-01-20 10:30　来源：市政府办公室　【字号：大 中 小】【打印】</div>
<div class="content">
<p style="text-indent:2em">{broken}</p>
<p><strong>一、总体情况</strong></p>
{"".join(paragraphs)}
<p><strong>二、主动公开政府信息情况</strong></p>
{_web_table_a()}
<p><strong>三、收到和处理政府信息公开申请情况</strong></p>
{_web_table_b()}
<p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p>
{_web_table_c()}
<p><strong>五、存在的主要问题及改进情况</strong></p>
{"".join(f"<p>{text}</p>" for text in HUAIAN["problems"]["content"])}
<p><strong>六、其他需要报告的事项</strong></p>
<p>{HUAIAN["other"]["content"][0]}</p>
<p style="text-align:right">淮安市人民政府办公室</p>
<p style="text-align:right">2025年1月20日</p>
</div>
<div class="share">分享到：<img src="wx.png"> 微信</div>
<div>【打印本页】【关闭窗口】</div>
</div>
<div class="footer">主办：淮安市人民政府办公室　版权所有　苏ICP备05008925号　网站标识码：3208000001</div>
<script>document.write("一、总体情况");</script>
"""
    page = (
        '<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        "<title>淮安市人民政府2024年政府信息公开工作年度报告_淮安市人民政府</title>"
        "<style>p { margin: 0 }</style></head>\n<body>" + body + "</body></html>\n"
    )
    path.write_bytes(page.encode("gb18030"))
    return path


def _web_table_a() -> str:
    a = HUAIAN["proactive"]["table"]
    rows = [_tr(_td("第二十条第（一）项", colspan=4))]
    rows.append(_tr(_td("信息内容"), _td("本年制发件数"), _td("本年废止件数"), _td("现行有效件数")))
    rows.append(_tr(_td("规章"), *(_td(v) for v in a["rules"])))
    rows.append(_tr(_td("行政规范性文件"), *(_td(v) for v in a["normative_documents"])))
    for caption, header, entries in (
        ("第二十条第（五）项", "本年处理决定数量", [("行政许可", a["licensing"])]),
        (
            "第二十条第（六）项",
            "本年处理决定数量",
            [("行政处罚", a["penalties"]), ("行政强制", a["enforcement"])],
        ),
        ("第二十条第（八）项", "本年收费金额（单位：万元）", [("行政事业性收费", a["fees"])]),
    ):
        rows.append(_tr(_td(caption, colspan=4)))
        rows.append(_tr(_td("信息内容"), _td(header, colspan=3)))
        rows += [_tr(_td(label), _td(value, colspan=3)) for label, value in entries]
    return '<table border="1" cellspacing="0">' + "".join(rows) + "</table>"


def _web_table_b() -> str:
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    rows = [_tr(_td(note, rowspan=3, colspan=3), _td("申请人情况", colspan=7))]
    rows.append(_tr(_td("自然人", rowspan=2), _td("法人或其他组织", colspan=5), _td("总计", rowspan=2)))
    rows.append(_tr(*(_td(name) for name in COLUMNS[1:6])))
    carried = [UNREADABLE, *TABLE_B["carried_over"][1:]]
    rows.append(
        _tr(_td("一、本年新收政府信息公开申请数量", colspan=3), *(_td(v) for v in TABLE_B["new_received"]))
    )
    rows.append(_tr(_td("二、上年结转政府信息公开申请数量", colspan=3), *(_td(v) for v in carried)))
    first = _td("三、本年度办理结果", rowspan=22)
    rows.append(_tr(first, _td("（一）予以公开", colspan=2), *(_td(v) for v in RESULTS["disclosed"])))
    partial = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    rows.append(_tr(_td(partial, colspan=2), *(_td(v) for v in RESULTS["partially_disclosed"])))
    for group, _, items in [*GROUPS, ("（六）其他处理", "other_handling", SUB_ROWS)]:
        for n, (label, figures) in enumerate(items):
            lead = [_td(group, rowspan=len(items))] if n == 0 else []
            rows.append(_tr(*lead, _td(label), *(_td(v) for v in figures)))
    rows.append(_tr(_td("（七）总计", colspan=2), *(_td(v) for v in RESULTS["total"])))
    rows.append(_tr(_td("四、结转下年度继续办理", colspan=3), *(_td(v) for v in TABLE_B["carried_forward"])))
    return '<table border="1">' + "".join(rows) + "</table>"


def _web_table_c() -> str:
    c = HUAIAN["reviews"]["table"]
    outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rows = [_tr(_td("行政复议", colspan=5), _td("行政诉讼", colspan=10))]
    rows.append(
        _tr(
            *(_td(o, rowspan=2) for o in outcomes),
            _td("未经复议直接起诉", colspan=5),
            _td("复议后起诉", colspan=5),
        )
    )
    rows.append(_tr(*(_td(o) for o in outcomes * 2)))
    rows.append(_tr(*(_td(v) for v in c["review"] + c["litigation_direct"] + c["litigation_after_review"])))
    return '<table border="1">' + "".join(rows) + "</table>"
