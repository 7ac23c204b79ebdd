"""The committed legacy template follows GB/T 9704 and names the official faces."""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from tests.conftest import ROOT

TEMPLATE = ROOT / "src" / "reportgen" / "templates" / "legacy.docx"


@pytest.fixture(scope="module")
def template() -> docx.document.Document:
    return docx.Document(str(TEMPLATE))


def east_asia_font(style: docx.styles.style.BaseStyle) -> str | None:
    while style is not None:
        rpr = style.element.rPr
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return fonts.get(qn("w:eastAsia"))
        style = style.base_style
    return None


def test_page_is_a4_with_gbt_9704_margins(template: docx.document.Document) -> None:
    section = template.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"  # 28.95 pt: 22 lines in 225 mm


@pytest.mark.parametrize(
    ("style", "face", "size"),
    [
        ("Normal", "仿宋_GB2312", 16),
        ("Title", "方正小标宋简体", 22),
        ("Heading 1", "黑体", 16),
        ("Heading 2", "楷体_GB2312", 16),
        ("Heading 3", "仿宋_GB2312", 16),
        ("标题 2 字符", "楷体_GB2312", None),
        ("页码（单页）", "宋体", 14),
        ("页码（双页）", "宋体", 14),
    ],
)
def test_styles_name_the_official_faces(
    template: docx.document.Document, style: str, face: str, size: int | None
) -> None:
    s = template.styles[style]
    assert east_asia_font(s) == face
    if size is not None:
        effective = s
        while effective.font.size is None:
            effective = effective.base_style
        assert effective.font.size == Pt(size)


def test_body_style_indents_two_characters_at_exact_line_pitch(template: docx.document.Document) -> None:
    fmt = template.styles["Normal"].paragraph_format
    assert fmt.first_line_indent == Pt(32)
    assert fmt.line_spacing == Pt(28.95)
    ind = template.styles["Normal"].element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"


def test_odd_and_even_page_footers(template: docx.document.Document) -> None:
    assert template.settings.odd_and_even_pages_header_footer
    section = template.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.style.name == "页码（单页）"
    assert even.style.name == "页码（双页）"
    for p in (odd, even):
        assert "PAGE" in p._p.xml
        assert p.text.replace("1", "N") == "— N —"
    assert odd.style.paragraph_format.right_indent == Pt(14)
    assert even.style.paragraph_format.left_indent == Pt(14)
    assert Mm(20) < section.footer_distance < Mm(28)
