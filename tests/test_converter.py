"""The .docx → HTML+CSS converter on small documents, each exercising one Word feature."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from lxml import html as lxml_html
from pypdf import PdfReader

from reportgen.docx import HtmlDocument, docx_to_html
from reportgen.errors import Result
from reportgen.fonts import FontMap
from reportgen.pdf import html_to_pdf
from tests.conftest import pdftotext, squeeze


def convert(document: docx.document.Document) -> Result[HtmlDocument]:
    buffer = io.BytesIO()
    document.save(buffer)
    return docx_to_html(buffer.getvalue(), FontMap.load())


def rule(converted: Result[HtmlDocument], cls: str) -> str:
    match = re.search(r"(?m)^\." + re.escape(cls) + r"\{([^}]*)\}", converted.value.css)
    assert match, f"no rule for .{cls}"
    return match.group(1)


def css_of_text(converted: Result[HtmlDocument], text: str) -> tuple[str, str]:
    """Return (paragraph CSS, span CSS) of the first span whose text is `text`."""
    tree = lxml_html.fromstring(converted.value.html)
    for p in tree.iter("p"):
        para = rule(converted, p.get("class").split()[0])
        if text in (p.text or ""):  # written bare: formatted like the paragraph mark
            return para, para
        for span in p.iter("span"):
            if (span.text or "").strip() == text:
                return para, rule(converted, span.get("class").split()[0])
            if text in (span.tail or ""):
                return para, para
    raise AssertionError(f"{text!r} not found")


def test_style_inheritance_docdefaults_basedon_character_style_direct() -> None:
    document = docx.Document()
    styles = document.styles
    base = styles.add_style("Base", 1)
    base.font.size = Pt(20)
    base.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    child = styles.add_style("Child", 1)
    child.base_style = base
    child.font.italic = True
    emphasis = styles.add_style("Emph", 2)
    emphasis.font.underline = True
    p = document.add_paragraph(style="Child")
    p.add_run("plain")
    p.add_run("styled", style="Emph")
    p.add_run("direct").bold = True
    converted = convert(document)
    para, plain = css_of_text(converted, "plain")
    assert "text-align:center" in para
    assert "font-size:20pt" in plain
    assert "font-style:italic" in plain
    assert "text-decoration:underline" in css_of_text(converted, "styled")[1]
    direct = css_of_text(converted, "direct")[1]
    assert "font-weight:bold" in direct
    assert "font-size:20pt" in direct
    assert converted.warnings == []


def test_alignment_indents_and_exact_line_spacing() -> None:
    document = docx.Document()
    p = document.add_paragraph("right")
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    fmt = p.paragraph_format
    fmt.left_indent, fmt.first_line_indent = Pt(20), Pt(-10)
    fmt.line_spacing_rule = None
    fmt.line_spacing = Pt(30)
    fmt.space_before = Pt(6)
    converted = convert(document)
    para, _ = css_of_text(converted, "right")
    assert "text-align:right" in para
    assert "margin-left:20pt" in para
    assert "text-indent:-10pt" in para
    assert "line-height:30pt" in para
    assert "margin-top:6pt" in para


def test_indent_in_characters_and_distribute() -> None:
    document = docx.Document()
    p = document.add_paragraph()
    p.add_run("chars").font.size = Pt(16)
    ppr = p._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:ind {nsdecls("w")} w:firstLineChars="200" w:firstLine="100"/>'))
    ppr.append(parse_xml(f'<w:jc {nsdecls("w")} w:val="distribute"/>'))
    ppr.append(parse_xml(f'<w:rPr {nsdecls("w")}><w:sz w:val="32"/></w:rPr>'))
    para, _ = css_of_text(convert(document), "chars")
    assert "text-indent:32pt" in para
    assert "text-align:justify" in para
    assert "text-align-last:justify" in para


def test_table_with_merged_cells_and_borders() -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.style = document.styles["Table Grid"]
    table.cell(0, 0).merge(table.cell(0, 1)).text = "wide"
    table.cell(1, 2).merge(table.cell(2, 2)).text = "tall"
    table.cell(1, 0).text = "a"
    converted = convert(document)
    tree = lxml_html.fromstring(converted.value.html)
    cells = tree.findall(".//td")
    wide = next(td for td in cells if td.text_content() == "wide")
    tall = next(td for td in cells if td.text_content() == "tall")
    assert wide.get("colspan") == "2"
    assert tall.get("rowspan") == "2"
    assert len(cells) == 3 * 3 - 1 - 1
    assert "border-top:0.5pt solid #000000" in rule(converted, wide.get("class"))
    assert len(tree.findall(".//col")) == 3


def test_page_size_orientation_and_margins() -> None:
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.left_margin = Mm(10), Mm(20)
    document.add_paragraph("x")
    css = convert(document).value.css
    assert re.search(r"@page s1 \{ size:841\.9\d*pt 595\.3\d*pt; margin:28\.3\d*pt", css)


def test_page_break_splits_the_paragraph_onto_a_new_page(tmp_path: Path) -> None:
    document = docx.Document()
    p = document.add_paragraph("before")
    p.add_run().add_break(WD_BREAK.PAGE)
    p.add_run("after")
    converted = convert(document)
    assert 'style="break-before:page;text-indent:0"' in converted.value.html
    pdf = html_to_pdf(converted.value).value
    assert pdf.pages == 2


def odd_even_footer_document() -> docx.document.Document:
    document = docx.Document()
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, label in ((section.footer, "odd"), (section.even_page_footer, "even")):
        p = footer.paragraphs[0]
        p.text = f"{label} "
        p._p.append(
            parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>9</w:t></w:r></w:fldSimple>')
        )
        p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve"> of </w:t></w:r>'))
        p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'))
        p._p.append(
            parse_xml(f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> NUMPAGES </w:instrText></w:r>')
        )
        p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'))
        p._p.append(parse_xml(f"<w:r {nsdecls('w')}><w:t>99</w:t></w:r>"))
        p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))
    for i in range(3):
        document.add_paragraph(f"page {i + 1}")
        if i < 2:
            document.add_page_break()
    return document


def test_odd_and_even_footers_with_page_fields(tmp_path: Path) -> None:
    converted = convert(odd_even_footer_document())
    made = html_to_pdf(converted.value)
    pdf, warnings = made.value, made.warnings
    # both footers, PAGE (simple field) and NUMPAGES (complex field) are supported: nothing to report,
    # neither by the converter nor by WeasyPrint (nor SLOW_SUBSET: libharfbuzz-subset0 is installed)
    assert converted.warnings == []
    assert warnings == []
    path = tmp_path / "f.pdf"
    path.write_bytes(pdf.data)
    pages = pdftotext(path).split("\f")
    assert "odd1of3" in squeeze(pages[0])
    assert "even2of3" in squeeze(pages[1])
    assert "odd3of3" in squeeze(pages[2])
    assert "99" not in pdftotext(path)
    assert "9of" not in squeeze(pdftotext(path))
    assert len(PdfReader(path).pages) == 3


def test_unsupported_content_is_a_warning_naming_the_place() -> None:
    document = docx.Document()
    document.add_paragraph("first")
    p = document.add_paragraph("second")
    p._p.append(parse_xml(f"<w:r {nsdecls('w')}><w:object/></w:r>"))
    converted = convert(document)
    assert [w.format() for w in converted.warnings] == [
        "正文第 2 段: 旧式图形（VML 或嵌入对象）暂不支持，已略过"
    ]


def labels(converted: Result[HtmlDocument]) -> list[str]:
    tree = lxml_html.fromstring(converted.value.html)
    return [span.text_content() for span in tree.find_class("rg-num")]


def test_numbered_and_bulleted_lists() -> None:
    document = docx.Document()
    for text in ("甲", "乙", "丙"):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("要点", style="List Bullet")
    converted = convert(document)
    assert labels(converted) == ["1.", "2.", "3.", "•"]
    assert converted.warnings == []


def test_chinese_list_numbering_restarts_deeper_levels() -> None:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>'
            '<w:suff w:val="nothing"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>'
            '<w:suff w:val="nothing"/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in ((0, "总体"), (1, "甲"), (1, "乙"), (0, "主动"), (1, "丙")) + tuple(
        (1, str(i)) for i in range(9)
    ):
        p = document.add_paragraph(text)
        p._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )
    assert labels(convert(document)) == [
        "一、",
        "（一）",
        "（二）",
        "二、",
        "（一）",
        "（二）",
        "（三）",
        "（四）",
        "（五）",
        "（六）",
        "（七）",
        "（八）",
        "（九）",
        "（十）",
    ]


@pytest.mark.parametrize(("text", "latin"), [("2015年", "2015"), ("ABC中文", "ABC")])
def test_latin_text_uses_the_latin_face(text: str, latin: str) -> None:
    document = docx.Document()
    run = document.add_paragraph().add_run(text)
    rfonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}ascii", "Times New Roman")
    rfonts.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", "黑体")
    converted = convert(document)
    fonts = FontMap.load()
    assert f'font-family:"{fonts.resolve("Times New Roman").family}"' in css_of_text(converted, latin)[1]
    cjk = text.replace(latin, "")
    assert f'font-family:"{fonts.resolve("黑体").family}"' in css_of_text(converted, cjk)[1]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (21, "二十一"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1001, "一千零一"),
    ],
)
def test_chinese_counting(value: int, text: str) -> None:
    from reportgen.docx.numbering import chinese_number

    assert chinese_number(value) == text


def test_theme_fonts_resolve_through_the_theme_part() -> None:
    document = docx.Document()  # python-docx's default: docDefaults use minorHAnsi / minorEastAsia
    lang = document.settings.element.find(qn("w:themeFontLang"))
    assert lang.get(qn("w:eastAsia")) == "ja-JP"  # python-docx's default: the theme's Japanese face
    document.add_paragraph("Report 报告")
    japanese = convert(document)
    assert "ＭＳ 明朝" in japanese.value.faces
    assert FontMap.load().report(japanese.value.faces).warnings == []  # mapped to Noto Serif CJK JP
    lang.set(qn("w:eastAsia"), "zh-CN")  # a Chinese document: the theme's 简体 (Hans) face
    converted = convert(document)
    fonts = FontMap.load()
    cambria = fonts.fitted("Cambria") or fonts.resolve("Cambria")  # laid out with Word's widths
    assert f'font-family:"{cambria.family}"' in css_of_text(converted, "Report")[1]
    assert f'font-family:"{fonts.resolve("宋体").family}"' in css_of_text(converted, "报告")[1]
    assert {"Cambria", "宋体"} <= converted.value.faces


def test_a_list_of_alternative_faces_takes_the_first_available() -> None:
    """LibreOffice and WPS write "Liberation Sans;Arial" or "楷体_GB2312;楷体"; Word printed the
    headings of sample100kB in Arial. The whole string is no face's name."""
    document = docx.Document()
    run = document.add_paragraph().add_run("Heading")
    run.font.name = "No Such Face;Arial"
    converted = convert(document)
    fonts = FontMap.load()
    assert f'font-family:"{fonts.resolve("Arial").family}"' in css_of_text(converted, "Heading")[1]
    assert fonts.resolve("No Such Face;Nor This").note  # none available: the default, with a warning


