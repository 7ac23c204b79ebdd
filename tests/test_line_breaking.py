"""Where Chinese lines break: figures and Latin words inside Chinese text, measured in the PDF.

Each test makes a one-paragraph .docx whose text column holds an exact number of 16 pt ideographs,
converts it and reads the printed lines back with pdftotext.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from pypdf import PdfReader

from reportgen.docx import docx_to_html
from reportgen.fonts import FontMap
from reportgen.pdf import html_to_pdf
from tests.conftest import ROOT, pdftotext, squeeze

LEFT = 72.0


def render(
    tmp_path: Path, text: str | list[str], chars: float, align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.LEFT
) -> Path:
    """Return the PDF of `text` in a column `chars` ideographs (+2 pt) wide, 16 pt 仿宋_GB2312/Times New Roman.

    A list of texts makes one run each (the odd ones underlined, so that they stay separate runs).
    """
    document = docx.Document()
    section = document.sections[0]
    section.left_margin = section.right_margin = Pt(LEFT)
    section.page_width = Pt(2 * LEFT + chars * 16 + 2)
    p = document.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(0)
    for index, part in enumerate([text] if isinstance(text, str) else text):
        run = p.add_run(part)
        run.font.size = Pt(16)
        run.font.name = "Times New Roman"
        run.font.underline = bool(index % 2)
        run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    return pdf_of(document, tmp_path / "out.pdf")


def pdf_of(document: docx.document.Document, path: Path) -> Path:
    """Convert a python-docx document and write its PDF to `path`."""
    buffer = io.BytesIO()
    document.save(buffer)
    pdf = html_to_pdf(docx_to_html(buffer.getvalue(), FontMap.load()).value).value
    path.write_bytes(pdf.data)
    return path


def lines(pdf: Path) -> list[str]:
    return [squeeze(line) for line in pdftotext(pdf, "-layout").splitlines() if line.strip()]


def line_extents(pdf: Path, tmp_path: Path) -> list[tuple[float, float]]:
    """Return the x of each printed line's left and right end."""
    out = tmp_path / "bbox.html"
    subprocess.run(["pdftotext", "-bbox-layout", str(pdf), str(out)], check=True)
    found = re.findall(r'<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', out.read_text("utf-8"))
    return [(float(x0), float(x1)) for x0, x1 in found]


def test_a_figure_after_an_ideograph_may_start_the_next_line(tmp_path: Path) -> None:
    """Word and LibreOffice break between 息 and 12,846; the auto space between them must not glue
    them together (it did while it was an empty span of its own)."""
    pdf = render(tmp_path, "一二三四五六七八九十一二三四五六七八九十一二三四五六息12,846条。", chars=27)
    assert lines(pdf) == ["一二三四五六七八九十一二三四五六七八九十一二三四五六息", "12,846条。"]


def test_a_line_that_starts_with_a_figure_has_no_auto_space_before_it(tmp_path: Path) -> None:
    pdf = render(tmp_path, "一二三四五六七八九十一二三四五六七八九十一二三四五六息12,846条。", chars=27)
    (first, _), (second, _) = line_extents(pdf, tmp_path)
    assert abs(first - LEFT) < 0.5
    assert abs(second - LEFT) < 0.5


