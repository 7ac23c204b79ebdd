"""Corpus documents about text: styles, fonts, run formatting, paragraph layout, pagination, grids."""

from __future__ import annotations

import re

from corpus_kit import (
    FANGSONG,
    HEITI,
    KAITI,
    SONGTI,
    TNR,
    XBS,
    add,
    add_styles,
    body,
    corpus,
    new_document,
    official_styles,
    p,
    page_break,
    r,
    sect_pr,
    sentences,
    set_final_section,
    title,
)
from docx.document import Document


@corpus(
    "styles-inheritance",
    "docDefaults → basedOn chain (3 levels) → linked character style → direct formatting; toggles",
)
def styles_inheritance() -> Document:
    doc = new_document()
    official_styles(doc)
    add_styles(
        doc,
        '<w:style w:type="paragraph" w:styleId="Emphasis1"><w:name w:val="重点段落"/><w:basedOn w:val="GwH2"/>'
        '<w:link w:val="Emphasis1Char"/><w:pPr><w:keepNext w:val="0"/><w:outlineLvl w:val="9"/>'
        '<w:ind w:firstLineChars="0" w:firstLine="0" w:leftChars="200" w:left="640"/></w:pPr>'
        '<w:rPr><w:b/><w:color w:val="1F3864"/></w:rPr></w:style>',
        '<w:style w:type="character" w:customStyle="1" w:styleId="Emphasis1Char"><w:name w:val="重点段落 字符"/>'
        '<w:link w:val="Emphasis1"/><w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/><w:b/><w:color w:val="1F3864"/>'
        "</w:rPr></w:style>",
        '<w:style w:type="character" w:customStyle="1" w:styleId="DataChar"><w:name w:val="数据"/>'
        '<w:basedOn w:val="Emphasis1Char"/><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/>'
        '<w:u w:val="single"/></w:rPr></w:style>',
    )
    add(doc, title("关于2023年度政府信息公开工作情况的报告"))
    for n in range(4):
        add(
            doc,
            p(f"{'一二三四'[n]}、样式继承第{n + 1}部分", style="GwH1"),
            body(n * 3, 3),
            p("（一）按照“以公开为常态、不公开为例外”的原则推进", style="GwH2"),
            body(n * 3 + 1, 2),
            p(sentences(n + 5, 2), style="Emphasis1"),
            p(
                r("链接的字符样式："),
                r("主动公开政府信息12,846条", style="GwH1Char"),
                r("，其中"),
                r("规范性文件37件", style="Emphasis1Char"),
                r("、政策解读54篇（"),
                r("数据样式 2023 DATA", style="DataChar"),
                r("）；直接格式覆盖样式："),
                r("取消加粗的重点内容", style="Emphasis1Char", b=False),
                r("、红色字样", style="DataChar", color="C00000"),
                r("。" + sentences(n + 9, 1)),
                style="GwBody",
            ),
            p(r(sentences(n + 11, 2), b=True), style="Emphasis1"),
        )
    return doc


THEME_FONTS = {"+mj-lt": "Arial", "+mn-lt": TNR, "major-ea": HEITI, "minor-ea": FANGSONG}


def _theme(name: str, data: bytes) -> bytes:
    """Give the theme Chinese fonts: major = Arial/黑体, minor = Times New Roman/仿宋_GB2312."""
    if name != "word/theme/theme1.xml":
        return data
    text = data.decode("utf-8")
    major, minor = text.index("<a:majorFont>"), text.index("<a:minorFont>")

    def fonts(chunk: str, latin: str, ea: str) -> str:
        chunk = re.sub(r'<a:latin typeface="[^"]*"', f'<a:latin typeface="{latin}"', chunk, count=1)
        chunk = re.sub(r'<a:ea typeface="[^"]*"', f'<a:ea typeface="{ea}"', chunk, count=1)
        return re.sub(
            r'<a:font script="Hans" typeface="[^"]*"/>', f'<a:font script="Hans" typeface="{ea}"/>', chunk
        )

    text = text[:major] + fonts(text[major:minor], "Arial", HEITI) + fonts(text[minor:], TNR, FANGSONG)
    return text.encode("utf-8")