def test_page_numbers_restart_and_first_page_footer_per_section() -> None:
    document = odd_even_footer_document()
    sect = document.sections[0]._sectPr
    sect.append(parse_xml(f'<w:pgNumType {nsdecls("w")} w:start="5"/>'))
    css = convert(document).value.css
    assert "@page s1:nth(1 of s1) { counter-reset:page 5;}" in css


def test_footnotes_print_at_the_foot_of_their_page(tmp_path: Path) -> None:
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    document = docx.Document()
    notes = (
        f"<w:footnotes {nsdecls('w')}>"
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 见《条例》第五十条。</w:t></w:r></w:p>'
        "</w:footnote></w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, notes.encode("utf-8"), document.part.package
    )
    document.part.relate_to(part, RT.FOOTNOTES)
    p = document.add_paragraph("年度报告应当包括下列内容")
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:footnoteReference w:id="1"/></w:r>'))
    p.add_run("。")
    document.add_page_break()
    document.add_paragraph("第二页")
    converted = convert(document)
    assert converted.warnings == []
    pdf = html_to_pdf(converted.value).value
    path = tmp_path / "notes.pdf"
    path.write_bytes(pdf.data)
    first, second = pdftotext(path, "-layout").split("\f")[:2]
    assert "见《条例》第五十条。" in squeeze(first)
    assert "年度报告应当包括下列内容1。" in squeeze(first)  # the call, then the sentence goes on
    assert "条例" not in second


