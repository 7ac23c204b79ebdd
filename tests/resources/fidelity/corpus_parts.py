"""Corpus documents about lists and other parts: numbering, headers/footers, hyperlinks, footnotes, images."""

from __future__ import annotations

import io

from corpus_kit import (
    HEITI,
    add,
    add_footnotes,
    add_numbering,
    body,
    corpus,
    field,
    fill_story,
    footnote_ref,
    hyperlink,
    level,
    new_document,
    official_styles,
    p,
    png,
    r,
    sect_pr,
    sentences,
    set_final_section,
    title,
)
from docx.document import Document
from docx.shared import Mm


@corpus(
    "lists-numbered",
    "multi-level numbered lists: 一、（一）1.（1）chineseCounting/decimal, tab and nothing suffixes, restart",
)
def lists_numbered() -> Document:
    doc = new_document()
    official_styles(doc)
    levels = (
        level(0, "chineseCounting", "%1、", ind='w:left="0" w:firstLine="640"')
        + level(1, "chineseCounting", "（%2）", ind='w:left="0" w:firstLine="640"')
        + level(2, "decimal", "%3.", ind='w:left="0" w:firstLine="640"')
        + level(3, "decimal", "（%4）", ind='w:left="0" w:firstLine="640"')
    )
    outline = add_numbering(doc, 90, levels)
    hanging = add_numbering(
        doc,
        91,
        level(0, "decimal", "%1.", ind='w:left="640" w:hanging="640"', suffix="tab")
        + level(1, "lowerLetter", "%2)", ind='w:left="1280" w:hanging="640"', suffix="tab"),
    )
    add(doc, title("多级编号：公文层次序号"))
    for n in range(3):
        add(doc, p(r("总体情况与主要做法", ea=HEITI), num=(outline, 0)))
        for k in range(2):
            add(doc, p(r("主动公开情况", ea="楷体_GB2312"), num=(outline, 1), keep_next=True))
            add(doc, p(sentences(n * 3 + k, 2), num=(outline, 2)))
            add(doc, p(sentences(n * 3 + k + 5, 1), num=(outline, 3)))
            add(doc, p(sentences(n * 3 + k + 7, 1), num=(outline, 3)))
        add(doc, body(n + 10, 2))
    add(doc, p(r("附：悬挂缩进的编号列表", ea=HEITI), jc="center"))
    for k in range(8):
        add(doc, p(sentences(k + 2, 1), num=(hanging, int(k % 3 == 2))))
    return doc


@corpus("lists-bulleted", "bulleted lists: ●/■/◆ and Symbol/Wingdings bullets, two levels, hanging indents")
def lists_bulleted() -> Document:
    doc = new_document(pt=14, line='w:line="360" w:lineRule="auto"')
    official_styles(doc)
    unicode_bullets = add_numbering(
        doc,
        92,
        level(0, "bullet", "●", ind='w:left="840" w:hanging="420"', suffix="tab")
        + level(1, "bullet", "■", ind='w:left="1260" w:hanging="420"', suffix="tab")
        + level(2, "bullet", "◆", ind='w:left="1680" w:hanging="420"', suffix="tab"),
    )
    symbol_bullets = add_numbering(
        doc,
        93,
        level(0, "bullet", "\uf06c", ind='w:left="840" w:hanging="420"', font="Wingdings", suffix="tab")
        + level(1, "bullet", "\uf0b7", ind='w:left="1260" w:hanging="420"', font="Symbol", suffix="tab"),
    )
    add(doc, title("项目符号列表：工作要点"))
    for n in range(4):
        add(doc, p(f"{'一二三四'[n]}、重点工作", style="GwH1"), body(n * 2, 2))
        for k in range(4):
            add(doc, p(sentences(n * 4 + k, 1), num=(unicode_bullets, k % 3)))
        for k in range(3):
            add(doc, p(sentences(n * 4 + k + 8, 1), num=(symbol_bullets, k % 2)))
    return doc


@corpus(
    "headers-footers-first-odd-even",
    "headers and footers: different first page, odd/even pages, PAGE and NUMPAGES (complex and simple fields)",
)
def headers_footers() -> Document:
    doc = new_document()
    official_styles(doc)
    set_final_section(doc, sect_pr(title_pg=True))
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    dash = {"ea": "宋体", "latin": "宋体", "pt": 14}
    parts = {
        section.header: p(r("××县人民政府办公室　政府信息公开工作年度报告", pt=10.5), jc="right"),
        section.even_page_header: p(r("2023年度政府信息公开工作年度报告", pt=10.5), jc="left"),
        section.first_page_header: p(r("内部资料　注意保存", pt=10.5, color="C00000"), jc="center"),
        section.footer: p(
            r("— ", **dash), field("PAGE", "1", **dash), r(" —", **dash), jc="right", ind='w:right="280"'
        ),
        section.even_page_footer: p(
            r("— ", **dash), field("PAGE", "2", **dash), r(" —", **dash), jc="left", ind='w:left="280"'
        ),
        section.first_page_footer: p(
            r("第 ", pt=12),
            '<w:fldSimple w:instr=" PAGE "><w:r><w:rPr><w:sz w:val="24"/></w:rPr><w:t>1</w:t></w:r></w:fldSimple>',
            r(" 页 共 ", pt=12),
            field("NUMPAGES", "5", pt=12),
            r(" 页", pt=12),
            jc="center",
        ),
    }
    for story, xml in parts.items():
        fill_story(story, xml)
    add(doc, title("页眉页脚：首页不同、奇偶页不同"))
    for n in range(9):
        add(
            doc,
            p(f"{'一二三四五六七八九'[n]}、第{n + 1}部分", style="GwH1"),
            body(n * 2, 3),
            body(n * 2 + 1, 2),
        )
    return doc


