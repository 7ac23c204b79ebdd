"""Corpus documents about layout: sections (page size, orientation, margins, breaks), a full report."""

from __future__ import annotations

from corpus_kit import (
    KAITI,
    add,
    body,
    corpus,
    field,
    fill_story,
    new_document,
    official_styles,
    p,
    r,
    sect_pr,
    sentences,
    set_final_section,
    title,
)
from corpus_tables import Cell, tbl
from docx.document import Document


def _landscape_table() -> str:
    head = ["单位", *(f"{m}月" for m in range(1, 13)), "合计"]
    rows: list[list[Cell | str]] = [[Cell(h, bold=True, shd="DEEAF6") for h in head]]
    for n, unit in enumerate(
        (
            "县发改局",
            "县财政局",
            "县教育局",
            "县卫健委",
            "县住建局",
            "县交通局",
            "县农业农村局",
            "县市场监管局",
        )
    ):
        values = [(n * 7 + m * 3) % 40 + 5 for m in range(12)]
        rows.append([unit, *(str(v) for v in values), str(sum(values))])
    return tbl([1700, *[800] * 12, 900], rows, pt=10.5)


@corpus(
    "sections-landscape",
    "a portrait → landscape → portrait document: per-section orientation, page size and margins, wide table",
)
def sections_landscape() -> Document:
    doc = new_document()
    official_styles(doc)
    add(doc, title("各单位主动公开信息统计"), body(0, 3), body(3, 3))
    landscape_margins = {"top": 1588, "bottom": 1474, "left": 1984, "right": 2098}
    add(doc, p(r(sentences(6, 1)), style="GwBody", sect=sect_pr()))
    add(doc, p("附表：2023年各单位逐月主动公开信息数量（条）", style="GwH1", jc="center"), _landscape_table())
    add(
        doc,
        p(r("注：数据来源于县政府信息公开平台。"), sect=sect_pr(landscape=True, margins=landscape_margins)),
    )
    add(doc, p("二、说明", style="GwH1"), body(8, 3), body(11, 3))
    return doc


@corpus(
    "sections-page-sizes",
    "sections with their own page size (A4, B5, A3, 16开) and margins, nextPage/oddPage/continuous starts",
)
def sections_page_sizes() -> Document:
    doc = new_document()
    official_styles(doc)
    sizes = [
        ("A4 210×297", (11906, 16838), {}, None),
        ("B5 176×250", (9979, 14175), {"top": 1440, "bottom": 1440, "left": 1134, "right": 1134}, "nextPage"),
        ("A3 297×420", (16838, 23811), {"top": 2268, "bottom": 2268, "left": 2268, "right": 2268}, "oddPage"),
        (
            "16开 184×260",
            (10433, 14742),
            {"top": 1247, "bottom": 1247, "left": 1304, "right": 1304},
            "nextPage",
        ),
    ]
    for n, (label, size, margins, _start) in enumerate(sizes):
        add(
            doc,
            p(f"第{n + 1}节 纸张：{label}（毫米）", style="GwH1", jc="center"),
            body(n * 3, 3),
            body(n * 3 + 1, 3),
        )
        if n + 1 < len(sizes):
            start = sizes[n][3]
            add(
                doc,
                p(
                    r(sentences(n + 12, 1)),
                    style="GwBody",
                    sect=sect_pr(size=size, margins=margins, start=start),
                ),
            )
    add(
        doc,
        p(
            r("本节与上一节页面相同、连续分节："),
            r(sentences(2, 2)),
            style="GwBody",
            sect=sect_pr(size=sizes[-1][1], margins=sizes[-1][2]),
        ),
    )
    add(doc, body(15, 3))
    set_final_section(doc, sect_pr(size=sizes[-1][1], margins=sizes[-1][2], start="continuous"))
    return doc


@corpus(
    "sections-breaks",
    "explicit section breaks (nextPage, continuous with the same geometry, evenPage) and page breaks inside runs",
)
def sections_breaks() -> Document:
    doc = new_document()
    official_styles(doc)
    add(doc, title("分节符与分页符"))
    for n, start in enumerate(("nextPage", "continuous", "evenPage", "nextPage")):
        add(doc, p(f"{'一二三四'[n]}、第{n + 1}节（后接{start}分节）", style="GwH1"), body(n * 2, 3))
        add(
            doc,
            p(
                r(sentences(n + 5, 2)),
                '<w:r><w:br w:type="page"/></w:r>',
                r(sentences(n + 7, 1)),
                style="GwBody",
            ),
        )
        add(doc, p(r(sentences(n + 9, 1)), style="GwBody", sect=sect_pr(start=None if n == 0 else start)))
    add(doc, p("五、最后一节", style="GwH1"), body(14, 3))
    set_final_section(doc, sect_pr(start="nextPage"))
    return doc


@corpus(
    "report-annual-mixed",
    "a full annual report: title, 黑体/楷体 headings, body, statistics table, signature, 版记 lines, PAGE footer",
)
def report_annual_mixed() -> Document:
    doc = new_document()
    official_styles(doc)
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    dash = {"ea": "宋体", "latin": "宋体", "pt": 14}
    number = r("— ", **dash) + field("PAGE", "1", **dash) + r(" —", **dash)
    fill_story(section.footer, p(number, jc="right", ind='w:right="280"'))
    fill_story(section.even_page_footer, p(number, jc="left", ind='w:left="280"'))
    add(
        doc,
        p("××县人民政府", style="GwTitle"),
        p("2023年政府信息公开工作年度报告", style="GwTitle"),
        p("", style="GwBody"),
    )
    add(doc, body(18, 2), body(19, 1))
    heads = [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
    ]
    for n, head in enumerate(heads):
        add(doc, p(head, style="GwH1"))
        add(
            doc,
            p(
                r("（一）", ea=KAITI),
                r("工作机制。", ea=KAITI, b=True),
                r(sentences(n * 3, 3)),
                style="GwBody",
            ),
        )
        add(
            doc,
            p(r("（二）", ea=KAITI), r("平台建设。", ea=KAITI), r(sentences(n * 3 + 1, 2)), style="GwBody"),
        )
        if n == 1:
            rows: list[list[Cell | str]] = [
                [Cell("第二十条第（一）项", span=4, shd="F2F2F2")],
                ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                ["规章", "0", "0", "3"],
                ["行政规范性文件", "37", "5", "214"],
            ]
            add(doc, tbl([2600, 2000, 2000, 2000], rows, pt=12))
    add(
        doc,
        p(""),
        p("××县人民政府办公室", jc="right", ind='w:right="1280"'),
        p("2024年1月20日", jc="right", ind='w:right="1600"'),
    )
    line = '<w:pBdr><w:top w:val="single" w:sz="8" w:space="1" w:color="auto"/><w:bottom w:val="single" w:sz="8" w:space="1" w:color="auto"/></w:pBdr>'
    add(
        doc,
        f'<w:p><w:pPr>{line}<w:spacing w:before="600"/><w:ind w:left="320" w:right="320"/></w:pPr>'
        + r("××县人民政府办公室", pt=14)
        + r("\t2024年1月20日印发", pt=14)
        + "</w:p>",
    )
    return doc