def test_auto_spacing_columns_and_reported_approximations() -> None:
    document = docx.Document()
    p = document.add_paragraph("auto")
    p._p.get_or_add_pPr().append(parse_xml(f'<w:spacing {nsdecls("w")} w:beforeAutospacing="1"/>'))
    tabbed = document.add_paragraph("a\tb")
    tabbed.paragraph_format.tab_stops.add_tab_stop(Pt(100))
    cols = document.sections[0]._sectPr.find(qn("w:cols"))
    cols.set(qn("w:num"), "2")
    cols.set(qn("w:space"), "425")
    converted = convert(document)
    assert "margin-top:14pt" in css_of_text(converted, "auto")[0]
    assert 'style="columns:2;column-gap:21.25pt"' in converted.value.html
    assert converted.warnings == []  # custom tab stops are laid out (tests/test_tab_stops.py)


def test_contextual_spacing_between_paragraphs_of_one_style() -> None:
    document = docx.Document()
    for text in ("一", "二", "三"):
        p = document.add_paragraph(text, style="List Paragraph")
        p.paragraph_format.space_before = Pt(12)
        p.paragraph_format.space_after = Pt(6)
        p._p.get_or_add_pPr().append(parse_xml(f"<w:contextualSpacing {nsdecls('w')}/>"))
    converted = convert(document)
    first, middle, last = (css_of_text(converted, text)[0] for text in ("一", "二", "三"))
    assert "margin-top:12pt" in first
    assert "margin-bottom" not in first
    assert "margin-top" not in middle
    assert "margin-bottom" not in middle
    assert "margin-bottom:6pt" in last


