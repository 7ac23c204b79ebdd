"""Charts (c:chart) drawn as SVG from the chart part's cached values (docs/drawings.md, Charts).

Measured in our PDFs: texts with `pdftotext -bbox` (they stay text), bars by their coloured pixels
(pdftoppm). The documents are made by tests/resources/charts/make_charts.py; the comparison with
Word uses docxide-pdf case29 from ../shared (skipped when absent).
"""

from __future__ import annotations

import importlib.util
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
    _, warnings = rendered["radar"]
    assert warnings == [Problem("正文第 2 段", "图表“图表 1”：雷达图，已略过")]


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
