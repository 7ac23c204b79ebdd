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
    lines = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in text.split("\n"))
    content = f"<w:r>{lines}</w:r>" if text else ""  # "\n": a deliberate line break (between words)
    return (
        f'<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{content}</w:p></w:tc>'
    )


def row(*cells: str, header: bool = False, keep: bool = False) -> str:
    """A row Word never splits; a `header` row repeats on every page the table reaches.

    A header row, and a row with `keep`, stays on the page of the next row: keepNext on each of its
    paragraphs (Word, WPS and reportgen's converter keep such a row with the next one).
    """
    props = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
    body = "".join(cells)
    if header or keep:
        body = body.replace("</w:pPr>", "<w:keepNext/></w:pPr>")  # after w:pStyle, the only other child
    return f"<w:tr><w:trPr>{props}</w:trPr>{body}</w:tr>"


def kept(index: int, count: int) -> bool:
    """Whether row `index` of a run of `count` rows keeps with the next one: at least two rows of the
    run on each side of a page break (Word's widow and orphan control, for rows)."""
    return index < count - 1 and index in (0, count - 2)


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

    # A block (caption, head, its rows) never breaks across pages: each row but its last keeps with the next.
    def caption(text: str) -> str:
        return row(cell(text, full, span=4), keep=True)

    def single(label: str, expr: str, keep: bool = False) -> str:
        return row(cell(label, w[0], label=True), cell(value(expr), three, span=3), keep=keep)

    issued = [
        row(
            *(
                cell(text, w[i])
                for i, text in enumerate(("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"))
            ),
            keep=True,
        ),
    ]
    counts = [
        row(
            cell(label, w[0], label=True),
            *(cell(value(f"a.{key}.{c}"), w[i + 1]) for i, c in enumerate(COUNTS)),
            keep=key == "rules",
        )
        for label, key in (("规章", "rules"), ("行政规范性文件", "normative_documents"))
    ]
    rows = [
        caption("第二十条第（一）项"),
        *issued,
        *counts,
        caption("第二十条第（五）项"),
        row(cell("信息内容", w[0]), cell("本年处理决定数量", three, span=3), keep=True),
        single("行政许可", "a.licensing"),
        caption("第二十条第（六）项"),
        row(cell("信息内容", w[0]), cell("本年处理决定数量", three, span=3), keep=True),
        single("行政处罚", "a.penalties", keep=True),
        single("行政强制", "a.enforcement"),
        caption("第二十条第（八）项"),
        row(cell("信息内容", w[0]), cell("本年收费金额（单位：万元）", three, span=3), keep=True),
        single("行政事业性收费", "a.fees"),
    ]
    return table(w, rows)


COUNTS = ("issued", "repealed", "in_force")


# -- Table B -------------------------------------------------------------------------------------

B_COLUMNS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total")
B_FIGURES = 7 * 672  # the seven figure columns together
B_DATA = 650  # 26.8 pt inside the cell margins: two characters of 五号 a line, or a figure of 5 digits
B_NATURAL = B_FIGURES - 6 * B_DATA  # 804: 34.5 pt, “自然人” (3 × 10.5 pt) on one line
B_RESULTS = 760  # 32.3 pt inside the margins: “三、/本年度/办理/结果”, three characters a line
B_GROUP = mm(28) - B_RESULTS  # 827: 35.7 pt, “（三）/不予/公开”
B_WIDTHS = [B_RESULTS, B_GROUP, CONTENT - mm(28) - B_FIGURES, B_NATURAL] + [B_DATA] * 6
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
ONE_ROW_TOO = ("other_handling",)
"""Groups an input may give as one row instead of their sub-rows (many reports print （六） so)."""