@corpus(
    "hyperlinks",
    "external hyperlinks (w:hyperlink r:id), internal links to bookmarks (w:anchor), HYPERLINK field",
)
def hyperlinks() -> Document:
    doc = new_document()
    official_styles(doc)
    add(doc, title("超链接：政府网站与文内链接"))
    sites = [
        ("中国政府网", "https://www.gov.cn/"),
        ("国家政务服务平台", "https://gjzwfw.www.gov.cn/"),
        ("县政府门户网站", "http://www.example.gov.cn/zwgk/index.html"),
        ("依申请公开系统", "https://ysqgk.example.gov.cn/apply?year=2023"),
    ]
    add(
        doc,
        p(
            '<w:hyperlink w:anchor="part1">'
            + r("跳转到第一部分（文内链接）", color="0563C1", u="single")
            + "</w:hyperlink>"
        ),
    )
    for n, (name, url) in enumerate(sites):
        add(
            doc,
            p(r(f"{n + 1}. {name}："), hyperlink(doc, url, url), r("。" + sentences(n, 2)), style="GwBody"),
        )
    add(
        doc,
        p(
            r("通过域代码插入的链接："),
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://www.gov.cn/zhengce/" </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            + r("国务院政策文件库", color="0563C1", u="single")
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
            r("。" + sentences(5, 1)),
            style="GwBody",
        ),
    )
    add(
        doc,
        p(
            '<w:bookmarkStart w:id="0" w:name="part1"/>'
            + r("一、第一部分（书签目标）", ea=HEITI)
            + '<w:bookmarkEnd w:id="0"/>',
            style="GwH1",
        ),
    )
    for n in range(5):
        add(doc, body(n * 3, 3))
    return doc


@corpus("footnotes", "footnote references in body text and a footnotes part with separator notes")
def footnotes() -> Document:
    doc = new_document()
    official_styles(doc)
    notes = [
        "《中华人民共和国政府信息公开条例》于2007年4月5日公布，2019年4月3日修订。",
        "数据来源：县政府门户网站后台统计系统，统计截止时间为2023年12月31日24时。",
        "“三公”经费指因公出国（境）费、公务用车购置及运行费、公务接待费。",
        "参见GB/T 9704-2012《党政机关公文格式》第5.2.1条。",
    ]
    add_footnotes(doc, notes)
    add(doc, title("脚注：政府信息公开年度报告注释"))
    for n in range(4):
        add(
            doc,
            p(f"{'一二三四'[n]}、注释说明第{n + 1}项", style="GwH1"),
            p(r(sentences(n * 2, 2)), footnote_ref(n + 1), r(sentences(n * 2 + 3, 2)), style="GwBody"),
            body(n + 8, 2),
        )
    return doc


@corpus(
    "images-inline",
    "inline images (PNG) with their size in EMU: small, full-width and scaled charts with captions",
)
def images_inline() -> Document:
    doc = new_document()
    official_styles(doc)
    add(doc, title("图表：政府信息公开数据统计"))
    charts = [
        (
            "图1 2019—2023年主动公开信息数量（条）",
            (Mm(150), Mm(80)),
            [
                (40, (31, 78, 121)),
                (55, (31, 78, 121)),
                (62, (31, 78, 121)),
                (80, (31, 78, 121)),
                (95, (192, 0, 0)),
            ],
        ),
        (
            "图2 依申请公开办理结果构成",
            (Mm(90), Mm(60)),
            [(70, (84, 130, 53)), (20, (191, 144, 0)), (10, (112, 48, 160))],
        ),
        ("图3 政务服务热线受理量（件）", (Mm(156), Mm(50)), [(30, (0, 112, 192))] * 6),
        ("图4 二维码示意", (Mm(25), Mm(25)), [(100, (0, 0, 0)), (60, (0, 0, 0))]),
    ]
    for n, (caption, (width, height), bars) in enumerate(charts):
        add(doc, body(n * 3, 3))
        picture = doc.add_paragraph()
        picture.alignment = 1
        picture.paragraph_format.line_spacing = 1.0  # an exact line height would clip the picture
        picture.paragraph_format.keep_with_next = True
        picture.add_run().add_picture(io.BytesIO(png(240, 120, bars)), width=width, height=height)
        add(doc, p(r(caption, ea="黑体", pt=12), jc="center"))
    inline = doc.add_paragraph(style="公文正文")
    inline.add_run("文字中嵌入的小图标")
    inline.add_run().add_picture(io.BytesIO(png(16, 16, [(100, (192, 0, 0))])), width=Mm(5), height=Mm(5))
    inline.add_run("表示重点事项。" + sentences(4, 2))
    return doc
