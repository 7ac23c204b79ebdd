"""Shapes, text boxes, groups and VML are drawn where Word puts them (docs/drawings.md, "Shapes and
text boxes"); the preset table is ECMA-376's, and its formulas evaluate as the spec says.

Measured in our PDF of tests/resources/shapes/shapes.docx (made by make_shapes.py there): text with
`pdftotext -bbox`, outlines by their pixels in a 144 dpi `pdftoppm` image (2 px a pt).
"""

from __future__ import annotations

import math
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from reportgen.cli import main
from reportgen.docx import docx_to_html
from reportgen.docx.shapes.geometry import evaluate, guides, outline, preset
from reportgen.docx.shapes.make_presets import SOURCE, TARGET, presets_json
from reportgen.errors import Problem
from reportgen.fonts import FontMap
from reportgen.pdf import html_to_pdf
from tests.conftest import resource_path

SHAPES = resource_path("shapes") / "shapes.docx"
WORDPDF = Path(__file__).resolve().parents[1].parent / "shared" / "wordpdf" / "docxide-pdf"
DPI = 144


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Problem]]:
    pdf = tmp_path_factory.mktemp("shapes") / "shapes.pdf"
    converted = docx_to_html(SHAPES.read_bytes(), FontMap.load(), source=SHAPES)
    pdf.write_bytes(html_to_pdf(converted.value).value.data)
    return pdf, converted.warnings


def _words(pdf: Path) -> dict[str, tuple[float, float, float, float]]:
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = {}
    for m in re.finditer(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)<', out):
        found[m.group(5)] = (float(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4)))
    return found


def _image(pdf: Path) -> Image.Image:
    stem = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-singlefile", str(pdf), str(stem)], check=True)
    return Image.open(f"{stem}.png").convert("RGB")