@corpus(
    "fonts-theme",
    "theme fonts (majorEastAsia/minorEastAsia, majorHAnsi/minorHAnsi) in docDefaults and styles",
    _theme,
)
def fonts_theme() -> Document:
    doc = new_document()
    defaults = doc.styles.element.find(".//{*}rPrDefault/{*}rPr/{*}rFonts")
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        del defaults.attrib[f"{{{defaults.nsmap['w']}}}{attr}"]
    w = "{" + defaults.nsmap["w"] + "}"
    defaults.set(w + "asciiTheme", "minorHAnsi")
    defaults.set(w + "hAnsiTheme", "minorHAnsi")
    defaults.set(w + "eastAsiaTheme", "minorEastAsia")
    add_styles(
        doc,
        '<w:style w:type="paragraph" w:styleId="ThemeHeading"><w:name w:val="主题标题"/><w:basedOn w:val="Normal"/>'
        '<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:jc w:val="center"/></w:pPr>'
        '<w:rPr><w:rFonts w:asciiTheme="majorHAnsi" w:hAnsiTheme="majorHAnsi" w:eastAsiaTheme="majorEastAsia"/>'
        '<w:sz w:val="36"/></w:rPr></w:style>',
    )
    add(doc, p("主题字体：2023年度政务公开工作要点（Theme Fonts）", style="ThemeHeading"))
    for n in range(6):
        add(
            doc,
            p(f"第{n + 1}部分 主题标题字体 Major Heading {n + 1}", style="ThemeHeading"),
            p(r(sentences(n * 2, 3)), ind='w:firstLineChars="200" w:firstLine="640"'),
            p(
                r("正文主题字体与"),
                r("标题主题字体 Major 2023", theme=("majorHAnsi", "majorEastAsia")),
                r("混排；" + sentences(n + 4, 2)),
                ind='w:firstLineChars="200" w:firstLine="640"',
            ),
        )
    return doc


@corpus(
    "fonts-eastasia-ascii",
    "separate ascii/hAnsi and eastAsia font slots in one run: 仿宋/宋体/黑体/楷体 with Times/Arial/Courier",
)
def fonts_eastasia_ascii() -> Document:
    doc = new_document()
    official_styles(doc)
    add(doc, title("字体槽位测试：中文与西文字体分别设置"))
    pairs = [
        (FANGSONG, TNR),
        (SONGTI, "Arial"),
        (HEITI, "Arial"),
        (KAITI, "Courier New"),
        ("微软雅黑", "Calibri"),
        (XBS, TNR),
    ]
    for n, (ea, latin) in enumerate(pairs):
        add(
            doc,
            p(r(f"{n + 1}. 中文“{ea}”，西文“{latin}”", ea=HEITI, latin="Arial"), keep_next=True),
            p(r(sentences(n * 3, 4), ea=ea, latin=latin), style="GwBody"),
            p(
                r("同一段中：", ea=ea, latin=latin),
                r("仅设西文 Latin only 2023", latin="Courier New"),
                r("，仅设中文字体的文字 ABC 123", ea=KAITI),
                r("，以及 Mixed 文字 with 数字 3.14159。", ea=ea, latin=latin),
                style="GwBody",
            ),
        )
    return doc


@corpus(
    "runs-character-formatting",
    "bold, italic, underline styles, colour, sizes, strike, character spacing, super/subscript, highlight, shading",
)
def runs_character_formatting() -> Document:
    doc = new_document()
    official_styles(doc)
    add(doc, title("文字格式：加粗、倾斜、下划线与颜色"))
    for n in range(5):
        add(
            doc,
            p(
                r("加粗文字", b=True),
                r("、倾斜文字 Italic", i=True),
                r("、粗斜体", b=True, i=True),
                r("、单下划线", u="single"),
                r("、双下划线", u="double"),
                r("、波浪线", u="wave"),
                r("、删除线", strike=True),
                r("、红色", color="FF0000"),
                r("、蓝色 Blue", color="0070C0"),
                r("。" + sentences(n, 1)),
                style="GwBody",
            ),
            p(
                r("字号："),
                r("初号", pt=42),
                r("一号", pt=26),
                r("二号", pt=22),
                r("三号", pt=16),
                r("四号", pt=14),
                r("小四", pt=12),
                r("五号", pt=10.5),
                r("小五", pt=9),
                r("。" + sentences(n + 3, 1)),
                style="GwBody",
                spacing='w:line="240" w:lineRule="auto"',
            ),
            p(
                r("字符间距加宽3磅", spacing=60),
                r("，紧缩1磅", spacing=-20),
                r("；上标：m"),
                r("2", vert="superscript"),
                r("、10"),
                r("6", vert="superscript"),
                r("；下标：H"),
                r("2", vert="subscript"),
                r("O、CO"),
                r("2", vert="subscript"),
                r("；"),
                r("黄色突出显示", highlight="yellow"),
                r("、"),
                r("绿色突出显示", highlight="green"),
                r("、"),
                r("灰色底纹", shd="D9D9D9"),
                r("。" + sentences(n + 6, 2)),
                style="GwBody",
            ),
        )
    return doc


