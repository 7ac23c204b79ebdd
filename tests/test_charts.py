"""Charts (c:chart) drawn as SVG from the chart part's cached values (docs/drawings.md, Charts).

Measured in our PDFs: texts with `pdftotext -bbox` (they stay text), bars by their coloured pixels
(pdftoppm). The documents are made by tests/resources/charts/make_charts.py; the comparison with
Word uses docxide-pdf case29 from ../shared (skipped when absent).
"""

from __future__ import annotations

import importlib.util
import math
import subprocess
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image

from reportgen.docx import docx_to_html
from reportgen.docx.charts.numbers import auto_scale, format_number
from reportgen.errors import ConversionError, Problem
from reportgen.fonts import FontMap
from reportgen.pdf import html_to_pdf
from tests.conftest import resource_path
from tests.test_drawings import words

CHARTS = resource_path("charts")
WORDPDF = Path(__file__).resolve().parents[1].parent / "shared" / "wordpdf" / "docxide-pdf"
LEFT = 72.0  # the test documents' left margin (pt); each chart is 360 × 216 pt
Word = tuple[int, str, float, float, float, float]


def _make_charts() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_charts", CHARTS / "make_charts.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAKE = _make_charts()


def _render(path: Path, folder: Path) -> tuple[Path, list[Problem]]:
    converted = docx_to_html(path.read_bytes(), FontMap.load(), source=path)
    made = html_to_pdf(converted.value)
    target = folder / f"{path.stem}.pdf"
    target.write_bytes(made.value.data)
    return target, converted.warnings + made.warnings


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[Problem]]]:
    """Every chart test document as PDF (path, warnings), made once."""
    folder = tmp_path_factory.mktemp("charts")
    return {path.stem: _render(path, folder) for path in sorted(CHARTS.glob("*.docx"))}


def _find(found: list[Word], text: str) -> Word:
    hits = [w for w in found if w[1] == text]
    assert hits, f"{text!r} not in the PDF's text"
    return hits[0]


def _middle(word: Word) -> tuple[float, float]:
    return (word[2] + word[4]) / 2, (word[3] + word[5]) / 2


def test_column_chart_texts_are_text_at_their_places(rendered: dict[str, tuple[Path, list[Problem]]]) -> None:
    pdf, warnings = rendered["column"]
    assert warnings == []
    found = words(pdf)
    title = [_find(found, "Quarterly"), _find(found, "Results")]
    assert (title[0][2] + title[1][4]) / 2 == pytest.approx(LEFT + 180, abs=1.5)  # centred on the chart
    # value axis: Excel's scale for 22.1 is 0–25 by 5, ascending bottom to top, evenly spaced
    ticks = [_find(found, str(v)) for v in (0, 5, 10, 15, 20, 25)]
    ys = [_middle(w)[1] for w in ticks]
    assert ys == sorted(ys, reverse=True)
    steps = [a - b for a, b in zip(ys, ys[1:], strict=False)]
    assert max(steps) - min(steps) < 0.1
    assert all(w[4] < LEFT + 30 for w in ticks)  # right-aligned left of the plot
    # categories left to right under the plot; legend entries top to bottom right of it
    cats = [_find(found, q) for q in ("Q1", "Q2", "Q3", "Q4")]
    assert [w[2] for w in cats] == sorted(w[2] for w in cats)
    assert all(w[3] > ticks[0][5] for w in cats)
    revenue, expenses = _find(found, "Revenue"), _find(found, "Expenses")
    assert revenue[2] == pytest.approx(expenses[2], abs=0.01)
    assert revenue[3] < expenses[3]
    assert revenue[2] > cats[-1][4] + 20
    # value labels (c:dLbls showVal) above the first series' bars: higher for larger values
    labels = {v: _middle(_find(found, v)) for v in ("12.5", "18.3", "15.7", "22.1")}
    assert labels["22.1"][1] < labels["18.3"][1] < labels["15.7"][1] < labels["12.5"][1]
    assert [labels[v][0] for v in ("12.5", "18.3", "15.7", "22.1")] == sorted(x for x, _ in labels.values())


def _runs(pdf: Path, rgb: tuple[int, int, int], folder: Path) -> list[tuple[float, float, float]]:
    """Return each vertical bar of colour `rgb` on page 1: (x centre, top, bottom) in pt."""
    subprocess.run(
        ["pdftoppm", "-r", "144", "-f", "1", "-l", "1", "-png", str(pdf), str(folder / "p")], check=True
    )
    image = Image.open(next(folder.glob("p*.png"))).convert("RGB")
    scale = 72 / 144
    width, height = image.size
    pixels = image.load()
    assert pixels is not None
    columns = [x for x in range(width) if any(pixels[x, y] == rgb for y in range(0, height, 2))]
    bars, start = [], None
    for x in columns + [-10]:
        if start is None:
            start = prev = x
        elif x != prev + 1:
            mid = (start + prev) // 2
            ys = [y for y in range(height) if pixels[mid, y] == rgb]
            bars.append((mid * scale, ys[0] * scale, (ys[-1] + 1) * scale))
            start = prev = x
        else:
            prev = x
    return bars


