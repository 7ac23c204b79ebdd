"""Helpers for the fidelity corpus: a GB/T 9704 base document, WordprocessingML snippets, sample text,
a PNG maker and a deterministic save (fixed zip timestamps and core properties)."""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from html import escape
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

FANGSONG, HEITI, KAITI, XBS, SONGTI, TNR = (
    "仿宋_GB2312",
    "黑体",
    "楷体_GB2312",
    "方正小标宋简体",
    "宋体",
    "Times New Roman",
)
NS = nsdecls("w", "r", "wp", "a", "pic")
A4 = (11906, 16838)
GBT_MARGINS = {"top": 2098, "right": 1474, "bottom": 1984, "left": 1588, "header": 851, "footer": 992}
GBT_GRID = '<w:docGrid w:type="lines" w:linePitch="579"/>'
FIXED_TIME = dt.datetime(2024, 3, 1, 9, 0, 0, tzinfo=dt.UTC)

# -- sample text: sentences of a county government's annual report on information disclosure -----

SENTENCES = [
    "2023年，全县各级行政机关坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》（国令第711号）。",
    "全年主动公开政府信息12,846条，其中规范性文件37件、政策解读54篇、新闻发布会15场。",
    "县政府门户网站（www.example.gov.cn）开设“政策文件”“重点领域”“依申请公开”等栏目，累计访问量达到3,265,410人次。",
    "全年共收到政府信息公开申请286件，较上年增长12.6%，其中当面申请41件、网络申请213件、信函申请32件。",
    "按照GB/T 9704-2012《党政机关公文格式》的要求，统一规范公文版式，版心尺寸为156 mm × 225 mm。",
    "在财政预决算公开方面，全县98家预算单位于规定时限内在同一平台集中公开部门预算和“三公”经费预算。",
    "围绕优化营商环境，编制并公开行政许可事项清单，涉及事项476项，办理时限平均压缩43.5%。",
    "依托12345政务服务便民热线，及时回应群众关切，全年受理咨询、投诉和建议17,902件，按时办结率99.8%。",
    "加强政府信息公开平台建设，完成县政府网站IPv6改造和HTTPS加密访问，网站安全检测评分达到95分以上。",
    "在重大建设项目领域，公开批准服务信息、批准结果信息、招标投标信息等共计1,204条。",
    "坚持“公开为常态、不公开为例外”原则，对拟公开的信息严格履行保密审查程序，全年未发生失泄密事件。",
    "组织开展政务公开业务培训6期，参训人员累计420人次，覆盖全部乡镇（街道）和县直部门。",
    "因政府信息公开工作被申请行政复议3件、提起行政诉讼1件，结果均为维持，未发生被纠错的情形。",
    "全年未收取信息处理费，依申请公开答复平均用时为11.4个工作日，低于法定期限。",
    "下一步，将进一步完善主动公开目录，推进基层政务公开标准化规范化建设，提升公开质量和实效。",
    "同时，加大政策解读力度，综合运用图文、音视频、H5等形式，增强解读的针对性和可读性。",
    "在乡村振兴领域，公开惠农补贴资金发放信息3.2万条，涉及资金1.87亿元，接受群众监督。",
    "全县27个乡镇（街道）全部建成政务公开专区，配备电子查阅终端35台，为群众提供“一站式”查询服务。",
    "根据《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）编制本报告。",
    "报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止，电子版可在县政府门户网站下载。",
]


def sentences(start: int, count: int) -> str:
    """Return `count` consecutive sample sentences from position `start` (cycling), joined."""
    return "".join(SENTENCES[(start + i) % len(SENTENCES)] for i in range(count))


# -- WordprocessingML snippets -----------------------------------------------------------------


