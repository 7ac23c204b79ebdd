"""Build src/reportgen/templates/legacy.docx: a GB/T 9704 Word template written as plain WordprocessingML.

The committed .docx is what secretaries edit; this script is how it was first made and how a
maintainer rebuilds it after a deliberate change (`make templates`). It writes the XML parts by
hand instead of starting from python-docx's default document so that the template carries only
our styles, no thumbnail and no foreign metadata, and so that the bytes are reproducible.

Units: twips (1/20 pt; 1 mm = 56.69 twips), half-points for font sizes.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

OUT = Path(__file__).resolve().parents[1] / "src" / "reportgen" / "templates"
"""The default templates are package data: installed with reportgen, found through importlib.resources."""


def mm(value: float) -> int:
    return round(value * 1440 / 25.4)


# GB/T 9704-2012 as in shared/reference/annual-report-formats.md §4
PAGE_W, PAGE_H = mm(210), mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = mm(37), mm(35), mm(28), mm(26)
LINE_PITCH = 579  # 28.95 pt: 22 lines in the 225 mm 版心
BODY_SZ = 32  # 三号 16 pt
CHAR_SPACING = -5  # −0.25 pt between characters (twentieths of a point): 28 × 15.75 pt fit the 156 mm line
# The 28-character line is made with character spacing, not with a docGrid character pitch:
# LibreOffice lays a 16 pt glyph over two cells of a 15.79 pt "linesAndChars" grid (14 a line).
FOOTER_LINE = 320  # page-number line: 16 pt exact
FOOTER_DIST = mm(28) - FOOTER_LINE  # number's top 7 mm below the 版心 (35 mm - 7 mm = 28 mm)

FANGSONG, XIAOBIAOSONG, HEITI, KAITI, SONGTI = (
    "仿宋_GB2312",
    "方正小标宋简体",
    "黑体",
    "楷体_GB2312",
    "宋体",
)
LATIN = "Times New Roman"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def fonts(east_asia: str, latin: str = LATIN) -> str:
    return f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asia}" w:cs="{latin}"/>'


def rpr(
    east_asia: str | None = None,
    size: int | None = None,
    bold: bool | None = None,
    latin: str = LATIN,
    spacing: int | None = None,
) -> str:
    parts = []
    if east_asia:
        parts.append(fonts(east_asia, latin))
    if bold is not None:
        parts.append("<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>')
    if spacing is not None:
        parts.append(f'<w:spacing w:val="{spacing}"/>')
    if size:
        parts.append(f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def para_style(
    style_id: str,
    name: str,
    *,
    based_on: str | None = "Normal",
    next_: str = "Normal",
    ppr: str = "",
    run: str = "",
    link: str | None = None,
    ui: int | None = None,
    default: bool = False,
) -> str:
    attrs = ' w:default="1"' if default else ""
    inner = f'<w:name w:val="{name}"/>'
    if based_on:
        inner += f'<w:basedOn w:val="{based_on}"/>'
    inner += f'<w:next w:val="{next_}"/>'
    if link:
        inner += f'<w:link w:val="{link}"/>'
    if ui is not None:
        inner += f'<w:uiPriority w:val="{ui}"/>'
    inner += "<w:qFormat/>"
    if ppr:
        inner += f"<w:pPr>{ppr}</w:pPr>"
    inner += run
    return f'<w:style w:type="paragraph"{attrs} w:styleId="{style_id}">{inner}</w:style>'


def char_style(style_id: str, name: str, run: str, link: str | None = None) -> str:
    linked = f'<w:link w:val="{link}"/>' if link else ""
    return (
        f'<w:style w:type="character" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="DefaultParagraphFont"/>{linked}'
        f'<w:uiPriority w:val="9"/><w:qFormat/>{run}</w:style>'
    )


NO_INDENT = '<w:ind w:firstLineChars="0" w:firstLine="0"/>'
EXACT = f'<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>'

TABLE_SZ = 21  # 五号 10.5 pt: Table C's 15 columns fit the 156 mm line
TABLE_LINE = 300  # 15 pt exact; off the 28.95 pt grid, or Word would snap every table line to it
CELL_MARGIN = 57  # 1 mm left and right
TABLE_STYLES = (
    para_style(
        "TableText",
        "表格文字",
        next_="TableText",
        ppr=(
            '<w:snapToGrid w:val="0"/>'
            f'<w:spacing w:before="0" w:after="0" w:line="{TABLE_LINE}" w:lineRule="exact"/>'
            + NO_INDENT
            + '<w:jc w:val="center"/>'
        ),
        run=rpr(SONGTI, TABLE_SZ, latin=LATIN, spacing=0),
    )
    + para_style(
        "TableLabel", "表格标签", based_on="TableText", next_="TableLabel", ppr='<w:jc w:val="left"/>'
    )
    + '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
    '<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/><w:tblPr><w:tblBorders>'
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + f'</w:tblBorders><w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
    f'<w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
)

STYLES = f"""{DECL}<w:styles xmlns:w="{W_NS}">
<w:docDefaults>
<w:rPrDefault><w:rPr>{fonts(FANGSONG)}<w:spacing w:val="{CHAR_SPACING}"/><w:kern w:val="2"/><w:sz w:val="{
    BODY_SZ
}"/><w:szCs w:val="{
    BODY_SZ
}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr>{EXACT}</w:pPr></w:pPrDefault>
</w:docDefaults>
{
    para_style(
        "Normal",
        "Normal",
        based_on=None,
        default=True,
        ppr=(
            '<w:widowControl w:val="0"/>'
            + EXACT
            + '<w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/>'
        ),
        run=rpr(FANGSONG, BODY_SZ),
    )
}
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>
{
    para_style(
        "Title",
        "Title",
        ui=10,
        ppr=(
            '<w:keepNext/><w:snapToGrid w:val="0"/>'
            '<w:spacing w:before="0" w:after="0" w:line="700" w:lineRule="exact"/>'
            + NO_INDENT
            + '<w:jc w:val="center"/><w:outlineLvl w:val="9"/>'
        ),
        run=rpr(XIAOBIAOSONG, 44, bold=False, spacing=0),
    )
}
{
    para_style(
        "Heading1",
        "heading 1",
        link="Heading1Char",
        ui=9,
        ppr=('<w:keepNext/><w:outlineLvl w:val="0"/>'),
        run=rpr(HEITI, BODY_SZ, bold=False),
    )
}
{
    para_style(
        "Heading2",
        "heading 2",
        link="Heading2Char",
        ui=9,
        ppr=('<w:keepNext/><w:outlineLvl w:val="1"/>'),
        run=rpr(KAITI, BODY_SZ, bold=False),
    )
}
{
    para_style(
        "Heading3",
        "heading 3",
        link="Heading3Char",
        ui=9,
        ppr=('<w:keepNext/><w:outlineLvl w:val="2"/>'),
        run=rpr(FANGSONG, BODY_SZ, bold=False),
    )
}
{char_style("Heading1Char", "标题 1 字符", rpr(HEITI, bold=False), link="Heading1")}
{char_style("Heading2Char", "标题 2 字符", rpr(KAITI, bold=False), link="Heading2")}
{char_style("Heading3Char", "标题 3 字符", rpr(FANGSONG, bold=False), link="Heading3")}
{
    para_style(
        "Figure",
        "图片",
        ppr=(
            '<w:keepNext/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
            + NO_INDENT
            + '<w:jc w:val="center"/>'
        ),
    )
}
{para_style("Caption", "caption", ppr=NO_INDENT + '<w:jc w:val="center"/>', run=rpr(FANGSONG, 28))}
{
    para_style(
        "Signature",
        "落款",
        ppr=(
            '<w:ind w:right="1280" w:rightChars="400" w:firstLineChars="0" w:firstLine="0"/>'
            '<w:jc w:val="right"/>'
        ),
    )
}
{
    para_style(
        "Footer",
        "footer",
        ppr=(
            '<w:snapToGrid w:val="0"/>'
            f'<w:spacing w:before="0" w:after="0" w:line="{FOOTER_LINE}" w:lineRule="exact"/>' + NO_INDENT
        ),
        run=rpr(SONGTI, 28, latin=SONGTI, spacing=0),
    )
}
{
    para_style(
        "FooterOdd",
        "页码（单页）",
        based_on="Footer",
        next_="FooterOdd",
        ppr=('<w:ind w:right="280" w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="right"/>'),
    )
}
{
    para_style(
        "FooterEven",
        "页码（双页）",
        based_on="Footer",
        next_="FooterEven",
        ppr=('<w:ind w:left="280" w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/>'),
    )
}
<w:style w:type="character" w:styleId="PageNumber"><w:name w:val="page number"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/>{
    rpr(SONGTI, 28, latin=SONGTI)
}</w:style>
{TABLE_STYLES}
</w:styles>"""


def run(text: str, style: str | None = None) -> str:
    rpr_xml = f'<w:rPr><w:rStyle w:val="{style}"/></w:rPr>' if style else ""
    return f'<w:r>{rpr_xml}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def p(*runs: str, style: str = "Normal") -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style != "Normal" else ""
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def tag(text: str) -> str:
    """A paragraph holding only a docxtpl `{%p … %}` tag (removed when the template is filled)."""
    return p(run(text))


def blocks(loop: str) -> list[str]:
    """Paragraphs that print a list of content blocks: text with optional run-in title, or image."""
    return [
        tag(f"{{%p for block in {loop} %}}"),
        tag("{%p if block.kind == 'image' %}"),
        p(run("{{ block.image }}"), style="Figure"),
        tag("{%p if block.caption %}"),
        p(run("{{ block.caption }}"), style="Caption"),
        tag("{%p endif %}"),
        tag("{%p else %}"),
        p(run("{{ block.title }}", "Heading2Char"), run("{{ block.text }}")),
        tag("{%p endif %}"),
        tag("{%p endfor %}"),
    ]


def section_properties() -> str:
    return (
        "<w:sectPr>"
        '<w:footerReference w:type="default" r:id="rIdFooterOdd"/>'
        '<w:footerReference w:type="even" r:id="rIdFooterEven"/>'
        f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
        f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" '
        f'w:left="{MARGIN_LEFT}" w:header="851" w:footer="{FOOTER_DIST}" w:gutter="0"/>'
        '<w:pgNumType w:fmt="decimal"/><w:cols w:space="425"/>'
        f'<w:docGrid w:type="lines" w:linePitch="{LINE_PITCH}"/>'
        "</w:sectPr>"
    )


def title() -> list[str]:
    return [
        tag("{%p for line in title_lines %}"),
        p(run("{{ line }}"), style="Title"),
        tag("{%p endfor %}"),
        p(style="Title"),  # 标题下空一行
    ]


def signature() -> list[str]:
    return [
        tag("{%p if signature %}"),
        p(),
        tag("{%p if signature.issuer %}"),  # some reports sign with the date alone
        p(run("{{ signature.issuer }}"), style="Signature"),
        tag("{%p endif %}"),
        p(run("{{ signature.date }}"), style="Signature"),
        tag("{%p endif %}"),
    ]


def legacy_body() -> str:
    paragraphs = [
        *title(),
        *blocks("preamble"),
        tag("{%p for section in sections %}"),
        p(run("{{ section.heading }}"), style="Heading1"),
        *blocks("section.blocks"),
        tag("{%p endfor %}"),
        *signature(),
    ]
    return document("".join(paragraphs))


def document(body: str) -> str:
    return (
        f'{DECL}<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f"<w:body>{body}{section_properties()}</w:body></w:document>"
    )


def footer(style: str) -> str:
    """A footer whose one paragraph prints “— N —” with a PAGE field."""
    field = (
        '<w:r><w:rPr><w:rStyle w:val="PageNumber"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:rPr><w:rStyle w:val="PageNumber"/></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:rPr><w:rStyle w:val="PageNumber"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:rPr><w:rStyle w:val="PageNumber"/></w:rPr><w:t>1</w:t></w:r>'
        '<w:r><w:rPr><w:rStyle w:val="PageNumber"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r>'
    )
    return (
        f'{DECL}<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{run("— ", "PageNumber")}{field}'
        f"{run(' —', 'PageNumber')}</w:p></w:ftr>"
    )


SETTINGS = f"""{DECL}<w:settings xmlns:w="{W_NS}">
<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/>
<w:drawingGridVerticalSpacing w:val="{LINE_PITCH // 2}"/><w:displayHorizontalDrawingGridEvery w:val="0"/>
<w:characterSpacingControl w:val="compressPunctuation"/>
<w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/>
<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>
<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>
</w:settings>"""


def font_entry(name: str, alt: str, family: str, pitch: str = "variable", charset: str = "86") -> str:
    alt_xml = f'<w:altName w:val="{alt}"/>' if alt else ""
    return (
        f'<w:font w:name="{name}">{alt_xml}<w:charset w:val="{charset}"/>'
        f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
    )


FONT_TABLE = (
    f'{DECL}<w:fonts xmlns:w="{W_NS}">'
    + font_entry(LATIN, "", "roman", charset="00")
    + font_entry(FANGSONG, "仿宋", "modern", "fixed")
    + font_entry(XIAOBIAOSONG, "方正小标宋_GBK", "script")
    + font_entry(HEITI, "SimHei", "modern", "fixed")
    + font_entry(KAITI, "楷体", "modern", "fixed")
    + font_entry(SONGTI, "SimSun", "auto")
    + "</w:fonts>"
)

CONTENT_TYPES = f"""{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Default Extension="png" ContentType="image/png"/>
<Default Extension="jpeg" ContentType="image/jpeg"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>"""

PKG_RELS = f"""{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
</Relationships>"""

DOC_RELS = f"""{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
<Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>
<Relationship Id="rIdFooterOdd" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
<Relationship Id="rIdFooterEven" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>
</Relationships>"""

CORE = f"""{DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>政府信息公开工作年度报告（模板）</dc:title><dc:creator>reportgen</dc:creator><dc:language>zh-CN</dc:language>
</cp:coreProperties>"""

APP = f"""{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>reportgen</Application></Properties>"""


def write_docx(path: Path, document_xml: str) -> None:
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PKG_RELS,
        "docProps/core.xml": CORE,
        "docProps/app.xml": APP,
        "word/document.xml": document_xml,
        "word/_rels/document.xml.rels": DOC_RELS,
        "word/styles.xml": STYLES,
        "word/settings.xml": SETTINGS,
        "word/fontTable.xml": FONT_TABLE,
        "word/footer1.xml": footer("FooterOdd"),
        "word/footer2.xml": footer("FooterEven"),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, xml in parts.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, xml.encode("utf-8"))


def main() -> None:
    from tables_2019 import national_2019_body
    from tables_2021 import national_2021_body

    for name, body in (
        ("legacy", legacy_body()),
        ("national-2019", national_2019_body()),
        ("national-2021", national_2021_body()),
    ):
        out = OUT / f"{name}.docx"
        write_docx(out, body)
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
