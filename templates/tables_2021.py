"""The body of src/reportgen/templates/national-2021.docx: six parts and the three tables of 国办公开办函〔2021〕30号.

Table layouts follow shared/reference/annual-report-formats.md §3 exactly: merged cells through
gridSpan (columns) and vMerge (rows), borders from the "Table Grid" style, 五号 type, rows that
Word may not split, Table B's three header rows repeated on a new page.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from build_templates import blocks, document, mm, p, run, signature, title

CONTENT = mm(156)


def cell(
    text: str = "", width: int = 0, *, span: int = 1, merge: str | None = None, label: bool = False
) -> str:
    """A table cell; `merge` is 'restart' or 'continue' for vertically merged cells."""
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif merge == "continue":
        props += "<w:vMerge/>"
    props += '<w:vAlign w:val="center"/>'
    style = "TableLabel" if label else "TableText"
    content = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return (
        f'<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{content}</w:p></w:tc>'
    )


def row(*cells: str, header: bool = False) -> str:
    props = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"


def table(widths: list[int], rows: list[str]) -> str:
    assert sum(widths) == CONTENT, (sum(widths), CONTENT)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{CONTENT}" w:type="dxa"/><w:jc w:val="center"/>'
        '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def value(expr: str) -> str:
    return f"{{{{ {expr} }}}}"


# -- Table A -------------------------------------------------------------------------------------

A_WIDTHS = [CONTENT - 3 * 1770, 1770, 1770, 1770]


def table_a() -> str:
    w = A_WIDTHS
    full = sum(w)
    three = sum(w[1:])

    def caption(text: str) -> str:
        return row(cell(text, full, span=4))

    def single(label: str, expr: str) -> str:
        return row(cell(label, w[0], label=True), cell(value(expr), three, span=3))

    issued = [
        row(
            *(
                cell(text, w[i])
                for i, text in enumerate(("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"))
            )
        ),
    ]
    counts = [
        row(
            cell(label, w[0], label=True),
            *(cell(value(f"a.{key}.{c}"), w[i + 1]) for i, c in enumerate(COUNTS)),
        )
        for label, key in (("规章", "rules"), ("行政规范性文件", "normative_documents"))
    ]
    rows = [
        caption("第二十条第（一）项"),
        *issued,
        *counts,
        caption("第二十条第（五）项"),
        row(cell("信息内容", w[0]), cell("本年处理决定数量", three, span=3)),
        single("行政许可", "a.licensing"),
        caption("第二十条第（六）项"),
        row(cell("信息内容", w[0]), cell("本年处理决定数量", three, span=3)),
        single("行政处罚", "a.penalties"),
        single("行政强制", "a.enforcement"),
        caption("第二十条第（八）项"),
        row(cell("信息内容", w[0]), cell("本年收费金额（单位：万元）", three, span=3)),
        single("行政事业性收费", "a.fees"),
    ]
    return table(w, rows)


COUNTS = ("issued", "repealed", "in_force")


# -- Table B -------------------------------------------------------------------------------------

B_COLUMNS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total")
B_DATA = 672
B_WIDTHS = [mm(10), mm(18), CONTENT - mm(10) - mm(18) - 7 * B_DATA] + [B_DATA] * 7
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

B_GROUPS = (
    (
        "（三）不予公开",
        "not_disclosed",
        (
            ("1.属于国家秘密", "state_secret"),
            ("2.其他法律行政法规禁止公开", "prohibited_by_law"),
            ("3.危及“三安全一稳定”", "three_safeties"),
            ("4.保护第三方合法权益", "third_party"),
            ("5.属于三类内部事务信息", "internal_affairs"),
            ("6.属于四类过程性信息", "process_information"),
            ("7.属于行政执法案卷", "enforcement_files"),
            ("8.属于行政查询事项", "inquiry_matters"),
        ),
    ),
    (
        "（四）无法提供",
        "unable",
        (
            ("1.本机关不掌握相关政府信息", "not_held"),
            ("2.没有现成信息需要另行制作", "needs_creation"),
            ("3.补正后申请内容仍不明确", "still_unclear"),
        ),
    ),
    (
        "（五）不予处理",
        "not_processed",
        (
            ("1.信访举报投诉类申请", "complaints"),
            ("2.重复申请", "repeated"),
            ("3.要求提供公开出版物", "publications"),
            ("4.无正当理由大量反复申请", "mass_repeated"),
            ("5.要求行政机关确认或重新出具已获取信息", "confirmation"),
        ),
    ),
    (
        "（六）其他处理",
        "other_handling",
        (
            ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "no_correction"),
            ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "fee_unpaid"),
            ("3.其他", "other"),
        ),
    ),
)


def table_b() -> str:
    w = B_WIDTHS
    labels = w[0] + w[1] + w[2]

    def numbers(path: str) -> list[str]:
        return [cell(value(f"b.{path}.{c}"), w[3 + i]) for i, c in enumerate(B_COLUMNS)]

    results_first = [True]

    def results_label() -> str:
        merge = "restart" if results_first[0] else "continue"
        results_first[0] = False
        return cell("三、本年度办理结果" if merge == "restart" else "", w[0], merge=merge)

    rows = [
        row(cell(NOTE, labels, span=3, merge="restart"), cell("申请人情况", sum(w[3:]), span=7), header=True),
        row(
            cell("", labels, span=3, merge="continue"),
            cell("自然人", w[3], merge="restart"),
            cell("法人或其他组织", sum(w[4:9]), span=5),
            cell("总计", w[9], merge="restart"),
            header=True,
        ),
        row(
            cell("", labels, span=3, merge="continue"),
            cell("", w[3], merge="continue"),
            *(
                cell(text, w[4 + i])
                for i, text in enumerate(("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"))
            ),
            cell("", w[9], merge="continue"),
            header=True,
        ),
        row(cell("一、本年新收政府信息公开申请数量", labels, span=3, label=True), *numbers("new_received")),
        row(cell("二、上年结转政府信息公开申请数量", labels, span=3, label=True), *numbers("carried_over")),
        row(
            results_label(),
            cell("（一）予以公开", w[1] + w[2], span=2, label=True),
            *numbers("results.disclosed"),
        ),
        row(
            results_label(),
            cell("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", w[1] + w[2], span=2, label=True),
            *numbers("results.partially_disclosed"),
        ),
    ]
    for group_label, group, subrows in B_GROUPS:
        for index, (label, key) in enumerate(subrows):
            group_cell = cell(
                group_label if index == 0 else "", w[1], merge="restart" if index == 0 else "continue"
            )
            rows.append(
                row(
                    results_label(),
                    group_cell,
                    cell(label, w[2], label=True),
                    *numbers(f"results.{group}.{key}"),
                )
            )
    rows.append(
        row(results_label(), cell("（七）总计", w[1] + w[2], span=2, label=True), *numbers("results.total"))
    )
    rows.append(row(cell("四、结转下年度继续办理", labels, span=3, label=True), *numbers("carried_forward")))
    return table(w, rows)


# -- Table C -------------------------------------------------------------------------------------

C_WIDTHS = [590] * 14 + [CONTENT - 590 * 14]
OUTCOMES = ("upheld", "corrected", "other", "pending", "total")
OUTCOME_LABELS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def table_c() -> str:
    w = C_WIDTHS
    rows = [
        row(cell("行政复议", sum(w[:5]), span=5), cell("行政诉讼", sum(w[5:]), span=10), header=True),
        row(
            *(cell(label, w[i], merge="restart") for i, label in enumerate(OUTCOME_LABELS)),
            cell("未经复议直接起诉", sum(w[5:10]), span=5),
            cell("复议后起诉", sum(w[10:]), span=5),
            header=True,
        ),
        row(
            *(cell("", w[i], merge="continue") for i in range(5)),
            *(cell(label, w[5 + i]) for i, label in enumerate(OUTCOME_LABELS * 2)),
            header=True,
        ),
        row(
            *(
                cell(value(f"c.{group}.{key}"), w[5 * g + i])
                for g, group in enumerate(("review", "litigation_direct", "litigation_after_review"))
                for i, key in enumerate(OUTCOMES)
            )
        ),
    ]
    return table(w, rows)


# -- the document --------------------------------------------------------------------------------


def part(name: str, table_xml: str = "") -> list[str]:
    """Heading, prose blocks and (for 二、三、四) the table of one of the six parts."""
    after = [table_xml, p()] if table_xml else []  # a blank line between a table and the next part
    return [p(run(f"{{{{ {name}.heading }}}}"), style="Heading1"), *blocks(f"{name}.blocks"), *after]


def national_2021_body() -> str:
    paragraphs = [
        *title(),
        *blocks("preamble"),
        *part("general"),
        *part("proactive", table_a()),
        *part("applications", table_b()),
        *part("reviews", table_c()),
        *part("problems"),
        *part("other"),
        *signature(),
    ]
    return document("".join(paragraphs))