@pytest.mark.parametrize(
    ("rule", "line", "size", "snap", "expected"),
    [
        ("exact", 400, 16, True, 20.0),  # exact wins over the grid (Word; LibreOffice snaps it)
        ("atLeast", 240, 10.5, True, 18.0),  # at least one grid line: Word 18/18/24 on an 18 pt grid
        ("atLeast", 360, 10.5, True, 18.0),
        ("atLeast", 480, 10.5, True, 24.0),  # not snapped up to 36
        ("atLeast", 240, 10.5, False, 13.65),  # no grid: at least the single line (1.3 em)
        ("auto", 360, 10.5, True, 27.0),  # 1.5 × the grid line
        ("auto", 240, 22, True, 36.0),  # 28.6 pt of text takes two 18 pt grid lines
    ],
)
def test_line_height_on_a_line_grid(rule: str, line: int, size: float, snap: bool, expected: float) -> None:
    from reportgen.docx.css import Grid, line_height

    height = line_height({"line_rule": rule, "line": line}, size, Grid(line_pitch=18.0), snap)
    assert height == pytest.approx(expected)


def test_vertical_metrics_are_read_from_the_font_files() -> None:
    from reportgen.fonts import vertical_metrics

    assert vertical_metrics("Noto Serif CJK SC") == pytest.approx((1.151, 0.286))  # a .ttc collection
    ascent, descent = vertical_metrics("Liberation Serif") or (0, 0)
    assert 0.85 < ascent < 0.95
    assert 0.2 < descent < 0.25


