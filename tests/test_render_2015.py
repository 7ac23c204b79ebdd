"""The 2015 report of 吴忠市利通区, end to end: text, pages, fonts, layout grid, metadata."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from reportgen.fonts import FontMap
from reportgen.pipeline import RenderResult
from tests.conftest import pdftotext, reference_paragraphs, squeeze

PAGE_NUMBER = re.compile(r"^\s*—\s*\d+\s*—\s*$")


def test_docx_reproduces_every_reference_paragraph_in_order(rendered_2015: RenderResult) -> None:
    document = docx.Document(str(rendered_2015.docx_path))
    paragraphs = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    assert paragraphs == reference_paragraphs()


def test_docx_uses_the_template_styles(rendered_2015: RenderResult) -> None:
    document = docx.Document(str(rendered_2015.docx_path))
    by_text = {p.text: p for p in document.paragraphs}
    assert by_text["吴 忠 市 利 通 区"].style.name == "Title"
    assert by_text["一、政府信息公开工作总体情况"].style.name == "Heading 1"
    sub = next(p for p in document.paragraphs if p.text.startswith("（二)推进财政资金"))
    assert sub.runs[0].text == "（二)推进财政资金信息公开情况。"
    assert sub.runs[0].style.name == "标题 2 字符"
    assert document.core_properties.title == "吴忠市利通区2015年政府信息公开工作年度报告"
    assert document.core_properties.author == "吴忠市利通区"


def test_pdf_text_reproduces_the_reference(rendered_2015: RenderResult) -> None:
    lines = pdftotext(rendered_2015.pdf_path, "-layout").splitlines()
    body = "".join(line for line in lines if not PAGE_NUMBER.match(line))
    assert squeeze(body) == squeeze("".join(reference_paragraphs()))


def test_pdf_is_a4_with_embedded_fonts(rendered_2015: RenderResult) -> None:
    reader = PdfReader(rendered_2015.pdf_path)
    assert len(reader.pages) == rendered_2015.pages == 11
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)
    fonts = subprocess.run(
        ["pdffonts", str(rendered_2015.pdf_path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts, "no fonts in the PDF"
    for row in fonts:
        emb, sub = row.split()[-5], row.split()[-4]
        assert (emb, sub) == ("yes", "yes"), row


def test_pdf_has_no_missing_glyphs(rendered_2015: RenderResult) -> None:
    # A missing glyph is drawn as .notdef and extracted as U+FFFD or dropped: the text test above
    # catches dropped characters; here, no replacement characters and no tofu fallbacks.
    text = pdftotext(rendered_2015.pdf_path)
    assert "\ufffd" not in text


def test_full_pages_hold_22_lines_and_pages_are_numbered(rendered_2015: RenderResult) -> None:
    pages = pdftotext(rendered_2015.pdf_path, "-layout").split("\f")[: rendered_2015.pages]
    body = [
        [line for line in page.splitlines() if line.strip() and not PAGE_NUMBER.match(line)] for page in pages
    ]
    for number, page in enumerate(pages, start=1):
        footer = [line for line in page.splitlines() if PAGE_NUMBER.match(line)]
        assert [squeeze(f) for f in footer] == [f"—{number}—"]
        assert len(body[number - 1]) <= 22, f"page {number}"
        if 1 < number < len(pages) and len(body[number - 1]) < 22:
            # only a heading kept with its next paragraph (w:keepNext) may leave a page short
            assert re.match(r"\s*[一二三四五六七八九十]+、", body[number][0]), f"page {number}"
    assert sum(len(lines) == 22 for lines in body) >= len(pages) - 3


def test_page_numbers_sit_right_on_odd_pages_and_left_on_even(rendered_2015: RenderResult) -> None:
    pages = pdftotext(rendered_2015.pdf_path, "-layout").split("\f")[:4]
    for number, page in enumerate(pages, start=1):
        footer = next(line for line in page.splitlines() if PAGE_NUMBER.match(line))
        indent = len(footer) - len(footer.lstrip())
        assert (indent > 20) == (number % 2 == 1), f"page {number}: {footer!r}"


def test_body_lines_hold_28_characters(rendered_2015: RenderResult) -> None:
    page = pdftotext(rendered_2015.pdf_path, "-layout", "-f", "3", "-l", "3")
    # lines of full-width characters only: digits and Latin letters are narrower
    lengths = [
        len(squeeze(line))
        for line in page.splitlines()
        if line.strip() and not re.search(r"[\x21-\x7e]", line)
    ]
    from reportgen.pdf.engine.hanging import HANGING

    lines = [
        squeeze(line) for line in page.splitlines() if line.strip() and not re.search(r"[\x21-\x7e]", line)
    ]
    # 28 characters a line; closing punctuation may hang past the margin as a 29th (w:overflowPunct)
    assert all(len(line) <= 28 or (len(line) == 29 and line[-1] in HANGING) for line in lines)
    assert lengths.count(28) >= 5


def test_pdf_metadata(rendered_2015: RenderResult) -> None:
    meta = PdfReader(rendered_2015.pdf_path).metadata
    assert meta.title == "吴忠市利通区2015年政府信息公开工作年度报告"
    assert meta.author == "吴忠市利通区"


def test_fonts_are_reported_as_substitutions(rendered_2015: RenderResult) -> None:
    fonts = FontMap.load()
    expected = {
        name
        for name in ("仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体")
        if fonts.resolve(name).family != name
    }
    reported = {line.split(" → ")[0] for line in rendered_2015.substitutions}
    assert expected <= reported


def test_page_count_matches_libreoffice(rendered_2015: RenderResult, soffice: str) -> None:
    from reportgen.pdf import libreoffice

    theirs = libreoffice.convert(rendered_2015.docx_path.read_bytes(), FontMap.load())
    assert abs(theirs.pages - rendered_2015.pages) <= 1


def test_outputs_are_named_after_the_input(rendered_2015: RenderResult) -> None:
    """inputs/2015.json gives OUT/2015.docx (a Word document) and OUT/2015.pdf (its PDF), side by side."""
    docx_path, pdf_path = rendered_2015.docx_path, rendered_2015.pdf_path
    assert (docx_path.name, pdf_path.name) == ("2015.docx", "2015.pdf")
    assert docx_path.parent == pdf_path.parent
    assert docx.Document(str(docx_path)).core_properties.title == "吴忠市利通区2015年政府信息公开工作年度报告"
    assert len(PdfReader(pdf_path).pages) == rendered_2015.pages


def test_missing_harfbuzz_subset_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint.text import ffi

    from reportgen.docx import HtmlDocument
    from reportgen.pdf import SLOW_SUBSET, html_to_pdf

    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    document = HtmlDocument("<p>x</p>", "")
    warnings = html_to_pdf(document).warnings
    assert [w.message for w in warnings] == [SLOW_SUBSET]


def test_justified_chinese_lines_are_flush_at_both_edges(rendered_2015: RenderResult, tmp_path: Path) -> None:
    """Every line but a paragraph's last reaches the right margin (CJK justification, reportgen.pdf.engine.justify)."""
    html = tmp_path / "bbox.html"
    subprocess.run(["pdftotext", "-bbox-layout", str(rendered_2015.pdf_path), str(html)], check=True)
    lines = [
        (float(x0), float(x1))
        for x0, x1, words in re.findall(
            r'<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</line>',
            html.read_text("utf-8"),
            re.S,
        )
        if not PAGE_NUMBER.match(" ".join(re.findall(r">([^<]+)</word>", words)))
    ]
    left = min(x0 for x0, _ in lines)
    right = 595.3 - 26 / 25.4 * 72  # the right margin: 26 mm (closing punctuation may hang past it)
    assert max(x1 for _, x1 in lines) < right + 16.5  # one hanging punctuation mark: 1 em
    continued = [x1 for (_, x1), (next_x0, _) in zip(lines, lines[1:], strict=False) if next_x0 < left + 1]
    assert len(continued) > 200
    short = [x1 for x1 in continued if x1 < right - 1.0]
    assert short == []


def test_closing_punctuation_stays_on_its_line(rendered_2015: RenderResult) -> None:
    """A full line keeps its last character and lets the closing punctuation after it hang, as
    LibreOffice and Word (w:overflowPunct) do; Pango alone would push “屏、” to the next line."""
    lines = [squeeze(line) for line in pdftotext(rendered_2015.pdf_path, "-layout").splitlines()]
    assert "通过党务政务服务网、网络红页、部门网站、微信微博、电子屏、" in lines


def test_punctuation_hangs_unless_the_default_paragraph_turns_overflow_punct_off() -> None:
    import io

    import docx as python_docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from reportgen.docx import docx_to_html

    results = []
    for setting in ("", '<w:overflowPunct w:val="1"/>', '<w:overflowPunct w:val="0"/>'):
        document = python_docx.Document()
        document.add_paragraph("正文")
        if setting:
            ppr = document.styles["Normal"].element.get_or_add_pPr()
            ppr.append(parse_xml(setting.replace("<w:overflowPunct", f"<w:overflowPunct {nsdecls('w')}")))
        buffer = io.BytesIO()
        document.save(buffer)
        results.append(docx_to_html(buffer.getvalue(), FontMap.load()).value.hang_punctuation)
    assert results == [True, True, False]
