"""Corpus documents about tables: widths, cell margins, styles, borders, shading, merged cells, header rows."""

from __future__ import annotations

from dataclasses import dataclass

from corpus_kit import (
    add,
    add_styles,
    body,
    corpus,
    new_document,
    official_styles,
    p,
    r,
    sentences,
    title,
)
from docx.document import Document

SINGLE = 'w:val="single" w:sz="4" w:space="0" w:color="auto"'


@dataclass
class Cell:
    """A table cell: text (lines split on newline) and its tcPr settings."""

    text: str = ""
    span: int = 1
    vmerge: str | None = None  # "restart" or "continue"
    valign: str | None = None
    shd: str | None = None
    bold: bool = False
    jc: str = "center"
    borders: str = ""
    margins: str = ""


def tbl(
    widths: list[int],
    rows: list[list[Cell | str]],
    *,
    style: str | None = None,
    borders: str | None = SINGLE,
    jc: str | None = "center",
    header_rows: int = 0,
    cant_split: bool = False,
    cell_mar: str = "",
    pt: float = 12,
    row_height: int | None = None,
) -> str:
    """Return a w:tbl with a grid of `widths` (twips) and rows of cells."""
    pr = [f'<w:tblStyle w:val="{style}"/>'] if style else []
    pr.append(f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/>')
    if jc:
        pr.append(f'<w:jc w:val="{jc}"/>')
    if borders:
        sides = "".join(
            f"<w:{s} {borders}/>" for s in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        pr.append(f"<w:tblBorders>{sides}</w:tblBorders>")
    pr.append('<w:tblLayout w:type="fixed"/>')
    if cell_mar:
        pr.append(f"<w:tblCellMar>{cell_mar}</w:tblCellMar>")
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out = [f"<w:tbl><w:tblPr>{''.join(pr)}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"]
    for n, row in enumerate(rows):
        tr_pr = "<w:cantSplit/>" if cant_split else ""
        tr_pr += f'<w:trHeight w:val="{row_height}"/>' if row_height else ""
        tr_pr += "<w:tblHeader/>" if n < header_rows else ""
        out.append(f"<w:tr>{f'<w:trPr>{tr_pr}</w:trPr>' if tr_pr else ''}")
        col = 0
        for item in row:
            cell = Cell(item) if isinstance(item, str) else item
            width = sum(widths[col : col + cell.span])
            col += cell.span
            tc = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
            tc += [f'<w:gridSpan w:val="{cell.span}"/>'] if cell.span > 1 else []
            if cell.vmerge:
                tc.append('<w:vMerge w:val="restart"/>' if cell.vmerge == "restart" else "<w:vMerge/>")
            tc += [f"<w:tcBorders>{cell.borders}</w:tcBorders>"] if cell.borders else []
            tc += [f'<w:shd w:val="clear" w:color="auto" w:fill="{cell.shd}"/>'] if cell.shd else []
            tc += [f"<w:tcMar>{cell.margins}</w:tcMar>"] if cell.margins else []
            tc += [f'<w:vAlign w:val="{cell.valign}"/>'] if cell.valign else []
            paras = "".join(
                p(
                    r(line, pt=pt, b=cell.bold or None),
                    jc=cell.jc,
                    spacing='w:line="240" w:lineRule="auto"',
                    snap=False,
                )
                for line in (cell.text.split("\n") if cell.text else [""])
            )
            out.append(f"<w:tc><w:tcPr>{''.join(tc)}</w:tcPr>{paras}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


@corpus(
    "tables-widths-margins",
    "tables with fixed column widths, Table Grid style, left indent/centered/right jc, cell margins (tblCellMar, tcMar)",
)
def tables_widths_margins() -> Document:
    doc = new_document()
    official_styles(doc)
    add(doc, title("表格宽度与单元格边距"))
    rows: list[list[Cell | str]] = [
        [
            Cell("序号", bold=True),
            Cell("事项名称", bold=True),
            Cell("数量", bold=True),
            Cell("说明", bold=True),
        ]
    ]
    rows += [[str(n + 1), f"公开事项{n + 1}", f"{(n + 3) * 127:,}", sentences(n, 1)[:24]] for n in range(6)]
    add(doc, body(0, 2), tbl([900, 2400, 1300, 4200], rows, style="TableGrid"), body(3, 2))
    wide_margins = '<w:top w:w="120" w:type="dxa"/><w:left w:w="284" w:type="dxa"/><w:bottom w:w="120" w:type="dxa"/><w:right w:w="284" w:type="dxa"/>'
    add(doc, tbl([2000, 3000, 2000], rows[:5], cell_mar=wide_margins, jc=None), body(5, 2))
    narrow = '<w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
    rows[2][1] = Cell("单元格边距为0的单元格", margins=narrow, jc="left")
    add(doc, tbl([1200, 3600, 1500, 2400], rows, jc="right", pt=10.5), body(7, 3))
    return doc


@corpus(
    "tables-style-borders-shading",
    "table styles with tblBorders and cell margins (basedOn), header shading, tcBorders overrides, double/dashed borders",
)
def tables_style_borders_shading() -> Document:
    doc = new_document()
    official_styles(doc)
    add_styles(
        doc,
        '<w:style w:type="table" w:styleId="GovTable"><w:name w:val="公开统计表"/><w:basedOn w:val="TableNormal"/>'
        '<w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="24"/></w:rPr><w:tblPr><w:tblBorders>'
        '<w:top w:val="single" w:sz="12" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="12" w:space="0" w:color="000000"/>'
        '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="7F7F7F"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="7F7F7F"/>'
        '</w:tblBorders><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="table" w:styleId="GovTableBlue"><w:name w:val="公开统计表（蓝）"/><w:basedOn w:val="GovTable"/>'
        '<w:rPr><w:color w:val="1F3864"/></w:rPr></w:style>',
    )
    add(doc, title("表格样式：边框与底纹"))
    head = [Cell(t, shd="D9E2F3", bold=True) for t in ("项目", "2022年", "2023年", "增减")]
    data = [
        ["主动公开（条）", "11,402", "12,846", "+12.7%"],
        ["依申请（件）", "254", "286", "+12.6%"],
        ["复议（件）", "5", "3", "-40.0%"],
        ["诉讼（件）", "2", "1", "-50.0%"],
    ]
    add(
        doc,
        body(0, 2),
        tbl([2600, 2000, 2000, 2000], [head, *data], style="GovTable", borders=None),
        body(2, 2),
    )
    add(doc, tbl([2600, 2000, 2000, 2000], [head, *data], style="GovTableBlue", borders=None), body(4, 2))
    double = '<w:top w:val="double" w:sz="4" w:space="0" w:color="C00000"/><w:bottom w:val="dashed" w:sz="8" w:space="0" w:color="0070C0"/>'
    rows: list[list[Cell | str]] = [head, *data]
    rows[2] = [Cell("重点行（单元格边框）", borders=double, shd="FFF2CC"), *data[1][1:]]
    dotted = 'w:val="dotted" w:sz="6" w:space="0" w:color="404040"'
    add(doc, tbl([2600, 2000, 2000, 2000], rows, borders=dotted), body(6, 2))
    add(doc, tbl([2600, 2000, 2000, 2000], [head, *data], borders='w:val="nil"'), body(8, 3))
    return doc


def _statistics_rows() -> list[list[Cell | str]]:
    """The 2021 national format's table 3 (applications received and handled): spans and merges."""
    c = Cell
    rows: list[list[Cell | str]] = [
        [
            c(
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                span=3,
                vmerge="restart",
                valign="center",
            ),
            c("申请人情况", span=7),
        ],
        [
            c(span=3, vmerge="continue"),
            c("自然人", vmerge="restart", valign="center"),
            c("法人或其他组织", span=5),
            c("总计", vmerge="restart", valign="center"),
        ],
        [
            c(span=3, vmerge="continue"),
            c(vmerge="continue"),
            c("商业企业"),
            c("科研机构"),
            c("社会公益组织"),
            c("法律服务机构"),
            c("其他"),
            c(vmerge="continue"),
        ],
        [c("一、本年新收政府信息公开申请数量", span=3, jc="left"), "268", "10", "0", "2", "4", "2", "286"],
        [c("二、上年结转政府信息公开申请数量", span=3, jc="left"), "6", "0", "0", "0", "0", "0", "6"],
        [
            c("三、本年度办理结果", vmerge="restart", valign="center"),
            c("（一）予以公开", span=2, jc="left"),
            "120",
            "4",
            "0",
            "1",
            "2",
            "1",
            "128",
        ],
        [c(vmerge="continue"), c("（二）部分公开", span=2, jc="left"), "31", "2", "0", "0", "1", "0", "34"],
        [
            c(vmerge="continue"),
            c("（三）不予公开", vmerge="restart", valign="center"),
            c("1.属于国家秘密", jc="left"),
            "1",
            "0",
            "0",
            "0",
            "0",
            "0",
            "1",
        ],
        [
            c(vmerge="continue"),
            c(vmerge="continue"),
            c("2.其他法律行政法规禁止公开", jc="left"),
            "2",
            "0",
            "0",
            "0",
            "0",
            "0",
            "2",
        ],
        [
            c(vmerge="continue"),
            c(vmerge="continue"),
            c("3.危及“三安全一稳定”", jc="left"),
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
        ],
        [
            c(vmerge="continue"),
            c("（四）无法提供", vmerge="restart", valign="bottom"),
            c("1.本机关不掌握相关政府信息", jc="left"),
            "58",
            "2",
            "0",
            "1",
            "0",
            "1",
            "62",
        ],
        [
            c(vmerge="continue"),
            c(vmerge="continue"),
            c("2.没有现成信息需要另行制作", jc="left"),
            "12",
            "1",
            "0",
            "0",
            "0",
            "0",
            "13",
        ],
        [
            c(vmerge="continue"),
            c("（五）结转下年度继续办理", span=2, jc="left"),
            "50",
            "1",
            "0",
            "0",
            "1",
            "0",
            "52",
        ],
        [c("四、结转下年度继续办理", span=3, jc="left"), "50", "1", "0", "0", "1", "0", "52"],
    ]
    return rows


@corpus(
    "tables-merged-cells",
    "gridSpan and vMerge (the national format's table 3), vertical alignment top/center/bottom, trHeight",
)
def tables_merged_cells() -> Document:
    doc = new_document()
    official_styles(doc)
    add(doc, title("收到和处理政府信息公开申请情况"))
    widths = [620, 700, 2200, 800, 760, 760, 760, 760, 620, 700]
    add(doc, body(0, 2), tbl(widths, _statistics_rows(), pt=10.5, row_height=454), body(3, 2))
    valign = [
        [
            Cell(f"{v}对齐\n第二行\n第三行" if v == "多行" else f"垂直{v}", valign=a)
            for v, a in (("多行", "top"), ("上", "top"), ("中", "center"), ("下", "bottom"))
        ]
    ]
    add(doc, tbl([2200] * 4, valign, row_height=1200), body(5, 3))
    return doc


@corpus(
    "tables-header-rows-cantsplit",
    "a table over several pages with repeated header rows (tblHeader) and rows that may not split (cantSplit)",
)
def tables_header_rows() -> Document:
    doc = new_document()
    official_styles(doc)
    add(doc, title("2023年度主动公开规范性文件目录"))
    header: list[Cell | str] = [
        Cell(t, bold=True, shd="E7E6E6") for t in ("序号", "文件名称", "文号", "发布日期")
    ]
    sub: list[Cell | str] = [Cell("（续表说明：以下按发布日期排列）", span=4, shd="F2F2F2")]
    rows: list[list[Cell | str]] = [header, sub]
    for n in range(40):
        name = f"××县人民政府关于{sentences(n, 1)[4:30]}的通知"
        rows.append(
            [
                str(n + 1),
                Cell(name, jc="left"),
                f"×政发〔2023〕{n + 1}号",
                f"2023-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
            ]
        )
    add(
        doc, body(0, 2), tbl([800, 4800, 2000, 1400], rows, header_rows=2, cant_split=True, pt=12), body(2, 2)
    )
    return doc
