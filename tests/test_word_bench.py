"""The Word yardstick bench (bench/word.py): its comparison functions measure what they claim."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image

from reportgen.docx import docx_to_html
from reportgen.fonts import FontMap
from reportgen.pdf import html_to_pdf

ROOT = Path(__file__).resolve().parents[1]
PAIR = ROOT.parent / "shared" / "wordpdf" / "docxide-pdf" / "case17"  # one page: shading and borders


def _bench() -> ModuleType:
    path = ROOT / "bench" / "word.py"
    spec = importlib.util.spec_from_file_location("word_bench", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["word_bench"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _page(*dots: tuple[int, int]) -> Image.Image:
    image = Image.new("L", (12, 10), 255)
    for dot in dots:
        image.putpixel(dot, 0)
    return image


def test_ink_overlap_counts_dilated_marks_over_their_union() -> None:
    bench = _bench()
    # one dark pixel each, one pixel apart: 3×3 squares after dilation share 2×3 of 4×3 pixels
    assert bench.ink_overlap(_page((2, 2)), _page((3, 2))) == pytest.approx(6 / 12)
    assert bench.ink_overlap(_page((2, 2)), _page((2, 2))) == 1.0
    assert bench.ink_overlap(_page((2, 2)), _page((9, 7))) == 0.0  # too far apart to be forgiven
    assert bench.ink_overlap(_page(), _page()) == 1.0  # two blank pages are the same page
    assert bench.ink_overlap(_page(), _page((5, 5))) == 0.0
    # pages of different sizes are compared top-left aligned, the missing part blank
    small = Image.new("L", (5, 5), 255)
    small.putpixel((2, 2), 0)
    assert bench.ink_overlap(_page((2, 2)), small) == 1.0
    # a page only one PDF has counts 0
    assert bench.ink([_page((2, 2))], [_page((2, 2)), _page()]) == [1.0, 0.0]


def test_word_pdf_against_itself_and_against_ours(tmp_path: Path) -> None:
    if not PAIR.with_suffix(".docx").is_file():
        pytest.skip(f"Word-made PDFs ({PAIR.parent}) not available")
    bench = _bench()
    word = PAIR.with_suffix(".pdf")
    same, _, _ = bench.compare(word, word, tmp_path / "same")
    assert (same.pages, same.word_pages, same.equal_pages) == (1, 1, 1)
    assert same.lines == same.word_lines > 10
    assert same.ink == [1.0]

    converted = docx_to_html(PAIR.with_suffix(".docx").read_bytes(), FontMap.load())
    ours = tmp_path / "ours.pdf"
    ours.write_bytes(html_to_pdf(converted.value).value.data)
    scores, images, word_images = bench.compare(ours, word, tmp_path / "ours")
    assert scores.word_pages == 1
    assert 1 <= scores.pages <= 2
    assert 0 <= scores.lines < scores.word_lines  # Aptos has no metric-compatible stand-in
    assert len(scores.ink) == max(len(images), len(word_images))
    assert 0.05 < scores.ink[0] < 1.0  # the same page, not the same ink

    missing, _, _ = bench.compare(None, word, tmp_path / "failed")
    assert (missing.pages, missing.equal_pages, missing.lines, missing.ink) == (0, 0, 0, [0.0])