# "\n" in a label: a deliberate line break, between words (Word would wrap “申/请”, “重/新”, “处/理”)
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
            ("3.补正后申请内容\n仍不明确", "still_unclear"),
        ),
    ),
    (
        "（五）不予处理",
        "not_processed",
        (
            ("1.信访举报投诉类申请", "complaints"),
            ("2.重复申请", "repeated"),
            ("3.要求提供公开出版物", "publications"),
            ("4.无正当理由\n大量反复申请", "mass_repeated"),
            ("5.要求行政机关确认\n或重新出具已获取信息", "confirmation"),
        ),
    ),
    (
        "（六）其他处理",
        "other_handling",
        (
            ("1.申请人无正当理由逾期\n不补正、行政机关不再\n处理其政府信息公开申请", "no_correction"),
            ("2.申请人逾期未按收费\n通知要求缴纳费用、\n行政机关不再处理其\n政府信息公开申请", "fee_unpaid"),
            ("3.其他", "other"),
        ),
    ),
)


def stacked(group_label: str) -> str:
    """Return “（三）不予公开” as “（三）/不予/公开”: its words on lines of their own."""
    number, _, name = group_label.partition("）")
    return f"{number}）\n{name[:2]}\n{name[2:]}"


def table_b(groups: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = B_GROUPS) -> str:
    w = B_WIDTHS
    labels = w[0] + w[1] + w[2]

    def numbers(path: str) -> list[str]:
        return [cell(value(f"b.{path}.{c}"), w[3 + i]) for i, c in enumerate(B_COLUMNS)]

    results_first = [True]

    def results_label() -> str:
        merge = "restart" if results_first[0] else "continue"
        results_first[0] = False
        return cell("三、\n本年度\n办理\n结果" if merge == "restart" else "", w[0], merge=merge)

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
                # two characters a line: break between the words, never inside one
                for i, text in enumerate(
                    ("商业\n企业", "科研\n机构", "社会\n公益\n组织", "法律\n服务\n机构", "其他")
                )
            ),
            cell("", w[9], merge="continue"),
            header=True,
        ),
        # the head with two data rows at least, the last two rows together, two rows of a group on each side
        row(
            cell("一、本年新收政府信息公开申请数量", labels, span=3, label=True),
            *numbers("new_received"),
            keep=True,
        ),
        row(cell("二、上年结转政府信息公开申请数量", labels, span=3, label=True), *numbers("carried_over")),
        row(
            results_label(),
            cell("（一）予以公开", w[1] + w[2], span=2, label=True),
            *numbers("results.disclosed"),
            keep=True,
        ),
        row(
            results_label(),
            cell(
                "（二）部分公开（区分处理的，\n只计这一情形，不计其他情形）", w[1] + w[2], span=2, label=True
            ),
            *numbers("results.partially_disclosed"),
        ),
    ]

    def tag_row(tag: str) -> str:
        """A row holding only a `{%tr … %}` tag: docxtpl puts the tag in its place."""
        return row(results_label(), cell(tag, sum(w[1:]), span=9))

    for group_label, group, subrows in groups:
        either = bool(subrows) and group in ONE_ROW_TOO
        if either:  # the sub-rows when the input gives them, else the one row
            rows.append(tag_row(f"{{%tr if b.results.{group}.{subrows[0][1]} is defined %}}"))
        # a group printed as one row (（六）其他处理 in national-2019, and in national-2021 when given so)
        label_cell = cell(group_label, w[1] + w[2], span=2, label=True)
        one_row = (
            row(results_label(), label_cell, *numbers(f"results.{group}")) if not subrows or either else ""
        )
        if not subrows:
            rows.append(one_row)
        for index, (label, key) in enumerate(subrows):
            group_cell = cell(
                stacked(group_label) if index == 0 else "",
                w[1],
                merge="restart" if index == 0 else "continue",
            )
            rows.append(
                row(
                    results_label(),
                    group_cell,
                    cell(label, w[2], label=True),
                    *numbers(f"results.{group}.{key}"),
                    keep=kept(index, len(subrows)),
                )
            )
        if either:
            rows += [tag_row("{%tr else %}"), one_row, tag_row("{%tr endif %}")]
    rows.append(
        row(
            results_label(),
            cell("（七）总计", w[1] + w[2], span=2, label=True),
            *numbers("results.total"),
            keep=True,
        )
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