def test_bar_heights_are_proportional_to_the_values(
    rendered: dict[str, tuple[Path, list[Problem]]], tmp_path: Path
) -> None:
    pdf, _ = rendered["column"]
    bars = _runs(pdf, (0x44, 0x72, 0xC4), tmp_path)
    legend_key = [b for b in bars if b[2] - b[1] < 8]  # the legend's square
    bars = [b for b in bars if b not in legend_key]
    assert len(bars) == 4
    found = words(pdf)
    zero, top = _middle(_find(found, "0"))[1], _middle(_find(found, "25"))[1]
    per_unit = (zero - top) / 25
    for (_, bar_top, bar_bottom), value in zip(bars, (12.5, 18.3, 15.7, 22.1), strict=True):
        assert bar_bottom == pytest.approx(zero, abs=1.0)
        assert (bar_bottom - bar_top) == pytest.approx(value * per_unit, abs=1.0)


def test_chinese_labels_are_extractable_in_the_cjk_face(
    rendered: dict[str, tuple[Path, list[Problem]]],
) -> None:
    pdf, warnings = rendered["chinese"]
    assert warnings == []
    found = words(pdf)
    apply, publish = _find(found, "申请"), _find(found, "公开")
    assert apply[4] < publish[2]
    assert _find(found, "件数")[3] > apply[5]  # the legend below the categories
    _find(found, "申请与公开")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    cjk = FontMap.load().resolve("宋体").family.replace(" ", "-")
    assert cjk in fonts


def test_pie_percentages_and_legend(rendered: dict[str, tuple[Path, list[Problem]]]) -> None:
    pdf, warnings = rendered["pie"]
    assert warnings == []
    found = words(pdf)
    for text in ("50%", "30%", "20%"):
        _find(found, text)
    legend = [_find(found, name) for name in ("甲", "乙", "丙")]
    assert [w[3] for w in legend] == sorted(w[3] for w in legend)
    # the first slice starts at 12 o'clock, clockwise: its label right of the pie's centre
    assert _middle(_find(found, "50%"))[0] > _middle(_find(found, "30%"))[0]


def test_axis_number_format(rendered: dict[str, tuple[Path, list[Problem]]]) -> None:
    pdf, warnings = rendered["line-percent"]
    assert warnings == []
    found = words(pdf)
    ys = [_middle(_find(found, f"{v}%"))[1] for v in range(0, 90, 10)]
    assert ys == sorted(ys, reverse=True)


def test_floating_chart_takes_the_anchor_place(rendered: dict[str, tuple[Path, list[Problem]]]) -> None:
    pdf, warnings = rendered["floating"]
    assert warnings == []
    found = words(pdf)
    title = [_find(found, "Quarterly"), _find(found, "Results")]
    assert (title[0][2] + title[1][4]) / 2 == pytest.approx(100 + 180, abs=1.5)  # 100 pt from the page's left
    assert title[0][3] > 400  # placed 400 pt from the page's top
    inline = words(rendered["column"][0])
    after, after_inline = _find(found, "After"), _find(inline, "After")
    assert after[3] < after_inline[3] - 150  # wrapNone: the chart moves no line


def test_undrawn_chart_type_is_a_warning(rendered: dict[str, tuple[Path, list[Problem]]]) -> None:
    _, warnings = rendered["surface"]
    assert warnings == [Problem("正文第 2 段", "图表“图表 1”：曲面图，已略过")]


def _blobs(
    pdf: Path, rgb: tuple[int, int, int], folder: Path, above: float = 1e9
) -> list[tuple[float, float, float, float]]:
    """Return the areas of colour `rgb` on page 1 above y = `above` (pt), apart from each other by
    columns without it: (left, top, right, bottom) in pt."""
    subprocess.run(
        ["pdftoppm", "-r", "144", "-f", "1", "-l", "1", "-png", str(pdf), str(folder / "b")], check=True
    )
    image = Image.open(next(folder.glob("b*.png"))).convert("RGB")
    width, height = image.size
    pixels = image.load()
    assert pixels is not None
    rows = {x: [y for y in range(min(height, int(above * 2))) if pixels[x, y] == rgb] for x in range(width)}
    blobs, run = [], []
    for x in range(width + 1):
        if x < width and rows[x]:
            run.append(x)
        elif run:
            ys = [y for c in run for y in rows[c]]
            blobs.append((run[0] / 2, min(ys) / 2, (run[-1] + 1) / 2, (max(ys) + 1) / 2))
            run = []
    return blobs


