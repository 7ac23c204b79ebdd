"""Floating pictures (wp:anchor) land where Word puts them and move no line; drawings that are not
drawn are warnings naming them (docs/drawings.md).

Measured in our PDFs: text with `pdftotext -bbox` (every word's box), pictures by their placement
matrix in the page's content stream (pypdf). The documents are made from a real report by
tests/resources/drawings/make_seal.py.
"""

from __future__ import annotations

import importlib.util
import math
import re
import subprocess
from pathlib import Path
from types import ModuleType

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from reportgen.docx import docx_to_html
from reportgen.errors import Problem
from reportgen.fonts import FontMap
from reportgen.pdf import html_to_pdf
from tests.conftest import resource_path

DRAWINGS = resource_path("drawings")
WORDPDF = Path(__file__).resolve().parents[1].parent / "shared" / "wordpdf" / "docxide-pdf"
MM = 72 / 25.4
"""The seal test's tolerance: 1 mm."""
LEFT, TOP = 79.35, 104.9  # the report's page margins (GB/T 9704, pt)


def _make_seal() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_seal", DRAWINGS / "make_seal.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SEAL = _make_seal()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[Problem]]]:
    """Every test document as PDF (path, converter and PDF warnings), made once."""
    folder = tmp_path_factory.mktemp("drawings")
    fonts = FontMap.load()
    out = {}
    for path in sorted(DRAWINGS.glob("*.docx")):
        converted = docx_to_html(path.read_bytes(), fonts, source=path)
        made = html_to_pdf(converted.value)
        target = folder / f"{path.stem}.pdf"
        target.write_bytes(made.value.data)
        out[path.stem] = (target, converted.warnings + made.warnings)
    return out


