"""The body of src/reportgen/templates/national-2019.docx: the trial format of 国办公开办函〔2019〕60号.

Layout, styles and Tables B and C are national-2021's (built by tables_2021.py, imported here, so a
change there reaches both); Table B prints （六）其他处理 as one row. Table A is the trial format's
own, from shared/reference/annual-report-formats.md §3 "The 2019 trial format": five blocks in the
4-column grid, each a caption row, a header row and data rows. A block with two figures
(（八）项, （九）项) lets its last column span the remaining two, as 2021's one-figure rows do.
"""

from __future__ import annotations

from build_templates import blocks, document, signature, title
from tables_2021 import A_WIDTHS, B_GROUPS, cell, part, row, table, table_b, table_c, value


def table_a() -> str:
    w = A_WIDTHS

    # As in 2021, a block (caption, head, its rows) never breaks across pages: each row but its
    # last keeps with the next.
    def caption(text: str) -> str:
        return row(cell(text, sum(w), span=4), keep=True)

    def line(first: str, texts: list[str], *, label: bool = False, keep: bool = True) -> str:
        """First column, then one cell per text; the last spans what remains of the four columns."""
        cells = [cell(first, w[0], label=label)]
        for i, text in enumerate(texts):
            last = i == len(texts) - 1
            span = 4 - 1 - i if last else 1
            cells.append(cell(text, sum(w[1 + i : 1 + i + span]), span=span))
        return row(*cells, keep=keep)

    def data(label: str, key: str, columns: tuple[str, ...], *, keep: bool = False) -> str:
        return line(label, [value(f"a.{key}.{c}") for c in columns], label=True, keep=keep)

    made = ("made", "published", "published_total")
    items = ("previous_items", "change", "decisions")
    amount = "{{ a.procurement.amount }}{{ '万元' if a.procurement.amount else '' }}"
    rows = [
        caption("第二十条第（一）项"),
        line("信息内容", ["本年新制作数量", "本年新公开数量", "对外公开总数量"]),
        data("规章", "rules", made, keep=True),
        data("规范性文件", "normative_documents", made),
        caption("第二十条第（五）项"),
        line("信息内容", ["上一年项目数量", "本年增/减", "处理决定数量"]),
        data("行政许可", "licensing", items, keep=True),
        data("其他对外管理服务事项", "other_services", items),
        caption("第二十条第（六）项"),
        line("信息内容", ["上一年项目数量", "本年增/减", "处理决定数量"]),
        data("行政处罚", "penalties", items, keep=True),
        data("行政强制", "enforcement", items),
        caption("第二十条第（八）项"),
        line("信息内容", ["上一年项目数量", "本年增/减"]),
        data("行政事业性收费", "fees", ("previous_items", "change")),
        caption("第二十条第（九）项"),
        line("信息内容", ["采购项目数量", "采购总金额"]),
        line("政府集中采购", [value("a.procurement.projects"), amount], label=True, keep=False),
    ]
    return table(w, rows)


B_GROUPS_2019 = (*B_GROUPS[:3], ("（六）其他处理", "other_handling", ()))
"""（三）–（五） with their sub-rows as in 2021; （六）其他处理 one row."""


def national_2019_body() -> str:
    paragraphs = [
        *title(),
        *blocks("preamble"),
        *part("general"),
        *part("proactive", table_a()),
        *part("applications", table_b(B_GROUPS_2019)),
        *part("reviews", table_c()),
        *part("problems"),
        *part("other"),
        *signature(),
    ]
    return document("".join(paragraphs))