def test_radar_chart_spokes_rings_and_values(
    rendered: dict[str, tuple[Path, list[Problem]]], tmp_path: Path
) -> None:
    """A filled radar: Excel's 0–10 scale up the first spoke, the category labels round the chart,
    the series' polygon reaching each spoke at its value (1 pt)."""
    pdf, warnings = rendered["radar"]
    assert warnings == []
    found = words(pdf)
    ticks = [_find(found, str(v)) for v in (0, 2, 4, 6, 8, 10)]
    ys = [_middle(w)[1] for w in ticks]
    steps = [a - b for a, b in zip(ys, ys[1:], strict=False)]
    assert min(steps) > 5
    assert max(steps) - min(steps) < 0.1
    centre_y, radius = ys[0], ys[0] - ys[-1]
    centre_x = ticks[0][4] + 11.47  # the labels end 11.47 pt left of the axis
    assert centre_x == pytest.approx(LEFT + 180, abs=1.0)  # centred on the chart
    speed, comfort, safety = _find(found, "Speed"), _find(found, "Comfort"), _find(found, "Safety")
    price, range_ = _find(found, "Price"), _find(found, "Range")
    assert _middle(speed)[0] == pytest.approx(centre_x, abs=1.0)
    assert speed[5] < centre_y - radius
    assert comfort[2] > centre_x + radius * 0.95
    assert range_[4] < centre_x - radius * 0.95
    assert safety[2] > centre_x
    assert price[4] < centre_x
    assert min(safety[3], price[3]) > centre_y + radius * 0.75
    legend = _find(found, "Score")
    area = _blobs(pdf, (0x44, 0x72, 0xC4), tmp_path, legend[3] - 2)
    assert len(area) == 1
    left, top, right, bottom = area[0]
    # (1.5 pt: an exactly coloured pixel lies inside a sharp corner; a step of the scale is 14 pt)
    assert top == pytest.approx(centre_y - radius * 0.8, abs=1.5)  # Speed: 8
    assert bottom == pytest.approx(centre_y + radius * 0.6 * math.cos(math.radians(36)), abs=1.5)  # 6, 6
    assert right == pytest.approx(centre_x + radius * 0.6 * math.sin(math.radians(36)), abs=1.5)  # Safety: 6
    assert left == pytest.approx(centre_x - radius * 0.6 * math.sin(math.radians(36)), abs=1.5)  # Price: 6


def test_radar_lines_with_markers_and_legend(rendered: dict[str, tuple[Path, list[Problem]]]) -> None:
    pdf, warnings = rendered["radar-lines"]
    assert warnings == []
    found = words(pdf)
    alpha, beta = _find(found, "Alpha"), _find(found, "Beta")
    assert alpha[3] == pytest.approx(beta[3], abs=0.01)
    assert alpha[4] < beta[2]
    assert alpha[3] > _find(found, "Price")[5]


def test_bubble_sizes_and_axes(rendered: dict[str, tuple[Path, list[Problem]]], tmp_path: Path) -> None:
    """Bubbles at their x and y, the largest as wide as a quarter of the plot area's height, the
    others by area (size 4 and 9 of 16: half and three quarters); the axes reach round them."""
    pdf, warnings = rendered["bubble"]
    assert warnings == []
    found = words(pdf)
    y0, y80 = _middle(_find(found, "0"))[1], _middle(_find(found, "80"))[1]  # 60 + its bubble → 80
    xs = {
        v: _middle([w for w in found if w[1] == str(v) and w[3] > y0 - 1][0])[0] for v in (0, 10, 30, 50, 60)
    }
    largest = (y0 - y80) / 4
    blue = _blobs(pdf, (0x44, 0x72, 0xC4), tmp_path)
    orange = _blobs(pdf, (0xED, 0x7D, 0x31), tmp_path)
    small, big = blue[0], blue[1]
    (south,) = [b for b in orange if b[2] - b[0] > 10]  # not the legend's key
    for blob, x, y, share in ((small, 10, 20, 0.5), (big, 30, 60, 1.0), (south, 50, 30, 0.75)):
        left, top, right, bottom = blob
        assert right - left == pytest.approx(largest * share, abs=1.0)
        assert bottom - top == pytest.approx(largest * share, abs=1.0)
        assert (left + right) / 2 == pytest.approx(xs[0] + (xs[60] - xs[0]) * x / 60, abs=1.0)
        assert (top + bottom) / 2 == pytest.approx(y0 - (y0 - y80) * y / 80, abs=1.0)