def words(pdf: Path) -> list[tuple[int, str, float, float, float, float]]:
    """Return every word of a PDF: (page index, text, xMin, yMin, xMax, yMax) in pt from the top left."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    out, page = [], -1
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        found = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', line)
        if found:
            x0, y0, x1, y1 = (float(v) for v in found.groups()[:4])
            out.append((page, found.group(5), x0, y0, x1, y1))
    return out


def pictures(pdf: Path) -> list[tuple[int, list[float], int, int]]:
    """Return each placed picture: (page index, its matrix [a b c d e f] with y from the page top,
    its operator's index in the page's content stream, the index of the page's first text object)."""
    reader = PdfReader(pdf)
    out = []
    for number, page in enumerate(reader.pages):
        height = float(page.mediabox.height)
        images = {
            name
            for name, ref in page["/Resources"].get("/XObject", {}).items()
            if ref.get_object()["/Subtype"] == "/Image"
        }
        ops = ContentStream(page.get_contents(), reader).operations
        first_text = next((i for i, (_, op) in enumerate(ops) if op == b"BT"), len(ops))
        stack, ctm = [], [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        for index, (operands, op) in enumerate(ops):
            if op == b"q":
                stack.append(ctm)
            elif op == b"Q":
                ctm = stack.pop()
            elif op == b"cm":
                a, b, c, d, e, f = (float(v) for v in operands)
                p = ctm
                ctm = [
                    a * p[0] + b * p[2],
                    a * p[1] + b * p[3],
                    c * p[0] + d * p[2],
                    c * p[1] + d * p[3],
                    e * p[0] + f * p[2] + p[4],
                    e * p[1] + f * p[3] + p[5],
                ]
            elif op == b"Do" and operands[0] in images:
                a, b, c, d, e, f = ctm
                out.append((number, [a, b, c, d, e, height - f], index, first_text))
    return out


def box(matrix: list[float]) -> tuple[float, float, float, float]:
    """Return (left, top, width, height) of an unrotated picture's matrix."""
    a, _, _, d, e, f = matrix
    return e, f - d, a, d


def date_line(pdf: Path) -> tuple[int, float, float, float, float]:
    """Return the 落款 date's line: (page, xMin, yMin of its Chinese words, xMax, yMax)."""
    year = next(w for w in words(pdf) if w[1] == "2025")
    line = [w for w in words(pdf) if w[0] == year[0] and abs(w[5] - year[5]) < 3]
    chinese = [w for w in line if not w[1].isascii()]
    return year[0], min(w[2] for w in line), min(w[3] for w in chinese), max(w[4] for w in line), year[5]


def line_top_offset(pdf: Path) -> float:
    """Return how far below its line's top pdftotext puts a body word (16 pt 仿宋, the report's
    grid): measured on page 2, whose first line is a body line at the top margin."""
    first = next(w for w in words(pdf) if w[0] == 1)
    assert first[2] == pytest.approx(LEFT, abs=0.5)  # a body line, not indented: at the margin
    return first[3] - TOP


def test_seal_in_front_lands_on_its_place_over_the_date_and_moves_no_line(rendered) -> None:
    plain, _ = rendered["report-plain"]
    pdf, warnings = rendered["seal-front"]
    assert words(pdf) == words(plain)  # no line moved: every word's box as without the seal
    date = date_line(pdf)
    placed = [p for p in pictures(pdf) if p[0] == date[0]]
    assert len(placed) == 1  # on the date's page
    page, matrix, index, first_text = placed[0]
    left, top, width, height = box(matrix)
    paragraph_top = date[2] - line_top_offset(plain)  # the date paragraph has no space before
    assert left == pytest.approx(SEAL.SEAL_LEFT, abs=MM)  # relativeFrom page
    assert top == pytest.approx(paragraph_top + SEAL.SEAL_ABOVE, abs=MM)  # relativeFrom paragraph
    assert (width, height) == pytest.approx((SEAL.SEAL, SEAL.SEAL), abs=0.01)
    assert index > first_text  # in front: drawn after the text
    assert date[1] < left + width / 2 < date[3]  # over the date (the seal's centre on it: 骑年压月)
    assert top < date[2] < top + height
    assert warnings == []  # nothing approximated


def test_seal_behind_the_text_from_column_and_margin_lands_on_its_place(rendered) -> None:
    plain, _ = rendered["report-plain"]
    pdf, warnings = rendered["seal-behind"]
    assert words(pdf) == words(plain)
    date = date_line(pdf)
    ((page, matrix, index, first_text),) = pictures(pdf)
    assert page == date[0]  # on the page of its anchor paragraph
    left, top, width, height = box(matrix)
    assert left == pytest.approx(LEFT + SEAL.SEAL_COLUMN_LEFT, abs=MM)  # relativeFrom column
    assert top == pytest.approx(TOP + SEAL.SEAL_MARGIN_TOP, abs=MM)  # relativeFrom margin
    assert index < first_text  # behind: drawn before the text
    assert date[1] < left + width / 2 < date[3]  # under the date
    assert top < date[2] < top + height
    assert warnings == []  # nothing approximated


def test_red_rule_under_the_title_lands_on_its_place(rendered) -> None:
    pdf, _ = rendered["seal-front"]
    rule = [p for p in pictures(pdf) if p[0] == 0]
    assert len(rule) == 1
    left, top, width, height = box(rule[0][1])
    offset, below, thickness = SEAL.RULE
    # the title is the first paragraph of page 1, without space before: its top is the top margin
    assert (left, top) == pytest.approx((LEFT + offset, TOP + below), abs=MM)
    assert (width, height) == pytest.approx((595.3 - LEFT - 73.7, thickness), abs=0.01)


def test_cropped_picture_shows_only_its_source_rectangle(rendered) -> None:
    plain, _ = rendered["report-plain"]
    pdf, warnings = rendered["seal-cropped"]
    assert words(pdf) == words(plain)
    ((_, matrix, _, _),) = pictures(pdf)
    left, top, width, height = box(matrix)
    crop_l, crop_t, crop_r, crop_b = (v / 100000 for v in SEAL.CROP)
    full_w, full_h = SEAL.SEAL / (1 - crop_l - crop_r), SEAL.SEAL / (1 - crop_t - crop_b)
    assert (width, height) == pytest.approx((full_w, full_h), abs=0.01)  # the whole picture, larger
    assert left == pytest.approx(SEAL.SEAL_LEFT - crop_l * full_w, abs=0.01)  # moved by the crop
    front, _ = rendered["seal-front"]
    seal_top = box(next(p for p in pictures(front) if p[0] > 0)[1])[1]
    assert top == pytest.approx(seal_top - crop_t * full_h, abs=0.01)
    stream = PdfReader(pdf).pages[-1].get_contents().get_data()
    assert re.search(rb"re\s+W\s+n", stream)  # clipped to the extent
    assert warnings == []  # nothing approximated


def test_turned_picture_keeps_its_centre(rendered) -> None:
    pdf, warnings = rendered["seal-turned"]
    ((_, (a, b, c, d, e, f), _, _),) = pictures(pdf)
    assert math.degrees(math.atan2(-b, a)) == pytest.approx(SEAL.ROTATION, abs=0.01)  # clockwise
    assert math.hypot(a, b) == pytest.approx(SEAL.SEAL, abs=0.01)
    front, _ = rendered["seal-front"]
    left, top, width, height = box(next(p for p in pictures(front) if p[0] > 0)[1])
    centre = (e + (a + c) / 2, f - (b + d) / 2)
    assert centre == pytest.approx((left + width / 2, top + height / 2), abs=0.01)
    assert warnings == []  # nothing approximated


def test_square_wrapping_pushes_the_lines_beside_the_picture_aside(rendered) -> None:
    plain, _ = rendered["report-plain"]
    pdf, warnings = rendered["wrap-square"]
    ((page, matrix, _, _),) = pictures(pdf)
    left, top, width, height = box(matrix)
    width_, height_, gap = SEAL.SQUARE
    assert (left, width, height) == pytest.approx((LEFT, width_, height_), abs=0.01)
    beside = [w for w in words(pdf) if w[0] == page and top <= w[3] < top + height]
    assert len(beside) >= 3
    assert all(w[2] >= LEFT + width + gap - 0.01 for w in beside)  # text on its right only
    below = [w for w in words(pdf) if w[0] == page and w[3] > top + height]
    assert min(w[2] for w in below) == pytest.approx(LEFT, abs=0.01)  # back at the margin below it
    unwrapped = [w for w in words(plain) if w[0] == page and top <= w[3] < top + height]
    assert min(w[2] for w in unwrapped) == pytest.approx(LEFT, abs=0.01)
    assert warnings == []  # nothing approximated


def test_top_and_bottom_wrapping_moves_the_following_text_down_by_its_height(rendered) -> None:
    plain, _ = rendered["report-plain"]
    pdf, warnings = rendered["wrap-band"]
    ((page, matrix, _, _),) = pictures(pdf)
    left, top, width, height = box(matrix)
    _, _, gap = SEAL.BAND
    first_before = next(w for w in words(plain) if w[1].startswith("对照上级"))
    first_after = next(w for w in words(pdf) if w[1].startswith("对照上级"))
    assert first_after[0] == first_before[0] == page
    assert first_after[3] - first_before[3] == pytest.approx(height + gap, abs=0.01)
    assert top == pytest.approx(first_before[3] - line_top_offset(plain), abs=MM)  # paragraph top
    assert warnings == []  # nothing approximated


def test_pictures_in_header_and_footer_are_placed_from_the_page(tmp_path: Path) -> None:
    """A rule in the header 80 pt below the page's top edge lands there; one in the footer is
    placed from the footer area's top, with a warning (its content's height decides Word's place)."""
    import io

    import docx
    from docx.oxml import parse_xml

    doc = docx.Document(str(DRAWINGS / "report-plain.docx"))
    for ident, story, y in ((7, doc.sections[0].header, 80.0), (8, doc.sections[0].footer, 800.0)):
        rid, _ = story.part.get_or_add_image(io.BytesIO(SEAL.block_png((230, 0, 18))))
        xml = SEAL.anchor_xml(rid, ident, f"线{ident}", (100.0, 3.0), ("page", 50.0), ("page", y))
        story.paragraphs[0]._p.append(parse_xml(xml))
    source = tmp_path / "hf.docx"
    doc.save(str(source))
    converted = docx_to_html(source.read_bytes(), FontMap.load(), source=source)
    pdf = tmp_path / "hf.pdf"
    pdf.write_bytes(html_to_pdf(converted.value).value.data)
    header = [box(p[1]) for p in pictures(pdf) if p[0] == 0 and box(p[1])[1] < 400]
    assert header == [pytest.approx((50.0, 80.0, 100.0, 3.0), abs=0.01)]
    assert (
        "页脚第 1 段: 浮动图片“线8”：页脚中按页面定位时，按页脚区域顶端计算（Word 按页面），按近似处理"
        in [f"{p.location}: {p.message}" for p in converted.warnings]
    )


@pytest.mark.skipif(not WORDPDF.is_dir(), reason="../shared/wordpdf is not there")
@pytest.mark.parametrize("name", ["sample100kB", "sample500kB"])
def test_floating_picture_lands_where_word_puts_it(name: str, tmp_path: Path) -> None:
    """A full-width picture wrapped square, centred in the column, at the top of its (empty)
    paragraph: its size and column position as in Word's PDF (0.5 pt), and its distance below the
    last line of text above it as in Word's (3 pt: the text above is laid out by other fonts)."""
    source = WORDPDF / f"{name}.docx"
    converted = docx_to_html(source.read_bytes(), FontMap.load(), source=source)
    ours = tmp_path / f"{name}.pdf"
    ours.write_bytes(html_to_pdf(converted.value).value.data)
    word = WORDPDF / f"{name}.pdf"
    measured = []
    for pdf in (word, ours):
        ((page, matrix, _, _),) = pictures(pdf)
        left, top, width, height = box(matrix)
        above = max(w[3] for w in words(pdf) if w[0] == page and w[3] < top)
        measured.append((left, width, height, top - above))
    (w_left, w_width, w_height, w_gap), (o_left, o_width, o_height, o_gap) = measured
    assert (o_left, o_width, o_height) == pytest.approx((w_left, w_width, w_height), abs=0.5)
    assert o_gap == pytest.approx(w_gap, abs=3.0)
    assert not [p for p in converted.warnings if "浮动" in p.message]


@pytest.mark.skipif(not WORDPDF.is_dir(), reason="../shared/wordpdf is not there")
def test_case31_radar_and_bubble_charts_are_drawn_without_a_warning() -> None:
    source = WORDPDF / "case31.docx"
    converted = docx_to_html(source.read_bytes(), FontMap.load(), source=source)
    assert converted.warnings == []
    assert converted.value.html.count("<svg") == 4


def test_a_released_report_with_rule_text_box_seal_and_chart(rendered) -> None:
    """report-office: the report as an office releases it (issue 13, item 6). The rule, the text box
    and the seal float: every word but the text box's own is where it is in report-chart (same
    report and chart, nothing floating); the text box's text lies inside its box, within the insets
    (7.2 pt left and right, 3.6 pt top and bottom: Word's defaults); the seal is on the date; the
    chart's title and its six categories print as text, in order, under the plot."""
    base, _ = rendered["report-chart"]
    pdf, warnings = rendered["report-office"]
    left, top, width, height = SEAL.TEXT_BOX
    in_box = [w for w in words(pdf) if w[0] == 0 and w[3] < TOP and w[1] in SEAL.TEXT_BOX_TEXT]
    assert "".join(w[1] for w in in_box) == SEAL.TEXT_BOX_TEXT
    assert [w for w in words(pdf) if w not in in_box] == words(base)  # nothing floating moved a line
    for _, _, x0, y0, x1, y1 in in_box:
        assert left + 7.2 - 0.5 <= x0
        assert x1 <= left + width - 7.2 + 0.5
        assert top + 3.6 - 1.5 <= y0
        assert y1 <= top + height - 3.6 + 1.5
    date = date_line(pdf)
    ((_, matrix, _, _),) = [
        p for p in pictures(pdf) if p[0] == date[0] and box(p[1])[2] == pytest.approx(SEAL.SEAL)
    ]
    seal_left, seal_top, size, _ = box(matrix)
    assert date[1] < seal_left + size / 2 < date[3]
    assert seal_top < date[2] < seal_top + size
    title = next(w for w in words(pdf) if w[1] == "本年新收申请（件）")
    labels = [w for w in words(pdf) if w[0] == title[0] and w[1] in {name for name, _ in SEAL.CHART}]
    labels = [
        w for w in labels if abs(w[3] - labels[0][3]) < 1 and w[3] > title[5]
    ]  # one row, below the title
    assert [w[1] for w in sorted(labels, key=lambda w: w[2])] == [name for name, _ in SEAL.CHART]
    assert warnings == []