def test_a_row_whose_paragraphs_keep_with_next_stays_on_the_next_rows_page() -> None:
    """Word keeps a table row with the next when its paragraphs have keepNext; WeasyPrint breaks a
    table only between rows, so the row itself carries `break-after: avoid`."""

    def exactly(points: int) -> object:
        return parse_xml(f'<w:spacing {nsdecls("w")} w:after="0" w:line="{points * 20}" w:lineRule="exact"/>')

    document = docx.Document()
    document.add_paragraph()._p.get_or_add_pPr().append(exactly(618))
    table = document.add_table(rows=3, cols=2)
    table.style = document.styles["Table Grid"]
    for r, texts in enumerate((("alpha", "kept"), ("beta", "half"), ("gamma", "last"))):
        for c, text in enumerate(texts):
            p = table.cell(r, c).paragraphs[0]
            p.add_run(text)
            p._p.get_or_add_pPr().append(exactly(20))
            if r == 0 or (r == 1 and c == 0):  # row 1: every cell keeps; row 2: one cell only
                p.paragraph_format.keep_with_next = True
    converted = convert(document)
    rows = lxml_html.fromstring(converted.value.html).findall(".//tr")
    assert ["break-after:avoid" in (row.get("style") or "") for row in rows] == [True, False, False]
    found = pdftotext_words(html_to_pdf(converted.value).value.data)
    # 648 pt of text height: the 618 pt spacer leaves room for “alpha” (20 pt) but not “beta” too
    assert found["alpha"] == found["beta"] == 2
    assert converted.warnings == []


def pdftotext_words(pdf: bytes) -> dict[str, int]:
    """Return the page (from 1) of each word of a PDF."""
    html = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    pages = html.decode("utf-8").split("<page ")[1:]
    return {m: n for n, page in enumerate(pages, 1) for m in re.findall(r">([^<>]+)</word>", page)}


def test_a_paragraph_marks_colour_and_underline_stay_off_its_runs() -> None:
    """The mark's rPr formats the pilcrow only: a run without a colour prints black (Word's PDF of
    nsfc-young-2026: blue marks, black text; tests/test_word_ink.py). CSS would carry a colour or an
    underline of the paragraph box to every run, and no run can take an underline off again."""
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("正文")
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:rPr {nsdecls("w")}><w:color w:val="0070C0"/><w:u w:val="single"/></w:rPr>')
    )
    coloured = document.add_paragraph().add_run("蓝色")
    coloured.font.color.rgb = RGBColor(0x00, 0x70, 0xC0)
    converted = convert(document)
    para, span = css_of_text(converted, "正文")
    for css in (para, span):
        assert "color:" not in css
        assert "text-decoration" not in css
    assert "color:#0070C0" in css_of_text(converted, "蓝色")[1]


def test_bold_in_a_face_without_bold_is_drawn_stroked() -> None:
    """楷体 has no bold face: Word strokes its regular glyphs (1/36 of the size); the converter asks
    for the regular weight and the stroke (--rg-bold), and tells text that is not bold: none."""
    document = docx.Document()
    paragraph = document.add_paragraph()
    bold = paragraph.add_run("标题")
    bold.bold = True
    paragraph.add_run("正文")
    for run in paragraph.runs:
        run._r.get_or_add_rPr().append(parse_xml(f'<w:rFonts {nsdecls("w")} w:eastAsia="楷体"/>'))
    converted = convert(document)
    title, body = css_of_text(converted, "标题")[1], css_of_text(converted, "正文")[1]
    assert "font-weight:normal" in title
    assert "--rg-bold:0.0278" in title
    assert "--rg-bold:0.0000" in body


def test_only_multiple_line_spacing_off_a_grid_may_overhang_the_page_bottom() -> None:
    """--rg-overhang: the part of a 1.15 line below its text (Word lets a page's last line reach
    into the bottom margin by it: tests/test_word_widths.py); exact and single lines have none."""
    document = docx.Document()
    for text, rule, line in (("多倍", "auto", 276), ("固定", "exact", 560), ("单倍", "auto", 240)):
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:spacing {nsdecls("w")} w:line="{line}" w:lineRule="{rule}"/>')
        )
    converted = convert(document)
    multiple = css_of_text(converted, "多倍")[0]
    height = float(re.search(r"line-height:([\d.]+)pt", multiple)[1])
    assert f"--rg-overhang:{height - height / 1.15:.3f}" in multiple
    assert "--rg-overhang" not in css_of_text(converted, "固定")[0]
    assert "--rg-overhang" not in css_of_text(converted, "单倍")[0]