@corpus(
    "paragraphs-alignment",
    "alignment: left, center, right, both (justify) and distribute, on multi-line CJK paragraphs",
)
def paragraphs_alignment() -> Document:
    doc = new_document()
    official_styles(doc)
    add(doc, title("段落对齐方式"))
    names = {
        "left": "左对齐",
        "center": "居中",
        "right": "右对齐",
        "both": "两端对齐",
        "distribute": "分散对齐",
    }
    for n, (jc, name) in enumerate(names.items()):
        add(
            doc,
            p(f"{'一二三四五'[n]}、{name}（{jc}）", style="GwH1"),
            p(sentences(n * 2, 3), jc=jc, ind='w:firstLineChars="200" w:firstLine="640"'),
            p(sentences(n * 2 + 7, 2), jc=jc),
            p(f"县人民政府办公室　2024年{n + 1}月", jc=jc),
        )
    return doc


@corpus(
    "paragraphs-indents",
    "indents in characters (firstLineChars, leftChars, rightChars, hangingChars) and in twips, hanging indents",
)
def paragraphs_indents() -> Document:
    doc = new_document()
    official_styles(doc)
    add(doc, title("段落缩进：字符单位与缇单位"))
    cases = [
        ("首行缩进2字符", 'w:firstLineChars="200" w:firstLine="640"'),
        ("首行缩进640缇", 'w:firstLine="640"'),
        ("左缩进2字符、右缩进1字符", 'w:leftChars="200" w:left="640" w:rightChars="100" w:right="320"'),
        ("左缩进1440缇、右缩进720缇", 'w:left="1440" w:right="720"'),
        ("悬挂缩进2字符", 'w:leftChars="200" w:left="640" w:hangingChars="200" w:hanging="640"'),
        ("悬挂缩进960缇", 'w:left="960" w:hanging="960"'),
        (
            "负左缩进（凸出）1字符",
            'w:leftChars="-100" w:left="-320" w:firstLineChars="200" w:firstLine="640"',
        ),
        ("字符缩进与缇缩进同时存在（字符优先）", 'w:firstLineChars="300" w:firstLine="300"'),
    ]
    for n, (label, ind) in enumerate(cases):
        add(doc, p(r(f"{n + 1}. {label}：", ea=HEITI), r(sentences(n * 2, 2)), ind=ind))
        add(doc, p(sentences(n + 10, 1), ind=ind))
    return doc


@corpus(
    "paragraphs-spacing",
    "space before/after in twips and in lines, auto spacing (beforeAutospacing), contextual spacing",
)
def paragraphs_spacing() -> Document:
    doc = new_document(line='w:line="360" w:lineRule="auto"', pt=14)
    official_styles(doc)
    add(doc, title("段前段后间距"))
    cases = [
        ("段前12磅、段后6磅", 'w:before="240" w:after="120"', False),
        ("段前0.5行、段后1行", 'w:beforeLines="50" w:before="156" w:afterLines="100" w:after="312"', False),
        (
            "自动段前段后（HTML 风格）",
            'w:before="100" w:beforeAutospacing="1" w:after="100" w:afterAutospacing="1"',
            False,
        ),
        ("同样式段落间不加空格", 'w:before="240" w:after="240"', True),
        ("段后24磅", 'w:after="480"', False),
    ]
    for n, (label, spacing, contextual) in enumerate(cases):
        add(doc, p(f"{'一二三四五'[n]}、{label}", style="GwH1"))
        for k in range(3):
            add(doc, p(sentences(n * 3 + k, 2), style="GwBody", spacing=spacing, contextual=contextual))
    return doc


@corpus(
    "line-spacing-rules",
    "line rules exact (28.95 pt, 20 pt), atLeast with big runs, auto multiples 1.0/1.5/2.0",
)
def line_spacing_rules() -> Document:
    doc = new_document()
    official_styles(doc)
    add(doc, title("行距规则：固定值、最小值与多倍行距"))
    cases = [
        ("固定值28.95磅", 'w:line="579" w:lineRule="exact"'),
        ("固定值20磅", 'w:line="400" w:lineRule="exact"'),
        ("最小值20磅", 'w:line="400" w:lineRule="atLeast"'),
        ("单倍行距", 'w:line="240" w:lineRule="auto"'),
        ("1.5倍行距", 'w:line="360" w:lineRule="auto"'),
        ("2倍行距", 'w:line="480" w:lineRule="auto"'),
    ]
    for n, (label, spacing) in enumerate(cases):
        add(
            doc,
            p(f"{'一二三四五六'[n]}、{label}", style="GwH1"),
            p(sentences(n * 2, 3), style="GwBody", spacing=spacing),
            p(
                r(sentences(n + 9, 1)),
                r("大号文字26磅", pt=26),
                r(sentences(n + 12, 1)),
                style="GwBody",
                spacing=spacing,
            ),
        )
    return doc