def _extent(image: Image.Image, match, area: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    xs, ys = [], []
    for y in range(area[1], min(area[3], image.height)):
        for x in range(area[0], min(area[2], image.width)):
            if match(image.getpixel((x, y))):
                xs.append(x)
                ys.append(y)
    assert xs, "no such pixel"
    return min(xs), min(ys), max(xs), max(ys)


def test_the_documents_drawings_convert_without_warnings(made) -> None:
    assert made[1] == []


def test_red_outline_is_drawn_around_its_box(made) -> None:
    """The 2 pt red outline of the 200 × 100 pt rectangle at (100, 100): 99 … 301 pt, ±1 px."""
    image = _image(made[0])
    red = lambda p: p[0] > 200 and p[1] < 80 and p[2] < 80  # noqa: E731
    _, top, right, _ = _extent(image, red, (310, 150, 700, 450))  # (the red v:imagedata picture is at
    left, _, _, bottom = _extent(image, red, (150, 340, 700, 450))  # 72…152 × 124…164 pt)
    scale = DPI / 72
    assert abs(left - 99 * scale) <= 1
    assert abs(top - 99 * scale) <= 1
    assert abs(right - 301 * scale) <= 1 + 1  # (the last pixel's index: one less than the edge)
    assert abs(bottom - 201 * scale) <= 2


def test_text_box_text_sits_in_the_box_inside_its_insets(made) -> None:
    """roundRect's text rectangle (adj 16667: 120 pt × 1/6 × (1 − cos 45°) = 5.858 pt in) plus the
    default insets (7.2 pt, 3.6 pt): the first line starts at x = 113.06 pt and y = 259.46 pt.
    Tolerance 0.5 pt horizontally, 1.5 pt vertically (pdftotext's box top is the font's ascent)."""
    words = _words(made[0])
    first, second = words["文本框第一段"], words["第二段文字"]
    assert abs(first[0] - (100 + 5.858 + 7.2)) <= 0.5
    assert abs(first[1] - (250 + 5.858 + 3.6)) <= 1.5  # (pdftotext's box: the font's ascent, above the em)
    assert second[1] > first[3]
    assert abs(second[0] - first[0]) < 0.01


def test_arrow_group_and_vml_shapes_are_drawn(made) -> None:
    image = _image(made[0])
    scale = DPI / 72
    green = _extent(image, lambda p: p[1] > 120 and p[0] < 80 and p[2] < 140, (700, 150, 1100, 260))
    assert abs(green[0] - 400 * scale) <= 2
    assert abs(green[2] - 500 * scale) <= 2
    assert green[3] - green[1] >= 3 * scale  # the triangle head is wider than the 1.5 pt line
    yellow = _extent(image, lambda p: p[0] > 200 and p[1] > 200 and p[2] < 80, (700, 450, 1200, 700))
    blue = _extent(image, lambda p: p[2] > 200 and p[0] < 80 and p[1] < 80, (700, 450, 1200, 700))
    assert abs(yellow[0] - 380 * scale) <= 2
    assert abs(yellow[2] - 460 * scale) <= 2
    assert abs(blue[0] - 460 * scale) <= 2
    assert abs(blue[2] - 540 * scale) <= 2
    orange = _extent(image, lambda p: p[0] > 200 and 150 < p[1] < 220 and p[2] < 60, (150, 850, 500, 1050))
    assert abs(orange[0] - 100 * scale) <= 2
    assert abs(orange[1] - 450 * scale) <= 2
    words = _words(made[0])
    assert abs(words["旧式文本框"][0] - (300 + 7.2)) <= 0.5
    red = lambda p: p[0] > 200 and p[1] < 80 and p[2] < 80  # noqa: E731  (v:imagedata, 80 × 40 pt)
    column = _extent(image, red, (150, 200, 190, 400))  # (left of the red rectangle's outline)
    assert abs((column[3] - column[1] + 1) - 40 * scale) <= 2
    assert abs(_extent(image, red, (100, column[1], 196, column[3]))[0] - 72 * scale) <= 1


def test_round_rect_corner_and_right_arrow_head_from_the_formulas() -> None:
    w, h = 200 * 12700, 100 * 12700
    env = guides(preset("roundRect") or {}, w, h)
    assert env["x1"] == pytest.approx(100 * 12700 * 16667 / 100000)  # ss × adj / 100000
    assert env["il"] == pytest.approx(env["x1"] * 0.29289)  # the text rectangle: x1 (1 − cos 45°)
    paths, _ = outline(preset("rightArrow") or {}, w, h)
    # head: dx2 = ss × adj2 / 100000 = 50 pt; the shaft: 50 % of the height (adj1 50000), centred
    assert paths[0].d == "M0 25L150 25L150 0L200 50L150 100L150 75L0 75Z"
    paths, _ = outline(preset("rightArrow") or {}, w, h, {"adj2": "val 100000"})
    assert "L100 0L200 50" in paths[0].d


def test_guide_operators_against_hand_computed_values() -> None:
    env = {"a": 3.0, "b": 4.0, "c": 2.0}
    assert evaluate("+/ a b c", env) == 3.5
    assert evaluate("*/ a b c", env) == 6.0
    assert evaluate("+- a b c", env) == 5.0
    assert evaluate("at2 a b", env) == pytest.approx(math.degrees(math.atan2(4, 3)) * 60000)
    assert evaluate("at2 -1 0", {}) == pytest.approx(180 * 60000)
    assert evaluate("cat2 10 a b", env) == pytest.approx(10 * 3 / 5)
    assert evaluate("sat2 10 a b", env) == pytest.approx(10 * 4 / 5)
    assert evaluate("pin 0 7 5", {}) == 5.0
    assert evaluate("pin 0 -1 5", {}) == 0.0
    assert evaluate("?: -1 a b", env) == 4.0
    assert evaluate("mod a b 0", env) == 5.0
    assert evaluate("cos 10 5400000", {}) == pytest.approx(0.0, abs=1e-9)
    with pytest.raises(ValueError, match="nope"):
        evaluate("*/ nope 1 1", {})


@pytest.mark.skipif(not SOURCE.is_file(), reason="../shared/reference is not beside the repository")
def test_the_preset_table_is_made_from_the_spec() -> None:
    assert presets_json(SOURCE.read_bytes()) == TARGET.read_bytes()


@pytest.mark.skipif(
    not (WORDPDF / "case34.pdf").is_file(), reason="../shared/wordpdf is not beside the repository"
)
def test_case34_labels_are_where_word_puts_them(tmp_path: Path) -> None:
    """Every shape's label in docxide-pdf case34 within 6 pt of Word's (centre of its word box)."""
    source = WORDPDF / "case34.docx"
    converted = docx_to_html(source.read_bytes(), FontMap.load(), source=source)
    assert converted.warnings == []
    pdf = tmp_path / "case34.pdf"
    pdf.write_bytes(html_to_pdf(converted.value).value.data)
    ours, word = _words(pdf), _words(WORDPDF / "case34.pdf")
    labels = [label for label in word if label in ours]
    assert len(labels) >= 15
    for label in labels:
        (a, b, c, d), (e, f, g, h) = word[label], ours[label]
        assert abs((a + c) / 2 - (e + g) / 2) <= 6, label
        assert abs((b + d) / 2 - (f + h) / 2) <= 6, label


def test_strict_fails_on_a_shape_it_approximates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A preset name not in ECMA-376's table is drawn as a rectangle, with a warning; --strict fails."""
    source = tmp_path / "odd.docx"
    with zipfile.ZipFile(SHAPES) as original, zipfile.ZipFile(source, "w") as copy:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b'prst="rect"', b'prst="noSuchShape"', 1)
            copy.writestr(item, data)
    assert main(["pdf", str(source), "--strict"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"错误：{source}: 有警告（--strict 模式下视为错误）\n")
    assert f"  {source}: 正文第 1 段: 图形“Red rectangle”中的预设形状 noSuchShape按近似处理\n" in err
    assert not (tmp_path / "odd.pdf").exists()


def test_a_smartart_without_its_drawing_part_is_a_warning(tmp_path: Path) -> None:
    if not (WORDPDF / "case37.docx").is_file():
        pytest.skip("../shared/wordpdf is not beside the repository")
    source = tmp_path / "case37.docx"
    with zipfile.ZipFile(WORDPDF / "case37.docx") as original, zipfile.ZipFile(source, "w") as copy:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"/diagramDrawing", b"/somethingElse")
            copy.writestr(item, data)
    converted = docx_to_html(source.read_bytes(), FontMap.load(), source=source)
    messages = [f"{p.location}: {p.message}" for p in converted.warnings]
    assert messages == ["正文第 1 段: SmartArt 图形“Diagram 1”没有预先绘制的图形部件，已略过"]