def rpr(
    *,
    style: str | None = None,
    ea: str | None = None,
    latin: str | None = None,
    theme: tuple[str, str] | None = None,
    b: bool | None = None,
    i: bool | None = None,
    strike: bool = False,
    color: str | None = None,
    spacing: int | None = None,
    pt: float | None = None,
    highlight: str | None = None,
    u: str | None = None,
    shd: str | None = None,
    vert: str | None = None,
) -> str:
    """Return a w:rPr (children in schema order), or '' when nothing is set."""
    out = []
    if style:
        out.append(f'<w:rStyle w:val="{style}"/>')
    if ea or latin:
        attrs = f' w:ascii="{latin}" w:hAnsi="{latin}"' if latin else ""
        attrs += f' w:eastAsia="{ea}"' if ea else ""
        out.append(f"<w:rFonts{attrs}/>")
    elif theme:
        out.append(
            f'<w:rFonts w:asciiTheme="{theme[0]}" w:hAnsiTheme="{theme[0]}" w:eastAsiaTheme="{theme[1]}"/>'
        )
    for tag, value in (("b", b), ("i", i)):
        if value is not None:
            out.append(f"<w:{tag}/><w:{tag}Cs/>" if value else f'<w:{tag} w:val="0"/><w:{tag}Cs w:val="0"/>')
    if strike:
        out.append("<w:strike/>")
    if color:
        out.append(f'<w:color w:val="{color}"/>')
    if spacing is not None:
        out.append(f'<w:spacing w:val="{spacing}"/>')
    if pt is not None:
        out.append(f'<w:sz w:val="{round(pt * 2)}"/><w:szCs w:val="{round(pt * 2)}"/>')
    if highlight:
        out.append(f'<w:highlight w:val="{highlight}"/>')
    if u:
        out.append(f'<w:u w:val="{u}"/>')
    if shd:
        out.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{shd}"/>')
    if vert:
        out.append(f'<w:vertAlign w:val="{vert}"/>')
    return f"<w:rPr>{''.join(out)}</w:rPr>" if out else ""


def r(text: str, **props: object) -> str:
    """Return a w:r with text (tabs become w:tab) and the run properties of rpr(**props)."""
    parts = []
    for i, piece in enumerate(text.split("\t")):
        if i:
            parts.append("<w:tab/>")
        if piece:
            parts.append(f'<w:t xml:space="preserve">{escape(piece, quote=False)}</w:t>')
    return f"<w:r>{rpr(**props)}{''.join(parts)}</w:r>"  # type: ignore[arg-type]