def test_text_after_a_figure_fills_the_line(tmp_path: Path) -> None:
    """The text after “64” carries the auto space as a left margin; WeasyPrint used to move all of it
    to the next line when it had to be split and its last character came within that margin of the
    line end, leaving “……64” alone on a short line.

    The column is 308.5 pt: 10 ideographs, the auto space, “64” (16 pt), the auto space, then room
    for 7 more ideographs and 14.1 pt: an 8th fits only when the 3.2 pt auto space is forgotten."""
    text = "一二三四五六七八九十64号文件精神在综合各乡镇各部门政府信息公开工作报告基础上由区人民政府办公室编制完成"
    pdf = render(tmp_path, text, chars=(308.5 - 2) / 16, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    assert lines(pdf)[0] == "一二三四五六七八九十64号文件精神在综"


def test_closing_punctuation_of_the_next_run_hangs_at_the_line_end(tmp_path: Path) -> None:
    """“线” ends one run and “、” starts the next: the line keeps both, the “、” in the margin
    (Word's w:overflowPunct, LibreOffice's hanging punctuation), rather than moving “线、” down."""
    text = ["一二三四五六七八九十一二三四五六七八九十双下划线", "、波浪线、删除线"]
    pdf = render(tmp_path, text, chars=24, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    assert lines(pdf) == ["一二三四五六七八九十一二三四五六七八九十双下划线、", "波浪线、删除线"]
    (_, first_end), _ = line_extents(pdf, tmp_path)
    right = LEFT + 24 * 16 + 2
    assert right + 8 < first_end <= right + 16.5  # the “、” hangs past the right margin


def test_a_line_with_hanging_punctuation_is_justified_up_to_the_margin(tmp_path: Path) -> None:
    """The characters before the hanging “、” reach the right margin: the line is justified as if the
    punctuation were not there (the column has 8 pt to spare before the “、”)."""
    text = ["一二三四五六七八九十一二三四五六七八九十双下划线", "、波浪线、删除线"]
    pdf = render(tmp_path, text, chars=24.5, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    (_, first_end), _ = line_extents(pdf, tmp_path)
    right = LEFT + 24.5 * 16 + 2
    assert abs(first_end - (right + 16)) < 1


def test_only_one_closing_mark_hangs(tmp_path: Path) -> None:
    """“类）、” does not hang two marks: LibreOffice moves “类）、” to the next line."""
    text = "一二三四五六七八九十一二三四五六七八九十总表（到类）、公开"
    pdf = render(tmp_path, text, chars=24, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    assert lines(pdf) == ["一二三四五六七八九十一二三四五六七八九十总表（到", "类）、公开"]


def test_a_closing_bracket_does_not_hang(tmp_path: Path) -> None:
    """Only sentence punctuation hangs; “方案》” moves down whole, as in LibreOffice."""
    text = "一二三四五六七八九十一二三四五六七八九十实施方案》的要求"
    pdf = render(tmp_path, text, chars=24, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    assert lines(pdf) == ["一二三四五六七八九十一二三四五六七八九十实施方", "案》的要求"]


def test_a_line_may_break_after_the_hyphen_of_a_standard_number(tmp_path: Path) -> None:
    """“GB/T 9704-” ends the line and “2012” starts the next, as in Word and LibreOffice; Pango keeps
    “9704-2012” together and sends the whole number down."""
    text = "一二三四五六七八九十一二三四五六七八九十GB/T 9704-2012《党政机关公文格式》"
    pdf = render(tmp_path, text, chars=25)
    assert lines(pdf)[:2] == ["一二三四五六七八九十一二三四五六七八九十GB/T9704-", "2012《党政机关公文格式》"]


def test_punctuation_after_a_figure_does_not_hang(tmp_path: Path) -> None:
    """LibreOffice hangs “，” only after an ideograph: “12.6%，” moves down whole (76 of 76 hanging
    marks in the fidelity corpus follow an ideograph)."""
    text = "一二三四五六七八九十一二三四五六七八九十增长12.6%，其中当面申请"
    pdf = render(tmp_path, text, chars=24.7, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    assert lines(pdf)[:2] == ["一二三四五六七八九十一二三四五六七八九十增长", "12.6%，其中当面申请"]


def test_a_picture_alone_on_its_line_takes_its_height_and_the_descent(tmp_path: Path) -> None:
    """Below a picture on a line of its own there is only the font's descent (Noto Serif CJK:
    0.286 em, 4.6 pt at 16 pt), as in LibreOffice — not the half-leading of a text line too."""
    from docx.shared import Mm

    from tests.conftest import tiny_png

    document = docx.Document()
    document.styles["Normal"].font.size = Pt(16)  # the paragraph's own size too (python-docx: 11 pt)
    (tmp_path / "pic.png").write_bytes(tiny_png())
    for label in ("上", None, "下"):  # a text line, the picture's line, a text line
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.line_spacing = 1.0 if label is None else Pt(20)  # text: exactly 20 pt
        run = paragraph.add_run(label)
        run.font.size = Pt(16)
        run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
        if label is None:
            run.add_picture(str(tmp_path / "pic.png"), width=Mm(40), height=Mm(20))
    bbox = pdftotext(pdf_of(document, tmp_path / "picture.pdf"), "-bbox")
    top = {
        word: float(y)
        for y, word in re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>([^<]+)</word>', bbox)
    }
    assert sorted(top) == ["上", "下"]
    # The two text lines are alike (face, size, exactly 20 pt), so the distance between their tops is
    # the line above (20 pt) plus the picture's line: the picture (20 mm) and the descent below it.
    # The promise gives the descent to 0.1 pt (4.6 pt): any leading added or descent lost is more.
    picture_line = top["下"] - top["上"] - 20
    assert abs(picture_line - (Mm(20).pt + 0.286 * 16)) < 0.05, picture_line


def test_lines_break_around_chinese_quotation_marks(tmp_path: Path) -> None:
    """After ” and before “ between ideographs a line may break (UAX #14 LB19a; Word, LibreOffice);
    Pango 1.50 glued “手把手”指” together and left the line two characters short."""
    text = "一二三四五六七八九十一二三四五六七八九十面对面、手把手”指导"
    pdf = render(tmp_path, text, chars=28, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    assert lines(pdf) == ["一二三四五六七八九十一二三四五六七八九十面对面、手把手”", "指导"]
    text = "一二三四五六七八九十一二三四五六七八九十一二三四五进行“面对面”"
    pdf = render(tmp_path, text, chars=27, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    assert lines(pdf) == ["一二三四五六七八九十一二三四五六七八九十一二三四五进行", "“面对面”"]


def test_gb_t_stays_on_one_line(tmp_path: Path) -> None:
    """“GB/T” does not break after the slash (Word, LibreOffice); Pango would break there."""
    text = "一二三四五六七八九十一二三四五六七八九十一二三四按照GB/T 9704"
    pdf = render(tmp_path, text, chars=27.8)  # “GB/” would fit, “GB/T” does not
    assert lines(pdf)[:2] == ["一二三四五六七八九十一二三四五六七八九十一二三四按照", "GB/T9704"]


def test_only_the_line_with_larger_text_is_taller(tmp_path: Path) -> None:
    """Word sizes each line by the largest text on it: a 32 pt word makes its own line taller,
    not every line of the paragraph (python-docx's Normal: 1.15 lines of 1.3 em, no grid)."""
    document = docx.Document()
    p = document.add_paragraph()
    for text, size in (("大字", 32), ("一二三四五六七八九十" * 8, 16)):
        run = p.add_run(text)
        run.font.size = Pt(size)
        run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    path = pdf_of(document, tmp_path / "sizes.pdf")
    out = tmp_path / "sizes.html"
    subprocess.run(["pdftotext", "-bbox-layout", str(path), str(out)], check=True)
    bottoms = [
        float(y)
        for y in re.findall(
            r'<line xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)"', out.read_text("utf-8")
        )
    ]
    gaps = [round(b - a, 1) for a, b in zip(bottoms, bottoms[1:], strict=False)]
    assert len(gaps) >= 2
    assert all(abs(gap - 16 * 1.3 * 1.15) < 0.3 for gap in gaps[1:]), (
        gaps
    )  # the lines of 16 pt text  # the lines without the big word: 16 × 1.3


def test_latin_text_takes_whole_cells_of_a_character_grid(tmp_path: Path) -> None:
    """On a linesAndChars grid (12 pt + 0.5 pt cells) “2023” (24 pt wide) takes two cells and no
    auto space follows it: “年” starts 25 pt after it (ECMA-376 §17.6.5; LibreOffice alike)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    section = document.sections[0]
    section.left_margin = section.right_margin = Pt(LEFT)
    section.page_width = Pt(2 * LEFT + 30 * 12.5)
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)
    sect_pr.append(
        parse_xml(f'<w:docGrid {nsdecls("w")} w:type="linesAndChars" w:linePitch="360" w:charSpace="2048"/>')
    )
    document.styles["Normal"].font.size = Pt(12)
    p = document.add_paragraph()
    run = p.add_run("2023年，全县各级行政机关")
    run.font.size = Pt(12)
    run.font.name = "Times New Roman"
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    path = pdf_of(document, tmp_path / "grid.pdf")
    chunks: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            chunks.append((text, tm[4] * cm[0] + cm[4]))

    PdfReader(path).pages[0].extract_text(visitor_text=visit)
    starts = {text: x for text, x in chunks}
    assert abs(starts["2023"] - LEFT) < 0.5
    cjk = next(x for text, x in chunks if text.startswith("年"))
    assert abs(cjk - (LEFT + 25)) < 0.6


def test_a_url_does_not_break_after_a_slash(tmp_path: Path) -> None:
    """LibreOffice (and Word) keep “http://www.example.gov.cn/zwgk/index.html” whole and move it to the
    next line; Pango broke it after a “/”."""
    text = "一二三四五六七八九十县政府门户网站：http://www.example.gov.cn/zwgk/index.html。县政府"
    pdf = render(tmp_path, text, chars=28)
    assert lines(pdf)[:2] == [
        "一二三四五六七八九十县政府门户网站：",
        "http://www.example.gov.cn/zwgk/index.html。县政府",
    ]


def test_a_line_starting_with_a_figure_may_use_the_width_of_the_dropped_auto_space(tmp_path: Path) -> None:
    """“12,846条……” starts the line: its auto space is dropped, and the 3.2 pt it would take are
    free for the line's last character (the column leaves 2.8 pt to spare)."""
    first = "一二三四五六七八九十一二三四五六七八九十一二三四五六息"
    second = "12,846" + "条" + "二三四五六七八九十一二三四五六七八九十一二三四"
    pdf = render(tmp_path, first + second + "尾声", chars=27)
    assert lines(pdf)[:2] == [first, second]


def test_a_space_at_the_line_end_hangs(tmp_path: Path) -> None:
    """Word's spaces are kept (white-space: pre-wrap); the one at a line end must not count, or
    “156 mm × 225 mm” moves to the next line whole instead of breaking after “225”."""
    text = "的要求，统一规范公文版式，版心尺寸为156 mm × 225 mm。在财政预决算公开方面"
    # the measure leaves “225” 2 pt before the margin, its space after it past (the auto space before
    # “156” is Word's ¼ em: 4 pt at 16 pt)
    pdf = render(tmp_path, text, chars=(385.55 + 0.8 - 2) / 16, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    assert lines(pdf) == ["的要求，统一规范公文版式，版心尺寸为156mm×225", "mm。在财政预决算公开方面"]


def test_a_line_ending_with_a_figure_does_not_count_the_auto_space_after_it(tmp_path: Path) -> None:
    """“……12,846” ends the line before the margin; the 4 pt auto space before “条” is
    dropped at the line end instead of sending the figure to the next line."""
    text = "一二三四五六七八九十一二三四五六七八九十一二三" + "12,846条。"
    pdf = render(tmp_path, text, chars=(416.7 - 2) / 16, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    assert lines(pdf) == ["一二三四五六七八九十一二三四五六七八九十一二三12,846", "条。"]


def test_figures_in_a_table_share_the_baseline_of_the_labels(tmp_path: Path) -> None:
    """A cell of figures only is set in the Latin face; its text still sits on the baseline of the
    East Asian cell beside it (LibreOffice: one baseline; before: 1 pt higher at 10.5 pt)."""
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    for cell, text in zip(table.rows[0].cells, ("规章", "11"), strict=True):
        p = cell.paragraphs[0]
        p.paragraph_format.line_spacing = Pt(15)
        run = p.add_run(text)
        run.font.size = Pt(10.5)
        run.font.name = "Times New Roman"
        run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    path = pdf_of(document, tmp_path / "table.pdf")
    baselines: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            baselines[text.strip()] = tm[5] * cm[3] + cm[5]

    PdfReader(path).pages[0].extract_text(visitor_text=visit)
    assert abs(baselines["规章"] - baselines["11"]) < 0.2


WORD_PDFS = ROOT.parent / "shared" / "wordpdf"
HUAIAN = "可联系淮安市人民政府办公室（地址：淮安市翔宇南道1号；邮编：223001；电话：0517-83605210；电子邮箱："


def test_an_email_address_moves_down_whole_and_the_line_before_is_justified_as_in_word(
    tmp_path: Path,
) -> None:
    """“hzzwgk@126.com” (the 淮安 report's paragraph, its address where it does not fit) has no place
    Word breaks at: it moves to the next line whole, and Word justifies the line before it by
    spreading the room left over its characters, no more. The break opportunities allowed inside
    URLs (after a hyphen) must not reach an e-mail address: a break after “@” or “.” fails here."""
    text = HUAIAN + "hzzwgk@126.com）。"  # the line before leaves 109 pt: “hzzwgk@126.” would fit
    pdf = render(tmp_path, text, chars=28, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    printed = lines(pdf)
    address = next(i for i, line in enumerate(printed) if "@" in line)
    assert printed[address].startswith("hzzwgk@126.com）。")
    assert printed[address - 1].endswith("电子邮箱：")
    right = LEFT + 28 * 16 + 2
    extents = line_extents(pdf, tmp_path)
    assert abs(extents[address - 1][1] - right) < 1  # justified up to the margin, no further
    assert abs(extents[address][0] - LEFT) < 0.5


def test_a_url_breaks_after_a_hyphen_as_in_word(tmp_path: Path) -> None:
    """Word breaks a URL where it breaks any word, after a hyphen, not after “/”, “.” or “:”:
    “http://www.e-” ends the line. The URL used to be one unbreakable box, and the line before
    it was stretched over the whole column (16 characters with 12 character widths between them)."""
    text = "一二三四五六七八九十一二三网址：http://www.e-gov.example.cn/zwgk/index.html。县政府"
    pdf = render(tmp_path, text, chars=28, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    assert lines(pdf) == [
        "一二三四五六七八九十一二三网址：http://www.e-",
        "gov.example.cn/zwgk/index.html。县政府",
    ]


def test_a_url_wider_than_the_line_breaks_at_the_margin(tmp_path: Path) -> None:
    """A URL without a hyphen that does not fit on a line of its own breaks where the line ends,
    as Word breaks any word wider than the line (and as CSS overflow-wrap: break-word, which every
    paragraph has); it used to run past the margin and off the page, its end lost."""
    url = "http://www.huaian.gov.cn/col/16661/art/2024/art_9c0f5e8b2a7d4f11a5b3e6c7d8f9a0b1.html"
    pdf = render(
        tmp_path, "一二三四五六七八九十网址：" + url + "。县政府", chars=28, align=WD_ALIGN_PARAGRAPH.JUSTIFY
    )
    printed = lines(pdf)
    assert printed[0] == "一二三四五六七八九十网址："  # the URL fits on no line: it moves down first
    assert "".join(printed[1:]) == url + "。县政府"
    right = LEFT + 28 * 16 + 2
    assert all(x1 <= right + 0.5 for _, x1 in line_extents(pdf, tmp_path))
    assert printed[1].startswith("http://")
    assert not printed[1].endswith("/")  # not after a slash: at the margin


def test_word_does_not_break_after_a_slash_where_the_text_would_fit(tmp_path: Path) -> None:
    """Measured in Word's PDF (docxide-pdf case26, Word for Mac, Cambria 11 pt, its own widths): the
    line before “top/bottom).” leaves room for “ top/” (23.5 of 28.9 pt), yet Word moves the whole
    word down. reportgen breaks that paragraph as Word did."""
    pair = WORD_PDFS / "docxide-pdf" / "case26"
    if not pair.with_suffix(".pdf").is_file():
        pytest.skip(f"Word's PDFs ({WORD_PDFS}) not available")
    page = PdfReader(pair.with_suffix(".pdf")).pages[0]
    font = next(
        f.get_object()
        for f in page["/Resources"]["/Font"].values()
        if "Cambria" in f.get_object()["/BaseFont"]
    )
    widths, first_char = font["/Widths"].get_object(), font["/FirstChar"]

    def width(text: str) -> float:
        return sum(widths[ord(char) - first_char] for char in text) * 11 / 1000

    chunks: list[tuple[str, float]] = []
    page.extract_text(visitor_text=lambda text, cm, tm, *_: chunks.append((text, tm[4] * cm[0] + cm[4])))
    after = next(i for i, (text, _) in enumerate(chunks) if text.startswith("top/bottom)."))
    before, x = chunks[after - 1]
    room = (12240 - 1080) / 20 - (x + width(before.rstrip()))  # the section's right margin (twips)
    assert width(" top/") < room - 5
    ours = lines(pdf_of(docx.Document(str(pair.with_suffix(".docx"))), tmp_path / "case26.pdf"))
    assert any(line.startswith("top/bottom).") for line in ours)


def test_a_justified_line_with_figures_widens_the_spaces_around_them(tmp_path: Path) -> None:
    """Word justifies a Chinese line that has an East Asian/Latin space by widening those spaces only:
    its characters keep their advance (Word's PDFs: nsfc-general-2026 and gdnsf-regional-young,
    “不超过30页”: 5.64 and 6.89 pt either side of “30”, every character at its own 14.27 pt). Here 13
    ideographs, “2024” and 12 ideographs fill a 28-character column but for 10 pt: the characters stay
    16 pt apart and the two spaces (4 pt, ¼ em) take 5 pt each."""
    head, tail = "一二三四五六七八九十一二三", "四五六七八九十一二三四五"
    pdf = render(tmp_path, head + "2024" + tail + "六七八九十", chars=28, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    found = re.findall(
        r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', pdftotext(pdf, "-bbox")
    )
    before, figures, after = (
        [float(w[0]), float(w[1])] for part in (head, "2024", tail) for w in found if w[2] == part
    )
    assert before[1] - before[0] == pytest.approx(13 * 16, abs=0.2)  # no letter-spacing
    assert after[1] - after[0] == pytest.approx(12 * 16, abs=0.2)
    assert figures[0] - before[1] == pytest.approx(4.0 + 5.0, abs=0.1)
    assert after[0] - figures[1] == pytest.approx(4.0 + 5.0, abs=0.1)
    assert after[1] == pytest.approx(LEFT + 28 * 16 + 2, abs=0.5)  # justified to the margin