def test_bubble_scale_and_width_sizes() -> None:
    """c:bubbleScale scales every bubble; sizeRepresents="w" makes the width proportional to the size."""
    from reportgen.docx.charts.axes import Frame
    from reportgen.docx.charts.bubble import bubbles
    from reportgen.docx.charts.model import Plot, Series
    from reportgen.docx.charts.numbers import Scale

    series = Series(0, "S", [], [1.0, 2.0], xs=[1.0, 2.0], sizes=[4.0, 16.0])
    frame = Frame(0, 0, 400, 200, False, 2, False, Scale(0, 10, 1), Scale(0, 10, 1))
    radii = [r for *_, r in bubbles(Plot("bubble", [series], bubble_scale=0.5), frame)]
    assert radii == pytest.approx([6.25, 12.5])  # 200 pt × 25 % × 50 %, by area
    radii = [r for *_, r in bubbles(Plot("bubble", [series], size_area=False), frame)]
    assert radii == pytest.approx([6.25, 25.0])


def test_hostile_chart_part_is_refused(tmp_path: Path) -> None:
    chart = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><c:chartSpace xmlns:c="x"/>'
    data = MAKE.build("hostile", chart)
    with pytest.raises(ConversionError) as caught:
        docx_to_html(data, FontMap.load())
    assert caught.value.problems[0].location == "word/charts/chart1.xml"


def test_excel_axis_scale_and_number_formats() -> None:
    # the scales Word drew for docxide-pdf case29–31 and sample100kB
    assert auto_scale(0, 22.1) == auto_scale(0.0, 22.1)
    assert (auto_scale(2.3, 22.1).high, auto_scale(2.3, 22.1).unit) == (25, 5)
    assert (auto_scale(340, 610).low, auto_scale(340, 610).high, auto_scale(340, 610).unit) == (0, 700, 100)
    assert (auto_scale(2800, 5100).high, auto_scale(2800, 5100).unit) == (6000, 1000)
    assert (auto_scale(12, 52).high, auto_scale(12, 52).unit) == (60, 10)
    assert (auto_scale(40, 95).high, auto_scale(40, 95).unit) == (100, 10)
    assert (auto_scale(1.5, 9.65).high, auto_scale(1.5, 9.65).unit) == (12, 2)
    assert (auto_scale(-3, 5).low, auto_scale(-3, 5).high) == (-4, 6)
    assert [format_number(v, c) for v, c in [(8.8000000000000007, "General"), (1234.5, "#,##0"), (0.256, "0%"),
            (0.256, "0.0%"), (3.14159, "0.0"), (12, '0"件"'), (7, "0"), (-5, "0;(0)")]] == [
        "8.8", "1,235", "26%", "25.6%", "3.1", "12件", "7", "(5)"]  # fmt: skip


def test_case29_matches_word(tmp_path: Path) -> None:
    """Our case29 beside Word's: each chart's labels and legend within 3 pt of Word's, measured from
    the chart's top value label (the charts start where the text above them ends, which is not
    what this test is about)."""
    source = WORDPDF / "case29.docx"
    if not source.is_file():
        pytest.skip("docxide-pdf case29 not available")
    ours, warnings = _render(source, tmp_path)
    assert warnings == []
    mine, word = words(ours), words(source.with_suffix(".pdf"))
    for anchor, names in (
        ("25", ("Revenue", "Expenses", "Profit", "Q1", "Q4", "0")),
        ("Admin", ("2025", "2024", "60")),
    ):
        ref_ours, ref_word = _find(mine, anchor), _find(word, anchor)
        for name in names:
            a, b = _find(mine, name), _find(word, name)
            for axis in (0, 1):
                moved = _middle(a)[axis] - _middle(ref_ours)[axis]
                expected = _middle(b)[axis] - _middle(ref_word)[axis]
                assert moved == pytest.approx(expected, abs=3.0), (name, axis)


def test_case31_radar_and_bubble_match_word(tmp_path: Path) -> None:
    """Our case31 beside Word's: the radar's category and value labels and the bubble chart's axis
    labels and legend within 3 pt of Word's, measured from each chart's top label on its page."""
    source = WORDPDF / "case31.docx"
    if not source.is_file():
        pytest.skip("docxide-pdf case31 not available")
    ours, warnings = _render(source, tmp_path)
    assert warnings == []
    mine, word = words(ours), words(source.with_suffix(".pdf"))
    for anchor, names in (
        ("Speed", ("Reliability", "Comfort", "Safety", "Price", "10", "2")),
        ("120", ("North", "South", "100", "60")),
    ):
        ref_ours, ref_word = _find(mine, anchor), _find(word, anchor)
        for name in names:
            a = next(w for w in mine if w[1] == name and w[0] == ref_ours[0] and w[3] >= ref_ours[3] - 20)
            b = next(w for w in word if w[1] == name and w[0] == ref_word[0] and w[3] >= ref_word[3] - 20)
            for axis in (0, 1):
                moved = _middle(a)[axis] - _middle(ref_ours)[axis]
                expected = _middle(b)[axis] - _middle(ref_word)[axis]
                assert moved == pytest.approx(expected, abs=3.0), (name, axis)