def ppr(
    *,
    style: str | None = None,
    keep_next: bool = False,
    keep_lines: bool = False,
    page_break_before: bool = False,
    widow: bool | None = None,
    num: tuple[int, int] | None = None,
    shd: str | None = None,
    tabs: str = "",
    snap: bool | None = None,
    spacing: str = "",
    ind: str = "",
    contextual: bool = False,
    jc: str | None = None,
    run: str = "",
    sect: str = "",
) -> str:
    """Return a w:pPr (children in schema order); `spacing`/`ind` are attribute strings."""
    out = []
    if style:
        out.append(f'<w:pStyle w:val="{style}"/>')
    out += ["<w:keepNext/>"] if keep_next else []
    out += ["<w:keepLines/>"] if keep_lines else []
    out += ["<w:pageBreakBefore/>"] if page_break_before else []
    if widow is not None:
        out.append("<w:widowControl/>" if widow else '<w:widowControl w:val="0"/>')
    if num:
        out.append(f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>')
    if shd:
        out.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{shd}"/>')
    if tabs:
        out.append(f"<w:tabs>{tabs}</w:tabs>")
    if snap is not None:
        out.append("<w:snapToGrid/>" if snap else '<w:snapToGrid w:val="0"/>')
    if spacing:
        out.append(f"<w:spacing {spacing}/>")
    if ind:
        out.append(f"<w:ind {ind}/>")
    out += ["<w:contextualSpacing/>"] if contextual else []
    if jc:
        out.append(f'<w:jc w:val="{jc}"/>')
    out.append(run)
    out.append(sect)
    return f"<w:pPr>{''.join(out)}</w:pPr>" if any(out) else ""


def p(*runs: str, **props: object) -> str:
    """Return a w:p; plain strings among `runs` become runs without properties."""
    body = "".join(x if x.startswith("<") else r(x) for x in runs)
    return f"<w:p>{ppr(**props)}{body}</w:p>"  # type: ignore[arg-type]


def field(instr: str, cached: str, **props: object) -> str:
    """Return the runs of a complex field (begin, instruction, separate, cached result, end)."""
    props_xml = rpr(**props)  # type: ignore[arg-type]
    return (
        f'<w:r>{props_xml}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{props_xml}<w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
        f'<w:r>{props_xml}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{props_xml}<w:t>{cached}</w:t></w:r>"
        f'<w:r>{props_xml}<w:fldChar w:fldCharType="end"/></w:r>'
    )


def page_break() -> str:
    return '<w:r><w:br w:type="page"/></w:r>'


def sect_pr(
    *,
    size: tuple[int, int] = A4,
    landscape: bool = False,
    margins: dict[str, int] | None = None,
    grid: str = GBT_GRID,
    start: str | None = None,
    title_pg: bool = False,
    extra: str = "",
) -> str:
    """Return a w:sectPr: page size (twips), orientation, margins, section start type and grid."""
    width, height = size
    orient = ""
    if landscape:
        width, height, orient = max(size), min(size), ' w:orient="landscape"'
    mar = {**GBT_MARGINS, **(margins or {})}
    start_xml = f'<w:type w:val="{start}"/>' if start else ""
    return (
        f'<w:sectPr>{extra}{start_xml}<w:pgSz w:w="{width}" w:h="{height}"{orient}/>'
        f'<w:pgMar w:top="{mar["top"]}" w:right="{mar["right"]}" w:bottom="{mar["bottom"]}" '
        f'w:left="{mar["left"]}" w:header="{mar["header"]}" w:footer="{mar["footer"]}" w:gutter="0"/>'
        f'<w:cols w:space="425"/>{"<w:titlePg/>" if title_pg else ""}{grid}</w:sectPr>'
    )


# -- documents ------------------------------------------------------------------------------------


def new_document(
    *, ea: str = FANGSONG, latin: str = TNR, pt: float = 16, line: str = 'w:line="579" w:lineRule="exact"'
) -> Document:
    """Return a python-docx document set up as a GB/T 9704 official document (fonts, page, grid)."""
    doc = docx.Document()
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    defaults.getparent().remove(defaults)
    styles.insert(
        0,
        parse_xml(
            f"<w:docDefaults {NS}><w:rPrDefault><w:rPr>"
            f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{ea}" w:cs="{latin}"/>'
            f'<w:kern w:val="2"/><w:sz w:val="{round(pt * 2)}"/><w:szCs w:val="{round(pt * 2)}"/>'
            '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
            f'<w:pPrDefault><w:pPr><w:spacing w:after="0" {line}/><w:jc w:val="both"/></w:pPr>'
            "</w:pPrDefault></w:docDefaults>"
        ),
    )
    set_final_section(doc, sect_pr())
    return doc


def set_final_section(doc: Document, sect_xml: str) -> None:
    body = doc.element.body
    old = body.find(qn("w:sectPr"))
    body.replace(old, parse_xml(sect_xml.replace("<w:sectPr>", f"<w:sectPr {NS}>", 1)))


def add(doc: Document, *blocks: str) -> None:
    """Append block-level XML (paragraphs, tables) to the body, before the final w:sectPr."""
    body = doc.element.body
    final = body.find(qn("w:sectPr"))
    for block in blocks:
        holder = parse_xml(f"<w:body {NS}>{block}</w:body>")
        for el in list(holder):
            final.addprevious(el)


def add_styles(doc: Document, *style_xml: str) -> None:
    """Append w:style elements (given as XML) to styles.xml."""
    for xml in style_xml:
        doc.styles.element.append(parse_xml(xml.replace("<w:style ", f"<w:style {NS} ", 1)))


def add_part(doc: Document, name: str, content_type: str, reltype: str, xml: str) -> str:
    """Add an XML part related to the main document; return the relationship id."""
    part = Part(PackURI(name), content_type, xml.encode("utf-8"), doc.part.package)
    return doc.part.relate_to(part, reltype)


def add_footnotes(doc: Document, notes: list[str]) -> None:
    """Add word/footnotes.xml with the separator notes and `notes` as ids 1, 2, ..."""
    body = [
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
        "</w:r></w:p></w:footnote>",
    ]
    for n, text in enumerate(notes, 1):
        body.append(
            f'<w:footnote w:id="{n}"><w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="240" '
            'w:lineRule="auto"/></w:pPr><w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="18"/>'
            f'</w:rPr><w:footnoteRef/></w:r><w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve">'
            f" {escape(text)}</w:t></w:r></w:p></w:footnote>"
        )
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {NS}>{"".join(body)}</w:footnotes>'
    add_part(doc, "/word/footnotes.xml", CT.WML_FOOTNOTES, RT.FOOTNOTES, xml)


def footnote_ref(n: int) -> str:
    return f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{n}"/></w:r>'


def hyperlink(doc: Document, url: str, text: str) -> str:
    """Return a w:hyperlink to an external URL (relationship added to the document part)."""
    rid = doc.part.relate_to(url, RT.HYPERLINK, is_external=True)
    return f'<w:hyperlink r:id="{rid}" w:history="1">{r(text, color="0563C1", u="single")}</w:hyperlink>'


def png(width: int, height: int, bars: list[tuple[int, tuple[int, int, int]]]) -> bytes:
    """Return a PNG: white background with vertical bars (height %, colour) spread evenly."""
    step = width // (len(bars) * 2 + 1)
    rows = []
    for y in range(height):
        row = bytearray(b"\xff\xff\xff" * width)
        for n, (pct, rgb) in enumerate(bars):
            if y >= height - height * pct // 100:
                x0 = step * (2 * n + 1)
                row[x0 * 3 : (x0 + step) * 3] = bytes(rgb) * step
        rows.append(b"\x00" + bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


def save(
    doc: Document, path: Path, title: str, transform: Callable[[str, bytes], bytes] | None = None
) -> None:
    """Write `doc` with fixed core properties and zip timestamps (same bytes on every run)."""
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, "县人民政府办公室", "县人民政府办公室"
    props.created = props.modified = props.last_printed = FIXED_TIME.replace(tzinfo=None)
    props.revision, props.comments = 1, "reportgen fidelity corpus"
    buffer = io.BytesIO()
    doc.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name in source.namelist():
            if name == "docProps/thumbnail.jpeg":
                continue
            data = source.read(name)
            if name == "_rels/.rels":
                data = re.sub(rb"<Relationship [^>]*thumbnail[^>]*/>", b"", data)
            if name == "[Content_Types].xml":
                data = data.replace(b'<Default Extension="jpeg" ContentType="image/jpeg"/>', b"")
            if transform is not None:
                data = transform(name, data)
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, data)


# -- shared styles, numbering and the registry ----------------------------------------------------

Builder = Callable[[], Document]
CORPUS: dict[str, tuple[str, Builder, Callable[[str, bytes], bytes] | None]] = {}


def corpus(
    name: str, features: str, transform: Callable[[str, bytes], bytes] | None = None
) -> Callable[[Builder], Builder]:
    """Register a builder of tests/resources/fidelity/<name>.docx exercising `features`."""

    def register(fn: Builder) -> Builder:
        CORPUS[name] = (features, fn, transform)
        return fn

    return register


def official_styles(doc: Document) -> None:
    """Add the styles of a GB/T 9704 document: title, heading levels 1–2 (linked), body text.

    The title's exact 35 pt line does not snap to the line grid (as in templates/*.docx): Word
    keeps an exact line height on a grid, LibreOffice rounds it up to whole grid lines, and the
    fidelity benchmark should not measure that disagreement on every page one of the corpus.
    line-spacing-rules.docx keeps exact lines on the grid on purpose.
    """
    add_styles(
        doc,
        '<w:style w:type="paragraph" w:styleId="GwTitle"><w:name w:val="公文标题"/><w:basedOn w:val="Normal"/>'
        '<w:next w:val="GwBody"/><w:qFormat/><w:pPr><w:keepNext/><w:snapToGrid w:val="0"/>'
        '<w:spacing w:line="700" w:lineRule="exact"/>'
        f'<w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:eastAsia="{XBS}"/><w:sz w:val="44"/>'
        '<w:szCs w:val="44"/></w:rPr></w:style>',
        '<w:style w:type="paragraph" w:styleId="GwBody"><w:name w:val="公文正文"/><w:basedOn w:val="Normal"/>'
        '<w:qFormat/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr></w:style>',
        '<w:style w:type="paragraph" w:styleId="GwH1"><w:name w:val="公文一级标题"/><w:basedOn w:val="GwBody"/>'
        '<w:next w:val="GwBody"/><w:link w:val="GwH1Char"/><w:qFormat/><w:pPr><w:keepNext/>'
        f'<w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="{HEITI}"/></w:rPr></w:style>',
        '<w:style w:type="character" w:customStyle="1" w:styleId="GwH1Char"><w:name w:val="公文一级标题 字符"/>'
        f'<w:link w:val="GwH1"/><w:rPr><w:rFonts w:eastAsia="{HEITI}"/></w:rPr></w:style>',
        '<w:style w:type="paragraph" w:styleId="GwH2"><w:name w:val="公文二级标题"/><w:basedOn w:val="GwBody"/>'
        '<w:next w:val="GwBody"/><w:link w:val="GwH2Char"/><w:qFormat/><w:pPr><w:keepNext/>'
        f'<w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:eastAsia="{KAITI}"/></w:rPr></w:style>',
        '<w:style w:type="character" w:customStyle="1" w:styleId="GwH2Char"><w:name w:val="公文二级标题 字符"/>'
        f'<w:link w:val="GwH2"/><w:rPr><w:rFonts w:eastAsia="{KAITI}"/></w:rPr></w:style>',
    )


def title(text: str) -> str:
    return p(text, style="GwTitle") + p("", style="GwBody")


def body(start: int, count: int = 3, **props: object) -> str:
    """Return a body paragraph (公文正文 style) of `count` sample sentences."""
    return p(r(sentences(start, count)), style="GwBody", **props)


def add_numbering(doc: Document, abstract_id: int, levels: str) -> int:
    """Add an abstract numbering (its w:lvl XML) and a w:num using it; return the numId."""
    numbering = doc.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {NS} w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="hybridMultilevel"/>'
        f"{levels}</w:abstractNum>"
    )
    existing = numbering.findall(qn("w:abstractNum"))
    existing[-1].addnext(abstract)
    numbering.append(
        parse_xml(f'<w:num {NS} w:numId="{abstract_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
    )
    return abstract_id


def level(ilvl: int, fmt: str, text: str, *, ind: str, font: str = "", suffix: str = "nothing") -> str:
    """Return one w:lvl: number format, label text, suffix, indent and label font."""
    rpr_xml = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr>' if font else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="{suffix}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind {ind}/></w:pPr>{rpr_xml}</w:lvl>'
    )


def fill_story(story: object, *paragraphs: str) -> None:
    """Unlink a python-docx header/footer from the previous section and set its paragraphs (XML)."""
    story.is_linked_to_previous = False  # type: ignore[attr-defined]
    element = story._element  # type: ignore[attr-defined]
    for old in list(element):
        element.remove(old)
    for xml in paragraphs:
        element.append(parse_xml(xml.replace("<w:p>", f"<w:p {NS}>", 1)))