@corpus(
    "pagination-keep-breaks",
    "keep-with-next, keep-lines, page-break-before, widow control on/off, explicit page breaks",
)
def pagination_keep_breaks() -> Document:
    doc = new_document()
    official_styles(doc)
    add(doc, title("分页控制：与下段同页、段中不分页、段前分页"))
    for n in range(3):
        add(doc, body(n * 4, 5), body(n * 4 + 2, 4))
        add(doc, p(f"{'一二三'[n]}、与下段同页的标题（keepNext）", style="GwH1"))
        add(doc, p("（一）连续与下段同页的二级标题", style="GwH2"), body(n + 3, 3))
        add(doc, p(r(sentences(n * 5, 6)), style="GwBody", keep_lines=True))
        add(doc, p(r(sentences(n + 1, 5)), style="GwBody", widow=False))
        add(doc, p(r(sentences(n + 2, 5)), style="GwBody", widow=True))
    add(doc, p("附件1：段前分页的附件标题", style="GwH1", page_break_before=True), body(3, 4))
    add(doc, p(r(sentences(6, 2)), page_break(), r(sentences(8, 2)), style="GwBody"))
    add(doc, p("附件2：分页符之后的内容", style="GwH1"), body(11, 4), p(page_break()), body(13, 3))
    return doc


@corpus(
    "docgrid-lines",
    "docGrid type=lines, GB/T 9704 line pitch 579 (22 lines a page); snapToGrid off paragraphs; auto line spacing snapped",
)
def docgrid_lines() -> Document:
    doc = new_document(line='w:line="240" w:lineRule="auto"')
    official_styles(doc)
    add(doc, title("文档网格：每页22行"))
    for n in range(8):
        add(doc, body(n * 2, 3))
        if n % 3 == 1:
            add(
                doc,
                p(r(sentences(n, 2), pt=10.5), snap=False, ind='w:firstLineChars="200" w:firstLine="420"'),
            )
        if n % 3 == 2:
            add(
                doc,
                p(r(sentences(n + 3, 2), pt=12), style="GwBody", spacing='w:line="360" w:lineRule="auto"'),
            )
    return doc


@corpus(
    "docgrid-chars",
    "docGrid linesAndChars: 五号 宋体 with a character pitch (charSpace), indents in characters, snapToGrid off",
)
def docgrid_chars() -> Document:
    doc = new_document(ea=SONGTI, pt=12, line='w:line="240" w:lineRule="auto"')
    official_styles(doc)
    grid = '<w:docGrid w:type="linesAndChars" w:linePitch="360" w:charSpace="2048"/>'
    margins = {"top": 1440, "bottom": 1440, "left": 1800, "right": 1800}
    set_final_section(doc, sect_pr(grid=grid, margins=margins))
    add(doc, p(r("字符网格：每行固定字数的文档", ea=HEITI, pt=18), jc="center"))
    for n in range(10):
        add(doc, p(sentences(n * 2, 3), ind='w:firstLineChars="200" w:firstLine="480"'))
        if n % 2:
            add(doc, p(sentences(n + 5, 2), ind='w:leftChars="400" w:left="960"', snap=False))
    return doc


@corpus(
    "tabs-leaders",
    "custom tab stops (left, center, right, decimal) with dot/hyphen leaders, default tab stops",
)
def tabs_leaders() -> Document:
    doc = new_document(pt=14)
    official_styles(doc)
    add(doc, title("目录"))
    toc = '<w:tab w:val="right" w:leader="dot" w:pos="8834"/>'
    entries = [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    for n, entry in enumerate(entries):
        add(doc, p(f"{entry}\t{n * 2 + 1}", tabs=toc, jc="left"))
    add(doc, p("", jc="left"), p(r("经费统计表（制表位对齐）", ea=HEITI), jc="center"))
    stops = (
        '<w:tab w:val="left" w:pos="1800"/><w:tab w:val="center" w:pos="4500"/>'
        '<w:tab w:val="decimal" w:pos="7200"/><w:tab w:val="right" w:leader="hyphen" w:pos="8834"/>'
    )
    rows = [
        ("序号", "项目", "金额（万元）", "备注"),
        ("1", "网站运维", "125.50", "年度"),
        ("2", "平台建设", "1,048.25", "一次性"),
        ("3", "业务培训", "8.7", "6期"),
        ("4", "印刷公报", "36.125", "12期"),
    ]
    for row in rows:
        add(doc, p("\t".join(row), tabs=stops, jc="left"))
    add(doc, p("", jc="left"))
    for n in range(4):
        add(doc, p(f"默认制表位：\t第{n + 1}项\t{sentences(n, 1)}", jc="left"))
    return doc
